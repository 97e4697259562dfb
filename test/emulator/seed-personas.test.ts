/**
 * Every persona of the 本地演示 page, walked through the screens their tab bar opens (首页, 通知, 积分, 诉求, 我的, and
 * the 管理 entries 首页 lists for their roles) through the functions, on the demo as `npm start` seeds it: each screen
 * where the feature applies to that person has something to show, at whatever hour the suite runs (the seed is dated
 * off Beijing midnight). Both grid chiefs' 今日调度 have something in every section — the second chief's
 * (第2网格) had none of its own shifts, missed checks or activities.
 */
import type { DispatchList } from '../../core/contract'
import type { Envelope } from '../../core/envelope'
import type { PersonDoc } from '../../core/model'
import { beijingMonth } from '../../core/points/months'
import { seedDay } from '../../emulator/seed/points-wallet'
import { data, startFunctionsCloud, type FunctionsCloud } from '../functions/harness/functions-cloud'

jest.setTimeout(300_000)

let g: FunctionsCloud
beforeAll(async () => {
  g = await startFunctionsCloud(['grid', 'notices', 'points', 'requests', 'dashboard', 'care', 'duty', 'council'], {
    timers: false,
  })
}, 280_000)
afterAll(() => g?.close())

const personOf = (openid: string): PersonDoc => {
  const p = g.demo.people.find((x) => x.openid === openid)
  if (!p) throw new Error(`no person behind ${openid}`)
  return p
}
const personas = () => g.demo.personas.filter((p) => p.role !== 'visitor')
const grantOf = (p: PersonDoc, role: string) => p.roles.find((r) => r.role === role)

async function call<T>(p: PersonDoc, fn: string, action: string, payload: unknown): Promise<T> {
  const res = (await g.cloud.callFunction(fn, { action, payload }, { openid: p.openid as string })).result
  return data(res as Envelope<T>)
}
const rows = async (p: PersonDoc, fn: string, action: string, payload: unknown): Promise<unknown[]> =>
  (await call<{ rows: unknown[] }>(p, fn, action, payload)).rows

it('shows every persona their home, grid and heads (首页), and leaders their unit', async () => {
  for (const persona of personas()) {
    const p = personOf(persona.openid)
    const home = await call<{ person: unknown; grid: { heads: unknown[] } | null; leading: unknown }>(
      p,
      'grid',
      'home',
      {},
    )
    expect([persona.label, home.person]).toEqual([persona.label, expect.anything()])
    if (p.householdId) expect([persona.label, home.grid?.heads.length]).toEqual([persona.label, 3])
    const leads = p.roles.some((r) =>
      ['buildingHead', 'gridChief', 'partyLeader', 'communityStaff', 'streetStaff'].includes(r.role),
    )
    if (leads) expect([persona.label, home.leading]).toEqual([persona.label, expect.anything()])
  }
})

it('gives everyone with a home a notice feed, open activities and 楼栋邻里', async () => {
  for (const persona of personas()) {
    const p = personOf(persona.openid)
    if (!p.householdId) continue
    const feed = await rows(p, 'notices', 'feed', { page: 0, pageSize: 20 })
    expect([persona.label, feed.length > 0]).toEqual([persona.label, true])
    const points = await call<{ activities: unknown[] }>(p, 'points', 'home', {})
    expect([persona.label, points.activities.length > 0]).toEqual([persona.label, true])
    expect([persona.label, (await rows(p, 'grid', 'neighbours', {})).length > 0]).toEqual([persona.label, true])
  }
})

it('gives the residents their requests, their duty shift and their points', async () => {
  for (const persona of personas().filter((x) => x.role === 'resident')) {
    const p = personOf(persona.openid)
    expect([persona.label, (await rows(p, 'requests', 'mine', {})).length > 0]).toEqual([persona.label, true])
    // 我的值守: a shift of today may already be over (then it is among the recent ones)
    const duty = await call<{ upcoming: unknown[]; recent: unknown[] }>(p, 'duty', 'myShifts', {})
    expect([persona.label, duty.upcoming.length + duty.recent.length > 0]).toEqual([persona.label, true])
    const points = await call<{ balance: number }>(p, 'points', 'home', {})
    expect([persona.label, points.balance > 0]).toEqual([persona.label, true])
  }
})

