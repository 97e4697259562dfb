/**
 * What a shift's seat counts must hold, from its sign-ups: `filled` is the seats not cancelled (active, and those
 * confirmed as earned or absent — confirming settles a seat, it does not free it), `free` the capacity left. The
 * seat transactions move both with each seat (server/duty-seats.ts); the repair (cloudfunctions/duty/repair-counters.ts)
 * recounts with this and mends what drifted.
 */
import type { ShiftSignupDoc } from '../model'

type Seat = Pick<ShiftSignupDoc, 'status'>

export const holdsSeat = (s: Seat): boolean => s.status !== 'cancelled'

export const filledOf = (seats: readonly Seat[]): number => seats.filter(holdsSeat).length

export interface SeatCounts {
  filled: number
  free: number
}

/** The counts a shift must hold given its seats. */
export const seatCountsOf = (capacity: number, seats: readonly Seat[]): SeatCounts => {
  const filled = filledOf(seats)
  return { filled, free: capacity - filled }
}

/** The recount minus what the shift holds, per count; null when they agree. */
export function seatDrift(held: SeatCounts, want: SeatCounts): SeatCounts | null {
  const drift = { filled: want.filled - held.filled, free: want.free - held.free }
  return drift.filled || drift.free ? drift : null
}
