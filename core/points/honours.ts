/** Star levels (星级志愿者) by total hours: 0 below the first level, up to 5 (a community's starHours, ./rules.ts). */
import { VOLUNTEER_RULES } from './rules'

export function starOf(minutes: number, levels: readonly number[] = VOLUNTEER_RULES.starHours): number {
  return levels.filter((hours) => minutes >= hours * 60).length
}

/** The hours the next star needs, or null at the top. */
export function nextStarHours(minutes: number, levels: readonly number[] = VOLUNTEER_RULES.starHours): number | null {
  return levels.find((hours) => minutes < hours * 60) ?? null
}
