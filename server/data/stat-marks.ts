/**
 * `statMarks`: a household or person counted once in a period's distinct figure (core/ids.ts statMarkId), written
 * by server/unit-stats.ts in the transaction that counts them. Read by id (inside that transaction; the seed
 * writes them with `put`), and by unit and period for the dashboard repair (index period_1_unitIds_1), which also
 * mends them (cloudfunctions/dashboard/repair.ts).
 */
import type { StatMarkDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn } from './query'

export interface StatMarks {
  byIds(ids: readonly string[]): Promise<StatMarkDoc[]>
  put(doc: StatMarkDoc): Promise<void>
  /** dashboard.repairStats: the markers of a period counted in a unit (a grid's: its households and residents). */
  ofUnit(unitId: string, period: string): Promise<StatMarkDoc[]>
  /** dashboard.repairStats: a marker the recount does not make (its household or person not counted there). */
  remove(id: string): Promise<void>
}

export function statMarks(db: Database): StatMarks {
  const _ = db.command
  const col = () => db.collection('statMarks')
  return {
    byIds: (ids) => allIn<StatMarkDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async put({ _id, ...doc }) {
      await col().doc(_id).set({ data: doc })
    },
    ofUnit: (unitId, period) => all<StatMarkDoc>(col().where({ period, unitIds: unitId })),
    async remove(id) {
      await col().doc(id).remove()
    },
  }
}
