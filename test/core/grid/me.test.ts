/** 首页 (grid.me): the grid a person's page is about, their roles, and their address. */
import { focusPath, homeAddress, roleViews } from '../../../core/grid/me'
import type { ScopedGrant } from '../../../core/permissions'
import { b3, community, grid, h3_1_402, street, units } from './tree'

const g = (role: ScopedGrant['role'], unitId: string, path: string): ScopedGrant => ({ role, unitId, path })

describe('focusPath', () => {
  it.each<[string, string | undefined, ScopedGrant[], string | undefined]>([
    ['the home, whatever they lead', h3_1_402.path, [g('gridChief', 'g2', '/s1/c1/g2/')], h3_1_402.path],
    ['the grid a chief living elsewhere leads', undefined, [g('gridChief', grid._id, grid.path)], grid.path],
    ['the building a building head leads', undefined, [g('buildingHead', b3._id, b3.path)], b3.path],
    [
      'the first role led at grid level or below, past community staff',
      undefined,
      [g('communityStaff', community._id, community.path), g('partyLeader', grid._id, grid.path)],
      grid.path,
    ],
    ['nothing for a merchant', undefined, [g('merchant', 'g1', grid.path)], undefined],
    ['nothing for community staff only', undefined, [g('communityStaff', community._id, community.path)], undefined],
    ['nothing for nobody', undefined, [], undefined],
  ])('is %s', (_name, homePath, grants, expected) => expect(focusPath(homePath, grants)).toBe(expected))
})

describe('roleViews', () => {
  it('names each role’s unit and level', () => {
    expect(roleViews([g('gridChief', grid._id, grid.path), g('buildingHead', b3._id, b3.path)], units)).toEqual([
      { role: 'gridChief', unitId: 'g1', unitName: '第1网格', level: 'grid' },
      { role: 'buildingHead', unitId: 'b3', unitName: '3栋', level: 'microgrid' },
    ])
  })
})

describe('homeAddress', () => {
  it.each([
    [street, community, '和平街道和平里社区3栋1单元402'],
    [undefined, community, '和平里社区3栋1单元402'],
    [undefined, undefined, '3栋1单元402'],
  ])('reads street, community, door (%#)', (s, c, expected) => expect(homeAddress(s, c, h3_1_402)).toBe(expected))
})
