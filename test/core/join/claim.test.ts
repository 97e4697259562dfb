/** What a claim names: doors matched however residents type them, the room they mean, and the imported twin. */
import { roomIn, sameEntrance, sameRoom, twinOf } from '../../../core/join/claim'
import type { PersonDoc } from '../../../core/model'
import type { Unit } from '../../../core/units'

describe('doors', () => {
  it.each([
    ['2', '2单元', true],
    [' 2 单元', '2单元', true],
    ['02', '2单元', true],
    ['3', '2单元', false],
    ['12单元', '2单元', false],
  ])('entrance %p vs %p: %p', (a, b, same) => expect(sameEntrance(a, b)).toBe(same))

  it.each([
    ['502', '502', true],
    ['0502', '502', true],
    ['502室', '502', true],
    ['502号', '502', true],
    ['501', '502', false],
    ['1502', '502', false],
  ])('room %p vs %p: %p', (a, b, same) => expect(sameRoom(a, b)).toBe(same))
})

describe('the room a claim names', () => {
  const home = (id: string, entrance: string | undefined, room: string | undefined): Unit => ({
    _id: id,
    level: 'household',
    name: `${entrance}-${room}`,
    parentId: 'm5',
    path: `/s/c/g/m5/${id}/`,
    building: '5栋',
    entrance,
    room,
  })
  const homes = [
    home('h1', '1单元', '101'),
    home('h2', '2单元', '0502'),
    home('h3', '2单元', '1502'),
    home('h4', undefined, '7'),
  ]
  it.each([
    ['2', '502', 'h2'],
    ['2单元', '502室', 'h2'],
    ['02', '0502', 'h2'],
    ['2', '1502', 'h3'],
    ['1', '101号', 'h1'],
    ['1', '502', undefined],
    ['3', '502', undefined],
    // a door stored without an entrance matches only an entrance that is empty once trimmed of 单元
    ['单元', '7', 'h4'],
    ['1', '7', undefined],
  ])('entrance %p, room %p: %p', (entrance, room, id) => expect(roomIn(homes, entrance, room)?._id).toBe(id))

  it('finds nothing in a building with no households', () => expect(roomIn([], '1', '101')).toBeUndefined())
})

describe('the imported twin of a claimant', () => {
  const member = (id: string, patch: Partial<PersonDoc> = {}): PersonDoc => ({
    _id: id,
    name: '王芳',
    phone: '13800000001',
    householdId: 'h2',
    homePath: '/s/c/g/m5/h2/',
    roles: [{ role: 'resident', unitId: 'h2' }],
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...patch,
  })
  const claim = { name: '王芳', phone: '13800000001' }
  it.each([
    ['the imported member with the same name and phone', [member('p1')], 'p1'],
    ['nobody: the member already joined through WeChat', [member('p1', { openid: 'o_x' })], null],
    ['nobody: another phone', [member('p1', { phone: '13800000002' })], null],
    ['nobody: another name', [member('p1', { name: '王芬' })], null],
    ['the one not yet joined, of two with that name and phone', [member('p1', { openid: 'o_x' }), member('p2')], 'p2'],
    ['the first of two unjoined ones', [member('p1'), member('p2')], 'p1'],
    ['nobody in an empty household', [], null],
  ])('%s', (_what, members, id) => expect(twinOf(members, claim)?._id ?? null).toBe(id))
})
