/**
 * The dashboard function's `repairStats` timer through the real wx-server-sdk in the local cloud over the demo (its
 * unitStats seeded as the recount of its records): a walk over the demo finds nothing wrong; a grid's, a community's
 * and the street's figures broken on purpose (the grid's a notice too many and households counted twice in a shard,
 * the community's households too many, the street's patrols too few) are found with their drift and mended to the recount; each firing takes a bounded number of
 * unit-periods and the next resumes where it stopped; a second walk finds nothing.
 */
import type { Envelope } from '../../../core/envelope'
import { periodOf, statsOf, addStats, noStats, type StatFigures } from '../../../core/dashboard/stats'
import { unitStatsId, unitStatsShardId } from '../../../core/ids'
import type { UnitStatsDoc } from '../../../core/model'
import { REPAIR_STEPS, type StatsRepairReport } from '../../../cloudfunctions/dashboard/repair'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(300_000)

let g: FunctionsCloud
const now = new Date()
const month = periodOf('month', now)

beforeAll(async () => {
  g = await startFunctionsCloud(['dashboard'], { timers: false })
}, 240_000)
afterAll(() => g?.close())

const fire = async (at: Date) =>
  data(
    (
      await g.cloud.callFunction(
        'dashboard',
        { Type: 'Timer', TriggerName: 'repairStats', Time: at.toISOString(), Message: '' },
        { openid: '' },
      )
    ).result as Envelope<StatsRepairReport>,
  )

/** Fires until the walk is done; every firing's report. */
async function walk(): Promise<StatsRepairReport[]> {
  const reports = [await fire(now)]
  while (reports[reports.length - 1].next) reports.push(await fire(new Date(+now + reports.length * 600_000)))
  return reports
}

/** A unit's figures of a period as the dashboard reads them: its document and its shards. */
async function held(unitId: string, period: string): Promise<StatFigures> {
  const docs = (await g.dump()).unitStats as UnitStatsDoc[]
  return docs
    .filter((d) => d.unitId === unitId && d.period === period)
    .reduce((s, d) => addStats(s, statsOf(d)), noStats())
}

const units = () => ({
  grids: g.demo.units.filter((u) => u.level === 'grid').length,
  communities: g.demo.units.filter((u) => u.level === 'community').length,
})

it('finds nothing wrong in the demo, a bounded number of unit-periods a firing, resuming where it stopped', async () => {
  const reports = await walk()
  const { grids, communities } = units()
  // two periods (this month, this week), each over every grid, community and street
  expect(reports.reduce((n, r) => n + r.checked, 0)).toBe(2 * (grids + communities + 1))
  expect(reports.every((r) => r.checked <= REPAIR_STEPS)).toBe(true)
  expect(reports.length).toBeGreaterThan(1)
  expect(reports.flatMap((r) => r.mended)).toEqual([])
  expect(reports.reduce((n, r) => n + r.busy, 0)).toBe(0)
})

it('mends figures broken on purpose to the recount, with their drift, and a second walk finds nothing', async () => {
  const grid = g.demo.units.find((u) => u._id === 'g3') as { _id: string; parentId: string }
  const right = {
    grid: await held(grid._id, month),
    community: await held('c1', month),
    street: await held('s1', month),
  }
  // the demo's 收到 in 第3网格 counted this month
  expect(right.grid.reached).toBeGreaterThan(0)
  const doc = (unitId: string, figures: StatFigures): UnitStatsDoc => ({
    _id: unitStatsId(unitId, month),
    unitId,
    period: month,
    ...figures,
    updatedAt: now,
  })
  await g.cloud.seed({
    unitStats: [
      // the grid: a notice too many, and its households reached moved into a shard that counts them twice
      doc(grid._id, { ...right.grid, notices: right.grid.notices + 1 }),
      {
        _id: unitStatsShardId(grid._id, month, 3),
        unitId: grid._id,
        period: month,
        shard: 3,
        reached: 2,
        urgentReached: 0,
        updatedAt: now,
      } as UnitStatsDoc,
      // the community counts five households too many; the street two patrols too few
      doc('c1', { ...right.community, reached: right.community.reached + 5 }),
      doc('s1', { ...right.street, patrols: right.street.patrols - 2 }),
    ],
  })

  const mended = (await walk()).flatMap((r) => r.mended)
  expect(mended).toEqual(
    expect.arrayContaining([
      { unitId: grid._id, period: month, drift: { notices: -1, reached: -2 } },
      { unitId: 'c1', period: month, drift: { reached: -5 } },
      { unitId: 's1', period: month, drift: { patrols: 2 } },
    ]),
  )
  expect(mended.filter((m) => m.period === month)).toHaveLength(3)
  expect(await held(grid._id, month)).toEqual(right.grid)
  expect(await held('c1', month)).toEqual(right.community)
  expect(await held('s1', month)).toEqual(right.street)

  // the dashboard reads the mended figures
  const second = await walk()
  expect(second.flatMap((r) => r.mended)).toEqual([])
})
