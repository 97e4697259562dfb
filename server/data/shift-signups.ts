/**
 * `shiftSignups`: a person's seat on a shift, core/ids.ts shiftSignupId(shiftId, personId). Written only inside the
 * transactions of duty.signUp/assign/cancel/checkIn/checkOut/confirmShift (tx.shiftSignups), together with the shift
 * and the person's dutyPeople document. Reads are bounded by what a screen shows: the seats of a few shifts, one
 * person's recent and coming seats, a person's active seats at a checkpoint, and a scope's seats in a window.
 */
import type { ShiftSignupDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rows } from './query'

/** The most seats one person's list reads (upcoming and the last week together). */
export const MY_SHIFTS_READ = 60
/** The most seats the overlap check of a scope reads. */
export const SCOPE_SIGNUPS_READ = 500

export interface ShiftSignups {
  get(id: string): Promise<ShiftSignupDoc | null>
  /** Every seat (any status) of these shifts (each holds at most its capacity, SHIFT_BOUNDS.capacity). */
  ofShifts(shiftIds: readonly string[]): Promise<ShiftSignupDoc[]>
  /** A person's seats ending after `since`, latest end first (at most MY_SHIFTS_READ). */
  ofPerson(personId: string, since: Date): Promise<ShiftSignupDoc[]>
  /** A person's active seats at a checkpoint. */
  activeAt(checkpointId: string, personId: string): Promise<ShiftSignupDoc[]>
  /** Active seats at or under a path starting in (from, to) (at most SCOPE_SIGNUPS_READ; `more` past it). */
  activeUnder(path: string, from: Date, to: Date): Promise<{ rows: ShiftSignupDoc[]; more: boolean }>
  /** Every seat a person ever had, latest end first (their export and deletion: index personId_1_endAt_-1). */
  allOfPerson(personId: string): Promise<ShiftSignupDoc[]>
  /** Puts `name` on every seat of a person (their deletion: the rosters keep the seat, not who). */
  renamePerson(personId: string, name: string): Promise<void>
}

export function shiftSignups(db: Database): ShiftSignups {
  const _ = db.command
  const col = () => db.collection('shiftSignups')
  return {
    get: (id) => first<ShiftSignupDoc>(col().where({ _id: id })),
    ofShifts: (ids) => allIn<ShiftSignupDoc>(ids, (slice) => col().where({ shiftId: _.in(slice) })),
    ofPerson: (personId, since) =>
      rows<ShiftSignupDoc>(
        col()
          .where({ personId, endAt: _.gt(since) })
          .orderBy('endAt', 'desc')
          .limit(MY_SHIFTS_READ),
      ),
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
  }
}
