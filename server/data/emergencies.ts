/**
 * `emergencies`: one emergency declared over a unit (core/ids.ts emergencyId), written only inside the declare, update
 * and end transactions (tx.emergencies). Reads: by id; the ones not ended over a bounded list of units — a person's
 * home and its ancestors, for 首页 (index scopeUnitId_1_endedAt_1); a unit's history, newest first (index
 * scopePath_1_startAt_-1, the path as a prefix), one page at a time.
 */
import type { EmergencyDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first, pathPrefix, rows } from './query'

export interface Emergencies {
  get(id: string): Promise<EmergencyDoc | null>
  byIds(ids: readonly string[]): Promise<EmergencyDoc[]>
  /** Not ended, declared over one of these units (at most `limit`): what reaches a place. */
  openOver(unitIds: readonly string[], limit: number): Promise<EmergencyDoc[]>
  /** Declared over the unit at `path` or under it, newest start first: `limit` + 1 read, so `more` is known. */
  under(path: string, skip: number, limit: number): Promise<{ rows: EmergencyDoc[]; more: boolean }>
  /** Ended with 战时网格 still to retire (wartimeRetiring, index wartimeRetiring_1): what the timer finishes. */
  retiringWartime(limit: number): Promise<EmergencyDoc[]>
  /** A deleted staff member's name off what they did as staff (`declaredByName`, `endedByName`; privacy.requestDeletion, any number of times). */
  renameStaff(personId: string, name: string): Promise<void>
}

export function emergencies(db: Database): Emergencies {
  const _ = db.command
  const col = () => db.collection('emergencies')
  return {
    get: (id) => first<EmergencyDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<EmergencyDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    openOver: (unitIds, limit) =>
      unitIds.length
        ? rows<EmergencyDoc>(
            col()
              .where({ scopeUnitId: _.in([...unitIds]), endedAt: null })
              .limit(limit),
          )
        : Promise.resolve([]),
    async under(path, skip, limit) {
      const found = await rows<EmergencyDoc>(
        col()
          .where({ scopePath: pathPrefix(db, path) })
          .orderBy('startAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(skip)
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    retiringWartime: (limit) => rows<EmergencyDoc>(col().where({ wartimeRetiring: true }).limit(limit)),
    async renameStaff(personId, name) {
      await col()
        .where({ declaredBy: personId })
        .update({ data: { declaredByName: name } })
      await col()
        .where({ endedBy: personId })
        .update({ data: { endedByName: name } })
    },
  }
}
