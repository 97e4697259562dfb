/**
 * 组织架构 costs the same for a community of 80 grids as for one of 25, and for a street however many communities
 * it has (issue 9, every screen bounded), through the real function in the local cloud: org.tree shows the unit and
 * one page of its child units with a cursor to the next, every child once in name order, the figures from the units'
 * counters; the documents a call examines and the rows it returns do not grow with the children or what lies below
 * them (the local cloud's query statistics).
 */
import { ORG_PAGE, type OrgTreeResult } from '../../../core/contract'
import { ERROR_MESSAGES } from '../../../core/envelope'
import { withSiblingKey } from '../../../core/grid/siblings'
import type { PersonDoc, UnitCounterDoc } from '../../../core/model'
import { childPath, rootPath, type Level, type Unit } from '../../../core/units'
import { startOrgCloud, type OrgCloud } from '../harness/org-cloud'

jest.setTimeout(120_000)

let g: OrgCloud
beforeAll(async () => {
  g = await startOrgCloud()
}, 180_000)
afterAll(() => g?.close())

const unit = (id: string, level: Level, name: string, parent: Unit | null): Unit =>
  withSiblingKey({
    _id: id,
    level,
    name,
    parentId: parent?._id ?? null,
    path: parent ? childPath(parent.path, id) : rootPath(id),
  })
const counter = (u: Unit, households: number): UnitCounterDoc => ({
  _id: u._id,
  path: u.path,
  households,
  residents: 2 * households,
  joined: 0,
  reachable: 0,
  pendingClaims: 0,
  care: 0,
  updatedAt: new Date(),
})
const person = (id: string, role: 'communityStaff' | 'streetStaff', unitId: string): PersonDoc => ({
  _id: id,
  name: '钱晓燕',
  phone: `1390000${String(9000 + Number(id.replace(/\D/g, ''))).slice(-4)}`,
  openid: `o_${id}`,
  roles: [{ role, unitId }],
  careFlags: [],
  createdAt: new Date('2026-11-01T00:00:00Z'),
})

const street = unit('y9', 'street', '远航街道', null)
const small = unit('y9-k1', 'community', '远航一社区', street)
const large = unit('y9-k2', 'community', '远航二社区', street)
const smallStaff = person('p-y1', 'communityStaff', small._id)
const largeStaff = person('p-y2', 'communityStaff', large._id)
const streetStaff = person('p-y3', 'streetStaff', street._id)
// the community's own counter says more than a page of its grids adds up to: its total is its own
const COMMUNITY_HOUSEHOLDS = 4321

/** `n` grids under `community`, each with two buildings; grid i has i households. */
function grids(community: Unit, n: number): { units: Unit[]; unitCounters: UnitCounterDoc[] } {
  const units: Unit[] = []
  const unitCounters: UnitCounterDoc[] = []
  for (let i = 1; i <= n; i++) {
    const grid = unit(`${community._id}-g${i}`, 'grid', `第${i}网格`, community)
    units.push(grid, ...[1, 2].map((b) => unit(`${grid._id}-b${b}`, 'microgrid', `${b}号楼`, grid)))
    unitCounters.push(counter(grid, i))
  }
  return { units, unitCounters }
}

const tree = async (who: PersonDoc, unitId: string, cursor?: string): Promise<OrgTreeResult> => {
  const res = await g.org<OrgTreeResult>(who.openid as string, 'tree', cursor ? { unitId, cursor } : { unitId })
  if (!res.ok) throw new Error(`tree ${unitId}: ${res.code} ${res.message}`)
  return res.data
}

/** Documents the local cloud examined, and rows it returned, while `call` ran. */
async function cost(call: () => Promise<unknown>): Promise<{ examined: number; returned: number }> {
  g.cloud.queryStats({ reset: true })
  await call()
  const { examined, returned } = g.cloud.queryStats()
  return { examined, returned }
}

