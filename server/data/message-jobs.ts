/**
 * `messageJobs`: the subscribe messages of one source (core/ids.ts messageJobId: a call-up's members, a testing
 * round's households), written 'pending' by the source's action and sent by its function's timer
 * (server/message-jobs.ts), one job at a time under its lease, the cursor saved after every batch.
 * Index (core/schema.ts): kind_1_status_1_lockedUntil_1 (a function's jobs no firing holds).
 */
import type { MessageJobDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, first, rows, updated } from './query'

export interface MessageJobs {
  /** Adds the job unless it exists; true when this call added it (a repeated action writes nothing twice). */
  add(doc: MessageJobDoc): Promise<boolean>
  get(id: string): Promise<MessageJobDoc | null>
  /** Jobs of these kinds still to send that no firing holds, oldest lease first. */
  free(kinds: readonly MessageJobDoc['kind'][], now: Date, limit: number): Promise<MessageJobDoc[]>
  /** Takes a job for one firing unless another holds it (or it is done); true when this firing got it. */
  lease(id: string, now: Date, until: Date): Promise<boolean>
  /** Saves the cursor and counts (after every batch), or the end. */
  save(id: string, patch: Partial<Omit<MessageJobDoc, '_id'>>): Promise<void>
  /** A finished job goes again from the start (more recipients joined its source); a pending one is left as it is. */
  reopen(id: string): Promise<void>
}

export function messageJobs(db: Database): MessageJobs {
  const _ = db.command
  const col = () => db.collection('messageJobs')
  return {
    add: (doc) => addOnce(col(), doc),
    get: (id) => first<MessageJobDoc>(col().where({ _id: id })),
    free: (kinds, now, limit) =>
      rows<MessageJobDoc>(
        col()
          .where({ kind: _.in([...kinds]), status: 'pending', lockedUntil: _.lte(now) })
          .orderBy('lockedUntil', 'asc')
          .limit(limit),
      ),
    async lease(id, now, until) {
      const res = await col()
        .where({ _id: id, status: 'pending', lockedUntil: _.lte(now) })
        .update({ data: { lockedUntil: until } })
      return updated(res) === 1
    },
    async save(id, patch) {
      await col().doc(id).update({ data: patch })
    },
    async reopen(id) {
      await col()
        .where({ _id: id, status: 'done' })
        .update({ data: { status: 'pending', after: '', lockedUntil: new Date(0) } })
    },
  }
}
