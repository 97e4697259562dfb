/** A small tree for the core/org table tests: two streets, a community with two grids, buildings and a door. */
import type { Unit } from '../../../core/units'

const unit = (u: Partial<Unit> & Pick<Unit, '_id' | 'level' | 'name' | 'path'>): Unit => ({ parentId: null, ...u })

export const street = unit({ _id: 's1', level: 'street', name: '和平街道', path: '/s1/' })
export const otherStreet = unit({ _id: 's2', level: 'street', name: '东风街道', path: '/s2/' })
export const community = unit({ _id: 'c1', level: 'community', name: '和平里社区', path: '/s1/c1/', parentId: 's1' })
export const otherCommunity = unit({ _id: 'c9', level: 'community', name: '东风社区', path: '/s2/c9/', parentId: 's2' })
export const grid = unit({ _id: 'g1', level: 'grid', name: '第1网格', path: '/s1/c1/g1/', parentId: 'c1' })
export const grid2 = unit({ _id: 'g2', level: 'grid', name: '第2网格', path: '/s1/c1/g2/', parentId: 'c1' })
export const farGrid = unit({ _id: 'g9', level: 'grid', name: '第9网格', path: '/s2/c9/g9/', parentId: 'c9' })
export const b3 = unit({ _id: 'b3', level: 'microgrid', name: '3栋', path: '/s1/c1/g1/b3/', parentId: 'g1' })
export const b12 = unit({ _id: 'b12', level: 'microgrid', name: '12栋', path: '/s1/c1/g1/b12/', parentId: 'g1' })
export const home = unit({
  _id: 'h1',
  level: 'household',
  name: '3栋1单元101',
  path: '/s1/c1/g1/b3/h1/',
  parentId: 'b3',
  building: '3栋',
  entrance: '1单元',
  room: '101',
})
export const retired = <U extends Unit>(u: U): U => ({ ...u, retired: true })
