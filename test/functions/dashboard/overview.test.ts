/**
 * dashboard.overview over the local cloud and the demo: the figures are the counters the changes moved in their own
 * transactions (a notice published, households reached — once each, whatever the members and notices — equal to a
 * recount of the stored records), a leader sees only their own unit, and what a dashboard reads does not grow with
 * what lies under the unit: a street's costs what a grid's does, more grids under it change nothing.
 */
import type { DashboardOverview } from '../../../core/contract'
import { eventsFrom, statRecordsOf } from '../../../core/dashboard/events'
import { addStats, periodOf, statsFor, statsOf, STAT_FIGURES } from '../../../core/dashboard/stats'
import { withSiblingKey } from '../../../core/grid/siblings'
import { ISOLATION_TASK_MINUTES } from '../../../core/isolation/schedule'
import type { IsolationTaskDoc, PersonDoc, UnitStatsDoc } from '../../../core/model'
import { ancestorAt, childPath, isWithin, type Unit } from '../../../core/units'
import { exactly, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(180_000)

let g: FunctionsCloud
let chief: PersonDoc
let communityStaff: PersonDoc
let streetStaff: PersonDoc
let gridId: string
let communityId: string
let streetId: string

beforeAll(async () => {
  g = await startFunctionsCloud(['dashboard', 'notices', 'isolation'], { timers: false })
  chief = g.persona('gridChief')
  communityStaff = g.persona('communityStaff')
  streetStaff = g.persona('streetStaff')
  gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  const grid = unit(gridId)
  communityId = ancestorAt(grid.path, 'community') as string
  streetId = ancestorAt(grid.path, 'street') as string
}, 240_000)
afterAll(() => g?.close())

const unit = (id: string): Unit => g.demo.units.find((u) => u._id === id) as Unit

async function call<T>(fn: string, person: PersonDoc, action: string, payload: unknown) {
  return (await g.cloud.callFunction(fn, { action, payload }, { openid: person.openid as string })).result as {
    ok: boolean
    data: T
    code?: string
    message?: string
  }
}
async function ok<T>(fn: string, person: PersonDoc, action: string, payload: unknown): Promise<T> {
  const res = await call<T>(fn, person, action, payload)
  if (!res.ok) throw new Error(`${fn}.${action}: ${res.code} ${res.message}`)
  return res.data
}
const overview = (person: PersonDoc, unitId: string, period: 'week' | 'month' = 'week') =>
  ok<DashboardOverview>('dashboard', person, 'overview', { unitId, period })

/** Signed-up residents with only the resident role under a unit, `n` per household of the first households. */
const residentsOf = (path: string): PersonDoc[][] => {
  const byHome = new Map<string, PersonDoc[]>()
  for (const p of g.demo.people)
    if (p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, path))
      byHome.set(p.householdId as string, [...(byHome.get(p.householdId as string) ?? []), p])
  return [...byHome.values()]
}

it("a grid's figures move with what they count, once per household, and equal a recount of the records", async () => {
  const before = await overview(chief, gridId)
  expect(before.unit).toMatchObject({ id: gridId, level: 'grid' })
  expect(before.children).toEqual([])

  const { id: noticeId } = await ok<{ id: string }>('notices', streetStaff, 'publish', {
    title: '看板测试：明日停水',
    body: '明天上午九点到十二点停水，请提前储水，并回复收到。',
    urgency: 'urgent',
    expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    unitIds: [gridId],
  })
  const homes = residentsOf(unit(gridId).path)
  const twoMembers = homes.find((h) => h.length >= 2) as PersonDoc[]
  const another = homes.find((h) => h !== twoMembers) as PersonDoc[]
  // two members of one household and one of another press 收到: two households reached
  for (const p of [twoMembers[0], twoMembers[1], another[0]]) await ok('notices', p, 'ack', { noticeId })
  await ok('notices', twoMembers[0], 'ack', { noticeId })

  const after = await overview(chief, gridId)
  expect(after.figures.notices - before.figures.notices).toBe(1)
  expect(after.figures.urgentNotices - before.figures.urgentNotices).toBe(1)
  expect(after.figures.reached - before.figures.reached).toBe(2)
  // an urgent notice went to the whole grid this week: every household of it not reached by one counts
  expect(after.figures.unreachedUrgent).toBe(after.figures.households - after.figures.reached)
  expect(after.figures.reachRate).toBeCloseTo(after.figures.reached / after.figures.reachable)

  // the community and the street count the notice and the households too, and the grid in the community's list
  const community = await overview(communityStaff, communityId)
  expect(community.figures.notices).toBeGreaterThanOrEqual(1)
  expect(community.children.find((c) => c.id === gridId)?.figures).toEqual(after.figures)

  // an isolation task done by its holder: its minutes and the holder among the active volunteers, where they live
  const task = (g.demo.requests.isolationTasks as IsolationTaskDoc[]).find(
    (t) => t.state === 'claimed',
  ) as IsolationTaskDoc
  const holder = g.demo.people.find((p) => p._id === task.holderId) as PersonDoc
  const holderCommunity = ancestorAt(holder.homePath ?? '', 'community') as string
  expect(holderCommunity).toBe(communityId)
  const served = await overview(communityStaff, communityId)
  await ok('isolation', holder, 'done', { taskId: task._id, note: '已送到门口' })
  await ok('isolation', holder, 'done', { taskId: task._id, note: '已送到门口' })
  const afterTask = await overview(communityStaff, communityId)
  expect(afterTask.figures.volunteerHours - served.figures.volunteerHours).toBeCloseTo(ISOLATION_TASK_MINUTES / 60)

  // the counters equal the recount of the stored records (notices, receipts, patrols, points, care alerts, and
  // volunteering: activities' sign-ups, duty shifts, isolation tasks)
  const dump = await g.dump()
  const events = eventsFrom(statRecordsOf(g.demo.units, dump.people as PersonDoc[], dump))
  const recounted = statsFor(events)
  // a unit's period document and its reach shards, summed
  const stored = new Map<string, ReturnType<typeof statsOf>>()
  for (const s of dump.unitStats as UnitStatsDoc[]) {
    const key = `${s.unitId}_${s.period}`
    stored.set(key, addStats(stored.get(key) ?? statsOf(null), statsOf(s)))
  }
  const now = new Date()
  for (const id of [gridId, communityId, streetId])
    for (const p of [periodOf('week', now), periodOf('month', now)]) {
      const held = statsOf(stored.get(`${id}_${p}`))
      const want = statsOf(recounted.get(`${id}_${p}`))
      expect({ id, p, ...Object.fromEntries(STAT_FIGURES.map((f) => [f, held[f]])) }).toEqual({ id, p, ...want })
    }
})

