/** core/emergency/switch.ts: when an emergency may start, whether it is in force, the lock, and what reaches whom. */
import { bannerOrder, inForce, nextDeclare, reachingUnitIds, startIssue } from '../../../core/emergency/switch'
import { emergencyId } from '../../../core/ids'

const now = new Date('2026-07-01T08:00:00Z')
const at = (minutes: number) => new Date(+now + minutes * 60_000)

describe('startIssue', () => {
  it.each([
    ['now', at(0), null],
    ['a few minutes ago (clock drift)', at(-5), null],
    ['an hour ago', at(-60), '开始时间不能早于现在'],
    ['in 30 days', at(30 * 24 * 60), null],
    ['in 31 days', at(31 * 24 * 60), '最多提前 30 天宣布'],
    ['not a date', new Date('x'), '开始时间格式不对'],
  ])('%s', (_what, startAt, issue) => {
    expect(startIssue(startAt, now)).toBe(issue)
  })
})

describe('inForce', () => {
  it.each([
    ['started, not ended', at(-1), null, true],
    ['starts later', at(1), null, false],
    ['ended', at(-10), at(-1), false],
  ])('%s', (_what, startAt, endedAt, expected) => {
    expect(inForce({ startAt, endedAt }, now)).toBe(expected)
  })
})

describe('nextDeclare', () => {
  it.each([
    [
      'no lock yet: the first',
      null,
      true,
      { id: emergencyId('c1', 1), lock: { activeId: emergencyId('c1', 1), declared: 1 } },
    ],
    [
      'freed lock: the next number',
      { _id: 'c1', activeId: null, declared: 2 },
      true,
      { id: emergencyId('c1', 3), lock: { activeId: emergencyId('c1', 3), declared: 3 } },
    ],
    ['held by one still going', { _id: 'c1', activeId: emergencyId('c1', 1), declared: 1 }, false, 'active'],
    [
      'held by one that ended (never freed)',
      { _id: 'c1', activeId: emergencyId('c1', 1), declared: 1 },
      true,
      { id: emergencyId('c1', 2), lock: { activeId: emergencyId('c1', 2), declared: 2 } },
    ],
  ] as const)('%s', (_what, lock, activeEnded, expected) => {
    expect(nextDeclare('c1', lock, activeEnded)).toEqual(expected)
  })
})

describe('reachingUnitIds', () => {
  it.each([
    ['a resident: their home and every ancestor', '/s1/c1/g1/m1/h1/', [], ['s1', 'c1', 'g1', 'm1', 'h1']],
    ['staff without a home: their unit and above', undefined, ['/s1/c2/'], ['s1', 'c2']],
    ['both, once each', '/s1/c1/g1/m1/h1/', ['/s1/c1/g2/'], ['s1', 'c1', 'g1', 'm1', 'h1', 'g2']],
    ['nobody', undefined, [], []],
  ])('%s', (_what, home, grants, expected) => {
    expect(reachingUnitIds(home, grants)).toEqual(expected)
  })
})

it('orders the banner gravest first, then newest', () => {
  const rows = [
    { id: 'a', level: 3 as const, startAt: at(-10) },
    { id: 'b', level: 1 as const, startAt: at(-20) },
    { id: 'c', level: 3 as const, startAt: at(-5) },
  ]
  expect([...rows].sort(bannerOrder).map((r) => r.id)).toEqual(['b', 'c', 'a'])
})
