/** A person's place in a household: moving in keeps every role but the old resident one; leaving drops it. */
import { homeOf, movingInto, withoutHome } from '../../../core/join/household'
import type { RoleGrant } from '../../../core/roles'

const household = { _id: 'h2', path: '/s/c/g/m/h2/' }

describe('moving into a household', () => {
  it.each<[string, RoleGrant[], RoleGrant[]]>([
    ['nobody yet', [], [{ role: 'resident', unitId: 'h2' }]],
    ['a resident moving house', [{ role: 'resident', unitId: 'h1' }], [{ role: 'resident', unitId: 'h2' }]],
    [
      'a building head living elsewhere keeps leading their building',
      [
        { role: 'buildingHead', unitId: 'm9' },
        { role: 'resident', unitId: 'h1' },
      ],
      [
        { role: 'buildingHead', unitId: 'm9' },
        { role: 'resident', unitId: 'h2' },
      ],
    ],
    [
      'a record that wrongly held two resident roles ends with one',
      [
        { role: 'resident', unitId: 'h1' },
        { role: 'gridChief', unitId: 'g1' },
        { role: 'resident', unitId: 'h3' },
      ],
      [
        { role: 'gridChief', unitId: 'g1' },
        { role: 'resident', unitId: 'h2' },
      ],
    ],
  ])('%s', (_what, roles, after) => {
    expect(movingInto(roles, household)).toEqual({ householdId: 'h2', homePath: '/s/c/g/m/h2/', roles: after })
  })
})

describe('leaving a household', () => {
  it.each<[string, RoleGrant[], RoleGrant[]]>([
    ['a resident keeps nothing', [{ role: 'resident', unitId: 'h1' }], []],
    [
      'a party leader keeps leading',
      [
        { role: 'partyLeader', unitId: 'g1' },
        { role: 'resident', unitId: 'h1' },
      ],
      [{ role: 'partyLeader', unitId: 'g1' }],
    ],
    [
      'staff without a home keep their role',
      [{ role: 'communityStaff', unitId: 'c1' }],
      [{ role: 'communityStaff', unitId: 'c1' }],
    ],
  ])('%s', (_what, roles, kept) => expect(withoutHome(roles)).toEqual(kept))
})

describe('the household a person belongs to', () => {
  it.each<[string, { householdId?: string; roles: RoleGrant[] }, string | undefined]>([
    ['their home', { householdId: 'h1', roles: [{ role: 'resident', unitId: 'h1' }] }, 'h1'],
    ['a record missing its home: the resident role names it', { roles: [{ role: 'resident', unitId: 'h4' }] }, 'h4'],
    ['a leader with no home', { roles: [{ role: 'gridChief', unitId: 'g1' }] }, undefined],
    ['the home wins over a stale role', { householdId: 'h2', roles: [{ role: 'resident', unitId: 'h1' }] }, 'h2'],
  ])('%s', (_what, person, home) => expect(homeOf(person)).toBe(home))
})
