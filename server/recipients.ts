/**
 * Subscribers as they are now: a subscription is only spent on a person who still lives under the unit, has a
 * WeChat identity and was not deleted (their `people` document decides, never the subscription's copy of the
 * home). Shared by notice delivery and reminders so both find subscribers the same way.
 */
import type { SubscriptionDoc } from '../core/model'
import { isWithin } from '../core/units'
import type { Data } from './data'

export interface Recipient {
  sub: SubscriptionDoc
  personId: string
  openid: string
  homePath: string
}

/**
 * Subscriptions of a template under `path` with a message left, in id order after `after` (`last`: the cursor to
 * go on from), each with its person; `scanned`: subscriptions read; `done` when none are left after them.
 */
export async function recipientsUnder(
  data: Data,
  path: string,
  templateId: string,
  after: string,
  limit: number,
): Promise<{ recipients: Recipient[]; scanned: number; last: string; done: boolean }> {
  const subs = await data.subscriptions.under(path, templateId, after, limit)
  const people = new Map((await data.people.byIds(subs.map((s) => s.personId))).map((p) => [p._id, p]))
  const recipients = subs.flatMap((sub): Recipient[] => {
    const p = people.get(sub.personId)
    if (!p || p.deletedAt || !p.openid || !p.homePath || !isWithin(p.homePath, path)) return []
    return [{ sub, personId: p._id, openid: p.openid, homePath: p.homePath }]
  })
  const last = subs.length ? subs[subs.length - 1]._id : after
  return { recipients, scanned: subs.length, last, done: subs.length < limit }
}
