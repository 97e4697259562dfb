/** Where a visitor may join: units that lead anywhere, the buildings offered, the places named above them. */
import { claimableBuildings, inUse, isClaimableBuilding, opensInto, targetAncestorIds } from '../../../core/join/entry'
import type { Level, Unit } from '../../../core/units'

const unit = (id: string, level: Level, patch: Partial<Unit> = {}): Unit => ({
  _id: id,
  level,
  name: id,
  parentId: 'p',
  path: `/s1/c1/g1/${id}/`,
  ...patch,
})

describe('units that lead anywhere', () => {
  it.each([
    ['no unit', null, false, false, false],
    ['a grid', unit('g1', 'grid'), true, true, false],
    ['a retired grid', unit('g1', 'grid', { retired: true }), false, false, false],
    ['a building', unit('m1', 'microgrid'), true, true, true],
    ['a retired building', unit('m1', 'microgrid', { retired: true }), false, false, false],
    ['a wartime building', unit('m1', 'microgrid', { wartime: true }), true, true, true],
    ['a community', unit('c1', 'community'), true, false, false],
    ['a household', unit('h1', 'household'), true, false, false],
  ])('%s: in use %p, an invite opens into it %p, a room may be claimed in it %p', (_what, u, used, into, building) => {
    expect(inUse(u)).toBe(used)
    expect(opensInto(u)).toBe(into)
    expect(isClaimableBuilding(u)).toBe(building)
  })
})

describe('the buildings a grid offers', () => {
  it('lists the buildings in use, as people name them (3栋 before 12栋), and nothing else', () => {
    const children = [
      unit('m12', 'microgrid', { name: '12栋' }),
      unit('m3', 'microgrid', { name: '3栋' }),
      unit('mx', 'microgrid', { name: '1栋', retired: true }),
      unit('c', 'community', { name: '0号' }),
      unit('m2', 'microgrid', { name: '2栋', wartime: true }),
    ]
    expect(claimableBuildings(children).map((u) => u.name)).toEqual(['2栋', '3栋', '12栋'])
  })
  it('offers nothing when the grid has no buildings', () => expect(claimableBuildings([])).toEqual([]))
})

describe('the places named above a target', () => {
  it.each([
    ['a grid', '/s1/c1/g1/', { street: 's1', community: 'c1', grid: 'g1' }],
    ['a building', '/s1/c1/g1/m1/', { street: 's1', community: 'c1', grid: 'g1' }],
    ['a community (no grid)', '/s1/c1/', { street: 's1', community: 'c1', grid: undefined }],
  ])('%s', (_what, path, ids) => expect(targetAncestorIds({ path })).toEqual(ids))
})
