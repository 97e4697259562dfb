/** The community a roster is checked against: its units in use, its residents and its heads, each once. */
import { communityState, headedUnitIds, rosterUnitRefusal, unitsInUse } from '../../../../core/org/roster/community'
import type { PersonDoc } from '../../../../core/model'
import type { Unit } from '../../../../core/units'
import { community } from './fixtures'

const grid: Unit = { _id: 'g1', level: 'grid', name: '第1网格', parentId: 'c', path: '/s/c/g1/' }
const building: Unit = { _id: 'b1', level: 'microgrid', name: '1栋', parentId: 'g1', path: '/s/c/g1/b1/' }
const gone: Unit = { ...building, _id: 'b2', name: '2栋', path: '/s/c/g1/b2/', retired: true }
const home: Unit = { _id: 'h1', level: 'household', name: '1栋1单元101', parentId: 'b1', path: '/s/c/g1/b1/h1/' }
const person = (id: string): PersonDoc => ({
  _id: id,
  name: id,
  phone: '13800138000',
  roles: [],
  createdAt: new Date(0),
})

describe('the community state', () => {
  it('works with the units under the community that are in use, not the community itself', () => {
    expect(unitsInUse(community, [community, grid, building, gone, home])).toEqual([grid, building, home])
  })

  it('asks for the heads of its grids and buildings, not of its households', () => {
    expect(headedUnitIds([grid, building, home])).toEqual(['g1', 'b1'])
  })

  it('counts a head who also lives there once', () => {
    const state = communityState(community, [grid], [person('a'), person('b')], [person('b'), person('c')])
    expect(state.people.map((p) => p._id)).toEqual(['a', 'b', 'c'])
    expect(state.units).toEqual([grid])
  })

  it.each<[Unit, string | null]>([
    [community, null],
    [grid, '花名册按社区导入导出，请选择一个社区'],
    [building, '花名册按社区导入导出，请选择一个社区'],
  ])('keeps rosters by community: %s', (unit, refusal) => {
    expect(rosterUnitRefusal(unit)).toBe(refusal)
  })
})
