/**
 * Seats on duty shifts: signing up (or being assigned) and cancelling, decided from what one transaction read — the
 * shift (capacity, seats taken), the sign-up, and the person's duty document (the shifts they hold, any
 * checkpoint). Because every seat change writes both the shift and the person's document, two sign-ups racing for
 * the last seat, or one person racing for two overlapping shifts, conflict and are decided one after the other.
 */

/** A shift one holds: enough to test overlap without reading the shift. */
export interface Hold {
  shiftId: string
  startAt: Date
  endAt: Date
}

/** The most future shifts one person may hold at once (their duty document stays small). */
export const MAX_HOLDS = 40

export interface SeatShift {
  _id: string
  startAt: Date
  endAt: Date
  capacity: number
  filled: number
  confirmedAt: Date | null
}

export interface SeatSignup {
  status: 'active' | 'cancelled' | 'earned' | 'absent'
  checkInAt?: Date
}

/** Who makes the change: the person themself (before the start), or a leader (until the end). */
export type SeatBy = 'self' | 'leader'

export type SeatRefusal =
  | 'DUTY_SHIFT_FULL'
  | 'DUTY_OVERLAP'
  | 'DUTY_SHIFT_STARTED'
  | 'DUTY_HOLDS_FULL'
  | 'DUTY_NOT_SIGNED_UP'
  | 'DUTY_ALREADY_IN'

export type SeatDecision =
  | { ok: true; change: 'none' }
  | { ok: true; change: 'seat'; holds: Hold[]; filled: number }
  | { ok: false; code: SeatRefusal }

export const overlapping = (a: Pick<Hold, 'startAt' | 'endAt'>, b: Pick<Hold, 'startAt' | 'endAt'>): boolean =>
  +a.startAt < +b.endAt && +b.startAt < +a.endAt

/** Holds still to come or running (ended ones are dropped as the document is rewritten). */
export const liveHolds = (holds: readonly Hold[], now: Date): Hold[] => holds.filter((h) => +h.endAt > +now)

/** The last moment the change is open: a person before the start, a leader before the end. */
const closed = (shift: SeatShift, by: SeatBy, now: Date): boolean =>
  shift.confirmedAt !== null || +now >= +(by === 'self' ? shift.startAt : shift.endAt)

export function decideSignUp(
  shift: SeatShift,
  signup: SeatSignup | null,
  holds: readonly Hold[],
  by: SeatBy,
  now: Date,
): SeatDecision {
  if (signup?.status === 'active') return { ok: true, change: 'none' }
  if (closed(shift, by, now)) return { ok: false, code: 'DUTY_SHIFT_STARTED' }
  if (shift.filled >= shift.capacity) return { ok: false, code: 'DUTY_SHIFT_FULL' }
  const live = liveHolds(holds, now).filter((h) => h.shiftId !== shift._id)
  if (live.some((h) => overlapping(h, shift))) return { ok: false, code: 'DUTY_OVERLAP' }
  if (live.length >= MAX_HOLDS) return { ok: false, code: 'DUTY_HOLDS_FULL' }
  return {
    ok: true,
    change: 'seat',
    holds: [...live, { shiftId: shift._id, startAt: shift.startAt, endAt: shift.endAt }],
    filled: shift.filled + 1,
  }
}

export function decideCancel(
  shift: SeatShift,
  signup: SeatSignup | null,
  holds: readonly Hold[],
  by: SeatBy,
  now: Date,
): SeatDecision {
  if (!signup || signup.status !== 'active') return { ok: false, code: 'DUTY_NOT_SIGNED_UP' }
  if (signup.checkInAt) return { ok: false, code: 'DUTY_ALREADY_IN' }
  if (closed(shift, by, now)) return { ok: false, code: 'DUTY_SHIFT_STARTED' }
  return {
    ok: true,
    change: 'seat',
    holds: liveHolds(holds, now).filter((h) => h.shiftId !== shift._id),
    filled: Math.max(0, shift.filled - 1),
  }
}