it('shows a leader their own unit only, and only streets, communities and grids', async () => {
  expect(await call('dashboard', chief, 'overview', { unitId: communityId })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  expect(await call('dashboard', communityStaff, 'overview', { unitId: streetId })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  const building = g.demo.units.find((u) => u.level === 'microgrid' && isWithin(u.path, unit(gridId).path)) as Unit
  expect(await call('dashboard', communityStaff, 'overview', { unitId: building._id })).toEqual(
    exactly('DASHBOARD_LEVEL'),
  )
  expect(await call('dashboard', chief, 'overview', { unitId: gridId, period: 'year' })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
  })
  const month = await overview(streetStaff, streetId, 'month')
  expect(month.children.map((c) => c.level)).toEqual(month.children.map(() => 'community'))
  expect(month.label).toMatch(/^\d{4}年\d{1,2}月$/)
})

async function examined(person: PersonDoc, unitId: string): Promise<number> {
  g.cloud.queryStats({ reset: true })
  await overview(person, unitId)
  return g.cloud.queryStats().examined
}

it('reads as many documents for a street as for a grid, however many grids and households lie below', async () => {
  const grid = await examined(chief, gridId)
  const street = await examined(streetStaff, streetId)
  const community = await examined(communityStaff, communityId)
  // 40 more grids of 2 buildings of 10 households each under the community
  const c = unit(communityId)
  const extra: Unit[] = []
  for (let i = 0; i < 40; i++) {
    const id = `dash_g${i}`
    const gr = withSiblingKey({
      _id: id,
      name: `看板测试网格${i}`,
      level: 'grid',
      parentId: c._id,
      path: childPath(c.path, id),
    } as Unit)
    extra.push(gr)
    for (let b = 0; b < 2; b++) {
      const bid = `${id}_b${b}`
      const bu = withSiblingKey({
        _id: bid,
        name: `${b + 1}号楼`,
        level: 'microgrid',
        parentId: id,
        path: childPath(gr.path, bid),
      } as Unit)
      extra.push(bu)
      for (let h = 0; h < 10; h++) {
        const hid = `${bid}_h${h}`
        extra.push(
          withSiblingKey({
            _id: hid,
            name: `${h + 1}01`,
            level: 'household',
            parentId: bid,
            path: childPath(bu.path, hid),
          } as Unit),
        )
      }
    }
  }
  await g.cloud.seed({ units: extra })
  const streetAfter = await examined(streetStaff, streetId)
  const communityAfter = await examined(communityStaff, communityId)
  console.log(
    `dashboard.overview examined: grid ${grid}, community ${community} → ${communityAfter}, street ${street} → ${streetAfter}`,
  )
  expect(streetAfter).toBe(street)
  // the community's list is one page of its grids (DASHBOARD_PAGE): more grids add no more than the page
  expect(communityAfter).toBeLessThanOrEqual(community + 20 * 8)
  expect(street).toBeLessThanOrEqual(grid * 3)
})
