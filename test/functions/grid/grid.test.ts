/**
 * Every action of the `grid` function as each persona of the demo community, through the real wx-server-sdk
 * in the local cloud's function workers: what each may see, and what each is refused.
 */
import cloudSdk from 'wx-server-sdk'
import type { HeadView, MeResult, OverviewResult } from '../../../core/contract'
import { ERROR_MESSAGES, type ErrorCode } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(60_000)

let g: FunctionsCloud
beforeAll(async () => {
  g = await startFunctionsCloud()
})
afterAll(async () => {
  await g?.close()
})

const me = async (openid: string) => {
  const res = await g.call<MeResult>(openid, { action: 'me', payload: {} })
  if (!res.ok) throw new Error(`me failed: ${res.code}`)
  return res.data
}
const overview = (openid: string, unitId: string) =>
  g.call<OverviewResult>(openid, { action: 'overview', payload: { unitId } })
const refused = (code: ErrorCode) => ({ ok: false, code, message: ERROR_MESSAGES[code] })

// the seed is the oracle: expected counts and heads are computed from the demo data itself
const unit = (id: string) => g.demo.units.find((u) => u._id === id) as Unit
const householdsUnder = (path: string) => g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, path))
const residentsUnder = (path: string) => g.demo.people.filter((p) => p.homePath && isWithin(p.homePath, path))
const holderOf = (role: string, unitId: string) =>
  g.demo.people.find((p) => p.roles.some((r) => r.role === role && r.unitId === unitId)) as PersonDoc
const gridOf = (p: PersonDoc) => ancestorAt(p.homePath as string, 'grid') as string
const roleUnit = (p: PersonDoc, role: string) => p.roles.find((r) => r.role === role)?.unitId as string

describe('grid.me', () => {
  it.each(['resident', 'buildingHead', 'partyLeader', 'gridChief'])(
    'shows the %s their household, their grid and its three heads with numbers to call',
    async (role) => {
      const person = g.persona(role)
      const data = await me(person.openid as string)
      expect(data.person).toEqual({ id: person._id, name: person.name, phone: person.phone })
      expect(data.roles.map((r) => r.role)).toContain(role)

      const home = unit(person.householdId as string)
      expect(data.household?.door).toBe(home.name)
      expect(data.household?.address).toContain(home.name)
      const family = g.demo.people.filter((p) => p.householdId === home._id)
      expect(data.household?.members.map((m) => m.name).sort()).toEqual(family.map((p) => p.name).sort())

      const gridId = gridOf(person)
      const microId = home.parentId as string
      expect(data.grid?.id).toBe(gridId)
      expect(data.grid?.microgrid?.id).toBe(microId)
      expect(data.grid?.heads.map((h) => [h.role, h.personId])).toEqual([
        ['gridChief', holderOf('gridChief', gridId)._id],
        ['partyLeader', holderOf('partyLeader', gridId)._id],
        ['buildingHead', holderOf('buildingHead', microId)._id],
      ])
      // heads are public to residents of their grid: full numbers, one tap to call
      for (const h of data.grid?.heads ?? []) {
        expect(h.phone).toBe(g.demo.people.find((p) => p._id === h.personId)?.phone)
      }
    },
  )

  it('shows the resident and the grid chief two different grids, each their own', async () => {
    const resident = g.persona('resident')
    const chief = g.persona('gridChief')
    const [a, b] = await Promise.all([me(resident.openid as string), me(chief.openid as string)])
    expect(a.grid?.id).toBe(gridOf(resident))
    expect(b.grid?.id).toBe(roleUnit(chief, 'gridChief'))
    expect(a.grid?.id).not.toBe(b.grid?.id)
    expect(a.grid?.heads.find((h) => h.role === 'gridChief')?.name).not.toBe(chief.name)
    expect(b.grid?.heads.find((h) => h.role === 'gridChief')?.name).toBe(chief.name)
  })

  it.each(['communityStaff', 'merchant'])(
    'shows the %s their role over the community, with no household',
    async (role) => {
      const person = g.persona(role)
      const data = await me(person.openid as string)
      expect(data.person?.name).toBe(person.name)
      expect(data.roles).toEqual([{ role, unitId: 'c1', unitName: unit('c1').name, level: 'community' }])
      expect(data.household).toBeNull()
      expect(data.grid).toBeNull()
    },
  )

  it('tells a WeChat user who has not joined that nobody is known yet', async () => {
    expect(await me('o_stranger')).toEqual({ person: null, roles: [], household: null, grid: null })
  })

  it('ignores any identity the client puts in the event', async () => {
    const resident = g.persona('resident')
    const chief = g.persona('gridChief')
    const res = await g.call<MeResult>(resident.openid as string, {
      action: 'me',
      payload: {},
      openid: chief.openid,
      OPENID: chief.openid,
    })
    expect(res.ok && res.data.person?.id).toBe(resident._id)
  })
})

