/**
 * `careAlerts`: the alert of a day nobody checked on a care person after the cutoff (core/ids.ts careAlertId), raised
 * only by the missed-check timer in a transaction with the care person's markers (and its messages' job). Reads: by id
 * (the job's messages), a care person's since a day (carePersonId_1_day_-1).
 */
import type { CareAlertDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first, rows } from './query'

export interface CareAlerts {
  get(id: string): Promise<CareAlertDoc | null>
  ofPersonSince(carePersonId: string, sinceDay: string, limit: number): Promise<CareAlertDoc[]>
  removeOfPerson(carePersonId: string): Promise<void>
}

export function careAlerts(db: Database): CareAlerts {
  const _ = db.command
  const col = () => db.collection('careAlerts')
  return {
    get: (id) => first<CareAlertDoc>(col().where({ _id: id })),
    ofPersonSince: (carePersonId, sinceDay, limit) =>
      rows<CareAlertDoc>(
        col()
          .where({ carePersonId, day: _.gte(sinceDay) })
          .orderBy('day', 'desc')
          .limit(limit),
      ),
    async removeOfPerson(carePersonId) {
      await col().where({ carePersonId }).remove()
    },
  }
}
