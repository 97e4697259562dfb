import fc from 'fast-check'
import {
  periodBounds,
  periodLabel,
  periodOf,
  previousPeriod,
  statsFor,
  statUnitsOf,
  weekKey,
  type StatEvent,
} from '../../../core/dashboard/stats'

const at = (iso: string) => new Date(iso)

describe('periods (Beijing time)', () => {
  it.each([
    ['2026-12-03T12:00:00Z', '2026-W49', 'm2026-12'],
    // 16:00 UTC is Beijing midnight: Sunday 23:59 stays in its week, Monday 00:00 starts the next
    ['2026-12-06T15:59:00Z', '2026-W49', 'm2026-12'],
    ['2026-12-06T16:00:00Z', '2026-W50', 'm2026-12'],
    // the last evening of November in UTC is December in Beijing
    ['2026-11-30T16:30:00Z', '2026-W49', 'm2026-12'],
    // ISO weeks cross the year: 2027-01-01 (a Friday) is in 2026's week 53
    ['2027-01-01T04:00:00Z', '2026-W53', 'm2027-01'],
    ['2024-12-30T04:00:00Z', '2025-W01', 'm2024-12'],
  ])('%s is week %s and month %s', (when, week, month) => {
    expect(weekKey(at(when))).toBe(week)
    expect(periodOf('week', at(when))).toBe(`w${week}`)
    expect(periodOf('month', at(when))).toBe(month)
  })
  it('names the period before and how the page shows a period', () => {
    expect(previousPeriod('month', at('2027-01-10T04:00:00Z'))).toBe('m2026-12')
    expect(previousPeriod('week', at('2026-12-03T04:00:00Z'))).toBe('w2026-W48')
    expect(periodLabel('month', at('2026-12-03T04:00:00Z'))).toBe('2026年12月')
    expect(periodLabel('week', at('2026-12-03T04:00:00Z'))).toBe('11月30日–12月6日')
  })
})

const H1 = '/s1/c1/g1/b1/h1/'
const H2 = '/s1/c1/g1/b1/h2/'
const H3 = '/s1/c2/g5/b9/h3/'
const T = '2026-12-02T04:00:00Z'

describe('the recount: what each figure means', () => {
  it('counts a street, community and grid on the path, never a building or household', () => {
    expect(statUnitsOf(H1)).toEqual(['s1', 'c1', 'g1'])
  })
  it('a notice counts once in every unit on its targets’ paths; urgentHere only where it was published', () => {
    const s = statsFor([{ kind: 'notice', at: at(T), unitPaths: ['/s1/c1/g1/', '/s1/c1/g2/'], urgent: true }])
    expect(s.get('s1_w2026-W49')).toMatchObject({ notices: 1, urgentNotices: 1, urgentHere: 0 })
    expect(s.get('c1_m2026-12')).toMatchObject({ notices: 1, urgentNotices: 1 })
    expect(s.get('g1_w2026-W49')).toMatchObject({ notices: 1, urgentHere: 1 })
    expect(s.get('g2_w2026-W49')).toMatchObject({ notices: 1, urgentHere: 1 })
  })
  it('a household reached by three notices, a person on two shifts, count once per period', () => {
    const events: StatEvent[] = [
      ...['n1', 'n2', 'n3'].map(
        (n, i): StatEvent => ({
          kind: 'receipt',
          at: at(`2026-12-0${i + 1}T04:00:00Z`),
          householdPath: H1,
          householdId: 'h1',
          urgent: n === 'n2',
        }),
      ),
      { kind: 'receipt', at: at(T), householdPath: H2, householdId: 'h2', urgent: false },
      { kind: 'volunteer', at: at(T), homePath: H1, personId: 'p1', minutes: 90 },
      { kind: 'volunteer', at: at('2026-12-04T04:00:00Z'), homePath: H1, personId: 'p1', minutes: 30 },
      { kind: 'volunteer', at: at(T), homePath: H3, personId: 'p3', minutes: 60 },
    ]
    const s = statsFor(events)
    expect(s.get('g1_m2026-12')).toMatchObject({
      reached: 2,
      urgentReached: 1,
      volunteerMinutes: 120,
      activeVolunteers: 1,
    })
    expect(s.get('s1_m2026-12')).toMatchObject({ reached: 2, volunteerMinutes: 180, activeVolunteers: 2 })
    expect(s.get('c2_m2026-12')).toMatchObject({ reached: 0, activeVolunteers: 1 })
  })
  it('points earned and redeemed (refunds taken off), patrols and missed checks', () => {
    const s = statsFor([
      { kind: 'points', at: at(T), homePath: H1, earned: 20, redeemed: 0 },
      { kind: 'points', at: at(T), homePath: H1, earned: 0, redeemed: 15 },
      { kind: 'points', at: at(T), homePath: H1, earned: 0, redeemed: -5 },
      { kind: 'patrol', at: at(T), gridPath: '/s1/c1/g1/' },
      { kind: 'careMissed', at: at(T), homePath: H2 },
    ])
    expect(s.get('c1_w2026-W49')).toMatchObject({ pointsEarned: 20, pointsRedeemed: 10, patrols: 1, careMissed: 1 })
  })
})

