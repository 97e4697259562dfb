/**
 * 战时网格 rules (core/emergency/microgrids.ts): the emergency covering a grid, the buildings one may take (a grid's
 * own, each once, none in another in force), who may lead one, and the grants leading it gives and retiring takes.
 */
import fc from 'fast-check'
import {
  buildingsIssue,
  coveringEmergency,
  leaderIssue,
  leaderScopePath,
  takenBuildings,
  withoutWartimeGrants,
  withWartimeGrants,
} from '../../../core/emergency/microgrids'
import type { RoleGrant } from '../../../core/roles'

const grid = { _id: 'g1', path: '/s1/c1/g1/' }
const building = (id: string, over: object = {}) => ({
  _id: id,
  level: 'microgrid' as const,
  parentId: 'g1',
  retired: false,
  ...over,
})
const now = new Date('2026-12-03T08:00:00Z')
const emergency = (scopePath: string, over: object = {}) => ({
  scopePath,
  startAt: new Date('2026-12-03T00:00:00Z'),
  endedAt: null as Date | null,
  level: 3 as const,
  ...over,
})

describe('coveringEmergency', () => {
  it('takes the one in force over the grid or above it, the gravest first', () => {
    const community = emergency('/s1/c1/', { level: 3 })
    const street = emergency('/s1/', { level: 2 })
    expect(coveringEmergency([community, street], grid.path, now)).toBe(street)
    expect(coveringEmergency([community], grid.path, now)).toBe(community)
  })
  it.each([
    ['ended', emergency('/s1/c1/', { endedAt: new Date('2026-12-03T06:00:00Z') })],
    ['not started yet', emergency('/s1/c1/', { startAt: new Date('2026-12-04T00:00:00Z') })],
    ['over another grid', emergency('/s1/c1/g2/')],
    ['over another community', emergency('/s1/c2/')],
  ])('answers none when the only one is %s', (_what, e) => {
    expect(coveringEmergency([e], grid.path, now)).toBeNull()
  })
})

describe('buildingsIssue', () => {
  const found = [building('b1'), building('b2'), building('x', { parentId: 'g2' }), building('old', { retired: true })]
  it.each([
    [['b1'], null],
    [['b1', 'b2'], null],
    [[], '请选择楼栋'],
    [['b1', 'b1'], '楼栋重复了'],
    [['b1', 'x'], '只能选择这个网格里的楼栋'],
    [['old'], '只能选择这个网格里的楼栋'],
    [['nowhere'], '只能选择这个网格里的楼栋'],
  ])('%j → %s', (ids, issue) => {
    expect(buildingsIssue(grid, ids, found)).toBe(issue)
  })
  it('refuses a unit of another level named as a building', () => {
    expect(buildingsIssue(grid, ['h1'], [{ _id: 'h1', level: 'household', parentId: 'g1' }])).toBe(
      '只能选择这个网格里的楼栋',
    )
  })
})

describe('takenBuildings', () => {
  const locks = [
    { buildingId: 'b1', activeId: 'w1' },
    { buildingId: 'b2', activeId: 'w-retired' },
    { buildingId: 'b3', activeId: null },
  ]
  it('names only the buildings held by a 战时网格 still in force', () => {
    expect(takenBuildings(['b1', 'b2', 'b3', 'b4'], locks, new Set(['w1']))).toEqual(['b1'])
  })
  it('does not count the one asking', () => {
    expect(takenBuildings(['b1'], locks, new Set(['w1']), 'w1')).toEqual([])
  })
})

describe('leaderIssue', () => {
  const member = (kind: string, path = '/s1/c1/g3/b9/h1/') => ({ kind, path }) as never
  const person = {}
  it.each(['cadre', 'partyMember', 'volunteer'])(
    'lets a %s of the community lead a grid of a community emergency',
    (k) => {
      expect(leaderIssue(member(k), person, grid.path, '/s1/c1/')).toBeNull()
    },
  )
  it('refuses merchant staff', () => {
    expect(leaderIssue(member('merchantStaff'), person, grid.path, '/s1/c1/')).toMatch('下沉干部')
  })
  it('refuses someone not registered, or deleted', () => {
    expect(leaderIssue(null, person, grid.path, '/s1/c1/')).toMatch('没有找到')
    expect(leaderIssue(member('cadre'), { deletedAt: new Date() }, grid.path, '/s1/c1/')).toMatch('没有找到')
  })
  it('refuses a member of another community, even under a street-wide emergency', () => {
    expect(leaderIssue(member('cadre', '/s1/c2/g5/b1/h1/'), person, grid.path, '/s1/')).toMatch('不在本次应急')
    expect(leaderScopePath(grid.path, '/s1/')).toBe('/s1/c1/')
  })
  it('under a grid-wide emergency, only the grid’s members', () => {
    expect(leaderScopePath(grid.path, grid.path)).toBe(grid.path)
    expect(leaderIssue(member('cadre', '/s1/c1/g3/b9/h1/'), person, grid.path, grid.path)).toMatch('不在本次应急')
  })
})

describe('the grants of leading one', () => {
  const own: RoleGrant[] = [
    { role: 'resident', unitId: 'h1' },
    { role: 'buildingHead', unitId: 'b1' },
  ]
  it('adds a building head grant per building, marked, and retiring takes exactly those away', () => {
    const led = withWartimeGrants(own, 'w1', ['b1', 'b2'])
    expect(led).toEqual([
      ...own,
      { role: 'buildingHead', unitId: 'b1', wartimeGridId: 'w1' },
      { role: 'buildingHead', unitId: 'b2', wartimeGridId: 'w1' },
    ])
    // their own building head grant over b1 stays when the 战时网格 goes
    expect(withoutWartimeGrants(led, 'w1')).toEqual(own)
  })
  it('leaves the grants of other 战时网格 alone, and granting twice adds nothing twice', () => {
    const two = withWartimeGrants(withWartimeGrants(own, 'w1', ['b1']), 'w2', ['b3'])
    expect(withWartimeGrants(two, 'w1', ['b1'])).toHaveLength(two.length)
    expect(withoutWartimeGrants(two, 'w1')).toEqual([
      ...own,
      { role: 'buildingHead', unitId: 'b3', wartimeGridId: 'w2' },
    ])
  })
  it('property: grant then retire gives back the roles it started from, whatever they were', () => {
    const grant = fc.record({
      role: fc.constantFrom('resident', 'buildingHead', 'gridChief'),
      unitId: fc.string({ minLength: 1, maxLength: 4 }),
    }) as fc.Arbitrary<RoleGrant>
    fc.assert(
      fc.property(
        fc.array(grant),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 5 }),
        (roles, ids) => {
          expect(withoutWartimeGrants(withWartimeGrants(roles, 'w', ids), 'w')).toEqual(roles)
        },
      ),
    )
  })
})
