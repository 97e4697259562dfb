import { maskPhone, maskRoom, maskName } from '../../core/mask'
import type { ScopedGrant } from '../../core/permissions'
import {
  canSeeHome,
  canSeePhone,
  isLeaderRead,
  visibleDoor,
  visiblePhone,
  type PhoneOwner,
  type Viewer,
} from '../../core/grid/phone-visibility'

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['19900001111', '199****1111'],
    ['010-6552', '***-**52'], // not a mobile number: keep only the last two digits
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })
})

describe('maskRoom', () => {
  it.each<[Parameters<typeof maskRoom>[0], string]>([
    [{ building: '3栋', entrance: '2单元', room: '402' }, '3栋2单元***'],
    [{ building: '12栋', entrance: '1单元', room: '1101' }, '12栋1单元***'],
    ['3栋2单元402', '3栋2单元***'],
    ['张庄村一组18号', '张庄村一组***'],
  ])('%j → %s', (door, masked) => {
    expect(maskRoom(door)).toBe(masked)
  })
})

const GRID = '/s1/c1/g1/'
const BUILDING = '/s1/c1/g1/c1-b1/'
const OTHER_BUILDING = '/s1/c1/g1/c1-b2/'
const OTHER_GRID_HOME = '/s1/c1/g2/c1-b4/c1-b4-1-101/'
const g = (role: ScopedGrant['role'], path: string): ScopedGrant => ({ role, unitId: 'x', path })

const chief: PhoneOwner = { personId: 'p1', householdId: 'h1', phone: '13800000001', heads: [GRID] }
const buildingHead: PhoneOwner = { personId: 'p2', householdId: 'h2', phone: '13800000002', heads: [BUILDING] }
const neighbour: PhoneOwner = { personId: 'p3', householdId: 'h3', phone: '13800000003', heads: [] }

describe('who sees a phone number in full', () => {
  it.each<[string, Viewer, PhoneOwner, boolean]>([
    ['the owner', { personId: 'p3', grants: [] }, neighbour, true],
    ['their household', { personId: 'p9', householdId: 'h3', grants: [] }, neighbour, true],
    ['a resident of the grid, for the grid chief', { homePath: `${OTHER_BUILDING}x/`, grants: [] }, chief, true],
    [
      'a resident of the grid, for a building head of another building',
      { homePath: `${OTHER_BUILDING}x/`, grants: [] },
      buildingHead,
      true,
    ],
    ['a resident of another grid, for the grid chief', { homePath: OTHER_GRID_HOME, grants: [] }, chief, false],
    ['community staff over the grid, for its chief', { grants: [g('communityStaff', '/s1/c1/')] }, chief, true],
    ['a merchant of the community, for the grid chief', { grants: [g('merchant', '/s1/c1/')] }, chief, false],
    ['a building head of the grid, for the grid chief', { grants: [g('buildingHead', BUILDING)] }, chief, true],
    ['a neighbour, for a resident who heads nothing', { homePath: `${BUILDING}x/`, grants: [] }, neighbour, false],
    ['the grid chief, for a resident who heads nothing', { grants: [g('gridChief', GRID)] }, neighbour, false],
    ['someone not signed in', { grants: [] }, chief, false],
  ])('%s → %s', (_name, viewer, owner, full) => {
    expect(canSeePhone(viewer, owner)).toBe(full)
    expect(visiblePhone(viewer, owner)).toBe(full ? owner.phone : maskPhone(owner.phone))
  })
})

const HOME = `${BUILDING}c1-b1-2-402/`
const resident: PhoneOwner = { personId: 'p4', householdId: 'h4', homePath: HOME, phone: '13800000004', heads: [] }
const door = { building: '1栋', entrance: '2单元', room: '402' }

describe('who sees a resident’s room and phone in full', () => {
  it.each<[string, Viewer, boolean, boolean]>([
    // [viewer, full, counts as a leader's (audited) read]
    ['the person', { personId: 'p4', homePath: HOME, grants: [] }, true, false],
    ['their household', { personId: 'p5', householdId: 'h4', homePath: HOME, grants: [] }, true, false],
    ['a neighbour in the same building', { personId: 'p6', homePath: `${BUILDING}x/`, grants: [] }, false, false],
    ['their building head', { personId: 'p7', grants: [g('buildingHead', BUILDING)] }, true, true],
    [
      'the building head of another building',
      { personId: 'p7', grants: [g('buildingHead', OTHER_BUILDING)] },
      false,
      false,
    ],
    ['their grid chief', { personId: 'p8', grants: [g('gridChief', GRID)] }, true, true],
    ['the grid chief of another grid', { personId: 'p8', grants: [g('gridChief', '/s1/c1/g2/')] }, false, false],
    ['community staff of their community', { grants: [g('communityStaff', '/s1/c1/')] }, true, true],
    ['a merchant of their community', { grants: [g('merchant', '/s1/c1/')] }, false, false],
    ['a leader of their own household', { householdId: 'h4', grants: [g('gridChief', GRID)] }, true, false],
  ])('%s → full %s, audited %s', (_name, viewer, full, audited) => {
    expect(canSeeHome(viewer, resident)).toBe(full)
    expect(canSeePhone(viewer, resident)).toBe(full)
    expect(visiblePhone(viewer, resident)).toBe(full ? '13800000004' : '138****0004')
    expect(visibleDoor(viewer, resident, door)).toBe(full ? '1栋2单元402' : '1栋2单元***')
    expect(isLeaderRead(viewer, resident)).toBe(audited)
  })
})

describe('maskName', () => {
  it.each([
    ['王秀英', '王**'],
    ['李明', '李*'],
    ['欧阳娜娜', '欧***'],
    ['张', '张*'],
    ['', '*'],
  ])('%p → %p', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
})
