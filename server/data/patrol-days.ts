/**
 * `patrolDays`: a grid patrolled on a Beijing day, core/ids.ts patrolDayId(gridId, day), written in the same
 * transaction as each patrol of that day (tx.patrolDays). The community's "patrolled today" view reads one id per
 * grid of its page — never the patrols themselves — so its cost is the page's, whatever was logged.
 */
import type { PatrolDayDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn } from './query'

export interface PatrolDays {
  /** The markers of these ids; a grid not patrolled that day has none. */
  byIds(ids: readonly string[]): Promise<PatrolDayDoc[]>
}

export function patrolDays(db: Database): PatrolDays {
  const _ = db.command
  const col = () => db.collection('patrolDays')
  return {
    byIds: (ids) => allIn<PatrolDayDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
  }
}
