/**
 * Points earned by a sign-up, by its role's rule (never an amount from the client): points per hour over the
 * minutes counted, night minutes (the community's night hours, by default 22:00–06:00 北京时间) weighted by the
 * role's multiplier, at most the role's cap, rounded down to whole points.
 */
import { VOLUNTEER_RULES, type VolunteerRules } from './rules'

/** The community's night hours. */
export type NightHours = Pick<VolunteerRules, 'nightFromHour' | 'nightToHour'>

export interface PointsRule {
  pointsPerHour: number
  nightMultiplier: number
  cap: number
}

const MINUTE = 60_000
const BEIJING_OFFSET_MINUTES = 8 * 60

/** Whether the minute starting at `at` is a night minute in Beijing. */
function isNightMinute(at: number, hours: NightHours): boolean {
  const minuteOfDay = (((Math.floor(at / MINUTE) + BEIJING_OFFSET_MINUTES) % 1440) + 1440) % 1440
  const hour = Math.floor(minuteOfDay / 60)
  const { nightFromHour: from, nightToHour: to } = hours
  return from > to ? hour >= from || hour < to : hour >= from && hour < to
}

/** How many of `minutes` minutes from `from` fall in the night. */
export function nightMinutes(from: Date, minutes: number, hours: NightHours = VOLUNTEER_RULES): number {
  let night = 0
  for (let i = 0; i < minutes; i++) if (isNightMinute(from.getTime() + i * MINUTE, hours)) night++
  return night
}

export function pointsEarned(
  rule: PointsRule,
  from: Date,
  minutes: number,
  hours: NightHours = VOLUNTEER_RULES,
): number {
  if (minutes <= 0) return 0
  const night = nightMinutes(from, minutes, hours)
  const weighted = minutes - night + night * rule.nightMultiplier
  return Math.min(rule.cap, Math.floor((weighted * rule.pointsPerHour) / 60 + 1e-9))
}
