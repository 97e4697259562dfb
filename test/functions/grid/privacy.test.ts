/**
 * grid.households (网格管理) and grid.neighbours (楼栋邻里) through the real wx-server-sdk in the local cloud: who
 * sees whose phone and room in full, the filters and paging leaders use, and the audit entry every unmasked read
 * writes. The seed is the oracle: expected households, members and flags are computed from the demo data itself.
 */
import cloudSdk from 'wx-server-sdk'
import type { HouseholdsResult, NeighboursResult } from '../../../core/contract'
import { ERROR_MESSAGES, type ErrorCode } from '../../../core/envelope'
import { maskPhone } from '../../../core/mask'
import type { AuditDoc, ClaimDoc, PersonDoc } from '../../../core/model'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { byDoor } from '../../../core/grid/order'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(60_000)

let g: FunctionsCloud
const JOINED = new Date(Date.UTC(2025, 3, 1))
/** Claims of the fixture: two pending on one household, one pending on another, one decided (does not count). */
let claims: ClaimDoc[] = []

const unit = (id: string) => g.demo.units.find((u) => u._id === id) as Unit
const holderOf = (role: string, unitId: string) =>
  g.demo.people.find((p) => p.roles.some((r) => r.role === role && r.unitId === unitId)) as PersonDoc
const roleUnit = (p: PersonDoc, role: string) => p.roles.find((r) => r.role === role)?.unitId as string
const householdsUnder = (path: string) => g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, path))
const membersOf = (householdId: string) => g.demo.people.filter((p) => p.householdId === householdId)
const refused = (code: ErrorCode) => ({ ok: false, code, message: ERROR_MESSAGES[code] })

const households = (openid: string, payload: Record<string, unknown>) =>
  g.call<HouseholdsResult>(openid, { action: 'households', payload })
const neighboursPage = (openid: string, payload: Record<string, unknown> = {}) =>
  g.call<NeighboursResult>(openid, { action: 'neighbours', payload })
/** Every page of 楼栋邻里, one after another as the page's 加载更多 asks them: the rows of all, or the refusal. */
async function neighbours(openid: string) {
  const first = await neighboursPage(openid)
  if (!first.ok) return first
  const rows = [...first.data.rows]
  for (let cursor = first.data.nextCursor; cursor; ) {
    const next = data(await neighboursPage(openid, { cursor }))
    rows.push(...next.rows)
    cursor = next.nextCursor
  }
  return { ...first, data: { ...first.data, rows, nextCursor: null } }
}
const data = <T>(res: { ok: true; data: T } | { ok: false; code: string }): T => {
  if (!res.ok) throw new Error(`refused: ${res.code}`)
  return res.data
}

async function auditDocs(): Promise<AuditDoc[]> {
  const res = (await cloudSdk.database().collection('audit').limit(1000).get()) as unknown as { data: AuditDoc[] }
  return res.data
}
/** Runs `fn` and returns the audit entries it wrote. */
async function written(fn: () => Promise<unknown>): Promise<AuditDoc[]> {
  const before = new Set((await auditDocs()).map((e) => e._id))
  await fn()
  return (await auditDocs()).filter((e) => !before.has(e._id))
}

// the order people read doors in, computed independently of the handler: numbers by value
const doorKey = (u: Unit) => [u.building, u.entrance, u.room].map((s) => parseInt(s ?? '', 10))
const byDoorKey = (a: Unit, b: Unit) => {
  const [x, y] = [doorKey(a), doorKey(b)]
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
}

const chief = () => g.persona('gridChief')
/** A building of the chief's grid: not the building head persona's (who lives in another grid). */
const otherBuilding = () => g.demo.units.find((u) => u.parentId === chiefGrid())?._id as string
const chiefGrid = () => roleUnit(chief(), 'gridChief')

