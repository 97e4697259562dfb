/**
 * A testing round end to end through the real functions on the local cloud: community staff set it up (sites,
 * workers, each building's slots), the assignment job books every household once without overbooking a slot, a
 * resident sees and moves their slot, the site's worker calls and marks households done by their code, and the
 * coverage counters equal a recount of the bookings at every level. Refusals: out of scope, another site's worker,
 * forged and foreign codes, a full slot, a done household moving.
 */
import type {
  TestingCoverage,
  TestingMySlot,
  TestingNotDoneRow,
  TestingRoundView,
  TestingSiteWork,
  TestingSlotView,
} from '../../../core/contract/testing'
import { testingBookingId } from '../../../core/ids'
import type { PersonDoc, TestingBookingDoc, TestingCounterDoc, TestingSlotDoc } from '../../../core/model'
import { recount, sumShards } from '../../../core/testing/coverage'
import { ancestorAt, type Unit } from '../../../core/units'
import { exactly } from '../harness/functions-cloud'
import { startTestingCloud, tap, type TestingCloud } from './testing-cloud'

jest.setTimeout(240_000)

let c: TestingCloud
let staff: PersonDoc
let resident: PersonDoc
let neighbour: PersonDoc
let ownChief: PersonDoc
let otherChief: PersonDoc
let buildingHead: PersonDoc
let grid1: Unit
let grid2: Unit
let community: Unit
let buildings: Unit[]
/** workers: the first grid's party leader at site 0, the other grid's chief at site 1 */
let worker0: PersonDoc
let worker1: PersonDoc
let roundId: string

const date = '2026-12-20'

beforeAll(async () => {
  c = await startTestingCloud()
  resident = c.persona(0)
  buildingHead = c.persona(1)
  worker0 = c.persona(2)
  otherChief = c.persona(3)
  staff = c.persona(4)
  ownChief = c.persona(6)
  neighbour = c.persona(7)
  worker1 = otherChief
  grid1 = c.unit(ancestorAt(resident.homePath as string, 'grid') as string)
  grid2 = c.unit(otherChief.roles.find((r) => r.role === 'gridChief')?.unitId as string)
  community = c.unit(ancestorAt(grid1.path, 'community') as string)
  buildings = c.under(grid1._id, 'microgrid')
})
afterAll(async () => {
  await c?.close()
})

const sites = () => [
  { name: '一号采样点', place: '小区北门广场', workerIds: [worker0._id] },
  { name: '二号采样点', place: '社区服务站门口', workerIds: [worker1._id] },
]

it('staff create a round over the community; the same tap creates it once', async () => {
  const tapId = tap('round')
  const payload = { tapId, scopeUnitId: community._id, name: '第一轮全员采样', date, sites: sites() }
  const { id } = await c.ok<{ id: string }>(staff, 'createRound', payload)
  const again = await c.ok<{ id: string }>(staff, 'createRound', payload)
  expect(again.id).toBe(id)
  roundId = id
  const stored = (await c.store<{ _id: string; secret: string }>('testingRounds')).filter((r) => r._id === id)
  expect(stored).toHaveLength(1)
  const view = await c.ok<TestingRoundView>(staff, 'round', { roundId })
  expect(view.sites.map((s) => s.workers.map((w) => w.name))).toEqual([[worker0.name], [worker1.name]])
  expect(JSON.stringify(view)).not.toContain(stored[0].secret)
})

it('plans each building of the first grid: sequential slots; the same plan again changes nothing, another is refused', async () => {
  // capacity small on purpose: the first building's households do not all fit
  for (const [i, b] of buildings.entries()) {
    const plan = {
      roundId,
      buildingId: b._id,
      siteIndex: i === 0 ? 0 : 1,
      startTime: '08:00',
      minutes: 20,
      capacity: 6,
      count: 4,
    }
    const { slots } = await c.ok<{ slots: TestingSlotView[] }>(staff, 'planSlots', plan)
    expect(slots.map((s) => s.startAt)).toEqual([
      '2026-12-20T00:00:00.000Z',
      '2026-12-20T00:20:00.000Z',
      '2026-12-20T00:40:00.000Z',
      '2026-12-20T01:00:00.000Z',
    ])
    const repeat = await c.ok<{ slots: TestingSlotView[] }>(staff, 'planSlots', plan)
    expect(repeat.slots.map((s) => s.id)).toEqual(slots.map((s) => s.id))
  }
  const other = {
    roundId,
    buildingId: buildings[0]._id,
    siteIndex: 0,
    startTime: '09:00',
    minutes: 20,
    capacity: 6,
    count: 4,
  }
  expect(await c.act(staff, 'planSlots', other)).toEqual(exactly('TESTING_PLANNED'))
  const late = { ...other, buildingId: buildings[0]._id, startTime: '23:30', count: 3 }
  expect(await c.act(staff, 'planSlots', late)).toEqual(exactly('TESTING_PLAN_INVALID'))
  const slots = (await c.store<TestingSlotDoc>('testingSlots')).filter((s) => s.roundId === roundId)
  expect(slots).toHaveLength(buildings.length * 4)
})

