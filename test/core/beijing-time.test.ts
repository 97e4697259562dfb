/** Beijing time (core/beijing-time.ts): what every page shows and every picked time means, whatever the zone. */
import {
  addDays,
  beijingAt,
  beijingClock,
  beijingDay,
  beijingMinute,
  dateText,
  dateTimeText,
  monthDay,
  monthDayTime,
  recentMonths,
  weekdayOf,
} from '../../core/beijing-time'

// the process runs in a zone far from Beijing: nothing below may read the device's clock fields
const zone = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'America/New_York'
})
afterAll(() => {
  process.env.TZ = zone
})

const NOW = '2026-12-04T12:00:00Z' // 20:00 on 4 December 2026 in Beijing

describe('a moment as a page shows it', () => {
  it.each([
    // at, Beijing day, 12月5日 09:00, with the year when not this one (now: December 2026), YYYY-MM-DD HH:MM
    ['the last minute before Beijing midnight', '2026-12-04T15:59:00Z', '2026-12-04', '12月4日 23:59', '12月4日 23:59'],
    ['Beijing midnight (16:00 UTC)', '2026-12-04T16:00:00Z', '2026-12-05', '12月5日 00:00', '12月5日 00:00'],
    [
      'the small hours in Beijing, still the day before in UTC',
      '2026-12-04T17:30:00Z',
      '2026-12-05',
      '12月5日 01:30',
      '12月5日 01:30',
    ],
    ['08:00 Beijing = midnight UTC', '2026-12-05T00:00:00Z', '2026-12-05', '12月5日 08:00', '12月5日 08:00'],
    [
      'New Year in Beijing, still the old year in UTC',
      '2026-12-31T16:05:00Z',
      '2027-01-01',
      '1月1日 00:05',
      '2027年1月1日 00:05',
    ],
    ['New Year’s Eve in Beijing', '2026-12-31T15:59:00Z', '2026-12-31', '12月31日 23:59', '12月31日 23:59'],
    ['a time of another year', '2025-03-08T01:02:00Z', '2025-03-08', '3月8日 09:02', '2025年3月8日 09:02'],
    ['an offset moment read as Beijing', '2026-06-01T09:00:00-04:00', '2026-06-01', '6月1日 21:00', '6月1日 21:00'],
  ])('%s (%s)', (_, at, day, near, withYear) => {
    expect(beijingDay(at)).toBe(day)
    expect(monthDayTime(at)).toBe(near)
    expect(dateTimeText(at, NOW)).toBe(withYear)
    expect(beijingMinute(new Date(at))).toBe(`${day} ${near.slice(-5)}`)
    expect(beijingClock(Date.parse(at))).toBe(near.slice(-5))
  })

  it('names the year by Beijing’s year, not the device’s: on 1 January in Beijing a time of 31 December is last year', () => {
    const newYear = '2026-12-31T16:30:00Z' // 00:30 on 1 January 2027 in Beijing, 11:30 on 31 December in New York
    expect(dateTimeText('2026-12-31T10:00:00Z', newYear)).toBe('2026年12月31日 18:00')
    expect(dateText('2026-12-31T10:00:00Z', newYear)).toBe('2026年12月31日')
    expect(dateText('2027-12-31T10:00:00Z', newYear)).toBe('12月31日')
  })

  it('shows nothing for what is not a moment', () => {
    for (const bad of ['', 'not a time']) {
      expect(dateTimeText(bad)).toBe('')
      expect(monthDayTime(bad)).toBe('')
      expect(beijingMinute(bad)).toBe('')
      expect(dateText(bad)).toBe('')
    }
  })
})

describe('a picked Beijing day and time as a moment', () => {
  it.each([
    ['09:00 in Beijing', '2026-12-05', '09:00', '2026-12-05T01:00:00.000Z'],
    ['midnight starting a Beijing day', '2026-12-05', '00:00', '2026-12-04T16:00:00.000Z'],
    ['07:59 in Beijing, the day before in UTC', '2026-12-05', '07:59', '2026-12-04T23:59:00.000Z'],
    ['New Year’s midnight in Beijing', '2027-01-01', '00:00', '2026-12-31T16:00:00.000Z'],
    ['an hour without a leading zero, as a wheel may give it', '2026-12-05', '9:05', '2026-12-05T01:05:00.000Z'],
  ])('%s: %s %s → %s', (_, day, time, iso) => {
    const at = beijingAt(day, time)
    expect(at.toISOString()).toBe(iso)
    expect(beijingDay(at)).toBe(day)
  })

  it('counts days and weekdays by the Beijing calendar', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(weekdayOf('2026-12-05')).toBe(6) // a Saturday
    expect(monthDay('2026-01-09')).toBe('1月9日')
  })

  it('lists this Beijing month and the ones before, across a year', () => {
    expect(recentMonths('2026-12-31T16:00:00Z', 3)).toEqual(['2027-01', '2026-12', '2026-11'])
    expect(recentMonths('2026-12-31T15:59:00Z', 2)).toEqual(['2026-12', '2026-11'])
  })
})
