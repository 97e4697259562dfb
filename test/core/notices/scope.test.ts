/** Where a leader may publish (core/notices/scope.ts): inside their scope, at the levels their role speaks to. */
import type { ScopedGrant } from '../../../core/permissions'
import type { Role } from '../../../core/roles'
import type { Level } from '../../../core/units'
import { outermost, publishGrants } from '../../../core/notices/scope'

const grant = (role: Role, path: string): ScopedGrant => ({ role, unitId: path.split('/').at(-2) ?? '', path })
const unit = (level: Level, path: string) => ({ _id: path.split('/').at(-2) ?? '', level, path })

describe('publishGrants', () => {
  it.each([
    ['street staff to a community of the street', grant('streetStaff', '/s1/'), unit('community', '/s1/c1/'), true],
    ['street staff to a grid', grant('streetStaff', '/s1/'), unit('grid', '/s1/c1/g1/'), true],
    [
      'street staff to a building (not a level they speak to)',
      grant('streetStaff', '/s1/'),
      unit('microgrid', '/s1/c1/g1/b1/'),
      false,
    ],
    ['community staff to their community', grant('communityStaff', '/s1/c1/'), unit('community', '/s1/c1/'), true],
    ['community staff to a grid of it', grant('communityStaff', '/s1/c1/'), unit('grid', '/s1/c1/g1/'), true],
    ['community staff to the street above', grant('communityStaff', '/s1/c1/'), unit('street', '/s1/'), false],
    ['community staff to another community', grant('communityStaff', '/s1/c1/'), unit('community', '/s1/c2/'), false],
    ['a grid chief to their grid', grant('gridChief', '/s1/c1/g1/'), unit('grid', '/s1/c1/g1/'), true],
    ['a grid chief to a building of it', grant('gridChief', '/s1/c1/g1/'), unit('microgrid', '/s1/c1/g1/b1/'), true],
    [
      'a grid chief to a grid whose id only starts like theirs',
      grant('gridChief', '/s1/c1/g1/'),
      unit('grid', '/s1/c1/g10/'),
      false,
    ],
    [
      'a building head to their building',
      grant('buildingHead', '/s1/c1/g1/b1/'),
      unit('microgrid', '/s1/c1/g1/b1/'),
      true,
    ],
    ['a building head to the grid', grant('buildingHead', '/s1/c1/g1/b1/'), unit('grid', '/s1/c1/g1/'), false],
    ['anyone to a household', grant('gridChief', '/s1/c1/g1/'), unit('household', '/s1/c1/g1/b1/h1/'), false],
    ['a party leader (publishes nothing)', grant('partyLeader', '/s1/c1/g1/'), unit('grid', '/s1/c1/g1/'), false],
    ['a resident', grant('resident', '/s1/c1/g1/b1/h1/'), unit('microgrid', '/s1/c1/g1/b1/'), false],
  ])('%s → %s', (_, g, u, allowed) => {
    expect(publishGrants([g], u)).toEqual(allowed ? [g] : [])
  })
  it('keeps every grant that allows it, and only those', () => {
    const grants = [
      grant('buildingHead', '/s1/c1/g1/b1/'),
      grant('gridChief', '/s1/c1/g1/'),
      grant('resident', '/s1/c1/g1/b1/h1/'),
    ]
    expect(publishGrants(grants, unit('microgrid', '/s1/c1/g1/b1/'))).toEqual(grants.slice(0, 2))
  })
})

describe('outermost', () => {
  it.each([
    ['a grid and one of its buildings: the grid', ['/s1/c1/g1/', '/s1/c1/g1/b1/'], ['g1']],
    ['a building before its grid: the grid', ['/s1/c1/g1/b1/', '/s1/c1/g1/'], ['g1']],
    ['two grids, in the chosen order', ['/s1/c1/g2/', '/s1/c1/g1/'], ['g2', 'g1']],
    ['a grid twice: once', ['/s1/c1/g1/', '/s1/c1/g1/'], ['g1']],
    ['a grid whose id only starts like another one: both', ['/s1/c1/g1/', '/s1/c1/g10/'], ['g1', 'g10']],
    ['nothing', [], []],
  ])('%s', (_, paths, ids) => {
    expect(outermost(paths.map((p) => unit('grid', p))).map((u) => u._id)).toEqual(ids)
  })
})