it('the assignment job books every household once, in bounded steps, never over a slot', async () => {
  type Step = { booked: number; unplaced: number; finished: boolean; noticeId: string | null }
  const steps: Step[] = []
  for (let i = 0; i < 20; i++) {
    const step = await c.ok<Step>(staff, 'assign', { roundId })
    steps.push(step)
    expect(step.booked + step.unplaced).toBeLessThanOrEqual(60)
    if (step.finished) break
  }
  expect(steps[steps.length - 1].finished).toBe(true)
  expect(steps.slice(0, -1).every((s) => s.noticeId === null)).toBe(true)
  expect(steps[steps.length - 1].noticeId).toMatch(/^n_testing_/)
  // run again when finished: nothing more (the round's notice, published when it finished, is the same one)
  expect(await c.ok(staff, 'assign', { roundId })).toEqual({
    booked: 0,
    unplaced: 0,
    finished: true,
    noticeId: steps[steps.length - 1].noticeId,
  })
  const bookings = (await c.store<TestingBookingDoc>('testingBookings')).filter((b) => b.roundId === roundId)
  const slots = (await c.store<TestingSlotDoc>('testingSlots')).filter((s) => s.roundId === roundId)
  for (const s of slots) {
    expect(s.booked).toBe(bookings.filter((b) => b.slotId === s._id).length)
    expect(s.booked).toBeLessThanOrEqual(s.capacity)
  }
  expect(new Set(bookings.map((b) => b.householdId)).size).toBe(bookings.length)
  for (const b of buildings) {
    const households = c.under(b._id, 'household').length
    expect(bookings.filter((x) => x.buildingId === b._id)).toHaveLength(Math.min(households, 24))
  }
  expect(steps.reduce((n, s) => n + s.booked, 0)).toBe(bookings.length)
})

const expectCountersMatch = async () => {
  const bookings = (await c.store<TestingBookingDoc>('testingBookings')).filter((b) => b.roundId === roundId)
  const counters = (await c.store<TestingCounterDoc>('testingCounters')).filter((x) => x.roundId === roundId)
  const want = recount(community.path, bookings)
  const held = new Map<string, { booked: number; done: number }>()
  for (const id of new Set(counters.map((x) => x.unitId)))
    held.set(id, sumShards(counters.filter((x) => x.unitId === id)))
  expect(Object.fromEntries([...held].sort())).toEqual(Object.fromEntries([...want].sort()))
}

it('coverage of the community, the grid and a building comes from counters equal to a recount', async () => {
  await expectCountersMatch()
  const top = await c.ok<TestingCoverage>(staff, 'coverage', { roundId })
  const bookings = (await c.store<TestingBookingDoc>('testingBookings')).filter((b) => b.roundId === roundId)
  expect(top.unit).toMatchObject({ id: community._id, booked: bookings.length, done: 0 })
  expect(top.unit.households).toBe(c.under(community._id, 'household').length)
  expect(top.children.find((x) => x.id === grid1._id)).toMatchObject({ booked: bookings.length })
  expect(top.children.find((x) => x.id === grid2._id)).toMatchObject({ booked: 0, done: 0 })
  // a building head's list opens the community's round at their own building
  const seen = await c.ok<{ rows: { id: string; coverUnitId: string }[] }>(buildingHead, 'rounds', {
    unitId: buildingHead.roles.find((r) => r.role === 'buildingHead')?.unitId,
  })
  expect(seen.rows.find((r) => r.id === roundId)?.coverUnitId).toBe(
    buildingHead.roles.find((r) => r.role === 'buildingHead')?.unitId,
  )
  expect(
    (await c.ok<{ rows: { id: string; coverUnitId: string }[] }>(staff, 'rounds', { unitId: community._id })).rows.find(
      (r) => r.id === roundId,
    )?.coverUnitId,
  ).toBe(community._id)
  const b = await c.ok<TestingCoverage>(buildingHead, 'coverage', {
    roundId,
    unitId: buildings.find((x) => buildingHead.roles.some((r) => r.unitId === x._id))?._id,
  })
  expect(b.slots).toHaveLength(4)
  expect(b.children).toEqual([])
})

