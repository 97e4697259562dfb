/**
 * Booking a household into a slot, as one decision over what the transaction read: the booking (if any), the target
 * slot and the slot it leaves. Pure: the handler writes exactly what this answers, so the capacity of a slot is
 * never passed and a household has one booking.
 */
import type { ErrorCode } from '../envelope'

export interface SlotState {
  _id: string
  buildingId: string
  capacity: number
  booked: number
}

export type BookingDecision =
  | { kind: 'refuse'; code: ErrorCode }
  /** already in this slot: nothing to write */
  | { kind: 'same' }
  /** a new booking: the target gains one */
  | { kind: 'book' }
  /** a move: the target gains one, `from` loses one */
  | { kind: 'move'; from: string }

export function decideBooking(
  current: { slotId: string; doneAt: Date | null } | null,
  target: SlotState,
  household: { buildingId: string },
): BookingDecision {
  if (target.buildingId !== household.buildingId) return { kind: 'refuse', code: 'TESTING_BUILDING_INVALID' }
  if (current?.slotId === target._id) return { kind: 'same' }
  if (current?.doneAt) return { kind: 'refuse', code: 'TESTING_ALREADY_DONE' }
  if (target.booked >= target.capacity) return { kind: 'refuse', code: 'TESTING_SLOT_FULL' }
  return current ? { kind: 'move', from: current.slotId } : { kind: 'book' }
}

/** The first slot (in order) with room, for the assignment job. */
export const firstWithRoom = <S extends SlotState & { index: number }>(slots: readonly S[]): S | null =>
  [...slots].sort((a, b) => a.index - b.index).find((s) => s.booked < s.capacity) ?? null
