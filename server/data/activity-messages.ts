/**
 * `activityMessages`: the subscribe messages announcing one activity (_id = the activity's id), written 'pending' by
 * points.postActivity and sent by the points `announce` timer, one job at a time under its lease, the cursor saved
 * after every batch. Index (core/schema.ts): status_1_lockedUntil_1 (the jobs no firing holds).
 */
import type { ActivityMessagesDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, first, rows, updated } from './query'

export interface ActivityMessages {
  /** Adds the job unless it exists (a repeated post writes nothing twice). */
  add(doc: ActivityMessagesDoc): Promise<void>
  get(id: string): Promise<ActivityMessagesDoc | null>
  /** Jobs still to send that no firing holds, oldest lease first. */
  free(now: Date, limit: number): Promise<ActivityMessagesDoc[]>
  /** Takes a job for one firing unless another holds it (or it is done); true when this firing got it. */
  lease(id: string, now: Date, until: Date): Promise<boolean>
  /** Saves the cursor and counts (after every batch), or the end. */
  save(id: string, patch: Partial<Omit<ActivityMessagesDoc, '_id'>>): Promise<void>
}

export function activityMessages(db: Database): ActivityMessages {
  const _ = db.command
  const col = () => db.collection('activityMessages')
  return {
    async add(doc) {
      await addOnce(col(), doc)
    },
    get: (id) => first<ActivityMessagesDoc>(col().where({ _id: id })),
    free: (now, limit) =>
      rows<ActivityMessagesDoc>(
        col()
          .where({ status: 'pending', lockedUntil: _.lte(now) })
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
  }
}
