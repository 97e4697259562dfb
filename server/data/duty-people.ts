/**
 * `dutyPeople`: a person's duty document (_id = personId, core/ids.ts dutyPersonId): the shifts they hold. Read and
 * written only inside the seat transactions of the duty function (tx.dutyPeople), so two overlapping seats of one
 * person conflict there; outside a transaction it is only read by id.
 */
import type { DutyPersonDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface DutyPeople {
  get(personId: string): Promise<DutyPersonDoc | null>
}

export function dutyPeople(db: Database): DutyPeople {
  const col = () => db.collection('dutyPeople')
  return { get: (id) => first<DutyPersonDoc>(col().where({ _id: id })) }
}
