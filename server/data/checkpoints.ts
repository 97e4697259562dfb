/**
 * `checkpoints`: a checkpoint (卡口) of a grid or community, core/ids.ts checkpointId. Reads: by id, by ids, and the
 * checkpoints under a unit newest first in keyset pages (index unitPath_1_createdAt_-1): a page costs its rows.
 */
import type { CheckpointDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, allIn, first, pathPrefix, rows } from './query'

export interface CheckpointCursor {
  createdAt: Date
  id: string
}

export interface Checkpoints {
  get(id: string): Promise<CheckpointDoc | null>
  byIds(ids: readonly string[]): Promise<CheckpointDoc[]>
  /** Up to `limit` checkpoints at or under a path, newest first, after the cursor (the last row of the page before). */
  under(
    path: string,
    after: CheckpointCursor | undefined,
    limit: number,
  ): Promise<{ rows: CheckpointDoc[]; more: boolean }>
  /** Adds a checkpoint unless its id exists (a retried create); false when it did. */
  add(doc: CheckpointDoc): Promise<boolean>
  /** A deleted staff member's name off what they did as staff (`createdByName`; privacy.requestDeletion, any number of times). */
  renameStaff(personId: string, name: string): Promise<void>
}

export function checkpoints(db: Database): Checkpoints {
  const _ = db.command
  const col = () => db.collection('checkpoints')
  return {
    get: (id) => first<CheckpointDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<CheckpointDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async under(path, after, limit) {
      const unitPath = pathPrefix(db, path)
      const where = after
        ? _.or([
            { unitPath, createdAt: _.lt(after.createdAt) },
            { unitPath, createdAt: after.createdAt, _id: _.lt(after.id) },
          ])
        : { unitPath }
      const found = await rows<CheckpointDoc>(
        col()
          .where(where)
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    add: (doc) => addOnce(col(), doc),
    async renameStaff(personId, name) {
      await col()
        .where({ createdBy: personId })
        .update({ data: { createdByName: name } })
    },
  }
}
