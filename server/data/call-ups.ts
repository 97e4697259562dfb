/**
 * `callUps`: a call-up of the reserve force for an emergency (core/ids.ts callUpId), added once by emergency.callUp;
 * its counts (coming, cannot, assigned) change only inside the answer and assign transactions (tx.callUps). Reads: by
 * id; an emergency's call-ups at or under a unit, newest first (index emergencyId_1_unitPath_1_createdAt_-1); the
 * call-ups over a member's place asking for their kind (index unitId_1_createdAt_-1, the place's ancestors: bounded).
 */
import type { ReserveKind } from '../../core/contract/emergency'
import type { CallUpDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, first, pathPrefix, rows, total } from './query'

export interface CallUps {
  get(id: string): Promise<CallUpDoc | null>
  /** Adds it unless it exists (a retried call-up): true when this call added it. */
  add(doc: CallUpDoc): Promise<boolean>
  ofEmergency(
    emergencyId: string,
    unitPath: string,
    skip: number,
    limit: number,
  ): Promise<{ rows: CallUpDoc[]; more: boolean }>
  /** How many call-ups were made at or after `from` (the counts' repair: its walk, index createdAt_1). */
  countSince(from: Date): Promise<number>
  /** The call-ups made at or after `from` in (createdAt, _id) order, `limit` after the first `skip` (the repair's
   * window of this firing). */
  pageSince(from: Date, skip: number, limit: number): Promise<CallUpDoc[]>
  /** Made over one of these units for this kind, newest first. */
  reaching(unitIds: readonly string[], kind: ReserveKind, limit: number): Promise<CallUpDoc[]>
  /** A deleted staff member's name off what they did as staff (`createdByName`; privacy.requestDeletion, any number of times). */
  renameStaff(personId: string, name: string): Promise<void>
}

export function callUps(db: Database): CallUps {
  const _ = db.command
  const col = () => db.collection('callUps')
  return {
    get: (id) => first<CallUpDoc>(col().where({ _id: id })),
    add: (doc) => addOnce(col(), doc),
    async ofEmergency(emergencyId, unitPath, skip, limit) {
      const found = await rows<CallUpDoc>(
        col()
          .where({ emergencyId, unitPath: pathPrefix(db, unitPath) })
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(skip)
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    countSince: (from) => total(col().where({ createdAt: _.gte(from) })),
    pageSince: (from, skip, limit) =>
      rows<CallUpDoc>(
        col()
          .where({ createdAt: _.gte(from) })
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit),
      ),
    reaching: (unitIds, kind, limit) =>
      unitIds.length
        ? rows<CallUpDoc>(
            col()
              .where({ unitId: _.in([...unitIds]), kinds: kind })
              .orderBy('createdAt', 'desc')
              .limit(limit),
          )
        : Promise.resolve([]),
    async renameStaff(personId, name) {
      await col()
        .where({ createdBy: personId })
        .update({ data: { createdByName: name } })
    },
  }
}
