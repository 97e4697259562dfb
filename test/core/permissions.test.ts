import { ACTION_KEYS, PAYLOADS } from '../../core/contract'
import { allows, GROUP_READERS, PERMISSIONS, roleMay, type Permission, type ScopedGrant } from '../../core/permissions'
import type { Role } from '../../core/roles'

const STREET = '/s1/'
const COMMUNITY = '/s1/c1/'
const GRID = '/s1/c1/g1/'
const OTHER_GRID = '/s1/c1/g2/'
const BUILDING = '/s1/c1/g1/c1-b1/'
const HOME = '/s1/c1/g1/c1-b1/c1-b1-1-101/'

const grant = (role: Role, path: string): ScopedGrant => ({ role, unitId: path.split('/').at(-2) as string, path })
const leaders: Permission = { who: ['gridChief', 'partyLeader', 'buildingHead', 'communityStaff'], target: 'unit' }

describe('allows', () => {
  it.each<[string, Permission, ScopedGrant[], string | undefined, boolean]>([
    ['anyone, even without grants', { who: 'anyone' }, [], undefined, true],
    ['grid chief on their own grid', leaders, [grant('gridChief', GRID)], GRID, true],
    ['grid chief on a building of their grid', leaders, [grant('gridChief', GRID)], BUILDING, true],
    ['grid chief on another grid', leaders, [grant('gridChief', GRID)], OTHER_GRID, false],
    ['grid chief on their community (above their scope)', leaders, [grant('gridChief', GRID)], COMMUNITY, false],
    ['building head on their building', leaders, [grant('buildingHead', BUILDING)], BUILDING, true],
    ['building head on their whole grid', leaders, [grant('buildingHead', BUILDING)], GRID, false],
    ['community staff on any grid of the community', leaders, [grant('communityStaff', COMMUNITY)], OTHER_GRID, true],
    ['a resident on their own building', leaders, [grant('resident', HOME)], BUILDING, false],
    ['a role not in the list', leaders, [grant('streetStaff', STREET)], GRID, false],
    ['a scoped permission without a target', leaders, [grant('gridChief', GRID)], undefined, false],
    [
      'one matching grant among several',
      leaders,
      [grant('resident', HOME), grant('partyLeader', GRID)],
      BUILDING,
      true,
    ],
    ['no grants at all', leaders, [], GRID, false],
  ])('%s', (_name, permission, grants, target, expected) => {
    expect(allows(permission, grants, target)).toBe(expected)
  })
})

describe('PERMISSIONS', () => {
  it('has a rule for every action of every function, and no rule for an action that does not exist', () => {
    const actions = Object.entries(PAYLOADS).flatMap(([fn, payloads]) => Object.keys(payloads).map((a) => `${fn}.${a}`))
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...actions].sort())
    expect([...ACTION_KEYS].sort()).toEqual([...actions].sort())
  })

  it.each([
    ['grid.me', 'resident', true],
    ['grid.overview', 'gridChief', true],
    ['grid.overview', 'communityStaff', true],
    ['grid.overview', 'resident', false],
    ['grid.overview', 'merchant', false],
  ] as const)('%s as %s on their own scope → %s', (key, role, expected) => {
    expect(allows(PERMISSIONS[key], [grant(role, GRID)], GRID)).toBe(expected)
  })
})

describe('GROUP_READERS', () => {
  it('holds the actions whose handlers read the group chat the app was opened from, and no other', () => {
    expect([...GROUP_READERS].sort()).toEqual([
      'grid.home',
      'grid.me',
      'join.bindGroup',
      'join.claimHousehold',
      'join.openInvite',
    ])
  })
})

describe('roleMay', () => {
  it.each([
    ['join.createInvite', 'partyLeader', true],
    ['join.createBindCard', 'partyLeader', false],
    ['join.pendingClaims', 'buildingHead', true],
    ['notices.relayInbox', 'gridChief', true],
    ['notices.relayInbox', 'communityStaff', false],
    ['privacy.auditLog', 'streetStaff', true],
    ['privacy.auditLog', 'gridChief', false],
    ['privacy.exportMyData', 'merchant', true],
    ['grid.me', 'resident', true],
  ] as const)('%s as %s → %s', (action, role, expected) => {
    expect(roleMay(action, role)).toBe(expected)
  })
})