beforeAll(async () => {
  g = await startFunctionsCloud()
  const homes = householdsUnder(unit(chiefGrid()).path).sort(byDoorKey)
  const claim = (i: number, h: Unit, status: ClaimDoc['status']): ClaimDoc => ({
    _id: `claim-${i}`,
    openid: `o_claimant_${i}`,
    householdId: h._id,
    householdPath: h.path,
    name: `申请人${'一二三四五'[i]}`,
    phone: `1390000000${i}`,
    status,
    createdAt: JOINED,
  })
  const other = householdsUnder(unit('g1').path)[0]
  claims = [
    claim(0, homes[3], 'pending'),
    claim(1, homes[3], 'pending'),
    claim(2, homes[40], 'pending'),
    claim(3, homes[7], 'rejected'),
    claim(4, other, 'pending'),
  ]
  await g.cloud.seed({ claims })
})
afterAll(async () => {
  await g?.close()
})

describe('the order of doors', () => {
  it('reads numbers by value: 2栋 before 10栋, 2单元 before 10单元, 302 before 1101', () => {
    const door = (building: string, entrance: string, room: string) =>
      ({
        _id: `${building}${entrance}${room}`,
        name: `${building}${entrance}${room}`,
        building,
        entrance,
        room,
      }) as Unit
    const doors = [
      door('10栋', '1单元', '101'),
      door('2栋', '10单元', '101'),
      door('2栋', '2单元', '1101'),
      door('2栋', '2单元', '302'),
      door('2栋', '1单元', '101'),
    ]
    expect([...doors].sort(byDoor).map((d) => d.name)).toEqual([
      '2栋1单元101',
      '2栋2单元302',
      '2栋2单元1101',
      '2栋10单元101',
      '10栋1单元101',
    ])
  })
})

