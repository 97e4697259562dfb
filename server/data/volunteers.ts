/**
 * `volunteers`: one per person (core/ids.ts volunteerId): totals cached from their earned sign-ups, the no-shows of
 * the last year, and whether they appear on leaderboards. Index: gridId_1_hidden_1_minutes_-1 (a grid's leaderboard).
 */
import type { VolunteerDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first, rows, total } from './query'

export interface Volunteers {
  get(personId: string): Promise<VolunteerDoc | null>
  /** A grid's visible volunteers with hours, most hours first. */
  rankInGrid(gridId: string, skip: number, limit: number): Promise<VolunteerDoc[]>
  countInGrid(gridId: string): Promise<number>
  /** How many visible volunteers of a grid have more minutes (a rank). */
  aheadInGrid(gridId: string, minutes: number): Promise<number>
  /** A deleted person: their totals stay (the grid's and teams' add up), their name goes, off every leaderboard. */
  forget(personId: string, name: string, at: Date): Promise<void>
}

export function volunteers(db: Database): Volunteers {
  const _ = db.command
  const col = () => db.collection('volunteers')
  const ranked = (gridId: string) => ({ gridId, hidden: false, minutes: _.gt(0) })
  return {
    get: (personId) => first<VolunteerDoc>(col().where({ _id: personId })),
    rankInGrid: (gridId, skip, limit) =>
      rows<VolunteerDoc>(
        col().where(ranked(gridId)).orderBy('minutes', 'desc').orderBy('_id', 'asc').skip(skip).limit(limit),
      ),
    countInGrid: (gridId) => total(col().where(ranked(gridId))),
    aheadInGrid: (gridId, minutes) => total(col().where({ gridId, hidden: false, minutes: _.gt(minutes) })),
    async forget(personId, name, at) {
      await col()
        .where({ _id: personId })
        .update({ data: { name, hidden: true, updatedAt: at } })
    },
  }
}
