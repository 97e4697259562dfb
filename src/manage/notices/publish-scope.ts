/**
 * Where a leader may publish, read off their roles (the server checks every unit again): community staff the
 * community or chosen grids; a grid chief the grid or chosen buildings; a building head their buildings;
 * street staff the street or chosen communities.
 */
import type { RoleView, UnitRef } from '../../services/grid'
import { roleMay } from '../../../core/permissions'
import { scopeFor } from '../scope'

export interface PublishScope {
  role: RoleView['role']
  /** The unit the role is held over; null for building heads (they publish to their buildings only). */
  whole: UnitRef | null
  /** Units below the whole to choose from; for a building head, their buildings (known from the roles). */
  parts: UnitRef[] | 'load'
}

export function publishScope(roles: RoleView[]): PublishScope | null {
  const scope = scopeFor(roles, 'notices.publish')
  if (!scope) return null
  if (scope.role === 'buildingHead') {
    const parts = roles
      .filter((r) => r.role === 'buildingHead' && roleMay('notices.publish', r.role))
      .map((r) => ({ id: r.unitId, name: r.unitName, level: r.level }))
    return { role: scope.role, whole: null, parts }
  }
  return { role: scope.role, whole: { id: scope.unitId, name: scope.unitName, level: scope.level }, parts: 'load' }
}

/** The unit whose reach a published notice is followed under: its one target, or the publisher's whole scope. */
export function reachUnitOf(targets: UnitRef[], whole: UnitRef | null): string {
  if (targets.length === 1 || !whole) return targets[0]?.id ?? whole?.id ?? ''
  return whole.id
}

/** What the scope's parts are called in the picker. */
export const PART_NAMES: Partial<Record<UnitRef['level'], string>> = {
  community: '社区',
  grid: '网格',
  microgrid: '楼栋',
}
