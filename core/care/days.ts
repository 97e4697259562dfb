/**
 * The Beijing days of the daily check (每日探访) and of the missed-check alert: a check counts for the Beijing day it
 * is made on; a day's alert is due once that day's cutoff (CARE_CHECK_CUTOFF_HOUR, 20:00 Beijing) has passed, and a
 * firing before today's cutoff looks at yesterday (a timer that did not run after yesterday's cutoff still raises
 * it). Whether a check is a new one or an update of the same day's is decided by its id (core/ids.ts careCheckId).
 */
import { CARE_CHECK_CUTOFF_HOUR, CARE_DETAIL_DAYS } from '../contract/care'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const BEIJING_OFFSET_MS = 8 * HOUR

export const careDayOf = (at: Date): string => new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 10)

/** The instant of `day`'s cutoff (20:00 Beijing = 12:00 UTC). */
export const cutoffOf = (day: string): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS + CARE_CHECK_CUTOFF_HOUR * HOUR)

/** The latest day whose cutoff has passed at `at`, and that cutoff. */
export function dueDay(at: Date): { day: string; cutoffAt: Date } {
  const today = careDayOf(at)
  const todayCutoff = cutoffOf(today)
  if (+at >= +todayCutoff) return { day: today, cutoffAt: todayCutoff }
  const yesterday = careDayOf(new Date(+at - DAY))
  return { day: yesterday, cutoffAt: cutoffOf(yesterday) }
}

/** The first day a care person's page shows (CARE_DETAIL_DAYS days, today included). */
export const detailSince = (at: Date): string => careDayOf(new Date(+at - (CARE_DETAIL_DAYS - 1) * DAY))

/** Whether a check on `day` is still open when it is `at`: only today's may be made or updated. */
export const isToday = (day: string, at: Date): boolean => careDayOf(at) === day
