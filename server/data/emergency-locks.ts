/**
 * `emergencyLocks`: a unit's emergency lock (_id = the unit's id, core/ids.ts emergencyLockId), written only inside the
 * declare and end transactions (tx.emergencyLocks). Read by id before a declare's transaction, so racing declares over
 * a unit already in an emergency are refused without contending for the lock.
 */
import type { EmergencyLockDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface EmergencyLocks {
  get(id: string): Promise<EmergencyLockDoc | null>
}

export function emergencyLocks(db: Database): EmergencyLocks {
  const col = () => db.collection('emergencyLocks')
  return { get: (id) => first<EmergencyLockDoc>(col().where({ _id: id })) }
}
