/**
 * Beijing time (北京时间): every time a page or a message shows, and every time a leader picks, whatever the zone of
 * the phone, the browser or the server. China keeps UTC+8 all year (no daylight saving), so this is fixed +08:00
 * arithmetic: a moment shifted by eight hours reads Beijing's wall clock in its UTC fields. Pure.
 *
 * A moment is a Date, an ISO string or epoch milliseconds; one that is not a valid moment reads as ''.
 */

const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS
const OFFSET_MS = 8 * HOUR_MS

export type Moment = Date | string | number

const msOf = (at: Moment): number => (at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at))

/** YYYY-MM-DDTHH:MM:SS.sss of Beijing's wall clock at `at` ('' for an invalid moment). */
const wall = (at: Moment): string => {
  const ms = msOf(at)
  return Number.isNaN(ms) ? '' : new Date(ms + OFFSET_MS).toISOString()
}

/** YYYY-MM-DD: the Beijing calendar day a moment falls on. */
export const beijingDay = (at: Moment): string => wall(at).slice(0, 10)

/** HH:MM, Beijing's clock at a moment. */
export const beijingClock = (at: Moment): string => wall(at).slice(11, 16)

/** YYYY-MM-DD HH:MM: to the minute, as subscribe-message fields and leader lists show it. */
export const beijingMinute = (at: Moment): string => wall(at).slice(0, 16).replace('T', ' ')

/** Today in Beijing, YYYY-MM-DD. */
export const beijingToday = (now: Moment = Date.now()): string => beijingDay(now)

/** The moment a Beijing day (YYYY-MM-DD) at a Beijing time of day (HH:MM, midnight by default) stands for. */
export function beijingAt(day: string, time = '00:00'): Date {
  const [y, m, d] = day.split('-').map(Number)
  const [h, min] = time.split(':').map(Number)
  return new Date(Date.UTC(y, m - 1, d, h, min) - OFFSET_MS)
}

/** The Beijing day `n` days after `day` (before it for a negative `n`). */
export const addDays = (day: string, n: number): string => beijingDay(+beijingAt(day) + n * DAY_MS)

/** This Beijing month and the `count - 1` before it, YYYY-MM, newest first. */
export function recentMonths(now: Moment = Date.now(), count = 6): string[] {
  const [y, m] = wall(now).split('-').map(Number)
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 1 - i, 1)).toISOString().slice(0, 7))
}

/** 0 (Sunday) to 6: the weekday of a Beijing day (YYYY-MM-DD). */
export const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay()

/** The one-character names of the weekdays, Sunday first: 周六, 星期四. */
export const WEEKDAYS = '日一二三四五六'

// ---- as pages say it ----

/** 12月5日, of a Beijing day (YYYY-MM-DD). */
export const monthDay = (day: string): string =>
  day ? `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日` : ''

/** 12月5日 this (Beijing) year, 2027年12月5日 another: a date that may lie a year or more away. */
export function dateText(at: Moment, now: Moment = Date.now()): string {
  const day = beijingDay(at)
  if (!day) return ''
  return day.slice(0, 4) === beijingDay(now).slice(0, 4) ? monthDay(day) : `${day.slice(0, 4)}年${monthDay(day)}`
}

/** 12月5日 09:00, never the year (a time near now). */
export const monthDayTime = (at: Moment): string => (wall(at) ? `${monthDay(beijingDay(at))} ${beijingClock(at)}` : '')

/** 12月5日 09:00 this (Beijing) year, 2025年12月5日 09:00 another. */
export const dateTimeText = (at: Moment, now: Moment = Date.now()): string =>
  wall(at) ? `${dateText(at, now)} ${beijingClock(at)}` : ''
