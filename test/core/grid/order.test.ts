/** The zh-CN orders people read names and doors in: numbers by value. */
import { byDoor, byName, natural } from '../../../core/grid/order'
import type { Unit } from '../../../core/units'

const door = (building: string, entrance: string, room: string, name = ''): Unit => ({
  _id: `${building}${entrance}${room}${name}`,
  level: 'household',
  name,
  parentId: null,
  path: '/',
  building,
  entrance,
  room,
})

describe('natural', () => {
  it.each([
    ['第2网格', '第10网格', -1],
    ['3栋', '12栋', -1],
    ['12栋', '3栋', 1],
    ['402', '402', 0],
    [undefined, '1', -1],
    [undefined, undefined, 0],
  ])('%p vs %p', (a, b, sign) => expect(Math.sign(natural(a, b))).toBe(sign))
})

describe('byName', () => {
  it('orders units by name, numbers by value', () => {
    const names = ['第10网格', '第2网格', '第1网格'].map((name) => ({ name }))
    expect(names.sort(byName).map((u) => u.name)).toEqual(['第1网格', '第2网格', '第10网格'])
  })
})

describe('byDoor', () => {
  it('orders doors by building, then entrance, then room, then name', () => {
    const doors = [
      door('12栋', '1单元', '101'),
      door('3栋', '2单元', '101'),
      door('3栋', '1单元', '1102'),
      door('3栋', '1单元', '402'),
      door('3栋', '1单元', '402', 'b'),
      door('3栋', '1单元', '402', 'a'),
    ]
    expect(doors.sort(byDoor).map((d) => d._id)).toEqual([
      '3栋1单元402',
      '3栋1单元402a',
      '3栋1单元402b',
      '3栋1单元1102',
      '3栋2单元101',
      '12栋1单元101',
    ])
  })
})