/** Every page by cursor, the names in the order they came. */
async function allNames(who: PersonDoc, unitId: string): Promise<string[]> {
  let page = await tree(who, unitId)
  const out = page.children.map((c) => c.name)
  while (page.nextCursor) {
    page = await tree(who, unitId, page.nextCursor)
    expect(page.children.length).toBeLessThanOrEqual(ORG_PAGE)
    out.push(...page.children.map((c) => c.name))
  }
  return out
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}网格`)

beforeAll(async () => {
  const a = grids(small, 25)
  const b = grids(large, 80)
  await g.cloud.seed({
    units: [street, small, large, ...a.units, ...b.units],
    unitCounters: [counter(street, 2 * COMMUNITY_HOUSEHOLDS), counter(small, 325), ...a.unitCounters],
    people: [smallStaff, largeStaff, streetStaff],
  })
  await g.cloud.seed({ unitCounters: [counter(large, COMMUNITY_HOUSEHOLDS), ...b.unitCounters] })
})

describe('a community with more grids than a page', () => {
  it('shows the community’s own totals and one page of its grids, each with its counts and buildings', async () => {
    const first = await tree(largeStaff, large._id)
    expect(first.unit).toMatchObject({
      id: large._id,
      households: COMMUNITY_HOUSEHOLDS,
      residents: 2 * COMMUNITY_HOUSEHOLDS,
      path: [{ id: street._id, name: '远航街道', level: 'street' }],
    })
    expect(first.children).toHaveLength(ORG_PAGE)
    expect(first.nextCursor).toEqual(expect.any(String))
    expect(first.children[1]).toMatchObject({ name: '第2网格', households: 2, residents: 4, children: 2 })
  })

  it('pages every grid once, in name order (第2网格 before 第10网格)', async () => {
    expect(await allNames(largeStaff, large._id)).toEqual(names(80))
    expect(await allNames(smallStaff, small._id)).toEqual(names(25))
  })

  it('examines no more documents, and returns no more rows, for 80 grids than for 25', async () => {
    const a = await cost(() => tree(smallStaff, small._id))
    const b = await cost(() => tree(largeStaff, large._id))
    expect(b.examined).toBeLessThanOrEqual(a.examined)
    expect(b.returned).toBeLessThanOrEqual(a.returned)
    // far fewer than what the community holds (80 grids and 160 buildings): the page is read, not the tree
    expect(b.examined).toBeLessThan(240)
    // a later page costs what the first does
    const first = await tree(largeStaff, large._id)
    const later = await cost(() => tree(largeStaff, large._id, first.nextCursor))
    expect(later.examined).toBeLessThanOrEqual(a.examined)
  })

  it('refuses community staff another community, or a grid of it', async () => {
    const forbidden = expect.objectContaining({ ok: false, code: 'FORBIDDEN' })
    expect(await g.org(smallStaff.openid as string, 'tree', { unitId: large._id })).toEqual(forbidden)
    expect(await g.org(smallStaff.openid as string, 'tree', { unitId: `${large._id}-g7` })).toEqual(forbidden)
    expect(await g.org(smallStaff.openid as string, 'tree', { unitId: street._id })).toEqual(forbidden)
  })

  it('refuses a cursor of another list with a clear message, and says an unknown unit is not found', async () => {
    const other = (await tree(largeStaff, large._id)).nextCursor as string
    const res = await g.org(smallStaff.openid as string, 'tree', { unitId: small._id, cursor: other })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', message: expect.stringContaining('翻页位置不对') })
    expect(await g.org(smallStaff.openid as string, 'tree', { unitId: 'y9-nowhere' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: expect.stringContaining(ERROR_MESSAGES.NOT_FOUND),
    })
  })
})

describe('a street with more communities than a page', () => {
  const communities = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) =>
      unit(`y9-k${from + i}`, 'community', `远航新${from + i}社区`, street),
    )

  it('costs the same with 62 communities as with 22, and pages them all', async () => {
    await g.cloud.seed({ units: communities(3, 22) })
    const fewer = await cost(() => tree(streetStaff, street._id))
    await g.cloud.seed({ units: communities(23, 62) })
    const first = await tree(streetStaff, street._id)
    expect(first.unit).toMatchObject({ households: 2 * COMMUNITY_HOUSEHOLDS })
    expect(first.children).toHaveLength(ORG_PAGE)
    // the two communities with 25 and 80 grids come first by name: their grids are counted, not listed
    expect(first.children.slice(0, 2).map((c) => [c.name, c.children])).toEqual([
      ['远航一社区', 25],
      ['远航二社区', 80],
    ])
    const more = await cost(() => tree(streetStaff, street._id))
    expect(more.examined).toBeLessThanOrEqual(fewer.examined)
    expect(more.returned).toBeLessThanOrEqual(fewer.returned)
    let page = first
    let seen = first.children.length
    while (page.nextCursor) {
      page = await tree(streetStaff, street._id, page.nextCursor)
      seen += page.children.length
    }
    expect(seen).toBe(62)
  })
})
