/**
 * Subscribers as they are now: a subscription is only spent on a person who still lives under the unit, has a
 * WeChat identity and was not deleted (their `people` document decides, never the subscription's copy of the
 * home). Shared by notice delivery and reminders so both find subscribers, and spend a message, the same way.
 */
import type { SubscriptionDoc } from '../core/model'
import { isWithin } from '../core/units'
import { getCloud } from './cloud'
import type { Data } from './data'
import { byId } from './views'

type SubscribeMessage = Parameters<ReturnType<typeof getCloud>['openapi']['subscribeMessage']['send']>[0]

export interface Recipient {
  sub: SubscriptionDoc
  personId: string
  openid: string
  homePath: string
}

/**
 * Subscriptions of a template under `path` with a message left, in id order after `after` and before `before`
 * (a delivery shard's end; `last`: the cursor to go on from), each with its person; `scanned`: subscriptions read;
 * `done` when none are left after them.
 */
export async function recipientsUnder(
  data: Data,
  path: string,
  templateId: string,
  after: string,
  limit: number,
  before?: string,
): Promise<{ recipients: Recipient[]; scanned: number; last: string; done: boolean }> {
  const subs = await data.subscriptions.under(path, templateId, after, limit, before)
  const people = byId(await data.people.byIds(subs.map((s) => s.personId)))
  const recipients = subs.flatMap((sub): Recipient[] => {
    const p = people.get(sub.personId)
    if (!p || p.deletedAt || !p.openid || !p.homePath || !isWithin(p.homePath, path)) return []
    return [{ sub, personId: p._id, openid: p.openid, homePath: p.homePath }]
  })
  const last = subs.length ? subs[subs.length - 1]._id : after
  return { recipients, scanned: subs.length, last, done: subs.length < limit }
}

/**
 * These people's subscriptions of a template with a message left, each with its person (a team's members, one
 * promoted volunteer): the same checks as recipientsUnder, without the unit — who was deleted, has no WeChat
 * identity or no home any more (left their household) gets nothing.
 */
export async function recipientsAmong(
  data: Data,
  personIds: readonly string[],
  templateId: string,
): Promise<Recipient[]> {
  if (!personIds.length) return []
  const subs = await data.subscriptions.ofPeople(personIds, templateId)
  const people = byId(await data.people.byIds(subs.map((s) => s.personId)))
  return subs.flatMap((sub): Recipient[] => {
    const p = people.get(sub.personId)
    if (!p || p.deletedAt || !p.openid || !p.homePath) return []
    return [{ sub, personId: p._id, openid: p.openid, homePath: p.homePath }]
  })
}

/**
 * Spends one of the recipient's messages, then sends `message`: taken before it is sent, so a reminder and a
 * delivery at once never send the same one, and with `purpose` (e.g. `deliver:<noticeId>`) a resumed batch never
 * spends a second one on the same purpose. 'sent' when WeChat took it; 'none' when none was left (another sender
 * spent it, or it was spent on this purpose already); 'refused' when WeChat refused it (unsubscribed, blocked:
 * spent either way, logged under `label`).
 */
export async function spendAndSendAs(
  data: Data,
  r: Recipient,
  message: SubscribeMessage,
  label: string,
  purpose?: string,
): Promise<'sent' | 'none' | 'refused'> {
  const at = new Date()
  const spent = purpose
    ? await data.subscriptions.consume(r.sub._id, at, purpose)
    : await data.subscriptions.consume(r.sub._id, at)
  if (!spent) return 'none'
  try {
    await getCloud().openapi.subscribeMessage.send(message)
    return 'sent'
  } catch (error) {
    console.warn(`[${label}] → ${r.personId} failed`, error)
    return 'refused'
  }
}

/** spendAndSendAs, true only when WeChat took the message (reminders). */
export const spendAndSend = async (
  data: Data,
  r: Recipient,
  message: SubscribeMessage,
  label: string,
  purpose?: string,
): Promise<boolean> => (await spendAndSendAs(data, r, message, label, purpose)) === 'sent'
