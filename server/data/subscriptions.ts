/**
 * `subscriptions`: one-time subscribe messages residents accepted (core/ids.ts subscriptionId), shared by notice
 * delivery and reminders. Where a person lives has one source of truth, their `people` document: a subscription's
 * `homePath` is only an index copy to find the subscribers under a unit by prefix, rewritten by a move and dropped
 * with the subscription when the person leaves or is deleted (server/recipients.ts checks each against the person
 * before a message is spent). Indexes (core/schema.ts): personId_1; found by homePath prefix (few documents).
 */
import type { SubscriptionDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, first, pathPrefix, rebaseField, rows, updated } from './query'

export interface Subscriptions {
  /** Subscriptions of a template under `path` with a message left, in id order after `after`, at most `limit`. */
  under(path: string, templateId: string, after: string, limit: number): Promise<SubscriptionDoc[]>
  /** Spends one message; false when none was left (another sender spent it first). */
  consume(id: string, at: Date): Promise<boolean>
  /**
   * Adds one accepted message; returns how many the person now holds. A subscription counts from the moment it
   * is made: when none was left, `since` becomes `at` (notices published before it are not sent to it).
   */
  subscribe(sub: Pick<SubscriptionDoc, '_id' | 'personId' | 'homePath' | 'templateId'>, at: Date): Promise<number>
  /** Drops every subscription of the person (they left their household, or were deleted). */
  forget(personId: string): Promise<void>
  /** The person moved into another household: the search copy of the home follows. */
  rehome(personId: string, homePath: string, at: Date): Promise<void>
  /** Rewrites the homePath of every subscription still under `from` (a move). */
  rebase(from: string, to: string): Promise<number>
}

export function subscriptions(db: Database): Subscriptions {
  const _ = db.command
  const col = () => db.collection('subscriptions')
  return {
    under: (path, templateId, after, limit) =>
      rows<SubscriptionDoc>(
        col()
          .where({ homePath: pathPrefix(db, path), templateId, remaining: _.gt(0), _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    async consume(id, at) {
      // conditional decrement: a reminder and a delivery at once never spend the same message twice
      const res = await col()
        .where({ _id: id, remaining: _.gt(0) })
        .update({ data: { remaining: _.inc(-1), updatedAt: at } })
      return updated(res) === 1
    },
    async subscribe(sub, at) {
      const { _id, ...fields } = sub
      // each step is one conditional update: two accepts at once both count, and `since` moves only from none left
      for (;;) {
        const more = await col()
          .where({ _id, remaining: _.gt(0) })
          .update({ data: { remaining: _.inc(1), homePath: fields.homePath, updatedAt: at } })
        if (updated(more) === 1) break
        const fresh = await col()
          .where({ _id, remaining: _.lte(0) })
          .update({ data: { remaining: _.inc(1), homePath: fields.homePath, since: at, updatedAt: at } })
        if (updated(fresh) === 1) break
        if (await addOnce(col(), { _id, ...fields, remaining: 1, since: at, updatedAt: at })) break
      }
      return (await first<SubscriptionDoc>(col().where({ _id })))?.remaining ?? 0
    },
    async forget(personId) {
      await col().where({ personId }).remove()
    },
    async rehome(personId, homePath, at) {
      await col()
        .where({ personId })
        .update({ data: { homePath, updatedAt: at } })
    },
    rebase: (from, to) => rebaseField(db, col(), 'homePath', from, to),
  }
}
