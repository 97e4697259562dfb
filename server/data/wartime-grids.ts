/**
 * `wartimeGrids`: the 战时网格 of an emergency (core/ids.ts wartimeGridId), written only inside the create, rename,
 * change-leader and retire transactions (tx.wartimeGrids); never deleted (the record). Reads: by id; a grid's in
 * force and its latest retired (index gridId_1_retiredAt_1_createdAt_-1); an emergency's still in force, a batch at a
 * time, for its end (emergencyId_1_retiredAt_1); the ones a person leads (leaderId_1_retiredAt_1).
 */
import type { WartimeGridDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first, rows, updated } from './query'

export interface WartimeGrids {
  get(id: string): Promise<WartimeGridDoc | null>
  byIds(ids: readonly string[]): Promise<WartimeGridDoc[]>
  /** A grid's 战时网格 in force, oldest first (at most `limit`: a grid has few buildings, each in at most one). */
  activeOfGrid(gridId: string, limit: number): Promise<WartimeGridDoc[]>
  /** A grid's retired ones, the latest retired first. */
  retiredOfGrid(gridId: string, limit: number): Promise<WartimeGridDoc[]>
  /** An emergency's 战时网格 still in force: up to `limit` (its end retires them a batch at a time). */
  activeOfEmergency(emergencyId: string, limit: number): Promise<WartimeGridDoc[]>
  /** The ones a person leads now. */
  ledBy(personId: string, limit: number): Promise<WartimeGridDoc[]>
  /** A deleted person's name off the ones they led (in force or not); how many. */
  forgetLeader(personId: string, name: string): Promise<number>
  /** A deleted staff member's name off what they did as staff (`createdByName`, `retiredByName`; privacy.requestDeletion, any number of times). */
  renameStaff(personId: string, name: string): Promise<void>
  /** Every one a person was named to lead, in force or retired, newest first (their export; at most `limit`). */
  everLedBy(personId: string, limit: number): Promise<WartimeGridDoc[]>
}

export function wartimeGrids(db: Database): WartimeGrids {
  const _ = db.command
  const col = () => db.collection('wartimeGrids')
  return {
    get: (id) => first<WartimeGridDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<WartimeGridDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    activeOfGrid: (gridId, limit) =>
      rows<WartimeGridDoc>(col().where({ gridId, retiredAt: null }).orderBy('createdAt', 'asc').limit(limit)),
    retiredOfGrid: (gridId, limit) =>
      rows<WartimeGridDoc>(
        col()
          .where({ gridId, retiredAt: _.neq(null) })
          .orderBy('retiredAt', 'desc')
          .limit(limit),
      ),
    activeOfEmergency: (emergencyId, limit) =>
      rows<WartimeGridDoc>(col().where({ emergencyId, retiredAt: null }).limit(limit)),
    ledBy: (personId, limit) =>
      rows<WartimeGridDoc>(
        col().where({ leaderId: personId, retiredAt: null }).orderBy('createdAt', 'asc').limit(limit),
      ),
    async forgetLeader(personId, name) {
      return updated(
        await col()
          .where({ leaderId: personId })
          .update({ data: { leader: { name } } }),
      )
    },
    async renameStaff(personId, name) {
      await col()
        .where({ createdBy: personId })
        .update({ data: { createdByName: name } })
      await col()
        .where({ retiredBy: personId })
        .update({ data: { retiredByName: name } })
    },
    everLedBy: (personId, limit) =>
      rows<WartimeGridDoc>(col().where({ leaderId: personId }).orderBy('createdAt', 'desc').limit(limit)),
  }
}
