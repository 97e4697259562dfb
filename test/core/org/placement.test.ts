/** Where staff may place units, what a new one is, which cannot be renamed, and when one may be retired. */
import { creationRefusal, newUnit, PARENT_LEVEL, renameRefusal, retireRefusal } from '../../../core/org/placement'
import type { Level, Unit } from '../../../core/units'
import { b3, community, grid, grid2, home, retired, street } from './fixtures'

describe('creating a unit', () => {
  it.each<[Level, Unit, string | null]>([
    ['community', street, null],
    ['grid', community, null],
    ['microgrid', grid, null],
    ['grid', street, '网格只能建在社区下'],
    ['microgrid', community, '楼栋只能建在网格下'],
    ['community', grid, '社区只能建在街道下'],
    ['grid', retired(community), '“和平里社区”已撤销'],
  ])('a %s under the %s: %s', (level, parent, refusal) => {
    expect(creationRefusal(level, parent)).toBe(refusal)
  })

  it('places every creatable level under the one above it', () => {
    expect(PARENT_LEVEL).toEqual({ community: 'street', grid: 'community', microgrid: 'grid' })
  })

  it('builds the path from the id chosen up front; only a building can be 战时', () => {
    expect(newUnit('u1', 'microgrid', '隔离点', grid, true)).toEqual({
      _id: 'u1',
      level: 'microgrid',
      name: '隔离点',
      parentId: 'g1',
      path: '/s1/c1/g1/u1/',
      wartime: true,
    })
    expect(newUnit('u2', 'grid', '第3网格', community, true)).not.toHaveProperty('wartime')
    expect(newUnit('u3', 'microgrid', '5栋', grid)).not.toHaveProperty('wartime')
  })
})

describe('renaming a unit', () => {
  it.each<[Unit, string | null]>([
    [grid, null],
    [b3, null],
    [home, '住户按楼栋、单元、房号命名，不能改名'],
  ])('%s', (unit, refusal) => {
    expect(renameRefusal(unit)).toBe(refusal)
  })
})

describe('retiring a unit', () => {
  it.each<[string, Unit, Unit[], number, number, string | null]>([
    ['an empty grid', grid2, [grid2], 0, 0, null],
    ['a grid whose buildings are all retired', grid, [grid, retired(b3), retired({ ...b3, _id: 'b4' })], 0, 0, null],
    ['a grid with a building in use', grid, [grid, b3, retired({ ...b3, _id: 'b4' })], 0, 0, '还有1 个网格或楼栋'],
    ['a building with residents', b3, [b3], 3, 0, '还有3 位居民'],
    [
      'a community with everything',
      community,
      [community, grid, grid2, b3],
      2,
      1,
      '还有3 个网格或楼栋、2 位居民、1 条待确认的入户申请',
    ],
  ])('%s', (_name, unit, below, residents, claims, refusal) => {
    expect(retireRefusal(unit, below, residents, claims)).toBe(refusal)
  })
})