let mine: TestingMySlot

it('a resident sees their slot, site and code, and moves to another slot with room; a full slot is refused', async () => {
  const { rows } = await c.ok<{ rows: TestingMySlot[] }>(resident, 'mySlot', {})
  // the demo's round and this one
  expect(rows.map((r) => r.roundId)).toContain(roundId)
  mine = rows.find((r) => r.roundId === roundId) as TestingMySlot
  expect(mine.roundName).toBe('第一轮全员采样')
  expect(mine.code).toMatch(/^wgt-test:/)
  // 1栋: 19 households in 4 slots of 6, so the last slot has room and the first three are full
  const target = mine.choices[0]
  expect(target).toBeDefined()
  const moved = await c.ok<TestingMySlot>(resident, 'book', { slotId: target.id })
  expect(moved.slot.id).toBe(target.id)
  mine = moved
  const slots = (await c.store<TestingSlotDoc>('testingSlots')).filter((s) => s.roundId === roundId)
  const home = ancestorAt(resident.homePath as string, 'microgrid')
  const full = slots.find((s) => s.booked >= s.capacity && s.buildingId === home) as TestingSlotDoc
  expect(full).toBeDefined()
  expect(await c.act(resident, 'book', { slotId: full._id })).toEqual(exactly('TESTING_SLOT_FULL'))
  const elsewhere = slots.find((s) => s.buildingId !== ancestorAt(resident.homePath as string, 'microgrid'))
  expect(await c.act(resident, 'book', { slotId: (elsewhere as TestingSlotDoc)._id })).toEqual(
    exactly('TESTING_BUILDING_INVALID'),
  )
  await expectCountersMatch()
})

it('the site worker calls the slot and marks the resident done by code, once; others are refused', async () => {
  const siteIndex = (await c.store<TestingBookingDoc>('testingBookings')).find(
    (b) => b._id === testingBookingId(roundId, resident.householdId as string),
  )?.siteIndex as number
  const worker = siteIndex === 0 ? worker0 : worker1
  const stranger = siteIndex === 0 ? worker1 : worker0
  const view = await c.ok<TestingSiteWork>(worker, 'site', { roundId, siteIndex, slotId: mine.slot.id })
  expect(view.households.map((h) => h.door)).toContain(mine.door)
  expect(await c.act(stranger, 'site', { roundId, siteIndex })).toEqual(exactly('TESTING_NOT_WORKER'))
  const called = await c.ok<TestingSlotView>(worker, 'call', { slotId: mine.slot.id })
  expect(called.calledAt).not.toBeNull()
  const again = await c.ok<TestingSlotView>(worker, 'call', { slotId: mine.slot.id })
  expect(again.calledAt).toBe(called.calledAt)

  // forged: the neighbour's booking id with the resident's signature; foreign: another round's code
  const neighbourBooking = testingBookingId(roundId, neighbour.householdId as string)
  const sig = mine.code.split(':')[2]
  const forged = `wgt-test:${neighbourBooking}:${sig}`
  expect(await c.act(worker, 'markDone', { roundId, code: forged })).toEqual(exactly('TESTING_CODE_INVALID'))
  expect(await c.act(worker, 'markDone', { roundId, code: 'wgt-test:x:000000000000000000000000' })).toEqual(
    exactly('TESTING_CODE_INVALID'),
  )
  expect(await c.act(stranger, 'markDone', { roundId, code: mine.code })).toEqual(exactly('TESTING_NOT_WORKER'))
  expect(await c.act(resident, 'markDone', { roundId, code: mine.code })).toEqual(exactly('TESTING_NOT_WORKER'))

  const done = await c.ok<{ already: boolean; door: string }>(worker, 'markDone', { roundId, code: mine.code })
  expect(done).toMatchObject({ already: false, door: mine.door })
  const twice = await Promise.all([
    c.ok<{ already: boolean }>(worker, 'markDone', { roundId, code: mine.code }),
    c.ok<{ already: boolean }>(worker, 'markDone', {
      roundId,
      bookingId: testingBookingId(roundId, resident.householdId as string),
    }),
  ])
  expect(twice.map((t) => t.already)).toEqual([true, true])
  const card = (await c.ok<{ rows: TestingMySlot[] }>(resident, 'mySlot', {})).rows.find((r) => r.roundId === roundId)
  expect(card).toMatchObject({ done: true, choices: [] })
  const home = ancestorAt(resident.homePath as string, 'microgrid')
  const other = (await c.store<TestingSlotDoc>('testingSlots')).find(
    (s) => s.roundId === roundId && s.buildingId === home && s._id !== mine.slot.id,
  ) as TestingSlotDoc
  expect(await c.act(resident, 'book', { slotId: other._id })).toEqual(exactly('TESTING_ALREADY_DONE'))
  await expectCountersMatch()

  const building = ancestorAt(resident.homePath as string, 'microgrid') as string
  const cover = await c.ok<TestingCoverage>(staff, 'coverage', { roundId, unitId: building })
  expect(cover.unit.done).toBe(1)
  const slot = cover.slots.find((s) => s.slotId === mine.slot.id)
  expect(slot).toMatchObject({ done: 1, withinGoal: true })
  const { rows } = await c.ok<{ rows: TestingNotDoneRow[] }>(staff, 'notDone', { roundId, buildingId: building })
  expect(rows.map((r) => r.householdId)).not.toContain(resident.householdId)
  expect(rows.length).toBeGreaterThan(0)
})

