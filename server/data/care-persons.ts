/**
 * `carePersons`: a care person (关爱对象, _id = personId, core/ids.ts carePersonId). Reads: by id, by ids; the active
 * ones under a unit in _id keyset pages (index active_1_homePath_1), those with an open 未探访
 * (active_1_openAlertDay_1_homePath_1); a helper's (helperIds_1); the ones due for the day's missed-check alert
 * (active_1_lastAlertDay_1_lastCheckDay_1). Writes go through transactions (tx.carePersons) — marks, team changes,
 * checks and alerts all re-read the document there — except a deletion's removal.
 */
import type { CarePersonDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rows } from './query'

export interface CarePersons {
  get(id: string): Promise<CarePersonDoc | null>
  byIds(ids: readonly string[]): Promise<CarePersonDoc[]>
  /** Up to `limit` active care persons living under `path` in _id order after `afterId`; `missed`: open 未探访 only. */
  under(
    path: string,
    missed: boolean,
    afterId: string | undefined,
    limit: number,
  ): Promise<{ rows: CarePersonDoc[]; more: boolean }>
  /** The active care persons `personId` helps (at most `limit`). */
  ofHelper(personId: string, limit: number): Promise<CarePersonDoc[]>
  /** Every care record naming `personId` as a helper, active or not (a deletion empties their seat). */
  allOfHelper(personId: string): Promise<CarePersonDoc[]>
  /**
   * Up to `limit` active care persons, in _id order after `afterId`, with no check and no alert on `day` who were care
   * persons by `cutoffAt` (the missed-check timer).
   */
  dueForAlert(day: string, cutoffAt: Date, afterId: string, limit: number): Promise<CarePersonDoc[]>
  remove(id: string): Promise<void>
  /** Every care record whose history names `personId` as who marked it (a deleted staff member's name goes). */
  markedBy(personId: string): Promise<CarePersonDoc[]>
}

export function carePersons(db: Database): CarePersons {
  const _ = db.command
  const col = () => db.collection('carePersons')
  return {
    get: (id) => first<CarePersonDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<CarePersonDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async under(path, missed, afterId, limit) {
      const found = await rows<CarePersonDoc>(
        col()
          .where({
            active: true,
            homePath: pathPrefix(db, path),
            ...(missed ? { openAlertDay: _.gt('') } : {}),
            ...(afterId ? { _id: _.gt(afterId) } : {}),
          })
          .orderBy('_id', 'asc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    ofHelper: (personId, limit) =>
      rows<CarePersonDoc>(col().where({ helperIds: personId, active: true }).orderBy('_id', 'asc').limit(limit)),
    allOfHelper: (personId) => all<CarePersonDoc>(col().where({ helperIds: personId })),
    dueForAlert: (day, cutoffAt, afterId, limit) =>
      rows<CarePersonDoc>(
        col()
          .where({
            active: true,
            lastAlertDay: _.lt(day),
            lastCheckDay: _.lt(day),
            activeSince: _.lte(cutoffAt),
            _id: _.gt(afterId),
          })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    async remove(id) {
      await col().doc(id).remove()
    },
    markedBy: (personId) => all<CarePersonDoc>(col().where({ 'history.byId': personId })),
  }
}
