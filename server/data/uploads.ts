/**
 * `uploads`: every stored file the app keeps track of, an uploaded image or an export (core/model.ts UploadDoc).
 * Indexes: fileID_1 (a notice's images), traceId_1 (the verdict event), expiresAt_1 (the sweep), ownerId_1 (a
 * deleted person's files), state_1_checkSentAt_1 (checks whose verdict never came).
 */
import type { UploadDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first, rows, updated } from './query'

type Fields = Omit<UploadDoc, '_id'>

export interface Uploads {
  get(id: string): Promise<UploadDoc | null>
  byFileIDs(fileIDs: readonly string[]): Promise<UploadDoc[]>
  byTraceId(traceId: string): Promise<UploadDoc | null>
  /** The records of one person's files (at most `limit`). */
  ofOwner(ownerId: string, limit: number): Promise<UploadDoc[]>
  /** Files whose time is up, oldest first (at most `limit`): the sweep's batch. */
  expired(now: Date, limit: number): Promise<UploadDoc[]>
  /** Attached images still 审核中 whose check was sent before `before`, fewer than `maxChecks` times (at most `limit`). */
  unanswered(before: Date, maxChecks: number, limit: number): Promise<UploadDoc[]>
  add(doc: UploadDoc): Promise<void>
  addMany(docs: readonly UploadDoc[]): Promise<void>
  update(id: string, patch: Partial<Fields>): Promise<void>
  /** Applies `patch` only while the record is still in `state` (a verdict or an attach racing another); true if so. */
  updateIf(id: string, state: UploadDoc['state'], patch: Partial<Fields>): Promise<boolean>
  remove(ids: readonly string[]): Promise<void>
}

export function uploads(db: Database): Uploads {
  const _ = db.command
  const col = () => db.collection('uploads')
  return {
    get: (id) => first<UploadDoc>(col().where({ _id: id })),
    byFileIDs: (fileIDs) => allIn<UploadDoc>(fileIDs, (slice) => col().where({ fileID: _.in(slice) })),
    byTraceId: (traceId) => first<UploadDoc>(col().where({ traceId })),
    ofOwner: (ownerId, limit) => rows<UploadDoc>(col().where({ ownerId }).limit(limit)),
    expired: (now, limit) =>
      rows<UploadDoc>(
        col()
          .where({ expiresAt: _.lte(now) })
          .orderBy('expiresAt', 'asc')
          .limit(limit),
      ),
    unanswered: (before, maxChecks, limit) =>
      rows<UploadDoc>(
        col()
          .where({ state: 'pending', checkSentAt: _.lt(before), checks: _.lt(maxChecks) })
          .orderBy('checkSentAt', 'asc')
          .limit(limit),
      ),
    async add({ _id, ...data }) {
      await col().add({ data: { _id, ...data } })
    },
    async addMany(docs) {
      await Promise.all(docs.map(({ _id, ...data }) => col().add({ data: { _id, ...data } })))
    },
    async update(id, patch) {
      await col()
        .doc(id)
        .update({ data: patch as Record<string, unknown> })
    },
    async updateIf(id, state, patch) {
      return (
        updated(
          await col()
            .where({ _id: id, state })
            .update({ data: patch as Record<string, unknown> }),
        ) > 0
      )
    },
    async remove(ids) {
      if (ids.length)
        await col()
          .where({ _id: _.in([...ids]) })
          .remove()
    },
  }
}