it('scope: leaders of another grid, residents and workers from outside are refused', async () => {
  const grid2Round = { tapId: tap('round'), scopeUnitId: grid2._id, name: '第二网格采样', date, sites: sites() }
  // the first grid's chief may not set up the other grid's round, nor the community's
  expect(await c.act(ownChief, 'createRound', grid2Round)).toEqual(exactly('FORBIDDEN'))
  expect(await c.act(ownChief, 'createRound', { ...grid2Round, scopeUnitId: community._id })).toEqual(
    exactly('FORBIDDEN'),
  )
  // a worker who is not of the grid (the first grid's party leader lives elsewhere)
  const own = await c.act(otherChief, 'createRound', {
    ...grid2Round,
    sites: [{ name: '点', place: '门口', workerIds: [worker0._id] }],
  })
  expect(own).toEqual(exactly('TESTING_WORKER_INVALID'))
  const ok = await c.ok<{ id: string }>(otherChief, 'createRound', {
    ...grid2Round,
    sites: [{ name: '点', place: '门口', workerIds: [otherChief._id] }],
  })
  const firstBuilding = {
    roundId: ok.id,
    buildingId: buildings[0]._id,
    siteIndex: 0,
    startTime: '08:00',
    minutes: 20,
    capacity: 5,
    count: 2,
  }
  // the community round's building is not in the grid's round
  expect(await c.act(otherChief, 'planSlots', firstBuilding)).toEqual(exactly('NOT_FOUND'))
  expect(await c.act(otherChief, 'coverage', { roundId, unitId: grid1._id })).toEqual(exactly('FORBIDDEN'))
  expect(await c.act(ownChief, 'coverage', { roundId: ok.id, unitId: grid1._id })).toEqual(exactly('NOT_FOUND'))
  expect(await c.act(ownChief, 'planSlots', firstBuilding)).toEqual(exactly('FORBIDDEN'))
  expect(
    await c.act(staff, 'createRound', { ...grid2Round, tapId: tap('street'), scopeUnitId: buildings[0]._id }),
  ).toEqual(exactly('TESTING_SCOPE_INVALID'))
  expect(await c.act(resident, 'coverage', { roundId })).toEqual(exactly('FORBIDDEN'))
  expect(await c.act(resident, 'site', { roundId, siteIndex: 0 })).toEqual(exactly('TESTING_NOT_WORKER'))
  // the other grid's worker sees their site of the grid's round only
  const { rows } = await c.ok<{ rows: { roundId: string; siteIndex: number }[] }>(otherChief, 'mySites', {})
  expect(rows).toEqual(
    expect.arrayContaining([
      { roundId, siteIndex: 1, roundName: '第一轮全员采样', date, name: '二号采样点', place: '社区服务站门口' },
    ]),
  )
  expect(rows.some((r) => r.roundId === roundId && r.siteIndex === 0)).toBe(false)
})
