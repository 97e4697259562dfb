/** A small grid for the core/grid table tests: one grid with two buildings (3栋, 12栋), a retired 战时网格 and doors. */
import type { PersonDoc } from '../../../core/model'
import type { RoleGrant } from '../../../core/roles'
import type { Unit } from '../../../core/units'

const unit = (u: Partial<Unit> & Pick<Unit, '_id' | 'level' | 'name' | 'path'>): Unit => ({ parentId: null, ...u })

export const street = unit({ _id: 's1', level: 'street', name: '和平街道', path: '/s1/' })
export const community = unit({ _id: 'c1', level: 'community', name: '和平里社区', path: '/s1/c1/', parentId: 's1' })
export const grid = unit({ _id: 'g1', level: 'grid', name: '第1网格', path: '/s1/c1/g1/', parentId: 'c1' })
export const otherGrid = unit({ _id: 'g2', level: 'grid', name: '第2网格', path: '/s1/c1/g2/', parentId: 'c1' })
export const b3 = unit({ _id: 'b3', level: 'microgrid', name: '3栋', path: '/s1/c1/g1/b3/', parentId: 'g1' })
export const b12 = unit({ _id: 'b12', level: 'microgrid', name: '12栋', path: '/s1/c1/g1/b12/', parentId: 'g1' })
export const wartime = unit({
  _id: 'w1',
  level: 'microgrid',
  name: '临时封控区',
  path: '/s1/c1/g1/w1/',
  parentId: 'g1',
  wartime: true,
  retired: true,
})

const door = (building: Unit, entrance: string, room: string): Unit =>
  unit({
    _id: `${building._id}-${entrance}-${room}`,
    level: 'household',
    name: `${building.name}${entrance}单元${room}`,
    path: `${building.path}${building._id}-${entrance}-${room}/`,
    parentId: building._id,
    building: building.name,
    entrance: `${entrance}单元`,
    room,
  })

/** Listed out of door order on purpose: 12栋 comes after 3栋, 1102 after 402. */
export const h12_1_101 = door(b12, '1', '101')
export const h3_2_402 = door(b3, '2', '402')
export const h3_1_1102 = door(b3, '1', '1102')
export const h3_1_402 = door(b3, '1', '402')
export const homes = [h12_1_101, h3_2_402, h3_1_1102, h3_1_402]

export const units = new Map([street, community, grid, otherGrid, b3, b12, wartime, ...homes].map((u) => [u._id, u]))

export const person = (
  _id: string,
  name: string,
  home: Unit | undefined,
  extra: Partial<PersonDoc> & { roles?: RoleGrant[] } = {},
): PersonDoc => ({
  _id,
  name,
  phone: `1380000${_id.replace(/\D/g, '').padStart(4, '0')}`,
  roles: [],
  createdAt: new Date('2025-04-01T00:00:00Z'),
  ...(home ? { householdId: home._id, homePath: home.path } : {}),
  ...extra,
})