describe('grid.overview', () => {
  const expectCounts = (data: OverviewResult, u: Unit) => {
    expect(data.households).toBe(householdsUnder(u.path).length)
    expect(data.residents).toBe(residentsUnder(u.path).length)
  }

  it('gives the grid chief their grid: counts, heads, and each building with its building head', async () => {
    const chief = g.persona('gridChief')
    const gridId = roleUnit(chief, 'gridChief')
    const res = await overview(chief.openid as string, gridId)
    if (!res.ok) throw new Error(res.code)
    const data = res.data
    expect(data.unit).toMatchObject({ id: gridId, level: 'grid', name: unit(gridId).name })
    expect(data.unit.path.map((p) => p.level)).toEqual(['street', 'community'])
    expectCounts(data, unit(gridId))
    expect(data.heads.map((h) => h.role)).toEqual(['gridChief', 'partyLeader'])

    const buildings = g.demo.units.filter((u) => u.parentId === gridId)
    expect(data.children.map((c) => c.id).sort()).toEqual(buildings.map((b) => b._id).sort())
    for (const c of data.children) {
      expect(c.households).toBe(householdsUnder(unit(c.id).path).length)
      expect(c.heads).toEqual([
        expect.objectContaining<Partial<HeadView>>({
          role: 'buildingHead',
          personId: holderOf('buildingHead', c.id)._id,
        }),
      ])
    }
    expect(data.children.reduce((s, c) => s + c.residents, 0)).toBe(data.residents)
  })

  it('gives community staff every grid of the community, with the heads’ numbers in full', async () => {
    const staff = g.persona('communityStaff')
    const res = await overview(staff.openid as string, 'c1')
    if (!res.ok) throw new Error(res.code)
    expectCounts(res.data, unit('c1'))
    expect(res.data.children.map((c) => c.level)).toEqual(['grid', 'grid', 'grid', 'grid'])
    expect(res.data.children.map((c) => c.name)).toEqual(['第1网格', '第2网格', '第3网格', '第4网格'])
    for (const c of res.data.children) {
      expect(c.heads.map((h) => h.role)).toEqual(['gridChief', 'partyLeader'])
      for (const h of c.heads) expect(h.phone).toMatch(/^\d{11}$/)
    }
  })

  it('lists no head of a retired building: a role over a retired unit counts nowhere', async () => {
    const chief = g.persona('gridChief')
    const gridId = roleUnit(chief, 'gridChief')
    const retired: Unit = {
      _id: 'wartime-stood-down',
      level: 'microgrid',
      name: '临时楼院',
      parentId: gridId,
      path: `${unit(gridId).path}wartime-stood-down/`,
      wartime: true,
      retired: true,
    }
    const former = residentsUnder(unit(gridId).path).find((p) => p.roles.length === 1) as PersonDoc
    const grant = { role: 'buildingHead' as const, unitId: retired._id }
    await g.cloud.seed({ units: [retired], people: [{ ...former, roles: [...former.roles, grant] }] })
    try {
      const res = await overview(chief.openid as string, retired._id)
      if (!res.ok) throw new Error(res.code)
      expect(res.data.heads).toEqual([])
    } finally {
      await g.cloud.seed({ people: [former] })
      await cloudSdk.database().collection('units').doc(retired._id).remove()
    }
  })

  const firstBuildingOf = (gridId: string) => g.demo.units.find((u) => u.parentId === gridId)?._id as string
  it.each<[string, (p: PersonDoc) => string]>([
    ['buildingHead', (p) => roleUnit(p, 'buildingHead')],
    ['partyLeader', (p) => roleUnit(p, 'partyLeader')],
    ['gridChief', (p) => firstBuildingOf(roleUnit(p, 'gridChief'))],
  ])('lets the %s look at a unit inside their scope', async (role, target) => {
    const person = g.persona(role)
    const unitId = target(person)
    const res = await overview(person.openid as string, unitId)
    expect(res.ok).toBe(true)
    if (res.ok) expectCounts(res.data, unit(unitId))
  })

  it.each<[string, string, (p: PersonDoc) => string, ErrorCode]>([
    ['a resident', 'resident', gridOf, 'FORBIDDEN'],
    ['a merchant', 'merchant', () => 'g1', 'FORBIDDEN'],
    ['a building head, for their whole grid', 'buildingHead', gridOf, 'FORBIDDEN'],
    ['a grid chief, for another grid', 'gridChief', () => gridOf(g.persona('resident')), 'FORBIDDEN'],
    ['a grid chief, for their community', 'gridChief', () => 'c1', 'FORBIDDEN'],
    ['community staff, for the other community', 'communityStaff', () => 'c2', 'FORBIDDEN'],
    ['community staff, for the street', 'communityStaff', () => 's1', 'FORBIDDEN'],
    ['a grid chief, for a unit that does not exist', 'gridChief', () => 'g404', 'NOT_FOUND'],
  ])('refuses %s', async (_name, role, target, code) => {
    const person = g.persona(role)
    expect(await overview(person.openid as string, target(person))).toEqual(refused(code))
  })

  it('refuses a WeChat user who has not joined', async () => {
    expect(await overview('o_stranger', 'g1')).toEqual(refused('NOT_REGISTERED'))
  })

  it('does not tell an outsider whether a unit exists', async () => {
    expect(await overview(g.persona('resident').openid as string, 'g404')).toEqual(refused('FORBIDDEN'))
  })
})

