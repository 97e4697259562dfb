/** 日调度's pure rules (core/dashboard/dispatch.ts): the Beijing day, the order of each section, the leader's unit,
 * and the morning message. */
import {
  countsLine,
  dispatchDay,
  dispatchMessage,
  dispatchUnitOf,
  isDispatchTime,
  orderByStart,
  orderMissed,
  orderRequests,
  orderUnreached,
  recentMonths,
  unreachedOf,
} from '../../../core/dashboard/dispatch'

const at = (s: string) => new Date(s)

describe('dispatchDay', () => {
  it.each([
    // Beijing midnight is 16:00 UTC: the day changes there, not at UTC midnight
    ['2026-12-03T15:59:59Z', '2026-12-03', '2026-12-02T16:00:00.000Z', '2026-12-02'],
    ['2026-12-03T16:00:00Z', '2026-12-04', '2026-12-03T16:00:00.000Z', '2026-12-03'],
    ['2026-12-31T23:30:00Z', '2027-01-01', '2026-12-31T16:00:00.000Z', '2026-12-31'],
    ['2027-03-01T00:00:00Z', '2027-03-01', '2027-02-28T16:00:00.000Z', '2027-02-28'],
  ])('%s is Beijing %s, starting %s, after %s', (now, day, start, yesterday) => {
    const d = dispatchDay(at(now))
    expect(d).toEqual({ day, start: at(start), end: new Date(+at(start) + 86_400_000), yesterday })
  })
})

describe('isDispatchTime: from 07:30 Beijing (23:30 UTC the day before)', () => {
  it.each([
    ['2026-12-03T23:29:59Z', false],
    ['2026-12-03T23:30:00Z', true],
    ['2026-12-04T10:00:00Z', true],
    ['2026-12-03T16:00:00Z', false],
  ])('%s → %s', (t, want) => expect(isDispatchTime(at(t))).toBe(want))
})

it('recentMonths: twelve Beijing months back from the one of the moment', () => {
  expect(recentMonths(at('2026-12-31T16:30:00Z'), 3)).toEqual(['2027-01', '2026-12', '2026-11'])
  expect(recentMonths(at('2026-02-10T00:00:00Z'))).toHaveLength(12)
  expect(recentMonths(at('2026-02-10T00:00:00Z')).at(-1)).toBe('2025-03')
})

const req = (id: string, overdue: boolean, dueAt: string | null, updatedAt: string) => ({
  id,
  overdue,
  dueAt: dueAt ? at(dueAt) : null,
  updatedAt: at(updatedAt),
})

describe('orderRequests', () => {
  const late = [req('b', true, null, '2026-12-02T00:00:00Z'), req('a', true, null, '2026-11-30T00:00:00Z')]
  const soon = [
    req('d', false, '2026-12-03T12:00:00Z', '2026-12-01T00:00:00Z'),
    req('c', false, '2026-12-03T09:00:00Z', '2026-12-01T00:00:00Z'),
    // marked overdue since the first read: counted once, with the overdue
    req('a', true, null, '2026-11-30T00:00:00Z'),
  ]
  it.each([
    [10, ['a', 'b', 'c', 'd']],
    [3, ['a', 'b', 'c']],
    [1, ['a']],
  ])('at most %i: the longest waiting overdue first, then the soonest due', (limit, ids) => {
    expect(orderRequests(late, soon, limit).map((r) => r.id)).toEqual(ids)
  })
})

it('orderUnreached: most households missing first, none missing left out, ties newest first', () => {
  const rows = [
    { id: 'n1', unreached: 3, publishedAt: at('2026-12-01T00:00:00Z') },
    { id: 'n2', unreached: 0, publishedAt: at('2026-12-02T00:00:00Z') },
    { id: 'n3', unreached: 9, publishedAt: at('2026-11-01T00:00:00Z') },
    { id: 'n4', unreached: 3, publishedAt: at('2026-12-02T00:00:00Z') },
  ]
  expect(orderUnreached(rows, 5).map((r) => r.id)).toEqual(['n3', 'n4', 'n1'])
  expect(orderUnreached(rows, 1).map((r) => r.id)).toEqual(['n3'])
})

it.each([
  [10, 4, 6],
  [10, 10, 0],
  [3, 5, 0],
])('unreachedOf(%i households, %i reached) = %i', (h, r, want) => expect(unreachedOf(h, r)).toBe(want))

it('orderByStart and orderMissed', () => {
  const shifts = [
    { id: 's2', startAt: at('2026-12-03T08:00:00Z'), free: 1 },
    { id: 's1', startAt: at('2026-12-03T00:00:00Z'), free: 1 },
    { id: 's3', startAt: at('2026-12-03T08:00:00Z'), free: 3 },
  ]
  expect(orderByStart(shifts, 5).map((s) => s.id)).toEqual(['s1', 's3', 's2'])
  const missed = [
    { id: 'x', day: '2026-12-02', name: '王' },
    { id: 'y', day: '2026-12-03', name: '李' },
    { id: 'z', day: '2026-12-03', name: '张' },
  ]
  expect(orderMissed(missed, 2).map((m) => m.id)).toEqual(['y', 'z'])
})

describe('dispatchUnitOf: the widest unit a leader leads', () => {
  it.each([
    [[{ role: 'resident', unitId: 'h1' }], null],
    [
      [
        { role: 'resident', unitId: 'h1' },
        { role: 'gridChief', unitId: 'g1' },
      ],
      'g1',
    ],
    [
      [
        { role: 'gridChief', unitId: 'g1' },
        { role: 'communityStaff', unitId: 'c1' },
      ],
      'c1',
    ],
    [
      [
        { role: 'communityStaff', unitId: 'c1' },
        { role: 'streetStaff', unitId: 's1' },
        { role: 'buildingHead', unitId: 'b1' },
      ],
      's1',
    ],
    [[{ role: 'buildingHead', unitId: 'b1' }], null],
  ] as const)('%j → %s', (roles, want) => expect(dispatchUnitOf(roles)).toBe(want))
})

describe('the message', () => {
  it.each([
    [{ requests: 3, notices: 12, shifts: 0, care: 1, activities: 2 }, '诉求3件 未触达12户次 未探访1人 活动2场'],
    [{ requests: 0, notices: 0, shifts: 0, care: 0, activities: 0 }, '今日辖区一切正常'],
    [{ requests: 0, notices: 0, shifts: 4, care: 0, activities: 0 }, '缺人班次4'],
  ])('%j reads %s', (counts, line) => expect(countsLine(counts)).toBe(line))

  it('opens 今日调度 of the unit, its counts clipped to the 20 characters a thing field takes', () => {
    const m = dispatchMessage(
      {
        unitId: 'g 1',
        unitName: '第一网格',
        day: '2026-12-03',
        counts: { requests: 123, notices: 4567, shifts: 89, care: 10, activities: 11 },
      },
      { openid: 'o1', templateId: 't1' },
    )
    expect(m.page).toBe('dashboard/dispatch/index?unit=g%201')
    expect(m.touser).toBe('o1')
    expect([...m.data.thing3.value].length).toBeLessThanOrEqual(20)
    expect(m.data.date2.value).toBe('2026-12-03')
  })
})
