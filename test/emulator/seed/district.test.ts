import { countersFor } from '../../../core/grid/counters'
import { isWithin } from '../../../core/units'
import { buildDistrict } from '../../../emulator/seed/district'

const small = buildDistrict({ grids: 12 })
const holders = (role: string, unitId: string) =>
  small.people.filter((p) => p.roles.some((g) => g.role === role && g.unitId === unitId))

describe('the synthetic district of the district benchmark', () => {
  it('is the same district for the same seed and size, and another for another seed', () => {
    expect(buildDistrict({ grids: 12 })).toEqual(small)
    expect(buildDistrict({ grids: 12, seed: 7 }).people.map((p) => p.phone)).not.toEqual(
      small.people.map((p) => p.phone),
    )
  })

  it('grows by grids: 10 grids a community, 8 buildings a grid, about 270 households and 540 residents a grid', () => {
    const of = (level: string) => small.units.filter((u) => u.level === level)
    expect(of('community')).toHaveLength(2)
    expect(of('grid')).toHaveLength(12)
    expect(of('microgrid')).toHaveLength(96)
    const residents = small.people.filter((p) => p.householdId).length
    expect(residents / 12).toBeGreaterThan(450)
    expect(residents / 12).toBeLessThan(650)
    expect(of('household').length / 12).toBeGreaterThan(250)
  })

  it('gives every grid its chief and party leader living in it, every building a head, every community staff', () => {
    const units = new Map(small.units.map((u) => [u._id, u]))
    for (const u of small.units) {
      const need = u.level === 'grid' ? ['gridChief', 'partyLeader'] : u.level === 'microgrid' ? ['buildingHead'] : []
      for (const role of need) {
        const [head] = holders(role, u._id)
        expect(head?.openid).toBeDefined()
        expect(isWithin(units.get(head.householdId as string)?.path ?? '', u.path)).toBe(true)
      }
    }
    expect(holders('communityStaff', 'c2')).toHaveLength(3)
    expect(holders('streetStaff', 's1')).toHaveLength(1)
  })

  it('mixes joined and not joined residents, care flags, pending claims and subscriptions, phones unique', () => {
    const residents = small.people.filter((p) => p.householdId)
    const joined = residents.filter((p) => p.openid).length / residents.length
    expect(joined).toBeGreaterThan(0.4)
    expect(joined).toBeLessThan(0.6)
    expect(residents.some((p) => p.careFlags?.length)).toBe(true)
    expect(small.claims.length).toBeGreaterThan(0)
    expect(small.subscriptions.length).toBeGreaterThan(0)
    const phones = [...small.people, ...small.claims].map((p) => p.phone)
    expect(new Set(phones).size).toBe(phones.length)
  })

  it('carries the unit counters a recount gives', () => {
    const recount = countersFor(small.units, small.people, small.claims)
    expect(small.unitCounters).toHaveLength(recount.size)
    for (const c of small.unitCounters) expect(recount.get(c._id)).toEqual(expect.objectContaining({ path: c.path }))
    const street = small.unitCounters.find((c) => c._id === 's1')
    expect(street?.residents).toBe(small.people.filter((p) => p.householdId).length)
    expect(street?.pendingClaims).toBe(small.claims.length)
  })
})
