import { beijingMoment, planSlots, samePlan } from '../../../core/testing/plan'

describe('planSlots', () => {
  it.each([
    ['08:00, 3 × 20 min', { startTime: '08:00', minutes: 20, count: 3 }, ['00:00', '00:20', '00:40'], '01:00'],
    [
      '23:00, 3 × 20 min ends at midnight',
      { startTime: '23:00', minutes: 20, count: 3 },
      ['15:00', '15:20', '15:40'],
      '16:00',
    ],
    ['00:00, 1 × 5 min', { startTime: '00:00', minutes: 5, count: 1 }, ['16:00'], '16:05'],
  ])('%s', (_label, plan, starts, lastEnd) => {
    const slots = planSlots({ date: '2026-12-20', ...plan }) ?? []
    expect(slots.map((s) => s.startAt.toISOString().slice(11, 16))).toEqual(starts)
    expect(slots.map((s) => s.index)).toEqual(starts.map((_, i) => i))
    expect(slots[slots.length - 1].endAt.toISOString().slice(11, 16)).toBe(lastEnd)
  })

  it.each([
    ['past midnight', { startTime: '23:30', minutes: 20, count: 2 }],
    ['not a day', { startTime: '08:00', minutes: 20, count: 2, date: '2026-13-40' }],
  ])('refuses %s', (_label, plan) => {
    expect(planSlots({ date: '2026-12-20', ...plan })).toBeNull()
  })

  it('reads the day and time in Beijing', () => {
    expect(beijingMoment('2026-12-20', '08:00').toISOString()).toBe('2026-12-20T00:00:00.000Z')
  })
})

describe('samePlan', () => {
  const planned = planSlots({ date: '2026-12-20', startTime: '08:00', minutes: 20, count: 2 }) ?? []
  const stored = planned.map((p) => ({ ...p, capacity: 10, siteIndex: 0 }))
  it.each([
    ['the same plan', stored, 10, 0, true],
    ['another capacity', stored, 12, 0, false],
    ['another site', stored, 10, 1, false],
    ['fewer slots', stored.slice(1), 10, 0, false],
    ['another start', stored.map((s) => ({ ...s, startAt: new Date(+s.startAt + 60_000) })), 10, 0, false],
  ])('%s', (_label, held, capacity, site, same) => {
    expect(samePlan(held, planned, capacity, site)).toBe(same)
  })
})
