/**
 * What the keepers' and the site workers' screens cost (documents examined, the local cloud's query statistics):
 * testing.round reads the scope's grids, buildings and their counters, the same however many buildings the rest of
 * the district holds (before: the buildings of the whole district, 305 → 5,687 examined from 1 to 930 grids in the
 * district benchmark); testing.site reads its own site's slots, the same however many slots the round's other sites
 * have (before: every slot of the round).
 */
import type { TestingRoundView, TestingSiteWork } from '../../../core/contract/testing'
import type { PersonDoc } from '../../../core/model'
import { ancestorAt, childPath, isWithin, type Unit } from '../../../core/units'
import { withSiblingKey } from '../../../core/grid/siblings'
import { startTestingCloud, tap, type TestingCloud } from './testing-cloud'

jest.setTimeout(240_000)

let c: TestingCloud
let staff: PersonDoc
let worker0: PersonDoc
let worker1: PersonDoc
let community: Unit
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
  community = c.unit(ancestorAt(grid1.path, 'community') as string)
  const { id } = await c.ok<{ id: string }>(staff, 'createRound', {
    tapId: tap('cost'),
    scopeUnitId: community._id,
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

async function examined<T>(person: PersonDoc, action: 'round' | 'site', payload: unknown): Promise<[number, T]> {
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

it("the round's view reads its scope's grids and buildings, however many buildings the rest of the district holds", async () => {
  const inScope = c.demo.units.filter((u) => !u.retired && isWithin(u.path, community.path))
  const buildings = inScope.filter((u) => u.level === 'microgrid')
  const [before, view] = await examined<TestingRoundView>(staff, 'round', { roundId })
  // every building of the scope, with the households its counter holds (the demo's counters are the recount)
  expect(view.buildings.map((b) => b.id).sort()).toEqual(buildings.map((b) => b._id).sort())
  for (const b of view.buildings)
    expect(b.households).toBe(inScope.filter((u) => u.level === 'household' && u.parentId === b.id).length)
  // the grids, the buildings and their counters, and the round's own figures: not the scope's households
  expect(before).toBeLessThan(inScope.filter((u) => u.level === 'household').length)

  // another community of the street gains buildings: half as many as the units under this one
  const street = c.unit(community.parentId as string)
  const other: Unit = withSiblingKey({
    _id: 'cost-c',
    level: 'community',
    name: '远方社区',
    parentId: street._id,
    path: childPath(street.path, 'cost-c'),
  })
  const grid: Unit = withSiblingKey({
    _id: 'cost-g',
    level: 'grid',
    name: '远方网格',
    parentId: other._id,
    path: childPath(other.path, 'cost-g'),
  })
  const added = Array.from({ length: Math.ceil(inScope.length / 2) }, (_, i) =>
    withSiblingKey<Unit>({
      _id: `cost-b${i}`,
      level: 'microgrid',
      name: `${i + 1}号楼`,
      parentId: grid._id,
      path: childPath(grid.path, `cost-b${i}`),
    }),
  )
  await c.cloud.seed({ units: [other, grid, ...added] })
  const [after, again] = await examined<TestingRoundView>(staff, 'round', { roundId })
  expect(again.buildings).toEqual(view.buildings)
  expect(after).toBe(before)
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
