/**
 * `deliveries`: the subscribe messages of one notice (_id = the notice's id), written 'pending' by publish and
 * opened by the notices `deliver` timer, which splits the audience into `deliveryShards` sent in parallel, each
 * under its own lease with its own cursor. Indexes (core/schema.ts): deliveries status_1; deliveryShards
 * status_1_lockedUntil_1 (free shards), noticeId_1 (a job's shards: its progress).
 */
import type { DeliveryDoc, DeliveryShardDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, rows, updated } from './query'

export interface Deliveries {
  /** Jobs not opened yet, oldest first. */
  pending(limit: number): Promise<DeliveryDoc[]>
  /** Jobs being sent, oldest first (to close those whose shards are all done). */
  sending(limit: number): Promise<DeliveryDoc[]>
  get(id: string): Promise<DeliveryDoc | null>
  /** Takes a job (pending, or sending with `status`) for one firing unless another firing holds it. */
  lease(id: string, now: Date, until: Date, status?: DeliveryDoc['status']): Promise<boolean>
  /** Saves a job's progress (status, due, shards). */
  save(id: string, patch: Partial<Omit<DeliveryDoc, '_id'>>): Promise<void>
  /** Adds a job's shard unless it exists (a firing that crashed while opening the job is repeated safely). */
  addShard(shard: DeliveryShardDoc): Promise<void>
  /** Shards no firing holds, oldest first. */
  freeShards(now: Date, limit: number): Promise<DeliveryShardDoc[]>
  /** Takes a shard for one firing unless another holds it (or it is done); true when this firing got it. */
  leaseShard(id: string, now: Date, until: Date): Promise<boolean>
  /** Saves a shard's cursor and counts (after every batch) or its end. */
  saveShard(id: string, patch: Partial<Omit<DeliveryShardDoc, '_id'>>): Promise<void>
  /** The shards of one job (at most DELIVERY_SHARDS documents). */
  shardsOf(noticeId: string): Promise<DeliveryShardDoc[]>
}

export function deliveries(db: Database): Deliveries {
  const _ = db.command
  const col = () => db.collection('deliveries')
  const shards = () => db.collection('deliveryShards')
  const byStatus = (status: DeliveryDoc['status'], limit: number) =>
    rows<DeliveryDoc>(col().where({ status }).orderBy('createdAt', 'asc').limit(limit))
  return {
    pending: (limit) => byStatus('pending', limit),
    sending: (limit) => byStatus('sending', limit),
    get: async (id) => (await rows<DeliveryDoc>(col().where({ _id: id }).limit(1)))[0] ?? null,
    async lease(id, now, until, status = 'pending') {
      const res = await col()
        .where({ _id: id, status, lockedUntil: _.lte(now) })
        .update({ data: { lockedUntil: until } })
      return updated(res) === 1
    },
    async save(id, patch) {
      await col().doc(id).update({ data: patch })
    },
    async addShard(shard) {
      await addOnce(shards(), shard)
    },
    freeShards: (now, limit) =>
      rows<DeliveryShardDoc>(
        shards()
          .where({ status: 'pending', lockedUntil: _.lte(now) })
          .orderBy('lockedUntil', 'asc')
          .limit(limit),
      ),
    async leaseShard(id, now, until) {
      const res = await shards()
        .where({ _id: id, status: 'pending', lockedUntil: _.lte(now) })
        .update({ data: { lockedUntil: until } })
      return updated(res) === 1
    },
    async saveShard(id, patch) {
      await shards().doc(id).update({ data: patch })
    },
    shardsOf: (noticeId) => rows<DeliveryShardDoc>(shards().where({ noticeId }).limit(100)),
  }
}
