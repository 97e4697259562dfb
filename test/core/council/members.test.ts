/** Who a caller is to a grid's council (core/council/members.ts): residents and the three heads are members. */
import { actorLabel, isMember, manages, reads, standingIn } from '../../../core/council/members'
import type { Role } from '../../../core/roles'

const GRID = '/s/c/g1/'
const g = (role: Role, path: string) => ({ role, path })

describe.each([
  [
    'a resident of the grid',
    { homePath: '/s/c/g1/b1/h1/', grants: [g('resident', '/s/c/g1/b1/h1/')] },
    true,
    false,
    true,
    '居民 王',
  ],
  [
    'a resident of another grid',
    { homePath: '/s/c/g2/b1/h1/', grants: [g('resident', '/s/c/g2/b1/h1/')] },
    false,
    false,
    false,
    '',
  ],
  ['the grid chief', { grants: [g('gridChief', GRID)] }, true, true, true, '网格长 王'],
  ['the party leader', { grants: [g('partyLeader', GRID)] }, true, true, true, '党小组长 王'],
  ['a building head of the grid', { grants: [g('buildingHead', '/s/c/g1/b1/')] }, true, true, true, '楼栋长 王'],
  ['a building head elsewhere', { grants: [g('buildingHead', '/s/c/g2/b1/')] }, false, false, false, ''],
  ['community staff over it', { grants: [g('communityStaff', '/s/c/')] }, false, true, true, '社区工作者 王'],
  ['street staff over it', { grants: [g('streetStaff', '/s/')] }, false, true, true, '社区工作者 王'],
  ['a merchant of the community', { grants: [g('merchant', '/s/c/')] }, false, false, false, ''],
  ['a department of the street', { grants: [g('department', '/s/')] }, false, false, false, ''],
])('%s', (_name, viewer, member, manager, reader, label) => {
  const s = standingIn(viewer, GRID)
  it(`is ${member ? '' : 'not '}a member, ${manager ? 'manages' : 'does not manage'}, ${reader ? 'reads' : 'does not read'}`, () => {
    expect([isMember(s), manages(s), reads(s)]).toEqual([member, manager, reader])
  })
  if (label) it(`is named ${label}`, () => expect(actorLabel(s, '王')).toBe(label))
})

it('names a resident who is also the chief as the chief', () => {
  const s = standingIn(
    { homePath: '/s/c/g1/b1/h1/', grants: [g('resident', '/s/c/g1/b1/h1/'), g('gridChief', GRID)] },
    GRID,
  )
  expect(actorLabel(s, '李')).toBe('网格长 李')
})
