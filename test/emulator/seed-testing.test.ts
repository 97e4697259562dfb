/** The demo's testing round is what the functions would have written: counters equal the recount, slots their bookings. */
import { recount, sumShards } from '../../core/testing/coverage'
import type { TestingBookingDoc, TestingCounterDoc, TestingRoundDoc, TestingSlotDoc } from '../../core/model'
import { buildDemoCommunity } from '../../emulator/seed'

const seed = buildDemoCommunity().requests as unknown as {
  testingRounds: TestingRoundDoc[]
  testingSlots: TestingSlotDoc[]
  testingBookings: TestingBookingDoc[]
  testingCounters: TestingCounterDoc[]
}

it('seeds one round whose slots hold their bookings, within capacity, one per household', () => {
  const [round] = seed.testingRounds
  expect(seed.testingRounds).toHaveLength(1)
  expect(round.planned.length).toBeGreaterThan(0)
  for (const s of seed.testingSlots) {
    const held = seed.testingBookings.filter((b) => b.slotId === s._id)
    expect([s.booked, s.done, s.doneSeconds.length]).toEqual([
      held.length,
      held.filter((b) => b.doneAt).length,
      held.filter((b) => b.doneAt).length,
    ])
    expect(s.booked).toBeLessThanOrEqual(s.capacity)
  }
  expect(new Set(seed.testingBookings.map((b) => b.householdId)).size).toBe(seed.testingBookings.length)
  expect(seed.testingBookings.some((b) => b.doneAt)).toBe(true)
  expect(seed.testingBookings.some((b) => !b.doneAt)).toBe(true)
})

it('seeds coverage counters equal to the recount of the bookings', () => {
  const [round] = seed.testingRounds
  const held = new Map<string, { booked: number; done: number }>()
  for (const id of new Set(seed.testingCounters.map((c) => c.unitId)))
    held.set(id, sumShards(seed.testingCounters.filter((c) => c.unitId === id)))
  const want = recount(round.scopePath, seed.testingBookings)
  expect(Object.fromEntries([...held].sort())).toEqual(Object.fromEntries([...want].sort()))
})