it('gives every leader of a unit requests to handle, households, proposals, care persons and checkpoints under it', async () => {
  for (const persona of personas()) {
    const p = personOf(persona.openid)
    for (const r of p.roles.filter((x) => x.role !== 'resident' && x.role !== 'merchant')) {
      const label = `${persona.label} ${r.role} ${r.unitId}`
      if (r.role === 'department') {
        const inbox = { unitId: r.unitId, departmentId: r.departmentId }
        expect([label, (await rows(p, 'requests', 'inbox', inbox)).length > 0]).toEqual([label, true])
        continue
      }
      // 诉求待办: 待我办理 for those who own requests at their level, everything under the unit for all
      if (r.role !== 'buildingHead')
        expect([label, (await rows(p, 'requests', 'inbox', { unitId: r.unitId })).length > 0]).toEqual([label, true])
      const all = { unitId: r.unitId, scope: 'all' }
      expect([label, (await rows(p, 'requests', 'inbox', all)).length > 0]).toEqual([label, true])
      if (r.role === 'buildingHead' || r.role === 'gridChief') {
        const homes = await call<{ rows: unknown[] }>(p, 'grid', 'households', { unitId: r.unitId })
        expect([label, homes.rows.length > 0]).toEqual([label, true])
      }
      // 议事 (我的 → 三长议事): the proposals of the grid they lead
      if (r.role === 'gridChief' || r.role === 'partyLeader') {
        const open = await rows(p, 'council', 'proposals', { gridId: r.unitId })
        expect([label, open.length > 0]).toEqual([label, true])
      }
      if (r.role === 'gridChief' || r.role === 'communityStaff' || r.role === 'streetStaff') {
        expect([label, (await rows(p, 'care', 'list', { unitId: r.unitId })).length > 0]).toEqual([label, true])
        expect([label, (await rows(p, 'duty', 'checkpoints', { unitId: r.unitId })).length > 0]).toEqual([label, true])
      }
    }
  }
})

it('gives both grid chiefs, the community and the street something in every section of 今日调度', async () => {
  const sections = ['requests', 'notices', 'shifts', 'care', 'activities'] as const
  for (const persona of personas()) {
    const p = personOf(persona.openid)
    const r = grantOf(p, 'gridChief') ?? grantOf(p, 'communityStaff') ?? grantOf(p, 'streetStaff')
    if (!r) continue
    const list = await call<DispatchList>(p, 'dashboard', 'dispatch', { unitId: r.unitId })
    // a street's urgent notices are its own: the demo's runs over a community, not the whole street
    for (const s of sections.filter((x) => !(x === 'notices' && r.role === 'streetStaff'))) {
      const label = `${persona.label} ${s}`
      expect([label, list[s].count > 0, list[s].items.length > 0]).toEqual([label, true, true])
    }
    expect([persona.label, list.requests.overdue > 0]).toEqual([persona.label, true])
  }
})

it('gives the second grid chief (第2网格) his own shifts, missed check and activity of today', async () => {
  const chief = personOf(g.demo.personas.find((x) => x.role === 'gridChief')?.openid as string)
  const gridId = grantOf(chief, 'gridChief')?.unitId as string
  const list = await call<DispatchList>(chief, 'dashboard', 'dispatch', { unitId: gridId })
  expect(list.shifts.items.every((s) => s.free > 0)).toBe(true)
  expect(list.shifts.items[0]).toMatchObject({ checkpoint: '和平里北门卡口' })
  expect(list.activities.items).toContainEqual(expect.objectContaining({ title: '今晚平安巡逻' }))
  expect(list.requests.items.some((x) => x.overdue)).toBe(true)
  // the care person he is 网格员 of (我包联的), not visited yesterday
  const mine = await rows(chief, 'care', 'mine', {})
  expect(mine.length).toBe(1)
  expect(list.care.items[0].day < list.day).toBe(true)
  // his activity is on his 积分 page, organised by him
  const points = await call<{ activities: { title: string }[]; organising: unknown[] }>(chief, 'points', 'home', {})
  expect(points.activities.map((a) => a.title)).toContain('今晚平安巡逻')
  expect(points.organising.length).toBeGreaterThan(0)
})

it('gives the merchant their services and what they verified, and the community worker the notices they published', async () => {
  for (const persona of personas()) {
    const p = personOf(persona.openid)
    if (grantOf(p, 'merchant')) {
      const mine = await rows(p, 'points', 'services', { page: 0, pageSize: 20, mine: true })
      expect([persona.label, mine.length > 0]).toEqual([persona.label, true])
      // 核销对账 of the month of the demo's verified voucher (yesterday noon, Beijing)
      const month = beijingMonth(new Date(+seedDay() - 12 * 3_600_000))
      const statement = await call<{ count: number }>(p, 'points', 'statement', { month, page: 0, pageSize: 20 })
      expect([persona.label, statement.count > 0]).toEqual([persona.label, true])
    }
    if (grantOf(p, 'communityStaff')) {
      const published = await rows(p, 'notices', 'published', { page: 0, pageSize: 20 })
      expect([persona.label, published.length > 0]).toEqual([persona.label, true])
    }
  }
})
