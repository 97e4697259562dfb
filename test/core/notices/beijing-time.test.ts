/** Beijing time (core/notices/beijing-time.ts): the day a reminder belongs to, the minute a message shows. */
import { beijingDay, beijingMinute } from '../../../core/notices/beijing-time'

describe('beijingDay', () => {
  it('is the calendar day in UTC+8', () => {
    expect(beijingDay(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22')
    expect(beijingDay(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23')
  })
  it.each([
    ['the last millisecond before midnight in Beijing', '2026-11-22T23:59:59.999+08:00', '2026-11-22'],
    ['midnight in Beijing', '2026-11-23T00:00:00+08:00', '2026-11-23'],
    ['midnight UTC (08:00 in Beijing)', '2026-11-23T00:00:00Z', '2026-11-23'],
    ['New Year in Beijing, still the old year in UTC', '2027-01-01T00:00:00+08:00', '2027-01-01'],
    ['the last day of February of a leap year', '2028-02-29T23:30:00+08:00', '2028-02-29'],
  ])('%s (%s) → %s', (_, at, day) => {
    expect(beijingDay(new Date(at))).toBe(day)
  })
})

describe('beijingMinute', () => {
  it.each([
    ['2026-11-22T01:30:00Z', '2026-11-22 09:30'],
    ['2026-11-22T16:05:59Z', '2026-11-23 00:05'],
    ['2026-12-31T15:59:00Z', '2026-12-31 23:59'],
  ])('%s → %s', (at, shown) => {
    expect(beijingMinute(new Date(at))).toBe(shown)
  })
})
