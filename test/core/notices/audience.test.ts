/** Who a notice is for (core/notices/audience.ts): its residents, the leaders over it, the part of a unit inside
 * its audience, and what a grid chief may relay. */
import { audienceWithin, fromAbove, leadsOver, reachesHome } from '../../../core/notices/audience'
import type { ScopedGrant } from '../../../core/permissions'
import type { Role } from '../../../core/roles'

const notice = (...unitPaths: string[]) => ({ unitPaths })
const grant = (role: Role, path: string): ScopedGrant => ({ role, unitId: path.split('/').at(-2) ?? '', path })

describe('audienceWithin', () => {
  it('a unit inside a published unit is counted whole', () => {
    expect(audienceWithin(notice('/s1/c1/'), { path: '/s1/c1/g1/' })).toEqual(['/s1/c1/g1/'])
    expect(audienceWithin(notice('/s1/c1/g1/'), { path: '/s1/c1/g1/' })).toEqual(['/s1/c1/g1/'])
  })
  it('above the published units, only they are counted, nested ones folded into their ancestor', () => {
    expect(audienceWithin(notice('/s1/c1/g1/b1/', '/s1/c1/g2/', '/s1/c1/g2/b4/'), { path: '/s1/c1/' })).toEqual([
      '/s1/c1/g1/b1/',
      '/s1/c1/g2/',
    ])
  })
  it('a unit beside the audience has no part in it', () => {
    expect(audienceWithin(notice('/s1/c1/g1/'), { path: '/s1/c1/g2/' })).toEqual([])
    expect(audienceWithin(notice('/s1/c1/g1/'), { path: '/s1/c1/g10/' })).toEqual([])
  })
})

describe('reachesHome', () => {
  it.each([
    ['a home inside the published community', ['/s1/c1/'], '/s1/c1/g1/b1/h1/', true],
    ['a home in one of several published buildings', ['/s1/c1/g1/b2/', '/s1/c1/g1/b1/'], '/s1/c1/g1/b1/h1/', true],
    ['a home in a neighbouring building', ['/s1/c1/g1/b2/'], '/s1/c1/g1/b1/h1/', false],
    ['a home whose grid id only starts like the published one', ['/s1/c1/g1/'], '/s1/c1/g10/b1/h1/', false],
    ['no home (not joined to a household)', ['/s1/'], undefined, false],
    ['an empty home path', ['/s1/'], '', false],
  ])('%s → %s', (_, paths, home, expected) => {
    expect(reachesHome(notice(...paths), home)).toBe(expected)
  })
})

describe('leadsOver', () => {
  it.each([
    ['the grid chief of the published grid', grant('gridChief', '/s1/c1/g1/'), true],
    ['community staff over the published grid', grant('communityStaff', '/s1/c1/'), true],
    [
      'a building head inside the published grid (reads it before it reaches them)',
      grant('buildingHead', '/s1/c1/g1/b1/'),
      true,
    ],
    ['a grid chief of another grid', grant('gridChief', '/s1/c1/g2/'), false],
    ['a grid chief of a grid whose id only starts like the published one', grant('gridChief', '/s1/c1/g10/'), false],
    ['a resident of a published household', grant('resident', '/s1/c1/g1/b1/h1/'), false],
    ['a merchant inside the community', grant('merchant', '/s1/c1/'), false],
  ])('%s → %s', (_, g, expected) => {
    expect(leadsOver(notice('/s1/c1/g1/'), [g])).toBe(expected)
  })
  it('any one leading grant is enough; none is no one', () => {
    expect(
      leadsOver(notice('/s1/c1/g1/'), [grant('resident', '/s1/c1/g1/b1/h1/'), grant('gridChief', '/s1/c1/g1/')]),
    ).toBe(true)
    expect(leadsOver(notice('/s1/c1/g1/'), [])).toBe(false)
  })
})

describe('fromAbove', () => {
  it.each([
    ['published to the community above the grid', ['/s1/c1/'], true],
    ['published to the street', ['/s1/'], true],
    ['published to the grid itself (its chief shares it directly)', ['/s1/c1/g1/'], false],
    ['published to a building of the grid', ['/s1/c1/g1/b1/'], false],
    ['published to another grid', ['/s1/c1/g2/'], false],
    ['published to the grid and to the community', ['/s1/c1/g1/', '/s1/c1/'], true],
  ])('%s → %s', (_, paths, expected) => {
    expect(fromAbove(notice(...paths), { path: '/s1/c1/g1/' })).toBe(expected)
  })
})
