import {
  beijingDayOf,
  dueAt,
  isWorkday,
  levelDueAt,
  limitsOf,
  nextDueAt,
  passedDeadlines,
  promises,
} from '../../../core/requests/deadlines'
import { DEFAULT_SETTINGS, mergeSettings } from '../../../core/requests/settings'
import type { RequestSettingsDoc } from '../../../core/model'

// Beijing wall-clock times; 2026-12-04 is a Friday, 12-05/06 the weekend, 12-07 a Monday.
const bj = (local: string) => new Date(`${local}:00+08:00`)
const plain = { holidays: [], workdays: [] }

describe('dueAt over Beijing working hours (08:30–12:00, 13:30–17:30, Mon–Fri)', () => {
  it.each([
    ['inside the morning window', '2026-12-07T09:00', 2, plain, '2026-12-07T11:00'],
    ['across the lunch break', '2026-12-07T11:00', 2, plain, '2026-12-07T14:30'],
    ['started during lunch', '2026-12-07T12:30', 1, plain, '2026-12-07T14:30'],
    ['started before opening', '2026-12-07T07:00', 0.5, plain, '2026-12-07T09:00'],
    ['started after closing', '2026-12-07T18:00', 1, plain, '2026-12-08T09:30'],
    ['runs out exactly at noon: due at 12:00, not 13:30', '2026-12-07T08:30', 3.5, plain, '2026-12-07T12:00'],
    ['one working day is 7.5 h', '2026-12-07T08:30', 7.5, plain, '2026-12-07T17:30'],
    ['Friday evening over the weekend', '2026-12-04T17:00', 1, plain, '2026-12-07T09:00'],
    ['reported on Saturday', '2026-12-05T10:00', 1, plain, '2026-12-07T09:30'],
    [
      'a holiday Monday is skipped',
      '2026-12-04T17:00',
      1,
      { holidays: ['2026-12-07'], workdays: [] },
      '2026-12-08T09:00',
    ],
    [
      'a 调休 Saturday is worked',
      '2026-12-04T17:00',
      1,
      { holidays: [], workdays: ['2026-12-05'] },
      '2026-12-05T09:00',
    ],
    ['15 working days (complex)', '2026-12-07T08:30', 112.5, plain, '2026-12-25T17:30'],
    [
      '15 working days with a holiday in between',
      '2026-12-07T08:30',
      112.5,
      { holidays: ['2026-12-10'], workdays: [] },
      '2026-12-28T17:30',
    ],
    [
      'over New Year: 1 Jan a holiday, then the weekend',
      '2026-12-31T17:00',
      1,
      { holidays: ['2027-01-01'], workdays: [] },
      '2027-01-04T09:00',
    ],
  ])('%s', (_, start, hours, calendar, due) => {
    expect(dueAt(bj(start), hours, 'working', calendar).toISOString()).toBe(bj(due).toISOString())
  })

  it('calendar hours count every hour, weekends and nights included', () => {
    expect(dueAt(bj('2026-12-04T17:00'), 24, 'calendar', plain).toISOString()).toBe(
      bj('2026-12-05T17:00').toISOString(),
    )
    expect(dueAt(bj('2026-12-04T23:00'), 2, 'calendar', plain).toISOString()).toBe(bj('2026-12-05T01:00').toISOString())
  })

  it('a zero limit is due at once', () => {
    expect(+dueAt(bj('2026-12-05T10:00'), 0, 'working', plain)).toBe(+bj('2026-12-05T10:00'))
  })
})

