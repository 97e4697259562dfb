/**
 * Who a notice is for, and which part of the tree it covers: residents whose home lies under one of its units,
 * leaders over those units, the part of a unit inside its audience, and what a grid chief may relay.
 */
import type { NoticeDoc } from '../model'
import type { ScopedGrant } from '../permissions'
import { LEADER_ROLES } from '../roles'
import { isWithin, pathIds, type Unit } from '../units'

type Audience = Pick<NoticeDoc, 'unitPaths'>

/** The home lies under one of the notice's units: the notice is in its residents' feed. */
export const reachesHome = (n: Audience, homePath: string | undefined): boolean =>
  !!homePath && n.unitPaths.some((p) => isWithin(homePath, p))

/**
 * The same test by ids: one of the notice's units is among the ids of the home's own (fresh) path. For what may
 * not hold the notice's paths as they are now (its unitPaths are rewritten when a unit moves): a notice kept per
 * function instance for 收到, and the countAcks timer counting a household where it is when it counts.
 */
export const addressedTo = (n: Pick<NoticeDoc, 'unitIds'>, homePath: string | undefined): boolean => {
  if (!homePath) return false
  const ids = new Set(pathIds(homePath))
  return n.unitIds.some((id) => ids.has(id))
}

/**
 * A leader whose scope contains one of the notice's units, or lies inside one (a grid chief reads a notice to
 * their community before relaying it to the grid).
 */
export const leadsOver = (n: Audience, grants: readonly ScopedGrant[]): boolean =>
  grants.some(
    (g) => LEADER_ROLES.includes(g.role) && n.unitPaths.some((p) => isWithin(p, g.path) || isWithin(g.path, p)),
  )

/** The parts of `unit` a notice was published to: the unit itself when it lies inside one of the notice's units,
 * else the notice's units inside it (nested ones folded into their ancestor). Empty: no overlap. */
export function audienceWithin(n: Audience, unit: Pick<Unit, 'path'>): string[] {
  if (n.unitPaths.some((p) => isWithin(unit.path, p))) return [unit.path]
  const inside = [...new Set(n.unitPaths.filter((p) => isWithin(p, unit.path)))]
  return inside.filter((p) => !inside.some((q) => q !== p && isWithin(p, q)))
}

/** Published to a unit above the grid (not to the grid itself: its chief shares those directly): relayable. */
export const fromAbove = (n: Audience, grid: Pick<Unit, 'path'>): boolean =>
  n.unitPaths.some((p) => p !== grid.path && isWithin(grid.path, p))
