import { performance } from 'node:perf_hooks'
import { CARE_FLAGS } from '../../core/model'
import { ROLE_SCOPE_LEVEL, type Role } from '../../core/roles'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import { buildDemoCommunity, DEMO_SEED, type DemoCommunity } from '../../emulator/seed'

const SEEDS = [DEMO_SEED, 1, 42, 20251122]
const communities = new Map<number, DemoCommunity>(SEEDS.map((s) => [s, buildDemoCommunity(s)]))
const demo = communities.get(DEMO_SEED) as DemoCommunity

const ofLevel = (d: DemoCommunity, level: Unit['level']) => d.units.filter((u) => u.level === level)
/** Who holds `role` over the unit as its own (a 战时网格's temporary leader is not: emulator/seed/emergency.ts). */
const holders = (d: DemoCommunity, role: Role, unitId: string) =>
  d.people.filter((p) => p.roles.some((g) => g.role === role && g.unitId === unitId && !g.wartimeGridId))
const countBy = <T>(items: T[], key: (t: T) => string) =>
  items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string, number>())

describe('the demo community is deterministic', () => {
  it('keeps the ids, openids and personas tests and screenshots depend on', () => {
    expect(demo.personas.filter((p) => p.role !== 'visitor').map((p) => [p.role, p.openid])).toEqual([
      ['resident', 'o_demo_p0001'],
      ['buildingHead', 'o_demo_p0015'],
      ['partyLeader', 'o_demo_p0069'],
      ['gridChief', 'o_demo_p0269'],
      ['communityStaff', 'o_demo_p0594'],
      ['merchant', 'o_demo_p0597'],
      ['gridChief', 'o_demo_p0126'],
      ['resident', 'o_demo_p0005'],
      ['resident', 'o_demo_p0002'],
      ['streetStaff', 'o_demo_p1243'],
      ['department', 'o_demo_p1244'],
    ])
  })

  it('gives the same units, people and personas on every run with the same seed', () => {
    expect(JSON.stringify(buildDemoCommunity())).toBe(JSON.stringify(demo))
    expect(JSON.stringify(buildDemoCommunity(42))).toBe(JSON.stringify(communities.get(42)))
  })

  it('gives a different community for a different seed', () => {
    expect(communities.get(1)?.people.map((p) => p.name)).not.toEqual(demo.people.map((p) => p.name))
  })

  it('is built in well under 200 ms', () => {
    const start = performance.now()
    buildDemoCommunity()
    expect(performance.now() - start).toBeLessThan(200)
  })
})

