/**
 * The dashboard's `repairStats` timer at district scale, through the real wx-server-sdk in the local cloud: a street
 * shaped like emulator/seed/district.ts buildDistrict (its ids prefixed `d`, beside the demo's street) with a notice
 * and a household's 收到 in one grid. A firing's documents examined stay bounded per unit-period it processes: a grid
 * reads its own units, residents and records; a community or street its children's figures and its notices by
 * path prefix, never the units under it. A figure and markers made wrong on purpose (a notice too many; the
 * household's marker naming another grid; a marker of a household nobody reached) are reported as drift and mended,
 * and the next walk finds nothing. A walk that starts after a week ended takes that week once more.
 */
import type { Envelope } from '../../../core/envelope'
import { addStats, noStats, periodBounds, periodOf, previousPeriod, statsOf } from '../../../core/dashboard/stats'
import type { StatFigures } from '../../../core/dashboard/stats'
import { statMarkId, unitStatsId } from '../../../core/ids'
import type { NoticeDoc, PersonDoc, ReceiptDoc, RepairCursorDoc, StatMarkDoc, UnitStatsDoc } from '../../../core/model'
import { withSiblingKey } from '../../../core/grid/siblings'
import type { Unit } from '../../../core/units'
import { CURSOR_ID, SETTLE_MS, type StatsRepairReport } from '../../../cloudfunctions/dashboard/repair'
import { buildDistrict } from '../../../emulator/seed/district'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(600_000)

const GRIDS = 40
let g: FunctionsCloud
const now = new Date()
const month = periodOf('month', now)
const week = periodOf('week', now)
// the records' moment, and the walks' first firing: early in this week and this month (both last a day at least
// after it), so no walk of a test crosses into another period whatever the time of day
const start = Math.max(+periodBounds(week).from, +periodBounds(month).from)
const at = new Date(start + 30 * 60_000)
const t0 = new Date(start + 60 * 60_000)
const later = (minutes: number) => new Date(+t0 + minutes * 60_000)

// the district beside the demo: every id prefixed, so its street is ds1, its grids dg1…
const d = (id: string) => `d${id}`
const rePath = (path: string) =>
  path
    .split('/')
    .map((s) => (s ? d(s) : s))
    .join('/')
const district = buildDistrict({ grids: GRIDS })
const units: Unit[] = district.units.map((u) =>
  withSiblingKey({ ...u, _id: d(u._id), parentId: u.parentId ? d(u.parentId) : null, path: rePath(u.path) }),
)
const people: PersonDoc[] = district.people.map((p, i) => ({
  ...p,
  _id: d(p._id),
  ...(p.openid ? { openid: d(p.openid) } : {}),
  phone: `166${String(i).padStart(8, '0')}`,
  ...(p.homePath ? { homePath: rePath(p.homePath) } : {}),
  roles: p.roles.map((r) => ({ ...r, unitId: d(r.unitId) })),
}))
const unit = (id: string) => units.find((u) => u._id === id) as Unit
const grid5 = unit('dg5')
const households = (gridId: string) =>
  units.filter((u) => u.level === 'household' && u.path.startsWith(unit(gridId).path))
const reachedHome = households('dg5')[0]
const unreachedHome = households('dg7')[0]
const notice = {
  _id: 'dn_repair',
  title: '停水通知',
  body: '明日停水',
  images: [],
  urgency: 'normal',
  ackRequired: true,
  unitIds: [grid5._id],
  unitPaths: [grid5.path],
  publisherId: 'dist_publisher',
  origin: '第5网格',
  publishedAt: at,
  expiresAt: new Date(+at + 7 * 86_400_000),
} as NoticeDoc
const receipt: ReceiptDoc = {
  _id: 'dr_repair',
  noticeId: notice._id,
  householdId: reachedHome._id,
  microgridId: reachedHome.parentId as string,
  gridId: grid5._id,
  via: 'ack',
  by: people.find((p) => p.homePath === reachedHome.path)?._id ?? 'someone',
  at,
}

beforeAll(async () => {
  g = await startFunctionsCloud(['dashboard'], { timers: false })
  for (let i = 0; i < units.length; i += 5000) await g.cloud.seed({ units: units.slice(i, i + 5000) })
  for (let i = 0; i < people.length; i += 5000) await g.cloud.seed({ people: people.slice(i, i + 5000) })
  await g.cloud.seed({ notices: [notice], receipts: [receipt] })
}, 600_000)
afterAll(() => g?.close())

const fire = async (firedAt: Date) =>
  data(
    (
      await g.cloud.callFunction(
        'dashboard',
        { Type: 'Timer', TriggerName: 'repairStats', Time: firedAt.toISOString(), Message: '' },
        { openid: '' },
      )
    ).result as Envelope<StatsRepairReport>,
  )

const cursor = (fields: Partial<RepairCursorDoc>): RepairCursorDoc => ({
  _id: CURSOR_ID,
  periods: [month],
  at: 0,
  level: 'grid',
  after: '',
  startedAt: now,
  updatedAt: now,
  ...fields,
})

/** A firing and the documents its queries examined. */
async function measured(firedAt: Date) {
  g.cloud.queryStats({ reset: true })
  const report = await fire(firedAt)
  return { report, examined: g.cloud.queryStats().examined }
}

/** Fires until the walk is done; every firing's report. */
async function walk(from: Date): Promise<StatsRepairReport[]> {
  const reports = [await fire(from)]
  while (reports[reports.length - 1].next) reports.push(await fire(new Date(+from + reports.length * 20_000)))
  return reports
}

