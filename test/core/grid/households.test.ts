/** 网格管理: which households each filter shows, in which order and pages, and how a household's row reads. */
import type { HouseholdFilter } from '../../../core/contract'
import {
  filterHouseholds,
  filtersByMembers,
  groupBy,
  householdRow,
  pageOf,
  type HouseholdFacts,
} from '../../../core/grid/households'
import type { Viewer } from '../../../core/grid/phone-visibility'
import { maskPhone } from '../../../core/mask'
import type { ClaimDoc } from '../../../core/model'
import { b3, grid, h12_1_101, h3_1_1102, h3_1_402, h3_2_402, homes, person } from './tree'

const claim = (householdId: string): ClaimDoc => ({
  _id: `claim-${householdId}`,
  openid: 'o_visitor',
  householdId,
  householdPath: '',
  name: '访客',
  phone: '13900000000',
  status: 'pending',
  createdAt: new Date('2025-04-01T00:00:00Z'),
})

/** 3栋1单元402: joined, one with a care flag; 3栋2单元402: imported, not joined; 12栋1单元101: joined; 3栋1单元1102: empty. */
const residents = [
  person('p1', '王芳', h3_1_402, { openid: 'o_p1' }),
  person('p2', '王奶奶', h3_1_402, { careFlags: ['elderlyAlone'] }),
  person('p3', '李强', h3_2_402),
  person('p4', '赵敏', h12_1_101, { openid: 'o_p4' }),
]
const facts: HouseholdFacts = {
  pending: groupBy([claim(h3_2_402._id), claim(h3_2_402._id), claim(h12_1_101._id)], (c) => c.householdId),
  membersByHome: groupBy(residents, (p) => p.householdId),
}

describe('filterHouseholds', () => {
  it.each<[HouseholdFilter, string[]]>([
    ['all', ['3栋1单元402', '3栋1单元1102', '3栋2单元402', '12栋1单元101']],
    ['unconfirmed', ['3栋2单元402', '12栋1单元101']],
    ['unreachable', ['3栋1单元1102', '3栋2单元402']],
    ['care', ['3栋1单元402']],
  ])('%s shows %j, in door order', (filter, doors) => {
    expect(filterHouseholds(homes, filter, facts).map((h) => h.name)).toEqual(doors)
  })

  it('does not reorder the households it was given', () => {
    const given = [...homes]
    filterHouseholds(given, 'all', facts)
    expect(given).toEqual(homes)
  })

  it.each<[HouseholdFilter, boolean]>([
    ['all', false],
    ['unconfirmed', false],
    ['unreachable', true],
    ['care', true],
  ])('%s needs every member read: %p', (filter, needs) => expect(filtersByMembers(filter)).toBe(needs))
})

describe('pageOf', () => {
  it.each([
    [0, 2, ['a', 'b']],
    [1, 2, ['c', 'd']],
    [2, 2, ['e']],
    [3, 2, []],
    [0, 20, ['a', 'b', 'c', 'd', 'e']],
  ])('page %i of %i', (page, size, expected) => expect(pageOf(['a', 'b', 'c', 'd', 'e'], page, size)).toEqual(expected))
})

describe('groupBy', () => {
  it('groups by key in the given order and leaves out items without one', () => {
    const people = [person('p1', 'a', h3_1_402), person('p2', 'b', undefined), person('p3', 'c', h3_1_402)]
    expect([...groupBy(people, (p) => p.householdId)].map(([k, v]) => [k, v.map((p) => p._id)])).toEqual([
      [h3_1_402._id, ['p1', 'p3']],
    ])
  })
})

describe('householdRow', () => {
  const chief: Viewer = { personId: 'v1', grants: [{ role: 'gridChief', unitId: grid._id, path: grid.path }] }
  const microgrid = { id: b3._id, name: '3栋', level: 'microgrid' as const }

  it('shows every member in full to a leader over the household, in id order, with joined and care flags', () => {
    const members = [residents[1], residents[0]]
    expect(householdRow(h3_1_402, members, microgrid, 0, chief)).toEqual({
      id: h3_1_402._id,
      door: '3栋1单元402',
      microgrid,
      members: [
        { id: 'p1', name: '王芳', phone: residents[0].phone, joined: true, careFlags: [] },
        { id: 'p2', name: '王奶奶', phone: residents[1].phone, joined: false, careFlags: ['elderlyAlone'] },
      ],
      pendingClaims: 0,
    })
  })

  it('masks a member’s phone for a viewer whose scope does not hold the household', () => {
    const elsewhere: Viewer = { grants: [{ role: 'gridChief', unitId: 'g2', path: '/s1/c1/g2/' }] }
    expect(householdRow(h3_1_402, [residents[0]], microgrid, 0, elsewhere).members[0].phone).toBe(
      maskPhone(residents[0].phone),
    )
  })

  it('counts pending claims and stands in the household’s building name when the building is not found', () => {
    const row = householdRow(h3_1_1102, [], undefined, 2, chief)
    expect(row.microgrid).toEqual({ id: b3._id, name: '3栋', level: 'microgrid' })
    expect(row.pendingClaims).toBe(2)
    expect(row.members).toEqual([])
  })
})
