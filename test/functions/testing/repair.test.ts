/**
 * The testing function's `repairCounters` timer through the real wx-server-sdk in the local cloud, over the demo's
 * round of 和平里社区 (its counters seeded equal to a recount): a firing finds nothing wrong; a building's shard and
 * the community's made wrong on purpose are found, reported with their drift and mended, after which every unit's
 * coverage equals the recount of the bookings again; a firing takes a bounded window of the walk and the next
 * firings go on from there until every step came round.
 */
import type { Envelope } from '../../../core/envelope'
import { testingCounterId } from '../../../core/ids'
import type { TestingBookingDoc, TestingCounterDoc, TestingRoundDoc } from '../../../core/model'
import { recount, sumShards, type Counted } from '../../../core/testing/coverage'
import { REPAIR_PERIOD_MS, type TestingRepairReport } from '../../../cloudfunctions/testing/repair-counters'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(300_000)

let g: FunctionsCloud
let round: TestingRoundDoc
beforeAll(async () => {
  // the timers fired by the test alone: nothing mends before it looks
  g = await startFunctionsCloud(['testing'], { timers: false })
  const rounds = (await g.dump()).testingRounds as TestingRoundDoc[]
  round = rounds.find((r) => r.planned.length > 1) as TestingRoundDoc
  expect(round).toBeDefined()
})
afterAll(() => g?.close())

/** One firing of the timer at `at`. */
const fire = async (at: Date) =>
  data(
    (
      await g.cloud.callFunction(
        'testing',
        { Type: 'Timer', TriggerName: 'repairCounters', Time: at.toISOString(), Message: '' },
        { openid: '' },
      )
    ).result as Envelope<TestingRepairReport>,
  )

/** Every unit's figures in the round against the recount of its bookings: the differences (none when they agree). */
async function drift(): Promise<string[]> {
  const dump = await g.dump()
  const bookings = (dump.testingBookings as TestingBookingDoc[]).filter((b) => b.roundId === round._id)
  const counters = (dump.testingCounters as TestingCounterDoc[]).filter((c) => c.roundId === round._id)
  const want = recount(round.scopePath, bookings)
  const units = new Set([...want.keys(), ...counters.map((c) => c.unitId)])
  const out: string[] = []
  for (const u of units) {
    const held = sumShards(counters.filter((c) => c.unitId === u))
    const w = want.get(u) ?? { booked: 0, done: 0 }
    if (held.booked !== w.booked || held.done !== w.done)
      out.push(`${u}: held ${JSON.stringify(held)}, recount ${JSON.stringify(w)}`)
  }
  return out
}

/** Fires from `at` on, one period apart, until every step of the walk came round once; the mends of all. */
async function walk(at: Date): Promise<{ reports: TestingRepairReport[]; mended: TestingRepairReport['mended'] }> {
  const reports = [await fire(at)]
  while (reports.reduce((n, r) => n + r.steps, 0) < reports[0].of)
    reports.push(await fire(new Date(+at + reports.length * REPAIR_PERIOD_MS)))
  return { reports, mended: reports.flatMap((r) => r.mended) }
}

it('finds nothing wrong in counters equal to the recount', async () => {
  expect(await drift()).toEqual([])
  const { reports, mended } = await walk(new Date())
  expect(mended).toEqual([])
  expect(reports[0].of).toBe(
    ((await g.dump()).testingRounds as TestingRoundDoc[])
      .filter((r) => r.date >= round.date)
      .reduce((n, r) => n + r.planned.length + 1, 0),
  )
  expect(reports[0].checked).toBeGreaterThan(0)
})

it('finds a building’s and the community’s counters made wrong on purpose, says by how much, and mends them', async () => {
  const dump = await g.dump()
  const bookings = (dump.testingBookings as TestingBookingDoc[]).filter((b) => b.roundId === round._id)
  const booked = bookings.find((b) => b.doneAt) ?? bookings[0]
  const counters = dump.testingCounters as TestingCounterDoc[]
  const building = counters.find(
    (c) => c.roundId === round._id && c.unitId === booked.buildingId && c.booked > 0 && c.done > 0,
  ) as TestingCounterDoc
  const community = counters.find(
    (c) => c.roundId === round._id && c.unitId === round.scopeUnitId && c.shard !== building.shard,
  ) as TestingCounterDoc
  expect(building && community).toBeTruthy()
  const break_ = async (c: TestingCounterDoc, by: Counted) =>
    g.cloud.seed({ testingCounters: [{ ...c, booked: c.booked + by.booked, done: c.done + by.done }] })
  await break_(building, { booked: 3, done: -1 })
  await break_(community, { booked: -2, done: 0 })
  expect((await drift()).length).toBeGreaterThanOrEqual(2)

  // a firing takes a bounded window; the next ones go on until the whole walk came round
  const { reports, mended } = await walk(new Date(Date.now() + 7 * REPAIR_PERIOD_MS))
  for (const r of reports) expect(r.steps).toBeLessThanOrEqual(40)
  expect(mended).toEqual(
    expect.arrayContaining([
      { roundId: round._id, unitId: building.unitId, shard: building.shard, drift: { booked: -3, done: 1 } },
      { roundId: round._id, unitId: community.unitId, shard: community.shard, drift: { booked: 2, done: 0 } },
    ]),
  )
  expect(mended).toHaveLength(2)
  expect(reports.reduce((n, r) => n + r.wrong, 0)).toBe(2)
  expect(await drift()).toEqual([])
  const after = (await g.dump()).testingCounters as TestingCounterDoc[]
  expect(after.find((c) => c._id === testingCounterId(round._id, building.unitId, building.shard))).toMatchObject({
    booked: building.booked,
    done: building.done,
  })
  // and a walk over mended counters finds nothing more
  expect((await walk(new Date(Date.now() + 20 * REPAIR_PERIOD_MS))).mended).toEqual([])
})
