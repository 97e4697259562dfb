/**
 * `shiftSignups`: a person's seat on a shift, core/ids.ts shiftSignupId(shiftId, personId). Written only inside the
 * transactions of duty.signUp/assign/cancel/checkIn/checkOut/confirmShift (tx.shiftSignups), together with the shift
 * and the person's dutyPeople document. Reads are bounded by what a screen shows: the seats of a few shifts, one
 * person's recent and coming seats, a person's active seats at a checkpoint, and a scope's seats in a window.
 */
import type { ShiftSignupDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rows } from './query'

/** The most seats the overlap check of a scope reads. */
export const SCOPE_SIGNUPS_READ = 500

export interface ShiftSignups {
  get(id: string): Promise<ShiftSignupDoc | null>
  /** Every seat (any status) of these shifts (each holds at most its capacity, SHIFT_BOUNDS.capacity). */
  ofShifts(shiftIds: readonly string[]): Promise<ShiftSignupDoc[]>
  /** A person's active seats at a checkpoint. */
  activeAt(checkpointId: string, personId: string): Promise<ShiftSignupDoc[]>
  /** A keyset page of a person's seats not cancelled (duty.myShifts, index personId_1_endAt_-1): 'upcoming' those
   * ending after `now`, soonest end first; 'recent' those ending in (since, now], latest first; ties by `_id`. */
  pageOfPerson(
    personId: string,
    list: 'upcoming' | 'recent',
    bounds: { now: Date; since: Date },
    after: SeatCursor | undefined,
    limit: number,
  ): Promise<{ rows: ShiftSignupDoc[]; more: boolean }>
  /** Active seats at or under a path starting in (from, to) (at most SCOPE_SIGNUPS_READ; `more` past it). */
  activeUnder(path: string, from: Date, to: Date): Promise<{ rows: ShiftSignupDoc[]; more: boolean }>
  /** Every seat a person ever had, latest end first (their export and deletion: index personId_1_endAt_-1). */
  allOfPerson(personId: string): Promise<ShiftSignupDoc[]>
  /** Puts `name` on every seat of a person (their deletion: the rosters keep the seat, not who). */
  renamePerson(personId: string, name: string): Promise<void>
  /** dashboard.repairStats: these people's seats settled (earned) in [from, to) (index personId_1_endAt_-1). */
  earnedOfPeople(personIds: readonly string[], from: Date, to: Date): Promise<ShiftSignupDoc[]>
  /** dashboard.repairStats: seats of shifts at or under a path settled in [from, to) (ended by then: endAt < to). */
  earnedUnder(path: string, from: Date, to: Date): Promise<ShiftSignupDoc[]>
}

/** Where a page of one's seats stopped: the last row's end and id. */
export interface SeatCursor {
  endAt: Date
  id: string
}

/** The statuses that hold a seat (a cancelled one is not one's shift any more). */
const HELD = ['active', 'earned', 'absent']

export function shiftSignups(db: Database): ShiftSignups {
  const _ = db.command
  const col = () => db.collection('shiftSignups')
  return {
    get: (id) => first<ShiftSignupDoc>(col().where({ _id: id })),
    ofShifts: (ids) => allIn<ShiftSignupDoc>(ids, (slice) => col().where({ shiftId: _.in(slice) })),
    async pageOfPerson(personId, list, { now, since }, after, limit) {
      const up = list === 'upcoming'
      const base = { personId, status: _.in(HELD) }
      const window = up ? _.gt(now) : _.gt(since).and(_.lte(now))
      const where = after
        ? _.or([
            { ...base, endAt: up ? _.gt(after.endAt) : _.lt(after.endAt).and(_.gt(since)) },
            { ...base, endAt: after.endAt, _id: up ? _.gt(after.id) : _.lt(after.id) },
          ])
        : { ...base, endAt: window }
      const found = await rows<ShiftSignupDoc>(
        col()
          .where(where)
          .orderBy('endAt', up ? 'asc' : 'desc')
          .orderBy('_id', up ? 'asc' : 'desc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    activeAt: (checkpointId, personId) =>
      rows<ShiftSignupDoc>(col().where({ checkpointId, personId, status: 'active' }).limit(100)),
    async activeUnder(path, from, to) {
      const found = await rows<ShiftSignupDoc>(
        col()
          .where({ unitPath: pathPrefix(db, path), status: 'active', startAt: _.gt(from).and(_.lt(to)) })
          .orderBy('startAt', 'asc')
          .limit(SCOPE_SIGNUPS_READ + 1),
      )
      return { rows: found.slice(0, SCOPE_SIGNUPS_READ), more: found.length > SCOPE_SIGNUPS_READ }
    },
    allOfPerson: (personId) => all<ShiftSignupDoc>(col().where({ personId }).orderBy('endAt', 'desc')),
    async renamePerson(personId, name) {
      await col().where({ personId }).update({ data: { name } })
    },
    // dashboard.repairStats: the duty time a unit's volunteers (and those with no home its community paid) did
    earnedOfPeople: (personIds, from, to) =>
      allIn<ShiftSignupDoc>(personIds, (slice) =>
        col().where({ personId: _.in(slice), status: 'earned', earnedAt: _.and(_.gte(from), _.lt(to)) }),
      ),
    earnedUnder: (path, from, to) =>
      all<ShiftSignupDoc>(
        col().where({ unitPath: pathPrefix(db, path), status: 'earned', earnedAt: _.and(_.gte(from), _.lt(to)) }),
      ),
  }
}
