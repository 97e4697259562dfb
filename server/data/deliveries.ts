/**
 * `deliveries`: the subscribe messages of one notice, sent by the notices `deliver` timer in bounded batches
 * (_id = the notice's id). Indexes (core/schema.ts): status_1.
 */
import type { DeliveryDoc } from '../../core/model'
import type { Database } from '../cloud'
import { rows, updated } from './query'

export interface Deliveries {
  /** Jobs waiting to be (further) sent, oldest first. */
  pending(limit: number): Promise<DeliveryDoc[]>
  /** Takes a job for one firing unless another firing holds it; true when this firing got it. */
  lease(id: string, now: Date, until: Date): Promise<boolean>
  /** Saves a job's progress (cursor, count, status). */
  save(id: string, patch: Partial<Omit<DeliveryDoc, '_id'>>): Promise<void>
}

export function deliveries(db: Database): Deliveries {
  const _ = db.command
  const col = () => db.collection('deliveries')
  return {
    pending: (limit) => rows<DeliveryDoc>(col().where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(limit)),
    async lease(id, now, until) {
      const res = await col()
        .where({ _id: id, status: 'pending', lockedUntil: _.lte(now) })
        .update({ data: { lockedUntil: until } })
      return updated(res) === 1
    },
    async save(id, patch) {
      await col().doc(id).update({ data: patch })
    },
  }
}
