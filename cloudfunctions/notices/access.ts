/** Who a notice is for: residents whose home lies under one of its units, and leaders over those units. */
import type { NoticeDoc } from '../../core/model'
import { LEADER_ROLES } from '../../core/roles'
import { isWithin } from '../../core/units'
import type { Caller } from '../../server/caller'

/** The caller's home lies under one of the notice's units: the notice is in their feed. */
export const reachesHome = (n: Pick<NoticeDoc, 'unitPaths'>, caller: Caller): boolean => {
  const home = caller.person?.homePath
  return !!home && n.unitPaths.some((p) => isWithin(home, p))
}

/**
 * A leader whose scope contains one of the notice's units, or lies inside one (a grid chief reads a notice to
 * their community before relaying it to the grid).
 */
export const leadsOver = (n: Pick<NoticeDoc, 'unitPaths'>, caller: Caller): boolean =>
  caller.grants.some(
    (g) => LEADER_ROLES.includes(g.role) && n.unitPaths.some((p) => isWithin(p, g.path) || isWithin(g.path, p)),
  )
