/**
 * Where a leader may publish a notice: inside their scope, at the levels their role speaks to — community staff
 * to the community or chosen grids; a grid chief to the grid or chosen buildings; a building head to their
 * buildings (street staff: the street, a community or a grid). Households are never a notice's target.
 * Shared by notices.publish (the server's check) and the publish form's scope picker.
 */
import type { ScopedGrant } from '../permissions'
import type { Role } from '../roles'
import { isWithin, type Level, type Unit } from '../units'

export const PUBLISH_LEVELS: Partial<Record<Role, readonly Level[]>> = {
  streetStaff: ['street', 'community', 'grid'],
  communityStaff: ['community', 'grid'],
  gridChief: ['grid', 'microgrid'],
  buildingHead: ['microgrid'],
}

/** The grants that let the caller publish to `unit` (empty: outside their scope). */
export const publishGrants = (grants: readonly ScopedGrant[], unit: Pick<Unit, 'level' | 'path'>): ScopedGrant[] =>
  grants.filter((g) => (PUBLISH_LEVELS[g.role] ?? []).includes(unit.level) && isWithin(unit.path, g.path))

/** Drops targets inside another chosen target (a grid and one of its buildings = the grid): disjoint scopes, so
 * no household gets a notice's subscribe message twice. Order is kept. */
export function outermost<U extends Pick<Unit, '_id' | 'path'>>(units: readonly U[]): U[] {
  const unique = [...new Map(units.map((u) => [u._id, u])).values()]
  return unique.filter((u) => !unique.some((o) => o._id !== u._id && isWithin(u.path, o.path)))
}

/** The longest a notice may stay up. */
export const MAX_NOTICE_DAYS = 90