describe('grid.households', () => {
  it('gives the grid chief every household of their grid, doors in natural order, members with full phones', async () => {
    const gridId = chiefGrid()
    const expected = householdsUnder(unit(gridId).path).sort(byDoorKey)
    const res = data(await households(chief().openid as string, { unitId: gridId, pageSize: 100 }))
    expect(res.total).toBe(expected.length)
    expect(res.rows.map((r) => r.id)).toEqual(expected.map((h) => h._id))
    // 2栋 before 10栋 would hold too: the buildings of the grid compare by number, not by text
    expect(res.rows.map((r) => r.door)).toEqual(expected.map((h) => h.name))
    for (const row of res.rows) {
      const home = unit(row.id)
      expect(row.microgrid).toEqual({ id: home.parentId, name: home.building, level: 'microgrid' })
      const members = membersOf(row.id)
      expect(row.members.map((m) => m.id).sort()).toEqual(members.map((p) => p._id).sort())
      for (const m of row.members) {
        const p = members.find((x) => x._id === m.id) as PersonDoc
        expect(m).toEqual({
          id: p._id,
          name: p.name,
          phone: p.phone,
          joined: Boolean(p.openid),
          careFlags: p.careFlags ?? [],
        })
      }
    }
  })

  it('pages through the same list: every household once, the total on every page', async () => {
    const gridId = chiefGrid()
    const all = householdsUnder(unit(gridId).path).sort(byDoorKey)
    const seen: string[] = []
    for (let page = 0; page * 20 < all.length; page++) {
      const res = data(await households(chief().openid as string, { unitId: gridId, page, pageSize: 20 }))
      expect(res).toMatchObject({ total: all.length, page, pageSize: 20 })
      expect(res.rows.length).toBe(Math.min(20, all.length - page * 20))
      seen.push(...res.rows.map((r) => r.id))
    }
    expect(seen).toEqual(all.map((h) => h._id))
  })

  it.each<[string, (h: Unit) => boolean]>([
    ['unconfirmed', (h) => claims.some((c) => c.householdId === h._id && c.status === 'pending')],
    ['unreachable', (h) => !membersOf(h._id).some((p) => p.openid)],
    ['care', (h) => membersOf(h._id).some((p) => (p.careFlags ?? []).length > 0)],
  ])('filters %s households as the seed says', async (filter, expected) => {
    const gridId = chiefGrid()
    const want = householdsUnder(unit(gridId).path).filter(expected).sort(byDoorKey)
    expect(want.length).toBeGreaterThan(0)
    const res = data(await households(chief().openid as string, { unitId: gridId, filter, pageSize: 100 }))
    expect(res.total).toBe(want.length)
    expect(res.rows.map((r) => r.id)).toEqual(want.map((h) => h._id))
    if (filter === 'unreachable') for (const r of res.rows) expect(r.members.some((m) => m.joined)).toBe(false)
    if (filter === 'care') for (const r of res.rows) expect(r.members.some((m) => m.careFlags.length)).toBe(true)
  })

  it('counts the pending claims of each household (decided ones and other grids’ do not count)', async () => {
    const gridId = chiefGrid()
    const res = data(await households(chief().openid as string, { unitId: gridId, pageSize: 100 }))
    const counts = Object.fromEntries(res.rows.filter((r) => r.pendingClaims).map((r) => [r.id, r.pendingClaims]))
    expect(counts).toEqual({ [claims[0].householdId]: 2, [claims[2].householdId]: 1 })
  })

  it('writes one audit entry per call, naming exactly the people shown', async () => {
    const gridId = chiefGrid()
    let res: HouseholdsResult | undefined
    const entries = await written(async () => {
      res = data(await households(chief().openid as string, { unitId: gridId, page: 1, pageSize: 10 }))
    })
    expect(entries).toHaveLength(1)
    const shown = (res as HouseholdsResult).rows.flatMap((r) => r.members.map((m) => m.id))
    expect(shown.length).toBeGreaterThan(0)
    expect([...entries[0].subjectIds].sort()).toEqual([...shown].sort())
    expect(entries[0]).toMatchObject({
      actorId: chief()._id,
      actorName: chief().name,
      action: 'grid.households',
      unitId: gridId,
      unitPath: unit(gridId).path,
    })
    expect(Math.abs(Date.now() - new Date(entries[0].at).getTime())).toBeLessThan(60_000)
  })

  it('writes nothing for a page that shows nobody', async () => {
    const entries = await written(async () => {
      const res = data(await households(chief().openid as string, { unitId: chiefGrid(), page: 500 }))
      expect(res.rows).toEqual([])
    })
    expect(entries).toEqual([])
  })

  it('gives a building head their own building only', async () => {
    const head = g.persona('buildingHead')
    const micro = roleUnit(head, 'buildingHead')
    const res = data(await households(head.openid as string, { unitId: micro, pageSize: 100 }))
    expect(res.rows.map((r) => r.id)).toEqual(
      householdsUnder(unit(micro).path)
        .sort(byDoorKey)
        .map((h) => h._id),
    )
    for (const r of res.rows) expect(r.microgrid.id).toBe(micro)
  })

  it('gives community staff a grid of their community', async () => {
    const res = await households(g.persona('communityStaff').openid as string, { unitId: 'g1', pageSize: 5 })
    expect(data(res).total).toBe(householdsUnder(unit('g1').path).length)
  })

  it.each<[string, string, () => string, ErrorCode]>([
    ['a building head, for another building', 'buildingHead', () => otherBuilding(), 'FORBIDDEN'],
    ['a building head, for their whole grid', 'buildingHead', () => 'g1', 'FORBIDDEN'],
    ['a resident, for their own grid', 'resident', () => 'g1', 'FORBIDDEN'],
    [
      'a resident, for their own building',
      'resident',
      () => unit(g.persona('resident').householdId as string).parentId as string,
      'FORBIDDEN',
    ],
    ['a merchant', 'merchant', () => 'g1', 'FORBIDDEN'],
    ['a grid chief, for another grid', 'gridChief', () => 'g1', 'FORBIDDEN'],
    ['community staff, for the other community’s grid', 'communityStaff', () => 'g5', 'FORBIDDEN'],
    ['a grid chief, for a unit that does not exist', 'gridChief', () => 'g404', 'NOT_FOUND'],
  ])('refuses %s', async (_name, role, target, code) => {
    const entries = await written(async () => {
      expect(await households(g.persona(role).openid as string, { unitId: target() })).toEqual(refused(code))
    })
    expect(entries).toEqual([])
  })

  it('refuses a WeChat user who has not joined', async () => {
    expect(await households('o_demo_visitor_1', { unitId: 'g1' })).toEqual(refused('NOT_REGISTERED'))
  })

  it('asks for a grid or a building, not a community or a household', async () => {
    const staff = g.persona('communityStaff').openid as string
    for (const unitId of ['c1', householdsUnder(unit('g1').path)[0]._id]) {
      const res = await households(staff, { unitId })
      expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    }
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown filter', { unitId: 'g2', filter: 'rich' }, /filter/],
    ['a page size over 100', { unitId: 'g2', pageSize: 101 }, /pageSize/],
    ['a negative page', { unitId: 'g2', page: -1 }, /page/],
  ])('refuses %s as INVALID_PAYLOAD', async (_name, payload, detail) => {
    const res = await households(chief().openid as string, payload)
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(!res.ok && res.message).toMatch(detail)
  })
})

