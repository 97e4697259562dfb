/**
 * 接龙 rules: where a new sign-up lands, whether cancelling is free or a no-show, and when no-shows bar signing up.
 */
import { VOLUNTEER_RULES, type VolunteerRules } from './rules'

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

/** The no-shows still within the window (`windowDays`, a year by default), oldest first. */
export const recentNoShows = (
  noShows: readonly Date[],
  now: Date,
  windowDays: number = VOLUNTEER_RULES.noShowWindowDays,
): Date[] =>
  noShows
    .map((d) => new Date(d))
    .filter((d) => now.getTime() - d.getTime() < windowDays * DAY)
    .sort((a, b) => a.getTime() - b.getTime())

/** Whether no-shows bar signing up now under a community's rules: at the limit within the window, for `barDays`
 * after the last one. */
export function noShowBar(
  noShows: readonly Date[],
  now: Date,
  rules: Pick<VolunteerRules, 'noShowLimit' | 'noShowWindowDays' | 'barDays'> = VOLUNTEER_RULES,
): { noShows: number; until: Date } | null {
  const recent = recentNoShows(noShows, now, rules.noShowWindowDays)
  if (recent.length < rules.noShowLimit) return null
  const until = new Date(recent[recent.length - 1].getTime() + rules.barDays * DAY)
  return now < until ? { noShows: recent.length, until } : null
}

/** Whether the sign-up window is open. */
export const signUpOpen = (activity: { signUpOpensAt: Date; signUpClosesAt: Date }, now: Date): boolean =>
  now >= activity.signUpOpensAt && now <= activity.signUpClosesAt
