/**
 * `isolationDays`: a grid's task figures of one Beijing day (core/ids.ts isolationDayId): due, claimed, done. Moved
 * only inside the transactions that make, claim, give back, finish or cancel a task of that grid and day
 * (tx.isolationDays); read here by ids (a community's grids of today).
 */
import type { IsolationDayDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn } from './query'

export interface IsolationDays {
  byIds(ids: readonly string[]): Promise<IsolationDayDoc[]>
}

export function isolationDays(db: Database): IsolationDays {
  const _ = db.command
  const col = () => db.collection('isolationDays')
  return { byIds: (ids) => allIn<IsolationDayDoc>(ids, (slice) => col().where({ _id: _.in(slice) })) }
}