async function held(unitId: string, period: string): Promise<StatFigures> {
  const docs = (await g.dump()).unitStats as UnitStatsDoc[]
  return docs
    .filter((x) => x.unitId === unitId && x.period === period)
    .reduce((s, x) => addStats(s, statsOf(x)), noStats())
}
const marks = async () => (await g.dump()).statMarks as StatMarkDoc[]

it('examines a bounded number of documents per unit-period, never a street’s or community’s subtree', async () => {
  // a grid's own: its units and residents, and a little more for its records
  const perGrid = Math.max(
    ...units
      .filter((u) => u.level === 'grid')
      .map(
        (gr) =>
          units.filter((u) => u.path.startsWith(gr.path)).length +
          people.filter((p) => p.homePath?.startsWith(gr.path)).length,
      ),
  )
  await g.cloud.seed({ repairCursors: [cursor({ level: 'grid', after: 'dg' })] })
  const grids = await measured(now)
  expect(grids.report.checked).toBe(20)
  console.log(`repairStats, 20 district grids: ${grids.examined} examined (a grid holds up to ${perGrid})`)
  expect(grids.examined).toBeLessThanOrEqual(grids.report.checked * (perGrid + 100))

  // the communities and streets: their children's figures and their notices, whatever lies under them
  await g.cloud.seed({ repairCursors: [cursor({ level: 'community', after: '' })] })
  const above = await measured(now)
  const communities = units.filter((u) => u.level === 'community').length
  const demoAbove = g.demo.units.filter((u) => (u.level === 'community' || u.level === 'street') && !u.retired).length
  expect(above.report.checked).toBe(communities + 1 + demoAbove)
  const under = units.length - 1
  console.log(
    `repairStats, ${above.report.checked} communities and streets (the district's street has ${under} units under it): ${above.examined} examined`,
  )
  expect(above.examined).toBeLessThanOrEqual(above.report.checked * 60)
  expect(above.examined).toBeLessThan(under / 20)
})

it('reports a figure and markers made wrong on purpose as drift and mends them; the next walk finds nothing', async () => {
  // a clean start: every unit-period of this month and week recounted
  await g.cloud.seed({ repairCursors: [cursor({ at: 1, periods: [month], startedAt: t0 })] })
  await walk(t0)
  expect((await walk(later(15))).flatMap((r) => r.mended)).toEqual([])
  const right = await held(grid5._id, month)
  expect(right).toMatchObject({ notices: 1, reached: 1 })
  const reachedMark = statMarkId(month, 'reached', reachedHome._id)
  const before = (await marks()).find((m) => m._id === reachedMark) as StatMarkDoc
  expect(before.unitIds).toEqual(['ds1', 'dc1', 'dg5'])

  // a notice too many in the grid; its household's marker naming another grid; a marker nobody made
  const extraMark = statMarkId(month, 'reached', unreachedHome._id)
  await g.cloud.seed({
    unitStats: [
      { _id: unitStatsId(grid5._id, month), unitId: grid5._id, period: month, ...right, notices: 2, updatedAt: now },
    ],
    statMarks: [
      { ...before, unitIds: ['ds1', 'dc1', 'dg6'] },
      { _id: extraMark, period: month, figure: 'reached', key: unreachedHome._id, unitIds: ['ds1', 'dc1', 'dg7'], at },
    ],
  })
  const mended = (await walk(later(30))).flatMap((r) => r.mended)
  expect(mended.filter((m) => m.period === month)).toEqual(
    expect.arrayContaining([
      { unitId: 'dg5', period: month, drift: { notices: -1 }, marks: { missing: [reachedMark], moved: [], extra: [] } },
      { unitId: 'dg7', period: month, drift: {}, marks: { missing: [], moved: [], extra: [extraMark] } },
    ]),
  )
  expect(await held(grid5._id, month)).toEqual(right)
  const after = await marks()
  expect(after.find((m) => m._id === reachedMark)?.unitIds).toEqual(['ds1', 'dc1', 'dg5'])
  expect(after.find((m) => m._id === extraMark)).toBeUndefined()
  expect((await walk(later(45))).flatMap((r) => r.mended)).toEqual([])
})

it('takes a week that ended since the last walk started once more, and then no more', async () => {
  const lastWeek = previousPeriod('week', now)
  const ended = periodBounds(lastWeek).to
  // the last walk started before last week ended; a firing after it settled starts the next walk
  await g.cloud.seed({
    repairCursors: [cursor({ periods: [lastWeek], at: 1, startedAt: new Date(+ended - 3_600_000) })],
    unitStats: [
      { _id: unitStatsId('dg9', lastWeek), unitId: 'dg9', period: lastWeek, patrols: 3, updatedAt: ended },
    ] as UnitStatsDoc[],
  })
  const firedAt = new Date(+ended + SETTLE_MS + 60_000)
  const first = await fire(firedAt)
  expect(first.next?.period).toBe(lastWeek)
  const reports = [first]
  while (reports[reports.length - 1].next) reports.push(await fire(new Date(+firedAt + reports.length * 60_000)))
  expect(reports.flatMap((r) => r.mended)).toEqual(
    expect.arrayContaining([{ unitId: 'dg9', period: lastWeek, drift: { patrols: -3 } }]),
  )
  expect((await held('dg9', lastWeek)).patrols).toBe(0)
  // the walk after it: this week's periods only
  const again = await fire(new Date(+firedAt + 86_400_000))
  expect(again.next?.period).not.toBe(lastWeek)
})
