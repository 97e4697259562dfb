/**
 * 战时网格: micro-grids drawn for an emergency over the buildings of one grid — an overlay, not a level of the tree
 * (households, counters and history stay where they are). The rules: which emergency covers a grid, which buildings
 * one may take (buildings of that grid, each once, none already in another in force), who may lead it (a reserve
 * member of the emergency's scope around the grid, of the kinds MICROGRID_LEADER_KINDS), and the role grants that
 * make the leader a building head of its buildings while it is in force.
 */
import { MICROGRID_LEADER_KINDS } from '../contract/emergency'
import type { EmergencyDoc, ReserveMemberDoc, WartimeBuildingLockDoc, WartimeGridDoc } from '../model'
import type { RoleGrant } from '../roles'
import { ancestorPath, isWithin, type Unit } from '../units'
import { bannerOrder, inForce } from './switch'

/** The emergency in force over a grid (declared over it or an ancestor): the gravest and newest, or null. */
export function coveringEmergency<E extends Pick<EmergencyDoc, 'scopePath' | 'startAt' | 'endedAt' | 'level'>>(
  emergencies: readonly E[],
  gridPath: string,
  now: Date,
): E | null {
  return [...emergencies].filter((e) => inForce(e, now) && isWithin(gridPath, e.scopePath)).sort(bannerOrder)[0] ?? null
}

/** Why these buildings may not make a 战时网格 of `grid` (null: they may): each a building (楼栋) of the grid, in use. */
export function buildingsIssue(
  grid: Pick<Unit, '_id' | 'path'>,
  buildingIds: readonly string[],
  found: readonly Pick<Unit, '_id' | 'level' | 'parentId' | 'retired'>[],
): string | null {
  if (!buildingIds.length) return '请选择楼栋'
  if (new Set(buildingIds).size !== buildingIds.length) return '楼栋重复了'
  const byId = new Map(found.map((u) => [u._id, u]))
  for (const id of buildingIds) {
    const u = byId.get(id)
    if (!u || u.level !== 'microgrid' || u.parentId !== grid._id || u.retired) return '只能选择这个网格里的楼栋'
  }
  return null
}

/** The buildings among `buildingIds` already in a 战时网格 in force other than `except` (by their locks). */
export function takenBuildings(
  buildingIds: readonly string[],
  locks: readonly Pick<WartimeBuildingLockDoc, 'buildingId' | 'activeId'>[],
  active: ReadonlySet<string>,
  except?: string,
): string[] {
  const lockOf = new Map(locks.map((l) => [l.buildingId, l]))
  return buildingIds.filter((id) => {
    const held = lockOf.get(id)?.activeId
    return !!held && held !== except && active.has(held)
  })
}

/**
 * Where a grid's 战时网格 leaders come from: the reserve force registered within both the emergency's scope and the
 * grid's community (a street-wide emergency does not bring in another community's members; a grid-wide one only the
 * grid's).
 */
export function leaderScopePath(gridPath: string, emergencyScopePath: string): string {
  const community = ancestorPath(gridPath, 'community') ?? gridPath
  return emergencyScopePath.length > community.length ? emergencyScopePath : community
}

/** Why this reserve member may not lead a 战时网格 of the grid (null: they may). */
export function leaderIssue(
  member: Pick<ReserveMemberDoc, 'kind' | 'path'> | null,
  person: { deletedAt?: Date } | null,
  gridPath: string,
  emergencyScopePath: string,
): string | null {
  if (!member || !person || person.deletedAt) return '没有找到这名应急力量'
  if (!MICROGRID_LEADER_KINDS.includes(member.kind)) return '临时负责人应是下沉干部、双报到党员或志愿者'
  if (!isWithin(member.path, leaderScopePath(gridPath, emergencyScopePath))) return '这名应急力量不在本次应急的范围内'
  return null
}

/** The leader's roles once they lead the 战时网格 `id` over `buildingIds`: a building head of each, marked with it. */
export function withWartimeGrants(
  roles: readonly RoleGrant[],
  id: string,
  buildingIds: readonly string[],
): RoleGrant[] {
  return [
    ...withoutWartimeGrants(roles, id),
    ...buildingIds.map((unitId): RoleGrant => ({ role: 'buildingHead', unitId, wartimeGridId: id })),
  ]
}

/** The roles once the 战时网格 `id` no longer gives them anything (every other grant kept as it was). */
export const withoutWartimeGrants = (roles: readonly RoleGrant[], id: string): RoleGrant[] =>
  roles.filter((g) => g.wartimeGridId !== id)

/** Whether a 战时网格 is in force. */
export const microGridActive = (w: Pick<WartimeGridDoc, 'retiredAt'>): boolean => !w.retiredAt
