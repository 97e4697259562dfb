/**
 * `subscriptions`: one-time subscribe messages residents accepted (core/ids.ts subscriptionId), shared by notice
 * delivery and reminders. Where a person lives has one source of truth, their `people` document: a subscription's
 * `homePath` is only an index copy to find the subscribers under a unit by prefix, rewritten by a move and dropped
 * with the subscription when the person leaves or is deleted (server/recipients.ts checks each against the person
 * before a message is spent). Indexes (core/schema.ts): personId_1; found by homePath prefix within an `_id` range
 * (a delivery shard), in `_id` order.
 */
import type { SubscriptionDoc } from '../../core/model'
import type { Database } from '../cloud'
import { subscriptionId } from '../../core/ids'
import { addOnce, allIn, first, pathPrefix, rebaseField, rows, total, updated } from './query'

export interface Subscriptions {
  /**
   * Subscriptions of a template under `path` with a message left, in id order after `after` and before `before`
   * (when given: a delivery shard's end), at most `limit`.
   */
  under(path: string, templateId: string, after: string, limit: number, before?: string): Promise<SubscriptionDoc[]>
  /**
   * How many subscriptions of a template under `path` hold a message and count from `since` or earlier; within
   * the id range [lo, hi) when given (a delivery shard: each shard's part is counted apart, all at once).
   */
  countDue(path: string, templateId: string, since: Date, range?: { lo: string; hi: string }): Promise<number>
  /** These people's subscriptions of a template that hold a message (a team's members, one promoted volunteer). */
  ofPeople(personIds: readonly string[], templateId: string): Promise<SubscriptionDoc[]>
  /** 日调度: every subscription of a template with a message left, whoever holds it, in id order after `after`
   * (index templateId_1_remaining_1). */
  ofTemplate(templateId: string, after: string, limit: number): Promise<SubscriptionDoc[]>
  /**
   * Spends one message; false when none was left (another sender spent it first), or, with `purpose`, when one
   * was already spent on that purpose (a resumed batch: never a second message about the same notice).
   */
  consume(id: string, at: Date, purpose?: string): Promise<boolean>
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
    under: (path, templateId, after, limit, before) =>
      rows<SubscriptionDoc>(
        col()
          .where({
            homePath: pathPrefix(db, path),
            templateId,
            remaining: _.gt(0),
            // a shard's end on the same field: one range on _id, which its index serves
            _id: before === undefined ? _.gt(after) : _.gt(after).and(_.lt(before)),
          })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    countDue: (path, templateId, since, range) =>
      total(
        col().where({
          homePath: pathPrefix(db, path),
          templateId,
          remaining: _.gt(0),
          since: _.or(_.exists(false), _.lte(since)),
          ...(range ? { _id: _.gte(range.lo).and(_.lt(range.hi)) } : {}),
        }),
      ),
    ofPeople: (personIds, templateId) =>
      allIn<SubscriptionDoc>(
        personIds.map((p) => subscriptionId(p, templateId)),
        (slice) => col().where({ _id: _.in(slice), remaining: _.gt(0) }),
      ),
    ofTemplate: (templateId, after, limit) =>
      rows<SubscriptionDoc>(
        col()
          .where({ templateId, remaining: _.gt(0), _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    async consume(id, at, purpose) {
      // conditional decrement: a reminder and a delivery at once never spend the same message twice, and with a
      // purpose the same sender resuming a batch never spends two on one notice
      const res = await col()
        .where({ _id: id, remaining: _.gt(0), ...(purpose ? { spentFor: _.neq(purpose) } : {}) })
        .update({
          data: { remaining: _.inc(-1), updatedAt: at, ...(purpose ? { spentFor: _.addToSet(purpose) } : {}) },
        })
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
          // none left: what earlier messages were spent on no longer matters (keeps spentFor as short as what
          // the person accepted since)
          .update({ data: { remaining: _.inc(1), homePath: fields.homePath, since: at, spentFor: [], updatedAt: at } })
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
