/**
 * Where a visitor may join: the unit a join invite leads to, the buildings they may claim a room in, and the
 * places the join page names above them (InviteTarget). The function reads the units; these decide.
 */
import { byName } from '../grid/order'
import { ancestorAt, type Unit } from '../units'
import { isJoinTarget } from './invite'

/** A unit that exists and has not been retired: only those lead anywhere. */
export const inUse = (u: Unit | null | undefined): u is Unit => !!u && !u.retired

/** The unit of a join invite opens into it only while in use and a grid or one building. */
export const opensInto = (u: Unit | null | undefined): u is Unit => inUse(u) && isJoinTarget(u)

/** A building a room may be claimed in: a micro-grid in use. */
export const isClaimableBuilding = (u: Unit | null | undefined): u is Unit => inUse(u) && u.level === 'microgrid'

/** The buildings of a grid one may claim a room in, as people name them (3栋 before 12栋). */
export const claimableBuildings = (children: readonly Unit[]): Unit[] =>
  children.filter(isClaimableBuilding).sort(byName)

/** The street, community and grid the join page names for a target unit (a grid, or a building of it). */
export const targetAncestorIds = (
  unit: Pick<Unit, 'path'>,
): { street?: string; community?: string; grid?: string } => ({
  street: ancestorAt(unit.path, 'street'),
  community: ancestorAt(unit.path, 'community'),
  grid: ancestorAt(unit.path, 'grid'),
})
