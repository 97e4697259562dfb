/**
 * One-time subscribe messages residents accepted (`subscriptions`), shared by notice delivery and reminders so
 * both find subscribers the same way and spend a message the same way.
 *
 * Where a person lives has one source of truth: their `people` document. A subscription's `homePath` is only an
 * index copy (to find the subscribers under a unit by prefix), rewritten by a move and dropped with the
 * subscription when the person leaves their household or is deleted; and every recipient is checked against the
 * person as they are now before a message is spent, so a copy left stale (a crash half way) never sends a message
 * to someone who left, was deleted or lives elsewhere. The WeChat identity a message goes to is the person's.
 */
import type { PersonDoc, SubscriptionDoc } from '../core/model'
import { isWithin } from '../core/units'
import type { Database } from './cloud'
import { allIn, pathPrefix, rows, updated } from './query'

/** A subscriber as they are now: the subscription, and the person's WeChat identity and home. */
export interface Recipient {
  sub: SubscriptionDoc
  personId: string
  openid: string
  homePath: string
}

export interface SubscriptionStore {
  /**
   * Subscriptions of a template under `path` with a message left, in id order after `after` (`last`: the cursor
   * to go on from), each with its person as they are now; `recipients` leaves out the subscriptions whose person
   * is gone, was deleted, has no WeChat identity, or no longer lives under `path`. `scanned`: subscriptions read;
   * `done` when none are left after them.
   */
  recipientsUnder(
    path: string,
    templateId: string,
    after: string,
    limit: number,
  ): Promise<{ recipients: Recipient[]; scanned: number; last: string; done: boolean }>
  /** Spends one message; false when none was left (another sender spent it first). */
  consume(subscriptionId: string, at: Date): Promise<boolean>
  /**
   * Adds one accepted message; returns how many the person now holds. A subscription counts from the moment it
   * is made: when none was left, `since` becomes `at` (notices published before it are not sent to it).
   */
  subscribe(sub: Pick<SubscriptionDoc, '_id' | 'personId' | 'homePath' | 'templateId'>, at: Date): Promise<number>
  /** Drops every subscription of the person (they left their household, or were deleted). */
  forget(personId: string): Promise<void>
  /** The person moved into another household: their subscriptions' search copy of the home follows. */
  rehome(personId: string, homePath: string, at: Date): Promise<void>
}

const isDuplicate = (error: unknown): boolean => {
  const e = error as { errCode?: unknown; code?: unknown; message?: unknown } | null
  return e?.errCode === -502001 || e?.code === 'DATABASE_DUPLICATE_WRITE' || /duplicate/i.test(String(e?.message))
}

export function subscriptionStore(db: Database): SubscriptionStore {
  const _ = db.command
  const subscriptions = db.collection('subscriptions')
  return {
    async recipientsUnder(path, templateId, after, limit) {
      const subs = await rows<SubscriptionDoc>(
        subscriptions
          .where({ homePath: pathPrefix(db, path), templateId, remaining: _.gt(0), _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(limit),
      )
      const people = new Map(
        (
          await allIn<PersonDoc>(
            subs.map((s) => s.personId),
            (slice) => db.collection('people').where({ _id: _.in(slice) }),
          )
        ).map((p) => [p._id, p]),
      )
      const recipients = subs.flatMap((sub): Recipient[] => {
        const p = people.get(sub.personId)
        if (!p || p.deletedAt || !p.openid || !p.homePath || !isWithin(p.homePath, path)) return []
        return [{ sub, personId: p._id, openid: p.openid, homePath: p.homePath }]
      })
      const last = subs.length ? subs[subs.length - 1]._id : after
      return { recipients, scanned: subs.length, last, done: subs.length < limit }
    },
    async consume(subscriptionId, at) {
      // conditional decrement: a reminder and a delivery at once never spend the same message twice
      const res = await subscriptions
        .where({ _id: subscriptionId, remaining: _.gt(0) })
        .update({ data: { remaining: _.inc(-1), updatedAt: at } })
      return updated(res) === 1
    },
    async subscribe(sub, at) {
      const { _id, ...fields } = sub
      // each step is one conditional update: two accepts at once both count, and `since` moves only from none left
      for (;;) {
        const more = await subscriptions
          .where({ _id, remaining: _.gt(0) })
          .update({ data: { remaining: _.inc(1), homePath: fields.homePath, updatedAt: at } })
        if (updated(more) === 1) break
        const fresh = await subscriptions
          .where({ _id, remaining: _.lte(0) })
          .update({ data: { remaining: _.inc(1), homePath: fields.homePath, since: at, updatedAt: at } })
        if (updated(fresh) === 1) break
        try {
          await subscriptions.add({ data: { _id, ...fields, remaining: 1, since: at, updatedAt: at } })
          break
        } catch (error) {
          if (!isDuplicate(error)) throw error
        }
      }
      const [doc] = await rows<SubscriptionDoc>(subscriptions.where({ _id }).limit(1))
      return doc?.remaining ?? 0
    },
    async forget(personId) {
      await subscriptions.where({ personId }).remove()
    },
    async rehome(personId, homePath, at) {
      await subscriptions.where({ personId }).update({ data: { homePath, updatedAt: at } })
    },
  }
}
