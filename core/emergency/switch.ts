/**
 * The one switch (应急状态): when a declared emergency may start, whether it is in force, which one a unit's lock lets
 * be declared next, and which units' emergencies reach a person (their home and the units they lead, with every
 * ancestor — a street-wide emergency reaches every household under the street).
 */
import { EMERGENCY_LIMITS } from '../contract/emergency'
import { emergencyId } from '../ids'
import type { EmergencyDoc, EmergencyLockDoc } from '../model'
import { pathIds } from '../units'

const DAY = 86_400_000
/** A start a few minutes in the past is "now" (the phone's clock and the server's differ). */
const PAST_SLACK = 10 * 60_000

/** Why a start is refused (null: fine): not in the past, at most startAheadDays ahead. */
export function startIssue(startAt: Date, now: Date): string | null {
  if (Number.isNaN(+startAt)) return '开始时间格式不对'
  if (+startAt < +now - PAST_SLACK) return '开始时间不能早于现在'
  if (+startAt > +now + EMERGENCY_LIMITS.startAheadDays * DAY)
    return `最多提前 ${EMERGENCY_LIMITS.startAheadDays} 天宣布`
  return null
}

/** Started and not ended. */
export const inForce = (e: Pick<EmergencyDoc, 'startAt' | 'endedAt'>, now: Date): boolean =>
  !e.endedAt && +new Date(e.startAt) <= +now

/** What a declare over a unit does to its lock: the id of the new emergency and the lock after, or 'active' when one
 * is still going (`activeEnded`: whether the emergency the lock names has ended — a lock is freed by the end itself,
 * but a lock naming a missing or ended emergency must not block the unit forever). */
export function nextDeclare(
  unitId: string,
  lock: EmergencyLockDoc | null,
  activeEnded: boolean,
): { id: string; lock: Omit<EmergencyLockDoc, '_id'> } | 'active' {
  if (lock?.activeId && !activeEnded) return 'active'
  const n = (lock?.declared ?? 0) + 1
  const id = emergencyId(unitId, n)
  return { id, lock: { activeId: id, declared: n } }
}

/** The ids of the units whose emergencies reach someone living at `homePath` and leading the units at `grantPaths`:
 * each path and its ancestors, once. */
export function reachingUnitIds(homePath: string | undefined, grantPaths: readonly string[]): string[] {
  const ids = new Set<string>()
  for (const path of [...(homePath ? [homePath] : []), ...grantPaths]) for (const id of pathIds(path)) ids.add(id)
  return [...ids]
}

/** Newest start first; the gravest level first among equals (一级 before 四级). */
export const bannerOrder = (a: Pick<EmergencyDoc, 'startAt' | 'level'>, b: Pick<EmergencyDoc, 'startAt' | 'level'>) =>
  a.level - b.level || +new Date(b.startAt) - +new Date(a.startAt)
