/**
 * `careAlerts`: the alert of a day nobody checked on a care person after the cutoff (core/ids.ts careAlertId), raised
 * only by the missed-check timer in a transaction with the care person's markers (and its messages' job). Reads: by id
 * (the job's messages), a care person's since a day (carePersonId_1_day_-1), a unit's since a day (日调度,
 * homePath_1_day_-1).
 */
import type { CareAlertDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, first, pathPrefix, rows, total } from './query'

export interface CareAlerts {
  get(id: string): Promise<CareAlertDoc | null>
  ofPersonSince(carePersonId: string, sinceDay: string, limit: number): Promise<CareAlertDoc[]>
  removeOfPerson(carePersonId: string): Promise<void>
  /** 日调度: alerts of care persons at or under a path since a day (YYYY-MM-DD), latest day first. */
  underSince(path: string, sinceDay: string, limit: number): Promise<CareAlertDoc[]>
  /** 日调度: how many underSince holds. */
  countUnderSince(path: string, sinceDay: string): Promise<number>
  /** dashboard.repairStats: alerts of care persons at or under a path of the days [fromDay, toDay) (YYYY-MM-DD). */
  underBetween(path: string, fromDay: string, toDay: string): Promise<CareAlertDoc[]>
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
    underSince: (path, sinceDay, limit) =>
      rows<CareAlertDoc>(
        col()
          .where({ homePath: pathPrefix(db, path), day: _.gte(sinceDay) })
          .orderBy('day', 'desc')
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    countUnderSince: (path, sinceDay) => total(col().where({ homePath: pathPrefix(db, path), day: _.gte(sinceDay) })),
    async removeOfPerson(carePersonId) {
      await col().where({ carePersonId }).remove()
    },
    // dashboard.repairStats: the missed checks a unit's period counts (index homePath_1_day_-1)
    underBetween: (path, fromDay, toDay) =>
      all<CareAlertDoc>(col().where({ homePath: pathPrefix(db, path), day: _.and(_.gte(fromDay), _.lt(toDay)) })),
  }
}
