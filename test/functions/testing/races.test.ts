/**
 * 200 residents book and move at the same moment through the real function on the local cloud, against slots of
 * small capacity: no slot is ever overbooked, each household holds one booking (its members racing each other
 * included), and the coverage counters equal a recount of the bookings.
 */
import type { TestingSlotView } from '../../../core/contract/testing'
import type { PersonDoc, TestingBookingDoc, TestingCounterDoc, TestingSlotDoc } from '../../../core/model'
import { recount, sumShards } from '../../../core/testing/coverage'
import { ancestorAt } from '../../../core/units'
import { startTestingCloud, tap, type TestingCloud } from './testing-cloud'

jest.setTimeout(300_000)

let c: TestingCloud
beforeAll(async () => {
  c = await startTestingCloud()
})
afterAll(async () => {
  await c?.close()
})

it('200 residents booking and moving at once: never overbooked, one booking per household, counters = recount', async () => {
  const chief = c.persona(6)
  const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  const grid = c.unit(gridId)
  const { id: roundId } = await c.ok<{ id: string }>(chief, 'createRound', {
    tapId: tap('race'),
    scopeUnitId: gridId,
    name: '抢约测试',
    date: '2026-12-21',
    sites: [{ name: '一号点', place: '广场', workerIds: [chief._id] }],
  })
  const slotsOf = new Map<string, string[]>()
  for (const b of c.under(gridId, 'microgrid')) {
    const { slots } = await c.ok<{ slots: TestingSlotView[] }>(chief, 'planSlots', {
      roundId,
      buildingId: b._id,
      siteIndex: 0,
      startTime: '08:00',
      minutes: 20,
      capacity: 3,
      count: 3,
    })
    slotsOf.set(
      b._id,
      slots.map((s) => s.id),
    )
  }
  const households = c.under(gridId, 'household')
  const crowd: PersonDoc[] = Array.from({ length: 200 }, (_, i) => {
    const home = households[i % households.length]
    return {
      _id: `race_${i}`,
      openid: `o_race_${i}`,
      name: `居民${i}`,
      phone: '13900000000',
      householdId: home._id,
      homePath: home.path,
      roles: [{ role: 'resident', unitId: home._id }],
      createdAt: new Date(),
    }
  })
  await c.cloud.seed({ people: crowd })
  // every instance the local cloud runs at once (8) warm first, so the calls race from the first one
  await Promise.all(Array.from({ length: 8 }, () => c.ok(crowd[0], 'mySlot', {})))
  const results = await Promise.all(
    crowd.map((p, i) => {
      const slots = slotsOf.get(ancestorAt(p.homePath as string, 'microgrid') as string) as string[]
      return c.act(p, 'book', { slotId: slots[(i * 5) % slots.length] })
    }),
  )
  const refused = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))
  expect(new Set(refused)).toEqual(new Set(['TESTING_SLOT_FULL']))

  const all = await c.dump()
  const bookings = (all.testingBookings as TestingBookingDoc[]).filter((b) => b.roundId === roundId)
  const slots = (all.testingSlots as TestingSlotDoc[]).filter((s) => s.roundId === roundId)
  expect(slots.every((s) => s.booked === s.capacity)).toBe(true)
  for (const s of slots) expect(s.booked).toBe(bookings.filter((b) => b.slotId === s._id).length)
  expect(new Set(bookings.map((b) => b.householdId)).size).toBe(bookings.length)
  expect(bookings).toHaveLength(slots.length * 3)
  const counters = (all.testingCounters as TestingCounterDoc[]).filter((x) => x.roundId === roundId)
  const held = new Map<string, { booked: number; done: number }>()
  for (const id of new Set(counters.map((x) => x.unitId)))
    held.set(id, sumShards(counters.filter((x) => x.unitId === id)))
  expect(Object.fromEntries([...held].sort())).toEqual(Object.fromEntries([...recount(grid.path, bookings)].sort()))
})