describe.each(SEEDS)('the demo community of seed %i', (seed) => {
  const d = communities.get(seed) as DemoCommunity
  const byId = new Map(d.units.map((u) => [u._id, u]))
  const residents = d.people.filter((p) => p.householdId)

  it.each([
    ['street', 1, 1],
    ['community', 2, 2],
    ['grid', 8, 8],
    ['microgrid', 20, 30],
    ['household', 540, 680],
  ] as const)('has %s units in [%i, %i]', (level, min, max) => {
    const n = ofLevel(d, level).length
    expect(n).toBeGreaterThanOrEqual(min)
    expect(n).toBeLessThanOrEqual(max)
  })

  it('has about 1,200 residents', () => {
    expect(residents.length).toBeGreaterThanOrEqual(1080)
    expect(residents.length).toBeLessThanOrEqual(1360)
  })

  it('gives every grid one grid chief and one party leader, and every micro-grid one building head, living there', () => {
    const heads: [Role, Unit][] = [
      ...ofLevel(d, 'grid').flatMap((g): [Role, Unit][] => [
        ['gridChief', g],
        ['partyLeader', g],
      ]),
      ...ofLevel(d, 'microgrid').map((m): [Role, Unit] => ['buildingHead', m]),
    ]
    for (const [role, unit] of heads) {
      const found = holders(d, role, unit._id)
      expect(found).toHaveLength(1)
      expect(isWithin(found[0].homePath ?? '', unit.path)).toBe(true)
      expect(found[0].openid).toBeTruthy()
    }
  })

  it('puts every household under its building’s micro-grid, at a door no other household has', () => {
    for (const h of ofLevel(d, 'household')) {
      const micro = byId.get(h.parentId ?? '') as Unit
      expect(micro.level).toBe('microgrid')
      expect(isWithin(h.path, micro.path)).toBe(true)
      expect(h.path).toBe(`${micro.path}${h._id}/`)
      expect(h.building).toBe(micro.name)
      expect(h.name).toBe(`${h.building}${h.entrance}${h.room}`)
      expect(h.room).toMatch(/^[1-9]0[12]$/)
    }
    const doors = ofLevel(d, 'household').map((h) => `${ancestorAt(h.path, 'community')} ${h.name}`)
    expect(new Set(doors).size).toBe(doors.length)
  })

  it('keeps every path consistent with its parent, and every id unique', () => {
    expect(new Set(d.units.map((u) => u._id)).size).toBe(d.units.length)
    expect(new Set(d.people.map((p) => p._id)).size).toBe(d.people.length)
    for (const u of d.units) {
      const parent = u.parentId ? byId.get(u.parentId) : undefined
      expect(u.path).toBe(parent ? `${parent.path}${u._id}/` : `/${u._id}/`)
    }
  })

  it('places every resident at their household and every role over a unit of the role’s level', () => {
    for (const p of residents) expect(p.homePath).toBe(byId.get(p.householdId ?? '')?.path)
    for (const p of d.people) {
      for (const g of p.roles) expect(byId.get(g.unitId)?.level).toBe(ROLE_SCOPE_LEVEL[g.role])
    }
  })

  it('has believable names and unique 11-digit mobile numbers and openids', () => {
    for (const p of d.people) {
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/)
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/)
    }
    expect(new Set(d.people.map((p) => p.phone)).size).toBe(d.people.length)
    const openids = d.people.flatMap((p) => (p.openid ? [p.openid] : []))
    expect(new Set(openids).size).toBe(openids.length)
    // the commonest surnames come first, as in the country
    const surnames = [...countBy(d.people, (p) => p.name[0])].sort((a, b) => b[1] - a[1]).map(([s]) => s)
    expect(surnames.slice(0, 6)).toEqual(expect.arrayContaining(['王', '李', '张']))
  })

  it('has community staff, a street staff member, volunteers and a few merchants', () => {
    const count = (role: Role) => d.people.filter((p) => p.roles.some((g) => g.role === role)).length
    expect(count('communityStaff')).toBeGreaterThanOrEqual(2)
    expect(count('streetStaff')).toBeGreaterThanOrEqual(1)
    expect(count('merchant')).toBeGreaterThanOrEqual(2)
    expect(count('merchant')).toBeLessThanOrEqual(8)
    expect(d.people.filter((p) => p.shopName).length).toBe(count('merchant'))
    const volunteers = residents.filter((p) => p.volunteer).length
    expect(volunteers).toBeGreaterThan(residents.length * 0.03)
    expect(volunteers).toBeLessThan(residents.length * 0.2)
  })

  it('offers one persona per role of the picker (two grid chiefs, three residents, the street and its 城管), each a person who holds that role', () => {
    const members = d.personas.filter((p) => p.role !== 'visitor')
    expect(members.map((p) => p.role)).toEqual([
      'resident',
      'buildingHead',
      'partyLeader',
      'gridChief',
      'communityStaff',
      'merchant',
      'gridChief',
      'resident',
      'resident',
      'streetStaff',
      'department',
    ])
    for (const persona of members) {
      const person = d.people.find((p) => p.openid === persona.openid)
      expect(person?.roles.map((g) => g.role)).toContain(persona.role)
      expect(persona.label).toContain(person?.name)
      expect(persona.description).not.toBe('')
    }
  })

  it('offers two or three visitors who have not joined, for the join journey', () => {
    const visitors = d.personas.filter((p) => p.role === 'visitor')
    expect(visitors.length).toBeGreaterThanOrEqual(2)
    expect(visitors.length).toBeLessThanOrEqual(3)
    expect(d.personas.slice(-visitors.length)).toEqual(visitors) // after the members, in the picker too
    const openids = new Set(d.people.map((p) => p.openid))
    for (const v of visitors) {
      expect(openids.has(v.openid)).toBe(false)
      expect(v.label).toContain('未加入')
      expect(v.description).toContain('邀请')
    }
    expect(new Set(visitors.map((v) => v.openid)).size).toBe(visitors.length)
    expect(new Set(visitors.map((v) => v.label)).size).toBe(visitors.length)
  })

  it('flags about 5% of residents as needing care, with believable flags, and nobody else', () => {
    const flagged = residents.filter((p) => p.careFlags)
    expect(flagged.length).toBeGreaterThan(residents.length * 0.025)
    expect(flagged.length).toBeLessThan(residents.length * 0.08)
    for (const p of flagged) {
      expect(p.careFlags?.length).toBeGreaterThan(0)
      for (const f of p.careFlags ?? []) expect(CARE_FLAGS).toContain(f)
    }
    expect(d.people.filter((p) => !p.householdId && p.careFlags)).toEqual([])
    // 独居老人 live alone
    for (const p of flagged.filter((x) => x.careFlags?.includes('elderlyAlone'))) {
      expect(residents.filter((x) => x.householdId === p.householdId)).toHaveLength(1)
    }
  })

  it('has households no member has joined yet (unreachable through the app) in every grid', () => {
    const joined = new Set(residents.filter((p) => p.openid).map((p) => p.householdId))
    for (const grid of ofLevel(d, 'grid')) {
      const homes = ofLevel(d, 'household').filter((h) => isWithin(h.path, grid.path))
      const unreachable = homes.filter((h) => !joined.has(h._id))
      expect(unreachable.length).toBeGreaterThanOrEqual(3)
      expect(unreachable.length).toBeLessThan(homes.length / 2)
    }
  })

  it('offers three residents: two of different households in one building, and two of one household', () => {
    const residents = d.personas
      .filter((p) => p.role === 'resident')
      .map((x) => d.people.find((p) => p.openid === x.openid) as (typeof d.people)[number])
    expect(residents).toHaveLength(3)
    const [first, neighbour, housemate] = residents
    expect(neighbour.householdId).not.toBe(first.householdId)
    const building = (householdId?: string) => d.units.find((u) => u._id === householdId)?.parentId
    expect(building(neighbour.householdId)).toBe(building(first.householdId))
    expect(housemate.householdId).toBe(first.householdId)
    expect(new Set(residents.map((p) => p._id)).size).toBe(3)
  })

  it('puts the resident and the grid chief personas in different grids', () => {
    const person = (role: string) => d.people.find((p) => p.openid === d.personas.find((x) => x.role === role)?.openid)
    const residentGrid = ancestorAt(person('resident')?.homePath ?? '', 'grid')
    const chiefGrid = person('gridChief')?.roles.find((g) => g.role === 'gridChief')?.unitId
    expect(residentGrid).toBeDefined()
    expect(chiefGrid).toBeDefined()
    expect(residentGrid).not.toBe(chiefGrid)
  })
})
