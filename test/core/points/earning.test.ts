import { nightMinutes, pointsEarned } from '../../../core/points/earning'

// 北京时间 = UTC+8: 14:00Z is 22:00 in Beijing
const at = (iso: string) => new Date(iso)

describe('points by the role’s rule', () => {
  it.each([
    ['2 h by day at 10/h', { pointsPerHour: 10, nightMultiplier: 1, cap: 100 }, '2026-12-05T01:00:00Z', 120, 20],
    ['capped', { pointsPerHour: 10, nightMultiplier: 1, cap: 15 }, '2026-12-05T01:00:00Z', 120, 15],
    ['rounded down', { pointsPerHour: 10, nightMultiplier: 1, cap: 100 }, '2026-12-05T01:00:00Z', 50, 8],
    [
      '1 h by day + 1 h of night ×2',
      { pointsPerHour: 10, nightMultiplier: 2, cap: 100 },
      '2026-12-05T13:00:00Z',
      120,
      30,
    ],
    [
      'night multiplier 1 changes nothing',
      { pointsPerHour: 10, nightMultiplier: 1, cap: 100 },
      '2026-12-05T13:00:00Z',
      120,
      20,
    ],
    [
      'early morning 05:00–07:00 Beijing ×1.5',
      { pointsPerHour: 10, nightMultiplier: 1.5, cap: 100 },
      '2026-12-04T21:00:00Z',
      120,
      25,
    ],
    ['nothing attended', { pointsPerHour: 10, nightMultiplier: 2, cap: 100 }, '2026-12-05T13:00:00Z', 0, 0],
  ])('%s', (_label, rule, from, minutes, points) => {
    expect(pointsEarned(rule, at(from), minutes)).toBe(points)
  })
  it('counts night minutes between 22:00 and 06:00 Beijing', () => {
    expect(nightMinutes(at('2026-12-05T13:30:00Z'), 60)).toBe(30)
    expect(nightMinutes(at('2026-12-05T21:30:00Z'), 60)).toBe(30)
    expect(nightMinutes(at('2026-12-05T02:00:00Z'), 60)).toBe(0)
  })
})
