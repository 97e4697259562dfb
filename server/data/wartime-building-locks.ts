/**
 * `wartimeBuildingLocks`: a building's 战时网格 lock (core/ids.ts wartimeBuildingLockId), written only inside the
 * create, retire and end transactions (tx.wartimeBuildingLocks). Read by id before a create's transaction, so a
 * building already taken is refused without contending for its lock.
 */
import type { WartimeBuildingLockDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn } from './query'

export interface WartimeBuildingLocks {
  byIds(ids: readonly string[]): Promise<WartimeBuildingLockDoc[]>
}

export function wartimeBuildingLocks(db: Database): WartimeBuildingLocks {
  const _ = db.command
  const col = () => db.collection('wartimeBuildingLocks')
  return { byIds: (ids) => allIn<WartimeBuildingLockDoc>(ids, (slice) => col().where({ _id: _.in(slice) })) }
}
