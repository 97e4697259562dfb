/**
 * Every change of a booking, in one transaction with the counters it moves: booking or moving a household (the
 * slot's capacity counter, the slot it leaves, the household's shard at every unit from the round's scope down to
 * its building) and marking it done (the slot's done and door-to-done, the same shards). The booking's id is
 * deterministic (core/ids.ts testingBookingId), so a retry, a racing twin or a re-run job re-reads it and never
 * counts a household twice; what to write is decided by core/testing/booking.ts over what the transaction read.
 */
import { testingBookingId } from '../../core/ids'
import type { TestingBookingDoc, TestingRoundDoc } from '../../core/model'
import { decideBooking } from '../../core/testing/booking'
import { countedOf, countedUnitIds, deltaOf, doorSeconds } from '../../core/testing/coverage'
import type { Data } from '../../server/data'
import { moveTestingInTx } from '../../server/data/testing-counters'
import { AppError } from '../../server/errors'

export interface HouseholdRef {
  id: string
  path: string
  door: string
  buildingId: string
}

export type BookOutcome = 'booked' | 'moved' | 'same' | 'kept'

/**
 * Books the household into `slotId`, or moves it there. `onlyNew` (the assignment job): a household already booked
 * keeps its slot ('kept'). Refusals (full, done, another building) are thrown as AppError and write nothing.
 */
export async function bookHousehold(
  data: Data,
  round: Pick<TestingRoundDoc, '_id' | 'scopePath'>,
  household: HouseholdRef,
  slotId: string,
  by: string,
  now: Date,
  onlyNew = false,
): Promise<{ outcome: BookOutcome; booking: TestingBookingDoc }> {
  const bookingId = testingBookingId(round._id, household.id)
  const units = countedUnitIds(round.scopePath, household.path)
  // before every round, outside any transaction: a full slot (or a repeat) is answered from two reads, so the losers
  // of a rush on a slot stop at once instead of retrying into its conflicts
  const precheck = async (): Promise<{ outcome: BookOutcome; booking: TestingBookingDoc } | null> => {
    const [current, [target]] = await Promise.all([
      data.testingBookings.get(bookingId),
      data.testingSlots.byIds([slotId]),
    ])
    if (current && onlyNew) return { outcome: 'kept', booking: current }
    if (!target || target.roundId !== round._id) throw new AppError('NOT_FOUND')
    const decision = decideBooking(current, target, household)
    if (decision.kind === 'refuse') throw new AppError(decision.code)
    return decision.kind === 'same' && current ? { outcome: 'same', booking: current } : null
  }
  return data.transaction(async (tx) => {
    const current = await tx.testingBookings.get(bookingId)
    if (current && onlyNew) return { outcome: 'kept' as const, booking: current }
    const target = await tx.testingSlots.get(slotId)
    if (!target || target.roundId !== round._id) throw new AppError('NOT_FOUND')
    const decision = decideBooking(current, target, household)
    if (decision.kind === 'refuse') throw new AppError(decision.code)
    if (decision.kind === 'same' && current) return { outcome: 'same' as const, booking: current }
    if (decision.kind === 'move') {
      const from = await tx.testingSlots.get(decision.from)
      if (from) await tx.testingSlots.update(from._id, { booked: from.booked - 1 })
    }
    await tx.testingSlots.update(target._id, { booked: target.booked + 1 })
    const booking: TestingBookingDoc = {
      _id: bookingId,
      roundId: round._id,
      householdId: household.id,
      door: household.door,
      buildingId: household.buildingId,
      path: household.path,
      slotId: target._id,
      siteIndex: target.siteIndex,
      startAt: target.startAt,
      bookedAt: now,
      bookedBy: by,
      moves: current ? current.moves + 1 : 0,
      doneAt: null,
      doneBy: null,
    }
    const { _id, ...fields } = booking
    await tx.testingBookings.set(_id, fields)
    await moveTestingInTx(tx, round._id, household.id, units, deltaOf(countedOf(current), countedOf(booking)))
    return { outcome: current ? ('moved' as const) : ('booked' as const), booking }
  }, precheck)
}

/** Marks a booked household done, once: a second mark answers the first one's time with `already`. */
export async function markHouseholdDone(
  data: Data,
  round: Pick<TestingRoundDoc, '_id' | 'scopePath'>,
  bookingId: string,
  by: string,
  now: Date,
): Promise<{ booking: TestingBookingDoc; already: boolean }> {
  return data.transaction(async (tx) => {
    const booking = await tx.testingBookings.get(bookingId)
    if (!booking || booking.roundId !== round._id) throw new AppError('NOT_FOUND')
    if (booking.doneAt) return { booking, already: true }
    const slot = await tx.testingSlots.get(booking.slotId)
    if (!slot) throw new AppError('NOT_FOUND')
    await tx.testingSlots.update(slot._id, {
      done: slot.done + 1,
      doneSeconds: [...slot.doneSeconds, doorSeconds(slot, now)],
    })
    const done = { ...booking, doneAt: now, doneBy: by }
    await tx.testingBookings.update(bookingId, { doneAt: now, doneBy: by })
    await moveTestingInTx(
      tx,
      round._id,
      booking.householdId,
      countedUnitIds(round.scopePath, booking.path),
      deltaOf(countedOf(booking), countedOf(done)),
    )
    return { booking: done, already: false }
  })
}
