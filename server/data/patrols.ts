/**
 * `patrols`: one patrol of a grid (巡查台账), core/ids.ts patrolId(personId, tapId). Written only inside the
 * transaction of requests.logPatrol (tx.patrols), together with the grid's day marker (`patrolDays`). Reads: by id,
 * and a grid's log newest first in keyset pages (index gridId_1_startedAt_-1): a page costs its own rows, whatever
 * the length of the log.
 */
import type { PatrolDoc } from '../../core/model'
import type { PatrolCursor } from '../../core/requests/patrol'
import type { Database } from '../cloud'
import { all, first, rows } from './query'

export interface Patrols {
  get(id: string): Promise<PatrolDoc | null>
  /** A deleted patroller's name off their patrols, which stay in the grid's 台账 (privacy; index
   * personId_1_startedAt_-1). */
  renameStaff(personId: string, name: string): Promise<void>
  /**
   * Up to `limit` patrols of a grid started before `before`, newest first, after the cursor `after` (the last row
   * of the page before: ties on startedAt are broken by id); `more` says whether another page follows.
   */
  ofGrid(
    gridId: string,
    before: Date,
    after: PatrolCursor | undefined,
    limit: number,
  ): Promise<{ rows: PatrolDoc[]; more: boolean }>
  /** dashboard.repairStats: a grid's patrols started in [from, to) (index gridId_1_startedAt_-1). */
  ofGridBetween(gridId: string, from: Date, to: Date): Promise<PatrolDoc[]>
}

export function patrols(db: Database): Patrols {
  const _ = db.command
  const col = () => db.collection('patrols')
  return {
    get: (id) => first<PatrolDoc>(col().where({ _id: id })),
    async renameStaff(personId, name) {
      await col()
        .where({ personId })
        .update({ data: { personName: name } })
    },
    async ofGrid(gridId, before, after, limit) {
      const where =
        after && +after.startedAt < +before
          ? _.or([
              { gridId, startedAt: _.lt(after.startedAt) },
              { gridId, startedAt: after.startedAt, _id: _.lt(after.id) },
            ])
          : { gridId, startedAt: _.lt(before) }
      const found = await rows<PatrolDoc>(
        col()
          .where(where)
          .orderBy('startedAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    // dashboard.repairStats: the patrols a grid's period counts
    ofGridBetween: (gridId, from, to) =>
      all<PatrolDoc>(col().where({ gridId, startedAt: _.and(_.gte(from), _.lt(to)) })),
  }
}
