/**
 * `isolationHomes`: a household's pointer to its current isolation (_id = householdId, core/ids.ts
 * isolationHomeId). Read and written only inside isolation.mark's and isolation.end's transactions
 * (tx.isolationHomes), so two marks of one household racing are decided one after the other; outside one it is
 * read by id only.
 */
import type { IsolationHomeDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface IsolationHomes {
  get(householdId: string): Promise<IsolationHomeDoc | null>
}

export function isolationHomes(db: Database): IsolationHomes {
  const col = () => db.collection('isolationHomes')
  return { get: (id) => first<IsolationHomeDoc>(col().where({ _id: id })) }
}
