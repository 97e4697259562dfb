/** Who a notice's subscribe messages go to (delivery, reminders), and what a reminder to the unreached says. */
import type { NoticeDoc, SubscriptionDoc } from '../model'
import { ancestorAt } from '../units'
import { noticeMessage } from './links'

/** A subscriber as they are now: the person's id and home, and their subscription. */
interface Subscriber {
  personId: string
  homePath: string
  sub: Pick<SubscriptionDoc, 'since'>
}

/**
 * The subscribers due a notice's message: a subscription counts from the moment it is made (not for notices
 * published before), and who has already opened the notice needs no message.
 */
export const dueForNotice = <R extends Subscriber>(
  n: Pick<NoticeDoc, 'publishedAt'>,
  subscribers: readonly R[],
  readers: ReadonlySet<string>,
): R[] => {
  const publishedAt = +new Date(n.publishedAt)
  return subscribers.filter((r) => !readers.has(r.personId) && !(r.sub.since && +new Date(r.sub.since) > publishedAt))
}

/** The household a subscriber lives in, as the person's own home says now (a subscription's copy may be stale). */
export const homeOf = (r: Pick<Subscriber, 'homePath'>): string | undefined => ancestorAt(r.homePath, 'household')

/** The subscribers whose household no receipt names yet (`reached`: the households reached): a reminder's audience. */
export const unreachedAmong = <R extends Pick<Subscriber, 'homePath'>>(
  subscribers: readonly R[],
  reached: ReadonlySet<string>,
): R[] =>
  subscribers.filter((r) => {
    const home = homeOf(r)
    return !!home && !reached.has(home)
  })

/** A reminder to the unreached: the notice's message, its origin and urgency lines asking for 收到. */
export const reminderMessage = (
  notice: Parameters<typeof noticeMessage>[0],
  to: Parameters<typeof noticeMessage>[1],
): ReturnType<typeof noticeMessage> =>
  noticeMessage(notice, to, { origin: `提醒：${notice.origin}`, urgency: '请回复收到' })
