/**
 * One-time subscribe messages residents accepted (`subscriptions`), shared by notice delivery and reminders so
 * both find subscribers the same way and spend a message the same way.
 */
import type { SubscriptionDoc } from '../core/model'
import type { Database } from './cloud'
import { pathPrefix, rows, updated } from './query'

export interface SubscriptionStore {
  /** Subscribers of a template living under `path` with a message left, in id order after `after`. */
  subscribersUnder(path: string, templateId: string, after: string, limit: number): Promise<SubscriptionDoc[]>
  /** Spends one message; false when none was left (another sender spent it first). */
  consume(subscriptionId: string, at: Date): Promise<boolean>
}

export function subscriptionStore(db: Database): SubscriptionStore {
  const _ = db.command
  const subscriptions = db.collection('subscriptions')
  return {
    subscribersUnder: (path, templateId, after, limit) =>
      rows<SubscriptionDoc>(
        subscriptions
          .where({ homePath: pathPrefix(db, path), templateId, remaining: _.gt(0), _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    async consume(subscriptionId, at) {
      // conditional decrement: a reminder and a delivery at once never spend the same message twice
      const res = await subscriptions
        .where({ _id: subscriptionId, remaining: _.gt(0) })
        .update({ data: { remaining: _.inc(-1), updatedAt: at } })
      return updated(res) === 1
    },
  }
}
