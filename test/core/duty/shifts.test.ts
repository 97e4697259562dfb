import { beijingDayOf, beijingMidnight, planShifts, templateProblem, THREE_SHIFTS } from '../../../core/duty/shifts'

const t = (startHour: number, hours: number, capacity = 2) => ({ startHour, hours, capacity })

describe('planShifts', () => {
  it('makes three 8-hour shifts a day, in Beijing time, the last ending at the next midnight', () => {
    const shifts = planShifts(THREE_SHIFTS, '2026-03-01', '2026-03-02')
    expect(shifts.map((s) => [s.startAt.toISOString(), s.endAt.toISOString(), s.capacity])).toEqual([
      ['2026-02-28T16:00:00.000Z', '2026-03-01T00:00:00.000Z', 2],
      ['2026-03-01T00:00:00.000Z', '2026-03-01T08:00:00.000Z', 2],
      ['2026-03-01T08:00:00.000Z', '2026-03-01T16:00:00.000Z', 2],
      ['2026-03-01T16:00:00.000Z', '2026-03-02T00:00:00.000Z', 2],
      ['2026-03-02T00:00:00.000Z', '2026-03-02T08:00:00.000Z', 2],
      ['2026-03-02T08:00:00.000Z', '2026-03-02T16:00:00.000Z', 2],
    ])
  })

  it('orders the shifts of a template given out of order', () => {
    const shifts = planShifts([t(12, 4), t(6, 4)], '2026-03-01', '2026-03-01')
    expect(
      shifts.map((s) => beijingDayOf(s.startAt) + ' ' + new Date(+s.startAt + 8 * 3_600_000).getUTCHours()),
    ).toEqual(['2026-03-01 6', '2026-03-01 12'])
  })
})

describe('templateProblem', () => {
  it.each([
    ['three 8-hour shifts over 31 days', THREE_SHIFTS, '2026-03-01', '2026-03-31', null],
    ['32 days', THREE_SHIFTS, '2026-03-01', '2026-04-01', 'days'],
    ['the end before the start', THREE_SHIFTS, '2026-03-02', '2026-03-01', 'order'],
    ['seven shifts a day', [0, 3, 6, 9, 12, 15, 18].map((h) => t(h, 3)), '2026-03-01', '2026-03-01', 'tooMany'],
    ['no shifts', [], '2026-03-01', '2026-03-01', 'tooMany'],
    ['two shifts overlapping', [t(8, 8), t(12, 8)], '2026-03-01', '2026-03-01', 'overlap'],
    ['back to back', [t(8, 4), t(12, 4)], '2026-03-01', '2026-03-01', null],
    ['a night shift running into the next morning shift', [t(6, 8), t(22, 10)], '2026-03-01', '2026-03-01', 'overlap'],
    ['a night shift ending as the next begins', [t(6, 8), t(22, 8)], '2026-03-01', '2026-03-01', null],
  ] as const)('%s', (_name, template, from, to, problem) => {
    expect(templateProblem(template, from, to)).toBe(problem)
  })
})

it('beijingMidnight and beijingDayOf agree', () => {
  expect(beijingMidnight('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z')
  expect(beijingDayOf(new Date('2026-02-28T16:00:00.000Z'))).toBe('2026-03-01')
  expect(beijingDayOf(new Date('2026-02-28T15:59:59.999Z'))).toBe('2026-02-28')
})
