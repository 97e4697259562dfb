/**
 * The demo's testing round (错时采样, issue 12): today (Beijing) over 和平里社区, two sites — the first grid's party
 * leader works 一号采样点 for the first grid's buildings, the second grid's chief 二号采样点 for the second grid's —
 * each building's slots from 08:00, 20 minutes and 10 households a slot, every household of the two grids booked in
 * order, and each building's first slot called and tested, so the coverage, the site and the slot card all have
 * something to show. Counters are the recount (core/testing/coverage.ts) of the bookings, per household shard.
 */
import { testingBookingId, testingCounterId, testingSlotId } from '../../core/ids'
import type { PersonDoc, TestingBookingDoc, TestingCounterDoc, TestingRoundDoc, TestingSlotDoc } from '../../core/model'
import { beijingDay } from '../../core/notices/beijing-time'
import type { Persona } from '../../core/persona'
import { countedUnitIds, doorSeconds, shardOf } from '../../core/testing/coverage'
import { planSlots } from '../../core/testing/plan'
import { doorLabel, isWithin, type Unit } from '../../core/units'
import { seedDay } from './points-wallet'

export const DEMO_ROUND_ID = 'tr_demo_1'
const PLAN = { startTime: '08:00', minutes: 20, capacity: 10 }
const MIN = 60_000

export function seedTesting({
  units,
  people,
  personas,
}: {
  units: readonly Unit[]
  people: readonly PersonDoc[]
  personas: readonly Persona[]
}): Record<string, object[]> {
  const person = (n: number) => people.find((p) => p.openid === personas[n].openid) as PersonDoc
  const [worker0, worker1] = [person(2), person(3)]
  const gridOf = (p: PersonDoc, role: 'partyLeader' | 'gridChief') =>
    units.find((u) => u._id === p.roles.find((r) => r.role === role)?.unitId) as Unit
  const grids = [gridOf(worker0, 'partyLeader'), gridOf(worker1, 'gridChief')]
  const community = units.find((u) => u._id === grids[0].parentId) as Unit
  const date = beijingDay(seedDay())
  const round: TestingRoundDoc = {
    _id: DEMO_ROUND_ID,
    name: '第一轮全员采样',
    date,
    emergencyId: null,
    scopeUnitId: community._id,
    scopePath: community.path,
    communityId: community._id,
    sites: [
      { name: '一号采样点', place: '小区北门广场', workerIds: [worker0._id], workerNames: [worker0.name] },
      { name: '二号采样点', place: '社区服务站门口', workerIds: [worker1._id], workerNames: [worker1.name] },
    ],
    workerIds: [worker0._id, worker1._id],
    planned: [],
    // the demo's codes need only be stable; a real round draws 32 random bytes
    secret: 'demo-testing-round-secret',
    assign: { index: 0, after: '', finished: true },
    createdBy: person(4)._id,
    createdByName: person(4).name,
    createdAt: seedDay(),
  }
  const slots: TestingSlotDoc[] = []
  const bookings: TestingBookingDoc[] = []
  grids.forEach((grid, siteIndex) => {
    const buildings = units.filter((u) => u.level === 'microgrid' && u.parentId === grid._id && !u.retired)
    for (const b of buildings) {
      const homes = units
        .filter((u) => u.level === 'household' && u.parentId === b._id && !u.retired)
        .sort((x, y) => (x._id < y._id ? -1 : 1))
      const planned = planSlots({ date, ...PLAN, count: Math.min(24, Math.ceil(homes.length / PLAN.capacity)) }) ?? []
      round.planned.push({ buildingId: b._id, siteIndex, slots: planned.length })
      const mine = planned.map((p) => ({
        _id: testingSlotId(round._id, b._id, p.index),
        roundId: round._id,
        buildingId: b._id,
        buildingName: b.name,
        siteIndex,
        index: p.index,
        startAt: p.startAt,
        endAt: p.endAt,
        capacity: PLAN.capacity,
        booked: 0,
        done: 0,
        calledAt: p.index === 0 ? new Date(+p.startAt + 2 * MIN) : null,
        calledBy: p.index === 0 ? (siteIndex ? worker1._id : worker0._id) : null,
        doneSeconds: [] as number[],
      }))
      homes.forEach((h, i) => {
        const slot = mine[Math.floor(i / PLAN.capacity)]
        if (!slot) return
        const doneAt = slot.calledAt ? new Date(+slot.calledAt + (3 + (i % PLAN.capacity)) * MIN) : null
        slot.booked += 1
        if (doneAt) {
          slot.done += 1
          slot.doneSeconds.push(doorSeconds(slot, doneAt))
        }
        bookings.push({
          _id: testingBookingId(round._id, h._id),
          roundId: round._id,
          householdId: h._id,
          door: doorLabel(h) || h.name,
          buildingId: b._id,
          path: h.path,
          slotId: slot._id,
          siteIndex,
          startAt: slot.startAt,
          bookedAt: seedDay(),
          bookedBy: 'assign',
          moves: 0,
          doneAt,
          doneBy: doneAt ? (slot.calledBy as string) : null,
        })
      })
      slots.push(...mine)
    }
  })
  const counters = new Map<string, TestingCounterDoc>()
  for (const b of bookings) {
    if (!isWithin(b.path, round.scopePath)) continue
    const shard = shardOf(b.householdId)
    for (const unitId of countedUnitIds(round.scopePath, b.path)) {
      const id = testingCounterId(round._id, unitId, shard)
      const held = counters.get(id) ?? { _id: id, roundId: round._id, unitId, shard, booked: 0, done: 0 }
      counters.set(id, { ...held, booked: held.booked + 1, done: held.done + (b.doneAt ? 1 : 0) })
    }
  }
  return {
    testingRounds: [round],
    testingSlots: slots,
    testingBookings: bookings,
    testingCounters: [...counters.values()],
  }
}
