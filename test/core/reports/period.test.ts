/** The periods of 周例会 / 月通报 (core/reports/period.ts): bounds at Beijing midnight, the period just ended, how
 * far back one may be asked for. Independent of the hour the test runs. */
import { periodOf } from '../../../core/dashboard/stats'
import {
  labelOf,
  momentOf,
  periodBefore,
  periodJustEnded,
  periodProblem,
  periodRange,
} from '../../../core/reports/period'

const at = (iso: string) => new Date(iso)

describe('periodRange', () => {
  it.each([
    ['w2026-W49', '2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z'],
    ['w2026-W01', '2025-12-28T16:00:00.000Z', '2026-01-04T16:00:00.000Z'],
    ['w2026-W53', '2026-12-27T16:00:00.000Z', '2027-01-03T16:00:00.000Z'],
    ['m2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['m2026-02', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
  ])('%s runs from %s to %s', (p, start, end) => {
    expect(periodRange(p)).toEqual({ start: at(start), end: at(end) })
    const m = momentOf(p) as Date
    expect(+m).toBeGreaterThan(+at(start))
    expect(+m).toBeLessThan(+at(end))
    expect(periodOf(p.startsWith('w') ? 'week' : 'month', m)).toBe(p)
  })

  it.each(['w2025-W53', 'w2026-W00', 'm2026-13', 'x2026-12', 'w2026-49'])('%s names no period', (p) => {
    expect(periodRange(p)).toBeNull()
  })
})

describe('the period just ended', () => {
  it.each([
    // Monday 00:05 Beijing: last week
    ['week', '2026-12-06T16:05:00Z', 'w2026-W49'],
    // Sunday 23:55 Beijing: still the week before this one
    ['week', '2026-12-06T15:55:00Z', 'w2026-W48'],
    ['month', '2026-11-30T16:10:00Z', 'm2026-11'],
    ['month', '2027-01-01T02:00:00Z', 'm2026-12'],
    ['month', '2026-12-31T15:59:00Z', 'm2026-11'],
  ] as const)('%s at %s: %s', (kind, when, p) => {
    expect(periodJustEnded(kind, at(when))).toBe(p)
  })
  it('the period before', () => {
    expect(periodBefore('w2026-W01')).toBe('w2025-W52')
    expect(periodBefore('m2026-01')).toBe('m2025-12')
  })
})

describe('what may be generated', () => {
  const now = at('2026-12-03T08:00:00Z')
  it.each([
    ['week', 'w2026-W49', null],
    ['week', 'w2026-W40', null],
    ['month', 'm2026-12', null],
    ['month', 'm2025-01', null],
    ['week', 'w2026-W50', '这一周还没有开始'],
    ['month', 'm2027-01', '这个月还没有开始'],
    ['month', 'w2026-W49', '月的写法应为 m2026-12'],
    ['month', 'm2024-11', '只能生成最近 24 个月的月报'],
    ['week', 'w2025-W40', '只能生成最近 53 周的周报'],
  ] as const)('%s %s: %s', (kind, p, problem) => {
    expect(periodProblem(kind, p, now)).toBe(problem)
  })
  it('reads as the dashboard does', () => {
    expect(labelOf('m2026-12')).toBe('2026年12月')
    expect(labelOf('w2026-W49')).toBe('11月30日–12月6日')
  })
})
