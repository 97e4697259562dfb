/** What the testing actions answer, built from stored documents (ISO times; the round's secret never leaves). */
import { TESTING_LIMITS, type TestingMySlot, type TestingSlotView } from '../../core/contract/testing'
import type { TestingBookingDoc, TestingRoundDoc, TestingSlotDoc } from '../../core/model'
import { bookingCode } from '../../core/testing/token'

export const slotView = (s: TestingSlotDoc): TestingSlotView => ({
  id: s._id,
  buildingId: s.buildingId,
  buildingName: s.buildingName,
  siteIndex: s.siteIndex,
  startAt: s.startAt.toISOString(),
  endAt: s.endAt.toISOString(),
  capacity: s.capacity,
  booked: s.booked,
  done: s.done,
  calledAt: s.calledAt ? s.calledAt.toISOString() : null,
})

/** A household's slot card: its slot and site, its code, and the building's other slots with room. */
export function mySlotView(
  round: TestingRoundDoc,
  booking: TestingBookingDoc,
  buildingSlots: readonly TestingSlotDoc[],
): TestingMySlot {
  const slot = buildingSlots.find((s) => s._id === booking.slotId)
  const site = round.sites[booking.siteIndex]
  return {
    roundId: round._id,
    roundName: round.name,
    date: round.date,
    door: booking.door,
    slot: {
      id: booking.slotId,
      startAt: (slot?.startAt ?? booking.startAt).toISOString(),
      endAt: (slot?.endAt ?? booking.startAt).toISOString(),
    },
    site: { name: site?.name ?? '', place: site?.place ?? '' },
    done: !!booking.doneAt,
    doneAt: booking.doneAt ? booking.doneAt.toISOString() : null,
    code: bookingCode(round.secret, booking._id),
    choices: booking.doneAt
      ? []
      : buildingSlots
          .filter((s) => s._id !== booking.slotId && s.booked < s.capacity)
          .slice(0, TESTING_LIMITS.slotsPerPlan)
          .map((s) => ({
            id: s._id,
            startAt: s.startAt.toISOString(),
            endAt: s.endAt.toISOString(),
            left: s.capacity - s.booked,
          })),
  }
}