describe('grid.neighbours', () => {
  const residentsOf = (microId: string) =>
    g.demo.people.filter((p) => p.homePath && isWithin(p.homePath, unit(microId).path))
  /** Heads of the grid (and its buildings): their numbers are public to the grid's residents. */
  const headsOfGrid = (gridId: string) =>
    new Set(
      g.demo.people
        .filter((p) =>
          p.roles.some(
            (r) =>
              ['gridChief', 'partyLeader', 'buildingHead'].includes(r.role) &&
              ancestorAt(unit(r.unitId).path, 'grid') === gridId,
          ),
        )
        .map((p) => p._id),
    )

  it('shows a resident their building: own household in full, others’ rooms and phones masked, heads callable', async () => {
    const me = g.persona('resident')
    const micro = unit(me.householdId as string).parentId as string
    const gridId = ancestorAt(me.homePath as string, 'grid') as string
    const heads = headsOfGrid(gridId)
    let res: NeighboursResult | undefined
    const entries = await written(async () => {
      res = data(await neighbours(me.openid as string))
    })
    expect(entries).toEqual([]) // nothing beyond what any resident may see
    const view = res as NeighboursResult
    expect(view.microgrid).toEqual({ id: micro, name: unit(micro).name, level: 'microgrid' })
    const people = residentsOf(micro)
    expect(view.rows.map((r) => r.id).sort()).toEqual(people.map((p) => p._id).sort())
    // ordered by door
    const doors = view.rows.map((r) => unit(people.find((p) => p._id === r.id)?.householdId as string))
    expect([...doors].sort(byDoorKey).map((d) => d._id)).toEqual(doors.map((d) => d._id))

    for (const row of view.rows) {
      const p = people.find((x) => x._id === row.id) as PersonDoc
      const home = unit(p.householdId as string)
      const own = p.householdId === me.householdId
      expect(row.name).toBe(p.name)
      expect(row.door).toBe(own ? home.name : `${home.building}${home.entrance}***`)
      expect(row.phone).toBe(own || heads.has(p._id) ? p.phone : maskPhone(p.phone))
    }
    const headRow = view.rows.find((r) => r.id === holderOf('buildingHead', micro)._id)
    expect(headRow?.head).toBe('buildingHead')
    expect(view.rows.filter((r) => r.head === null).every((r) => !heads.has(r.id))).toBe(true)
    expect(view.rows.some((r) => r.phone.includes('****'))).toBe(true)
  })

  it('shows a second resident of the building the first one’s phone and room masked', async () => {
    const first = g.persona('resident')
    const micro = unit(first.householdId as string).parentId as string
    const second = residentsOf(micro).find(
      (p) => p.openid && p.householdId !== first.householdId && p.roles.length === 1,
    ) as PersonDoc
    const res = data(await neighbours(second.openid as string))
    const row = res.rows.find((r) => r.id === first._id)
    expect(row?.phone).toBe(maskPhone(first.phone))
    expect(row?.phone).not.toBe(first.phone)
    expect(row?.door).toMatch(/\*\*\*$/)
    expect(res.rows.find((r) => r.id === second._id)?.phone).toBe(second.phone)
  })

  it('shows the building head everyone in full, and audits it as a leader’s read', async () => {
    const head = g.persona('buildingHead')
    const micro = roleUnit(head, 'buildingHead')
    let res: NeighboursResult | undefined
    const entries = await written(async () => {
      res = data(await neighbours(head.openid as string))
    })
    const people = residentsOf(micro)
    for (const row of (res as NeighboursResult).rows) {
      const p = people.find((x) => x._id === row.id) as PersonDoc
      expect(row.phone).toBe(p.phone)
      expect(row.door).toBe(unit(p.householdId as string).name)
    }
    // one entry per page read, naming the people of that page shown in full: together, everyone but their home
    expect(entries.length).toBe(Math.ceil(people.length / 30))
    for (const e of entries) expect(e).toMatchObject({ actorId: head._id, action: 'grid.neighbours', unitId: micro })
    const others = people.filter((p) => p.householdId !== head.householdId).map((p) => p._id)
    expect(entries.flatMap((e) => e.subjectIds).sort()).toEqual(others.sort())
  })

  it('hands a building out a page at a time: pages follow on in door order, everyone once, the last without a cursor', async () => {
    const me = g.persona('resident')
    const micro = unit(me.householdId as string).parentId as string
    const people = residentsOf(micro)
    expect(people.length).toBeGreaterThan(30) // the demo's building is more than one page
    const first = data(await neighboursPage(me.openid as string, { pageSize: 25 }))
    expect(first.rows).toHaveLength(25)
    expect(first.total).toBe(people.length)
    expect(first.nextCursor).toEqual(expect.any(String))
    const seen = [...first.rows]
    let cursor = first.nextCursor
    while (cursor) {
      const next = data(await neighboursPage(me.openid as string, { cursor, pageSize: 25 }))
      expect(next.rows.length).toBeLessThanOrEqual(25)
      seen.push(...next.rows)
      cursor = next.nextCursor
    }
    expect(seen.map((r) => r.id).sort()).toEqual(people.map((p) => p._id).sort())
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length)
    const all = data(await neighbours(me.openid as string)).rows.map((r) => r.id)
    expect(seen.map((r) => r.id)).toEqual(all) // the same door order whatever the page size
  })

  it.each([
    ['a cursor of another shape', 'nothing-here'],
    ['a cursor naming a household of another building', 'h-elsewhere|p-1'],
  ])('refuses %s with a clear message and writes nothing', async (_name, cursor) => {
    const me = g.persona('resident')
    const entries = await written(async () => {
      const res = await neighboursPage(me.openid as string, { cursor })
      expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect((res as { message: string }).message).toContain('邻居名单已有变化，请下拉刷新')
    })
    expect(entries).toEqual([])
  })

  it('counts no role over a retired building: its former head’s phone is masked to neighbours like anyone’s', async () => {
    const me = g.persona('resident')
    const micro = unit(me.householdId as string).parentId as string
    const gridId = ancestorAt(me.homePath as string, 'grid') as string
    const heads = headsOfGrid(gridId)
    const former = residentsOf(micro).find(
      (p) => p.householdId !== me.householdId && !heads.has(p._id) && p.roles.length === 1,
    ) as PersonDoc
    // a wartime micro-grid of the same grid, stood down, whose temporary head still carries the grant
    const retired: Unit = {
      _id: 'wartime-retired',
      level: 'microgrid',
      name: '临时楼院',
      parentId: gridId,
      path: `${unit(gridId).path}wartime-retired/`,
      wartime: true,
      retired: true,
    }
    const grant = { role: 'buildingHead' as const, unitId: retired._id }
    await g.cloud.seed({ units: [retired], people: [{ ...former, roles: [...former.roles, grant] }] })
    try {
      const row = data(await neighbours(me.openid as string)).rows.find((r) => r.id === former._id)
      expect(row).toMatchObject({ phone: maskPhone(former.phone), head: null })
    } finally {
      await g.cloud.seed({ people: [former] })
      await cloudSdk.database().collection('units').doc(retired._id).remove()
    }
  })

  it.each<[string, string, ErrorCode]>([
    ['community staff (no home in the tree)', 'communityStaff', 'FORBIDDEN'],
    ['a merchant', 'merchant', 'FORBIDDEN'],
  ])('refuses %s', async (_name, role, code) => {
    expect(await neighbours(g.persona(role).openid as string)).toEqual(refused(code))
  })

  it('refuses a WeChat user who has not joined', async () => {
    expect(await neighbours('o_demo_visitor_2')).toEqual(refused('NOT_REGISTERED'))
  })
})
