/**
 * A street with more communities than a page, through the real functions in the local cloud: grid.overview and
 * notices.reach show one page of the level below with a cursor to the next, every child once in name order, the
 * totals from the unit's own counter, and the documents a call examines do not grow with the number of children
 * (measured with the local cloud's query statistics).
 */
import type { NoticesApi, OverviewResult } from '../../../core/contract'
import { OVERVIEW_PAGE } from '../../../core/contract'
import { withSiblingKey } from '../../../core/grid/siblings'
import type { PersonDoc, UnitCounterDoc } from '../../../core/model'
import { REACH_PAGE } from '../../../core/notices/reach'
import { childPath, rootPath, type Unit } from '../../../core/units'
import { inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

jest.setTimeout(120_000)

let c: NoticesCloud
beforeAll(async () => {
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())

type Reach = NoticesApi['reach']['result']

const street: Unit = { _id: 's9', level: 'street', name: '远航街道', parentId: null, path: rootPath('s9') }
const staff: PersonDoc = {
  _id: 'p-s9-staff',
  name: '赵晓梅',
  phone: '13900009001',
  openid: 'o_s9_staff',
  roles: [{ role: 'streetStaff', unitId: 's9' }],
  careFlags: [],
  createdAt: new Date('2026-11-01T00:00:00Z'),
}
// the street's own counter says more than its communities' add up to: a total must be the street's, not a sum
const STREET_HOUSEHOLDS = 4321
const STREET_RESIDENTS = 8765
const counter = (u: Unit, households: number, residents: number): UnitCounterDoc => ({
  _id: u._id,
  path: u.path,
  households,
  residents,
  joined: 0,
  reachable: 0,
  pendingClaims: 0,
  care: 0,
  updatedAt: new Date(),
})
const community = (n: number): Unit =>
  withSiblingKey({
    _id: `k${n}`,
    level: 'community',
    name: `第${n}社区`,
    parentId: 's9',
    path: childPath(street.path, `k${n}`),
  })

/** Adds communities from..to under the street (their counters: n households, 2n residents). */
async function addCommunities(from: number, to: number): Promise<void> {
  const units = Array.from({ length: to - from + 1 }, (_, i) => community(from + i))
  await c.cloud.seed({ units, unitCounters: units.map((u, i) => counter(u, from + i, 2 * (from + i))) })
}

const overview = async (cursor?: string): Promise<OverviewResult> => {
  const res = await c.call<OverviewResult>(staff.openid as string, {
    action: 'overview',
    payload: cursor ? { unitId: 's9', cursor } : { unitId: 's9' },
  })
  if (!res.ok) throw new Error(`overview: ${res.code} ${res.message}`)
  return res.data
}
const reach = (noticeId: string, cursor?: string, pageSize?: number): Promise<Reach> =>
  c.ok<Reach>(staff, 'reach', {
    noticeId,
    unitId: 's9',
    ...(cursor ? { cursor } : {}),
    ...(pageSize ? { pageSize } : {}),
  })

/** Documents the local cloud examined while `call` ran. */
async function examined(call: () => Promise<unknown>): Promise<number> {
  c.cloud.queryStats({ reset: true })
  await call()
  return c.cloud.queryStats().examined
}

/** Every page by cursor, the names in the order they came. */
async function allPages<T extends { nextCursor?: string }>(
  first: T,
  next: (cursor: string) => Promise<T>,
  names: (page: T) => string[],
): Promise<string[]> {
  const out = [...names(first)]
  for (let page = first; page.nextCursor; ) {
    page = await next(page.nextCursor)
    out.push(...names(page))
  }
  return out
}

const publish = async (unitIds: string[]): Promise<string> =>
  (
    await c.ok<{ id: string }>(staff, 'publish', {
      title: '防汛演练通知',
      body: '本周日上午各社区开展防汛演练，请居民配合。',
      urgency: 'normal',
      ackRequired: true,
      expiresAt: inDays(3),
      unitIds,
    })
  ).id

beforeAll(async () => {
  await c.cloud.seed({
    units: [street],
    people: [staff],
    unitCounters: [counter(street, STREET_HOUSEHOLDS, STREET_RESIDENTS)],
  })
})

describe('a street with more communities than a page', () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}社区`)
  let small: { overview: number; reach: number }
  let noticeId: string

  beforeAll(async () => {
    await addCommunities(1, 25)
    noticeId = await publish(['s9'])
    small = { overview: await examined(() => overview()), reach: await examined(() => reach(noticeId)) }
    await addCommunities(26, 60)
  })

  it('grid.overview: the street’s own totals, one page of its communities, every one once in name order', async () => {
    const first = await overview()
    expect(first).toMatchObject({ households: STREET_HOUSEHOLDS, residents: STREET_RESIDENTS })
    expect(first.children).toHaveLength(OVERVIEW_PAGE)
    expect(first.nextCursor).toEqual(expect.any(String))
    expect(first.children[1]).toMatchObject({ name: '第2社区', level: 'community', households: 2, residents: 4 })
    const all = await allPages(first, overview, (p) => p.children.map((ch) => ch.name))
    // numbers by value: 第2社区 before 第10社区
    expect(all).toEqual(names(60))
  })

  it('grid.overview examines no more documents for 60 communities than for 25', async () => {
    const large = await examined(() => overview())
    expect(large).toBeLessThanOrEqual(small.overview)
    // and fewer than the communities themselves: the page is read, not the children
    expect(large).toBeLessThan(60)
  })

  it('notices.reach: the street’s reach by community, a page at a time, every one once', async () => {
    const first = await reach(noticeId)
    expect(first).toMatchObject({ rowLevel: 'community', households: STREET_HOUSEHOLDS, reached: 0 })
    expect(first.rows).toHaveLength(REACH_PAGE)
    expect(first.rows[0]).toMatchObject({ name: '第1社区', households: 1, reached: 0 })
    const all = await allPages(
      first,
      (cur) => reach(noticeId, cur),
      (p) => p.rows.map((r) => r.name),
    )
    expect(all).toEqual(names(60))
  })

  it('notices.reach examines no more documents for 60 communities than for 25', async () => {
    const large = await examined(() => reach(noticeId))
    expect(large).toBeLessThanOrEqual(small.reach)
  })

  it('notices.reach of a notice to some communities pages those only', async () => {
    const some = await publish(['k40', 'k2', 'k15'])
    const first = await reach(some, undefined, 2)
    expect(first.rows.map((r) => r.name)).toEqual(['第2社区', '第15社区'])
    expect(first.households).toBe(2 + 15 + 40)
    const second = await reach(some, first.nextCursor, 2)
    expect(second.rows.map((r) => r.name)).toEqual(['第40社区'])
    expect(second.nextCursor).toBeUndefined()
  })

  it('refuses a cursor of another list with a clear message', async () => {
    const res = await c.call(staff.openid as string, {
      action: 'overview',
      payload: { unitId: 's9', cursor: 'g1/x/y' },
    })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', message: expect.stringContaining('翻页位置不对') })
    expect(await c.act(staff, 'reach', { noticeId, unitId: 's9', cursor: 'c1/x/y' })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
  })
})
