import { checkWindow } from '../../../core/points/attendance'
import { limitsFor } from '../../../core/points/adjustments'
import { pointsEarned } from '../../../core/points/earning'
import { VOLUNTEER_RULES, type VolunteerRules } from '../../../core/points/rules'
import {
  changedRules,
  expiryText,
  noShowWindowText,
  rulesChangeNote,
  rulesOf,
  volunteerRulesSchema,
} from '../../../core/points/settings'
import { noShowBar } from '../../../core/points/signup'

const HOUR = 3_600_000
const rules = (change: Partial<VolunteerRules>): VolunteerRules => ({ ...VOLUNTEER_RULES, ...change })

describe('the rules in force', () => {
  it('are the defaults when a community set nothing', () => {
    expect(rulesOf(null)).toEqual(VOLUNTEER_RULES)
    expect(rulesOf(undefined)).toEqual(VOLUNTEER_RULES)
  })
  it('keep what a stored document holds, and take the default for a field missing or out of bounds', () => {
    const stored = { ...VOLUNTEER_RULES, teamLimit: 2, barDays: -5 } as Partial<VolunteerRules>
    delete stored.noShowLimit
    expect(rulesOf(stored)).toEqual(rules({ teamLimit: 2 }))
  })
  it('name the rules that differ from the defaults', () => {
    expect(changedRules(VOLUNTEER_RULES)).toEqual([])
    expect(changedRules(rules({ starHours: [1, 2], expiry: { kind: 'days', days: 30 } }))).toEqual([
      'starHours',
      'expiry',
    ])
  })
})

describe('the schema staff edit through', () => {
  it('takes the defaults', () => expect(volunteerRulesSchema.parse(VOLUNTEER_RULES)).toEqual(VOLUNTEER_RULES))
  it.each<[string, Partial<Record<keyof VolunteerRules, unknown>>]>([
    ['falling star levels', { starHours: [300, 300] }],
    ['a check window closing at once', { checkClosesAfterMinutes: 0 }],
    ['a window longer than two years', { noShowWindowDays: 731 }],
    [
      'a negative monthly limit',
      { adjustLimits: { ...VOLUNTEER_RULES.adjustLimits, partyLeader: { grant: -1, deduct: 0 } } },
    ],
    ['expiry of zero days', { expiry: { kind: 'days', days: 0 } }],
    ['an extra field', { ...VOLUNTEER_RULES, note: 'x' } as never],
  ])('refuses %s', (_name, change) => {
    expect(volunteerRulesSchema.safeParse({ ...VOLUNTEER_RULES, ...change }).success).toBe(false)
  })
})

describe('the pure rules take a community’s figures', () => {
  const now = new Date('2026-12-02T00:00:00Z')
  it('bars by the community’s limit, window and days', () => {
    const once = [new Date(now.getTime() - 40 * 24 * HOUR)]
    expect(noShowBar(once, now)).toBeNull()
    expect(noShowBar(once, now, rules({ noShowLimit: 1, barDays: 60 }))).toEqual({
      noShows: 1,
      until: new Date(once[0].getTime() + 60 * 24 * HOUR),
    })
    expect(noShowBar(once, now, rules({ noShowLimit: 1, barDays: 60, noShowWindowDays: 30 }))).toBeNull()
  })
  it('opens check-in by the community’s window', () => {
    const a = { startAt: new Date('2026-12-05T01:00:00Z'), endAt: new Date('2026-12-05T03:00:00Z') }
    expect(checkWindow(a, 'in', rules({ checkOpensBeforeMinutes: 0, checkClosesAfterMinutes: 15 }))).toEqual({
      opensAt: a.startAt,
      closesAt: new Date('2026-12-05T01:15:00Z'),
    })
  })
  it('weighs night minutes by the community’s night hours', () => {
    // 20:00–21:00 Beijing: day by default, night when the night starts at 20:00
    const from = new Date('2026-12-05T12:00:00Z')
    const rule = { pointsPerHour: 10, nightMultiplier: 2, cap: 100 }
    expect(pointsEarned(rule, from, 60)).toBe(10)
    expect(pointsEarned(rule, from, 60, rules({ nightFromHour: 20, nightToHour: 6 }))).toBe(20)
    expect(pointsEarned(rule, from, 60, rules({ nightFromHour: 0, nightToHour: 0 }))).toBe(10)
  })
  it('limits adjustments by the community’s table', () => {
    const table = { ...VOLUNTEER_RULES.adjustLimits, gridChief: { grant: 7, deduct: 3 } }
    expect(limitsFor(['gridChief'], table)).toEqual({ grant: 7, deduct: 3 })
    expect(limitsFor(['gridChief'])).toEqual({ grant: 500, deduct: 200 })
  })
})

describe('the words', () => {
  it('say what changed, rule by rule', () => {
    expect(rulesChangeNote(VOLUNTEER_RULES, VOLUNTEER_RULES)).toBe('未改动')
    expect(rulesChangeNote(VOLUNTEER_RULES, rules({ noShowLimit: 3, nightFromHour: 21 }))).toBe(
      '缺席次数上限：2 次 → 3 次；夜间开始：22:00 → 21:00',
    )
  })
  it.each([
    [null, '按本环境的设置'],
    [{ kind: 'endOfYear', yearsAfter: 1 }, '次年年底'],
    [{ kind: 'endOfYear', yearsAfter: 0 }, '当年年底'],
    [{ kind: 'days', days: 90 }, '获得后 90 天'],
  ] as const)('expiry %j reads %s', (rule, words) => expect(expiryText(rule)).toBe(words))
  it('say a year as a year', () => {
    expect(noShowWindowText(365)).toBe('近一年')
    expect(noShowWindowText(90)).toBe('近 90 天')
  })
})
