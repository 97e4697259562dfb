/**
 * `isolations`: a household's home isolation, core/ids.ts isolationId(householdId, startDay). Written by
 * isolation.mark (inside its transaction with the household's isolationHomes pointer) and isolation.end. Reads are
 * bounded: by id, a unit's isolations newest first in keyset pages (householdPath_1_createdAt_-1), those in force
 * under a unit (householdPath_1_status_1_endAt_1, a page or a count), and one household's (householdId_1_createdAt_-1).
 */
import type { IsolationDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first, pathPrefix, rows, total } from './query'

export interface IsolationCursor {
  createdAt: Date
  id: string
}

/** The most isolations one household's export reads (a household is isolated a few times a year at most). */
export const HOUSEHOLD_ISOLATIONS_READ = 100

export interface Isolations {
  get(id: string): Promise<IsolationDoc | null>
  /** Up to `limit` isolations at or under a path, newest first, after the cursor; `inForce`: only those active and
   * not past their end at `now`. */
  under(
    path: string,
    inForce: { now: Date } | null,
    after: IsolationCursor | undefined,
    limit: number,
  ): Promise<{ rows: IsolationDoc[]; more: boolean }>
  /** How many isolations at or under a path are in force at `now` (started, not ended, not past their end). */
  countInForce(path: string, now: Date): Promise<number>
  /** A household's isolations, newest first (at most HOUSEHOLD_ISOLATIONS_READ). */
  ofHousehold(householdId: string): Promise<IsolationDoc[]>
  /** A deleted staff member's name off what they did as staff (`createdByName`, `endedByName`; privacy.requestDeletion, any number of times). */
  renameStaff(personId: string, name: string): Promise<void>
}

export function isolations(db: Database): Isolations {
  const _ = db.command
  const col = () => db.collection('isolations')
  return {
    get: (id) => first<IsolationDoc>(col().where({ _id: id })),
    async under(path, inForce, after, limit) {
      const base: Record<string, unknown> = { householdPath: pathPrefix(db, path) }
      if (inForce) Object.assign(base, { status: 'active', endAt: _.gt(inForce.now) })
      const where = after
        ? _.or([
            { ...base, createdAt: _.lt(after.createdAt) },
            { ...base, createdAt: after.createdAt, _id: _.lt(after.id) },
          ])
        : base
      const found = await rows<IsolationDoc>(
        col()
          .where(where)
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    countInForce: (path, now) =>
      total(
        col().where({ householdPath: pathPrefix(db, path), status: 'active', endAt: _.gt(now), startAt: _.lte(now) }),
      ),
    ofHousehold: (householdId) =>
      rows<IsolationDoc>(col().where({ householdId }).orderBy('createdAt', 'desc').limit(HOUSEHOLD_ISOLATIONS_READ)),
    async renameStaff(personId, name) {
      await col()
        .where({ createdBy: personId })
        .update({ data: { createdByName: name } })
      await col()
        .where({ endedBy: personId })
        .update({ data: { endedByName: name } })
    },
  }
}
