/**
 * What two functions read of emergencies (应急状态): the ones reaching a caller — over their home or a unit they lead,
 * or any ancestor — for 首页 (grid.home) and emergency.current, and the view both answer with. One query, bounded by
 * the caller's few paths (index scopeUnitId_1_endedAt_1).
 */
import { EMERGENCY_LIMITS, type EmergencyNotice, type EmergencyView } from '../core/contract/emergency'
import { bannerOrder, inForce, reachingUnitIds } from '../core/emergency/switch'
import type { EmergencyDoc } from '../core/model'
import type { Caller } from './caller'
import type { Data } from './data'
import { iso } from './views'

/** An emergency as the app sees it; `reach`: its notice's reach, when read (noticeReachOf). */
export const emergencyView = (
  e: EmergencyDoc,
  now: Date,
  reach?: ReadonlyMap<string, EmergencyNotice['reach']>,
): EmergencyView => ({
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
  notice: e.noticeId ? { id: e.noticeId, reach: reach?.get(e._id) ?? null } : null,
})

/**
 * The reach of these emergencies' notices over their scopes, by emergency id: households reached from the notice's
 * reach counters (REACH_SHARDS shards per scope, read by id) of the households of the scope's unit counter. Two
 * reads whatever the number of emergencies (the banner's five at most).
 */
export async function noticeReachOf(
  data: Data,
  emergencies: readonly EmergencyDoc[],
): Promise<Map<string, EmergencyNotice['reach']>> {
  const withNotice = emergencies.filter((e): e is EmergencyDoc & { noticeId: string } => !!e.noticeId)
  if (!withNotice.length) return new Map()
  const [reached, counters] = await Promise.all([
    data.reachCounters.totals(new Map(withNotice.map((e) => [e.noticeId, [e.scopeUnitId]]))),
    data.unitCounters.byIds([...new Set(withNotice.map((e) => e.scopeUnitId))]),
  ])
  const households = new Map(counters.map((c) => [c._id, c.households]))
  return new Map(
    withNotice.map((e) => [
      e._id,
      { reached: reached.get(e.noticeId) ?? 0, households: households.get(e.scopeUnitId) ?? 0 },
    ]),
  )
}

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
  const shown = found
    .filter((e) => !started || inForce(e, now))
    .sort(bannerOrder)
    .slice(0, EMERGENCY_LIMITS.banner)
  const reach = await noticeReachOf(data, shown)
  return shown.map((e) => emergencyView(e, now, reach))
}
