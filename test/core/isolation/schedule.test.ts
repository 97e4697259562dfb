/** An isolation's schedule by Beijing days: the period, each day's tasks at their times, what is refused. */
import {
  addDays,
  beijingDayOf,
  beijingMidnight,
  byDay,
  periodOf,
  planTasks,
  scheduleProblem,
  type ScheduleSpec,
} from '../../../core/isolation/schedule'

const spec = (over: Partial<ScheduleSpec> = {}): ScheduleSpec => ({
  startDay: '2026-12-04',
  days: 3,
  supplies: { times: ['10:00'], note: '米和菜' },
  garbage: { times: ['09:00', '17:00'] },
  ...over,
})

describe('periodOf', () => {
  it('runs from Beijing midnight of the first day to the midnight after the last', () => {
    expect(periodOf('2026-12-04', 3)).toEqual({
      startAt: new Date('2026-12-03T16:00:00Z'),
      endAt: new Date('2026-12-06T16:00:00Z'),
    })
  })
})

describe('planTasks', () => {
  it('makes each kind at its times on every day, in order, at Beijing times', () => {
    const tasks = planTasks(spec())
    expect(tasks).toHaveLength(9)
    expect(tasks.slice(0, 3).map((t) => [t.kind, t.day, t.slot, t.dueAt.toISOString()])).toEqual([
      ['garbage', '2026-12-04', '09:00', '2026-12-04T01:00:00.000Z'],
      ['supplies', '2026-12-04', '10:00', '2026-12-04T02:00:00.000Z'],
      ['garbage', '2026-12-04', '17:00', '2026-12-04T09:00:00.000Z'],
    ])
    expect(tasks.filter((t) => t.kind === 'supplies').every((t) => t.note === '米和菜')).toBe(true)
    expect([...byDay(tasks).keys()]).toEqual(['2026-12-04', '2026-12-05', '2026-12-06'])
  })

  it('leaves out the slots already past when the schedule is made', () => {
    const at = new Date('2026-12-04T02:30:00Z') // 10:30 Beijing on the first day
    const tasks = planTasks(spec(), at)
    expect(tasks).toHaveLength(7)
    expect(tasks[0]).toMatchObject({ day: '2026-12-04', slot: '17:00' })
  })

  it('puts a slot just after Beijing midnight on its Beijing day, not the UTC one', () => {
    const [t] = planTasks(spec({ days: 1, supplies: { times: ['00:30'], note: '' }, garbage: { times: [] } }))
    expect(t).toMatchObject({ day: '2026-12-04', dueAt: new Date('2026-12-03T16:30:00Z') })
    expect(beijingDayOf(t.dueAt)).toBe('2026-12-04')
  })
})

describe('scheduleProblem', () => {
  const now = new Date('2026-12-03T17:00:00Z') // 01:00 Beijing, 2026-12-04
  it.each([
    ['a good one', spec(), null],
    ['today', spec({ startDay: '2026-12-04' }), null],
    ['yesterday', spec({ startDay: '2026-12-03' }), 'start'],
    ['a week ahead', spec({ startDay: addDays('2026-12-04', 7) }), null],
    ['eight days ahead', spec({ startDay: addDays('2026-12-04', 8) }), 'start'],
    ['no such day', spec({ startDay: '2026-02-30' }), 'start'],
    ['29 days', spec({ days: 29 }), 'days'],
    ['0 days', spec({ days: 0 }), 'days'],
    ['a repeated time', spec({ garbage: { times: ['09:00', '09:00'] } }), 'times'],
    ['five times', spec({ garbage: { times: ['01:00', '02:00', '03:00', '04:00', '05:00'] } }), 'times'],
    ['a bad time', spec({ garbage: { times: ['24:00'] } }), 'times'],
    ['nothing', spec({ supplies: { times: [], note: '' }, garbage: { times: [] } }), 'empty'],
  ])('%s', (_name, s, problem) => {
    expect(scheduleProblem(s, now)).toBe(problem)
  })

  it('reads today as the Beijing day at 16:00 UTC and after', () => {
    expect(beijingDayOf(new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03')
    expect(beijingDayOf(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04')
    expect(+beijingMidnight('2026-12-04')).toBe(Date.parse('2026-12-03T16:00:00Z'))
  })
})