describe('bad calls', () => {
  it.each<[string, unknown, RegExp]>([
    ['overview without a unit', { action: 'overview', payload: {} }, /缺少字段 unitId/],
    ['overview with an empty unit', { action: 'overview', payload: { unitId: '' } }, /unitId 不能为空/],
    ['overview with a number for the unit', { action: 'overview', payload: { unitId: 7 } }, /unitId 类型不对/],
    ['overview with an extra field', { action: 'overview', payload: { unitId: 'g1', all: true } }, /不认识的字段 all/],
    ['overview with a huge unit id', { action: 'overview', payload: { unitId: 'x'.repeat(65) } }, /unitId 太长/],
    ['me with a field', { action: 'me', payload: { openid: 'o_x' } }, /不认识的字段 openid/],
    ['me with a string payload', { action: 'me', payload: 'me' }, /类型不对/],
  ])('%s is INVALID_PAYLOAD, naming the field', async (_name, data, detail) => {
    const res = await g.call(g.persona('gridChief').openid as string, data)
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(!res.ok && res.message).toMatch(detail)
    expect(!res.ok && res.message.startsWith(ERROR_MESSAGES.INVALID_PAYLOAD)).toBe(true)
  })

  it.each<[string, unknown]>([
    ['an action the function does not have', { action: 'removeGrid', payload: {} }],
    ['no action', { payload: {} }],
    ['an action that is not a string', { action: ['me'] }],
    ['an inherited property name', { action: 'hasOwnProperty' }],
  ])('%s is UNKNOWN_ACTION', async (_name, data) => {
    expect(await g.call(g.persona('gridChief').openid as string, data)).toEqual(refused('UNKNOWN_ACTION'))
  })

  it('leaves the database exactly as it was after refused calls', async () => {
    const before = await g.dump()
    expect(before.units).toHaveLength(g.demo.units.length)
    expect(before.people).toHaveLength(g.demo.people.length)
    const chief = g.persona('gridChief').openid as string
    await Promise.all([
      g.call(chief, { action: 'overview', payload: { unitId: 'c1', $set: { name: 'x' } } }),
      g.call(chief, { action: 'overview', payload: { unitId: 'c2' } }),
      g.call(chief, { action: 'dropCollection', payload: { name: 'people' } }),
      g.call('o_stranger', { action: 'overview', payload: { unitId: 'g1' } }),
      g.call(g.persona('resident').openid as string, { action: 'overview', payload: { unitId: 'g1' } }),
    ])
    expect(await g.dump()).toEqual(before)
  })
})
