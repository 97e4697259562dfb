/** Where staff may place a unit: which level sits under which, and what a new unit is. */
import { LEVEL_LABELS, childPath, type Level, type Unit } from '../units'

/** The level a unit of each level must sit under (streets and households are not placed by staff). */
export const PARENT_LEVEL: Partial<Record<Level, Level>> = {
  community: 'street',
  grid: 'community',
  microgrid: 'grid',
}

/** Why a unit of `level` cannot be created under `parent`, or null when it can. */
export function creationRefusal(level: Level, parent: Unit): string | null {
  const want = PARENT_LEVEL[level]
  if (parent.level !== want) return `${LEVEL_LABELS[level]}只能建在${LEVEL_LABELS[want ?? 'street']}下`
  if (parent.retired) return `“${parent.name}”已撤销`
  return null
}

/** A unit created under `parent` with an id chosen up front (its path contains it); only buildings are 战时. */
export function newUnit(id: string, level: Level, name: string, parent: Unit, wartime?: boolean): Unit {
  const unit: Unit = { _id: id, level, name, parentId: parent._id, path: childPath(parent.path, id) }
  if (level === 'microgrid' && wartime) unit.wartime = true
  return unit
}

/** Why a unit cannot be renamed, or null: households are named by their door. */
export const renameRefusal = (unit: Pick<Unit, 'level'>): string | null =>
  unit.level === 'household' ? '住户按楼栋、单元、房号命名，不能改名' : null

/**
 * Why a unit cannot be retired, or null when it can: it waits until no grid or building in use, no resident and
 * no pending claim is left under it. `below`: the units at or under it, households left out.
 */
export function retireRefusal(
  unit: Unit,
  below: readonly Unit[],
  residents: number,
  pendingClaims: number,
): string | null {
  const active = below.filter((u) => u._id !== unit._id && !u.retired).length
  const inUse = [
    active ? `${active} 个网格或楼栋` : '',
    residents ? `${residents} 位居民` : '',
    pendingClaims ? `${pendingClaims} 条待确认的入户申请` : '',
  ].filter(Boolean)
  return inUse.length ? `还有${inUse.join('、')}` : null
}
