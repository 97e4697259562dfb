/**
 * `careChecks`: one helper's daily check (每日探访) of a care person on one Beijing day (core/ids.ts careCheckId).
 * Written only in the check's transaction (tx.careChecks), with the care person's count. Reads: by ids (today's
 * checks of a helper's list), a care person's since a day, newest first (carePersonId_1_day_-1), every check a
 * helper made (helperId_1_day_-1: their export and deletion).
 */
import type { CareCheckDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, rows } from './query'

export interface CareChecks {
  byIds(ids: readonly string[]): Promise<CareCheckDoc[]>
  /** A care person's checks on `sinceDay` or later, newest first (at most `limit`). */
  ofPersonSince(carePersonId: string, sinceDay: string, limit: number): Promise<CareCheckDoc[]>
  allOfHelper(helperId: string): Promise<CareCheckDoc[]>
  /** A deleted helper's checks keep the day and what was seen, without their name. */
  forgetHelper(helperId: string, name: string): Promise<void>
  /** Every check of a deleted care person. */
  removeOfPerson(carePersonId: string): Promise<void>
}

export function careChecks(db: Database): CareChecks {
  const _ = db.command
  const col = () => db.collection('careChecks')
  return {
    byIds: (ids) => allIn<CareCheckDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    ofPersonSince: (carePersonId, sinceDay, limit) =>
      rows<CareCheckDoc>(
        col()
          .where({ carePersonId, day: _.gte(sinceDay) })
          .orderBy('day', 'desc')
          .orderBy('at', 'desc')
          .limit(limit),
      ),
    allOfHelper: (helperId) => all<CareCheckDoc>(col().where({ helperId })),
    async forgetHelper(helperId, name) {
      await col()
        .where({ helperId })
        .update({ data: { helperName: name } })
    },
    async removeOfPerson(carePersonId) {
      await col().where({ carePersonId }).remove()
    },
  }
}
