/**
 * `unitStats`: the dashboard's period figures of one street, community or grid (core/dashboard/stats.ts), a cache
 * of notices, receipts, volunteering, points, patrols and missed care checks, core/ids.ts unitStatsId(unitId,
 * period). Moved only by server/unit-stats.ts inside the transaction of the change it counts. Reads: by id
 * (dashboard.overview: the unit's, its ancestors' and one page of children's, for two periods). Writes: `put` (the
 * seed, the repair). Indexes (core/schema.ts): period_1_unitId_1 (the repair's walk of a period).
 */
import type { UnitStatsDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, rows } from './query'

export interface UnitStats {
  /** The documents of these ids; one with none is missing (read it as zeros). */
  byIds(ids: readonly string[]): Promise<UnitStatsDoc[]>
  /** Up to `limit` of a period's documents with a unit id after `after`, by unit id (the repair's pages). */
  ofPeriod(period: string, after: string, limit: number): Promise<UnitStatsDoc[]>
  /** Writes one document whole (the seed, the repair's mend). */
  put(doc: UnitStatsDoc): Promise<void>
}

export function unitStats(db: Database): UnitStats {
  const _ = db.command
  const col = () => db.collection('unitStats')
  return {
    byIds: (ids) => allIn<UnitStatsDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    ofPeriod: (period, after, limit) =>
      rows<UnitStatsDoc>(
        col()
          .where({ period, unitId: _.gt(after) })
          .orderBy('unitId', 'asc')
          .limit(limit),
      ),
    async put({ _id, ...doc }) {
      await col().doc(_id).set({ data: doc })
    },
  }
}
