/**
 * What the site workers' screen costs (documents examined, the local cloud's query statistics): testing.site reads
 * its own site's slots, the same however many slots the round's other sites have (before: every slot of the round,
 * 42 → 328 examined from 1 to 100 grids in the district benchmark, docs/benchmarks.md).
 */
import type { TestingSiteWork } from '../../../core/contract/testing'
import type { PersonDoc } from '../../../core/model'
import { ancestorAt, type Unit } from '../../../core/units'
import { startTestingCloud, tap, type TestingCloud } from './testing-cloud'

jest.setTimeout(240_000)

let c: TestingCloud
let staff: PersonDoc
let worker0: PersonDoc
let worker1: PersonDoc
let grid1: Unit
let grid2: Unit
let roundId: string

beforeAll(async () => {
  c = await startTestingCloud()
  const resident = c.persona(0)
  worker0 = c.persona(2)
  worker1 = c.persona(3)
  staff = c.persona(4)
  grid1 = c.unit(ancestorAt(resident.homePath as string, 'grid') as string)
  grid2 = c.unit(worker1.roles.find((r) => r.role === 'gridChief')?.unitId as string)
  const { id } = await c.ok<{ id: string }>(staff, 'createRound', {
    tapId: tap('cost'),
    scopeUnitId: ancestorAt(grid1.path, 'community') as string,
    name: '全员采样',
    date: '2026-12-21',
    sites: [
      { name: '一号采样点', place: '小区北门广场', workerIds: [worker0._id] },
      { name: '二号采样点', place: '社区服务站门口', workerIds: [worker1._id] },
    ],
  })
  roundId = id
})
afterAll(async () => {
  await c?.close()
})

async function examined<T>(person: PersonDoc, action: 'site', payload: unknown): Promise<[number, T]> {
  c.cloud.queryStats({ reset: true })
  const data = await c.ok<T>(person, action, payload)
  return [c.cloud.queryStats().examined, data]
}

const plan = (b: Unit, siteIndex: number, count: number) =>
  c.ok(staff, 'planSlots', {
    roundId,
    buildingId: b._id,
    siteIndex,
    startTime: '08:00',
    minutes: 20,
    capacity: 10,
    count,
  })

it("a site's screen reads its own slots, however many slots the round's other sites have", async () => {
  for (const b of c.under(grid1._id, 'microgrid')) await plan(b, 0, 2)
  const [before, work] = await examined<TestingSiteWork>(worker0, 'site', { roundId, siteIndex: 0 })
  expect(work.slots).toHaveLength(2 * c.under(grid1._id, 'microgrid').length)
  expect(work.slots.map((s) => s.startAt)).toEqual([...work.slots.map((s) => s.startAt)].sort())

  for (const b of c.under(grid2._id, 'microgrid')) await plan(b, 1, 24)
  const [after, again] = await examined<TestingSiteWork>(worker0, 'site', { roundId, siteIndex: 0 })
  expect(again.slots.map((s) => s.id)).toEqual(work.slots.map((s) => s.id))
  expect(after).toBe(before)
  // the other site sees its own
  const [, theirs] = await examined<TestingSiteWork>(worker1, 'site', { roundId, siteIndex: 1 })
  expect(theirs.slots).toHaveLength(24 * c.under(grid2._id, 'microgrid').length)
})