describe('working days', () => {
  it.each([
    ['2026-12-04', plain, true],
    ['2026-12-05', plain, false],
    ['2026-12-06', plain, false],
    ['2026-12-07', { holidays: ['2026-12-07'], workdays: [] }, false],
    ['2026-12-05', { holidays: [], workdays: ['2026-12-05'] }, true],
  ])('%s', (day, calendar, worked) => expect(isWorkday(day, calendar)).toBe(worked))

  it('a moment’s Beijing day turns at 16:00 UTC', () => {
    expect(beijingDayOf(new Date('2026-12-04T15:59:00Z'))).toBe('2026-12-04')
    expect(beijingDayOf(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05')
  })
})

describe('limits by category and urgency', () => {
  it.each([
    // category, urgent, respond, resolve
    ['repair', false, { hours: 4, basis: 'calendar' }, { hours: 24, basis: 'calendar' }],
    ['repair', true, { hours: 2, basis: 'calendar' }, { hours: 24, basis: 'calendar' }],
    ['sanitation', false, { hours: 24, basis: 'calendar' }, { hours: 168, basis: 'calendar' }],
    ['dispute', false, { hours: 24, basis: 'calendar' }, { hours: 360, basis: 'calendar' }],
    ['enterprise', false, { hours: 7.5, basis: 'working' }, { hours: 112.5, basis: 'working' }],
    // urgent cuts the response to 2 calendar hours even where the category counts working hours
    ['enterprise', true, { hours: 2, basis: 'calendar' }, { hours: 112.5, basis: 'working' }],
    // an urgent limit never lengthens a shorter one
    ['errand', true, { hours: 2, basis: 'calendar' }, { hours: 24, basis: 'calendar' }],
  ] as const)('%s urgent=%s', (category, urgent, respond, resolve) => {
    expect(limitsOf(category, urgent, DEFAULT_SETTINGS)).toEqual({ respond, resolve })
  })

  it('a community’s own limits apply', () => {
    const community = {
      _id: 'c',
      level: 'community',
      limits: { repair: { respondHours: 1, resolveHours: 8, basis: 'working' } },
      updatedAt: new Date(),
      updatedBy: 'x',
    } as RequestSettingsDoc
    const settings = mergeSettings(community, null)
    const p = promises({ category: 'repair', urgent: false, createdAt: bj('2026-12-04T17:00') }, settings)
    expect(p.respondDueAt.toISOString()).toBe(bj('2026-12-07T09:00').toISOString())
    // 0.5 h on Friday, 3.5 + 4 h on Monday
    expect(p.resolveDueAt.toISOString()).toBe(bj('2026-12-07T17:30').toISOString())
  })

  it('urgent is the handler’s ruling when there is one, else the reporter’s mark', () => {
    const at = bj('2026-12-07T09:00')
    const due = (urgent: boolean, urgentConfirmed?: boolean) =>
      promises({ category: 'hazard', urgent, urgentConfirmed, createdAt: at }, DEFAULT_SETTINGS).respondDueAt
    expect(+due(true) - +at).toBe(2 * 3_600_000)
    expect(+due(true, true) - +at).toBe(2 * 3_600_000)
    expect(+due(true, false) - +at).toBe(24 * 3_600_000)
  })

  it('a level must accept within the response limit; a department must report in within its 报到 limit', () => {
    const since = bj('2026-12-04T17:00')
    const r = { category: 'sanitation', urgent: false } as const
    expect(+levelDueAt(r, 'community', since, DEFAULT_SETTINGS) - +since).toBe(24 * 3_600_000)
    expect(+levelDueAt(r, 'department', since, DEFAULT_SETTINGS, { reportInHours: 12 }) - +since).toBe(12 * 3_600_000)
    expect(+levelDueAt({ ...r, urgent: true }, 'street', since, DEFAULT_SETTINGS) - +since).toBe(2 * 3_600_000)
    expect(
      +levelDueAt({ ...r, urgent: true, urgentConfirmed: false }, 'street', since, DEFAULT_SETTINGS) - +since,
    ).toBe(24 * 3_600_000)
    expect(+levelDueAt({ category: 'hazard', urgent: true }, 'street', since, DEFAULT_SETTINGS) - +since).toBe(
      2 * 3_600_000,
    )
  })
})

describe('the next deadline', () => {
  const d = (h: number) => new Date(Date.UTC(2026, 11, 7, h))
  const base = {
    group: 'open',
    state: 'submitted',
    respondedAt: undefined,
    respondOverdue: false,
    resolveOverdue: false,
    levelOverdue: false,
    respondDueAt: d(4),
    resolveDueAt: d(20),
    levelDueAt: d(2),
  } as const
  it.each([
    ['submitted: the level’s acceptance first', base, d(2)],
    ['accepted: the response', { ...base, state: 'processing' as const, levelDueAt: null }, d(4)],
    ['responded: the resolution', { ...base, state: 'processing' as const, respondedAt: d(1) }, d(20)],
    ['marked overdue ones are not waited on again', { ...base, levelOverdue: true, respondOverdue: true }, d(20)],
    ['resolved: none', { ...base, group: 'resolved' as const, state: 'done' as const }, null],
    ['closed: none', { ...base, group: 'closed' as const, state: 'rated' as const }, null],
  ])('%s', (_, r, next) => expect(nextDueAt(r)).toEqual(next))

  it('passed deadlines at a moment', () => {
    expect(passedDeadlines(base, d(1))).toEqual([])
    expect(passedDeadlines(base, d(2))).toEqual(['level'])
    expect(passedDeadlines(base, d(5))).toEqual(['respond', 'level'])
    expect(passedDeadlines({ ...base, respondedAt: d(1) }, d(21))).toEqual(['resolve', 'level'])
  })
})
