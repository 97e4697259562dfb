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

/** Shards a delivery's audience is split into: enough for 100,000 subscribers in minutes (docs/deploy.md). */
export const DELIVERY_SHARDS = 16

/**
 * The subscription-id ranges [lo, hi) of a delivery's shards, covering every id: person ids are `p` and random
 * hex (cloudfunctions/org/new-ids.ts) and a subscription's id starts with its person's, so splitting on the hex
 * digit after `p` gives shards of even size; ids of any other shape still fall in the first or the last.
 */
export const shardRanges = (count = DELIVERY_SHARDS): { lo: string; hi: string }[] => {
  const digits = '0123456789abcdef'
  const cuts = Array.from({ length: count - 1 }, (_, i) => {
    const at = Math.floor(((i + 1) * 256) / count) // a position in two hex digits: counts up to 256 shards stay even
    return `p${digits[Math.floor(at / 16)]}${digits[at % 16]}`
  })
  const bounds = ['', ...cuts, '\uffff']
  return bounds.slice(0, -1).map((lo, i) => ({ lo, hi: bounds[i + 1] }))
}