describe('the recount is the same whatever order the records come in', () => {
  const homes = [H1, H2, H3]
  const event = fc.oneof(
    fc.record({
      kind: fc.constant('receipt' as const),
      day: fc.integer({ min: 1, max: 20 }),
      h: fc.integer({ min: 0, max: 2 }),
      urgent: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('volunteer' as const),
      day: fc.integer({ min: 1, max: 20 }),
      h: fc.integer({ min: 0, max: 2 }),
      minutes: fc.integer({ min: 1, max: 240 }),
    }),
  )
  const toEvent = (e: {
    kind: 'receipt' | 'volunteer'
    day: number
    h: number
    urgent?: boolean
    minutes?: number
  }) => {
    const when = at(`2026-12-${String(e.day).padStart(2, '0')}T04:00:00Z`)
    return e.kind === 'receipt'
      ? ({ kind: 'receipt', at: when, householdPath: homes[e.h], householdId: `h${e.h}`, urgent: !!e.urgent } as const)
      : ({ kind: 'volunteer', at: when, homePath: homes[e.h], personId: `p${e.h}`, minutes: e.minutes ?? 0 } as const)
  }
  it('and a distinct figure never exceeds the households or people there are', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (raw) => {
        const events = raw.map(toEvent)
        const a = statsFor(events)
        const b = statsFor([...events].reverse())
        expect(b).toEqual(a)
        for (const f of a.values()) {
          expect(f.reached).toBeLessThanOrEqual(3)
          expect(f.urgentReached).toBeLessThanOrEqual(f.reached)
          expect(f.activeVolunteers).toBeLessThanOrEqual(3)
        }
      }),
    )
  })
})

describe('a period key’s bounds', () => {
  it.each([
    ['m2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['m2027-01', '2026-12-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z'],
    ['w2026-W49', '2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z'],
    ['w2026-W53', '2026-12-27T16:00:00.000Z', '2027-01-03T16:00:00.000Z'],
    ['w2025-W01', '2024-12-29T16:00:00.000Z', '2025-01-05T16:00:00.000Z'],
  ])('%s is [%s, %s)', (period, from, to) => {
    const b = periodBounds(period)
    expect([b.from.toISOString(), b.to.toISOString()]).toEqual([from, to])
  })
  it('holds exactly the moments whose period it is', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), (t) => {
        for (const kind of ['week', 'month'] as const) {
          const b = periodBounds(periodOf(kind, t))
          expect(+b.from <= +t && +t < +b.to).toBe(true)
          expect(periodOf(kind, b.from)).toBe(periodOf(kind, t))
          expect(periodOf(kind, new Date(+b.to - 1))).toBe(periodOf(kind, t))
        }
      }),
    )
  })
})
