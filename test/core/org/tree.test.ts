/** org.tree's counts: households and residents counted at every unit above them, children in name order. */
import { tallyTree } from '../../../core/org/tree'
import type { Unit } from '../../../core/units'
import { b12, b3, community, grid, grid2, home } from './fixtures'

const b2: Unit = { ...b3, _id: 'b2', name: '2栋', path: '/s1/c1/g1/b2/' }
const home2: Unit = { ...home, _id: 'h2', path: '/s1/c1/g1/b12/h2/', parentId: 'b12' }

describe('tallyTree', () => {
  const units = [community, grid2, grid, b12, b3, b2, home, home2]
  const homes = [home.path, home.path, home2.path]
  const { households, residents, children } = tallyTree(community, units, homes)

  it.each([
    ['c1', 2, 3],
    ['g1', 2, 3],
    ['g2', undefined, undefined],
    ['b3', 1, 2],
    ['b12', 1, 1],
    ['b2', undefined, undefined],
  ])('at %s: %s households, %s residents', (id, h, r) => {
    expect(households.get(id)).toBe(h)
    expect(residents.get(id)).toBe(r)
  })

  it('lists children by name as people count (2栋 before 3栋 before 12栋), households left out', () => {
    expect(children.get('c1')?.map((u) => u.name)).toEqual(['第1网格', '第2网格'])
    expect(children.get('g1')?.map((u) => u.name)).toEqual(['2栋', '3栋', '12栋'])
    expect(children.has('b3')).toBe(false)
  })

  it('counts a subtree from its own top: the top is nobody’s child', () => {
    const sub = tallyTree(grid, [grid, b3, home], [home.path])
    expect([...sub.children.keys()]).toEqual(['g1'])
    expect(sub.households.get('g1')).toBe(1)
  })
})
