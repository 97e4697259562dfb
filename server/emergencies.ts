/**
 * What two functions read of emergencies (应急状态): the ones reaching a caller — over their home or a unit they lead,
 * or any ancestor — for 首页 (grid.home) and emergency.current, and the view both answer with. One query, bounded by
 * the caller's few paths (index scopeUnitId_1_endedAt_1).
 */
import { EMERGENCY_LIMITS, type EmergencyView } from '../core/contract/emergency'
import { bannerOrder, inForce, reachingUnitIds } from '../core/emergency/switch'
import type { EmergencyDoc } from '../core/model'
import type { Caller } from './caller'
import type { Data } from './data'
import { iso } from './views'

export const emergencyView = (e: EmergencyDoc, now: Date): EmergencyView => ({
  id: e._id,
  name: e.name,
  level: e.level,
  scope: { id: e.scopeUnitId, name: e.scopeName, level: e.scopeLevel },
  instructions: e.instructions,
  startAt: iso(e.startAt),
  endedAt: e.endedAt ? iso(e.endedAt) : null,
  active: inForce(e, now),
  declaredByName: e.declaredByName,
  endedByName: e.endedByName,
  updatedAt: iso(e.updatedAt),
})

/** The unit ids whose emergencies reach the caller. */
export const reachingCaller = (caller: Caller): string[] =>
  reachingUnitIds(
    caller.person?.homePath,
    caller.grants.map((g) => g.path),
  )

/** Not ended and reaching the caller, gravest and newest first; `started`: only those already in force (首页). */
export async function emergenciesReaching(
  data: Data,
  caller: Caller,
  now: Date,
  started: boolean,
): Promise<EmergencyView[]> {
  const ids = reachingCaller(caller)
  // one open emergency per unit at most (its lock): the ids bound the answer
  const found = await data.emergencies.openOver(ids, ids.length)
  return found
    .filter((e) => !started || inForce(e, now))
    .sort(bannerOrder)
    .slice(0, EMERGENCY_LIMITS.banner)
    .map((e) => emergencyView(e, now))
}
