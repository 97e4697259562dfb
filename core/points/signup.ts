/**
 * 接龙 rules: where a new sign-up lands, whether cancelling is free or a no-show, and when no-shows bar signing up.
 */
import { VOLUNTEER_RULES } from './rules'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A role takes a sign-up while below quota and nobody is waiting; otherwise it waits, in order. */
export const placeOf = (role: { quota: number; filled: number; waiting: number }): 'confirmed' | 'waiting' =>
  role.filled < role.quota && role.waiting === 0 ? 'confirmed' : 'waiting'

/** Until when cancelling is free: `cancelBeforeHours` before the start. */
export const freeCancelUntil = (startAt: Date, cancelBeforeHours: number): Date =>
  new Date(startAt.getTime() - cancelBeforeHours * HOUR)

/** A confirmed sign-up cancelled after the free time counts as a no-show; a waiting one never does. */
export const cancelCountsAsNoShow = (
  status: 'confirmed' | 'waiting',
  startAt: Date,
  cancelBeforeHours: number,
  now: Date,
): boolean => status === 'confirmed' && now > freeCancelUntil(startAt, cancelBeforeHours)

/** The no-shows still within the window (a year), oldest first. */
export const recentNoShows = (noShows: readonly Date[], now: Date): Date[] =>
  noShows
    .map((d) => new Date(d))
    .filter((d) => now.getTime() - d.getTime() < VOLUNTEER_RULES.noShowWindowDays * DAY)
    .sort((a, b) => a.getTime() - b.getTime())

/** Whether no-shows bar signing up now: at the limit within a year, for `barDays` after the last one. */
export function noShowBar(noShows: readonly Date[], now: Date): { noShows: number; until: Date } | null {
  const recent = recentNoShows(noShows, now)
  if (recent.length < VOLUNTEER_RULES.noShowLimit) return null
  const until = new Date(recent[recent.length - 1].getTime() + VOLUNTEER_RULES.barDays * DAY)
  return now < until ? { noShows: recent.length, until } : null
}

/** Whether the sign-up window is open. */
export const signUpOpen = (activity: { signUpOpensAt: Date; signUpClosesAt: Date }, now: Date): boolean =>
  now >= activity.signUpOpensAt && now <= activity.signUpClosesAt
