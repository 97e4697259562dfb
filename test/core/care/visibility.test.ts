/** Who sees a person's care flags and checks: the team, grid chiefs of their grid, staff over them — nobody else. */
import { careAccess, leadsCareOver } from '../../../core/care/visibility'
import type { Role } from '../../../core/roles'

const HOME = '/s1/c1/g1/m1/h1/'
const viewer = (role: Role, path: string, personId = 'v') => ({ personId, grants: [{ role, path }] })

describe('careAccess', () => {
  it.each<[string, ReturnType<typeof viewer>, 'helper' | 'leader' | null]>([
    ['the grid chief of the grid', viewer('gridChief', '/s1/c1/g1/'), 'leader'],
    ['community staff', viewer('communityStaff', '/s1/c1/'), 'leader'],
    ['street staff', viewer('streetStaff', '/s1/'), 'leader'],
    ['a helper on the team (a resident elsewhere)', viewer('resident', '/s1/c1/g2/m5/h9/', 'helper1'), 'helper'],
    ['the grid chief of another grid', viewer('gridChief', '/s1/c1/g2/'), null],
    ['staff of another community', viewer('communityStaff', '/s1/c2/'), null],
    ['the building head of the building', viewer('buildingHead', '/s1/c1/g1/m1/'), null],
    ['the party leader of the grid', viewer('partyLeader', '/s1/c1/g1/'), null],
    ['a neighbour', viewer('resident', '/s1/c1/g1/m1/h2/'), null],
    ['the community’s merchant', viewer('merchant', '/s1/c1/'), null],
    ['a department of the street', viewer('department', '/s1/'), null],
  ])('%s', (_, v, expected) => {
    expect(careAccess(v, { homePath: HOME, helperIds: ['helper1'] })).toBe(expected)
  })

  it('no home: nobody sees by role', () => {
    expect(careAccess(viewer('streetStaff', '/s1/'), { helperIds: [] })).toBeNull()
  })

  it('the 关爱对象 filter needs the role over the whole unit', () => {
    expect(leadsCareOver(viewer('gridChief', '/s1/c1/g1/'), '/s1/c1/g1/m1/')).toBe(true)
    expect(leadsCareOver(viewer('gridChief', '/s1/c1/g1/'), '/s1/c1/')).toBe(false)
    expect(leadsCareOver(viewer('buildingHead', '/s1/c1/g1/m1/'), '/s1/c1/g1/m1/')).toBe(false)
  })
})
