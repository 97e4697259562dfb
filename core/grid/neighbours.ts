/**
 * 楼栋邻里 (grid.neighbours): the residents of one building as a resident of it sees them. Rooms and phones are
 * masked except the viewer's own household's; heads' phones follow core/grid/phone-visibility.ts (public within
 * their grid). A viewer who leads the building sees everyone in full because of that role: those reads are the
 * ones the audit log names.
 */
import type { NeighbourView } from '../contract'
import { HEAD_ROLES, headsInForce, isHeadRole } from '../grants'
import type { PersonDoc } from '../model'
import { isWithin, type Unit } from '../units'
import { byDoor } from './order'
import { isLeaderRead, visibleDoor, visiblePhone, type Subject, type Viewer } from './phone-visibility'

/** The units the residents hold head grants over (to be loaded before the rows are shaped). */
export const headGrantUnitIds = (residents: readonly PersonDoc[]): string[] =>
  residents.flatMap((p) => p.roles.filter((g) => isHeadRole(g.role)).map((g) => g.unitId))

export interface Neighbours {
  rows: NeighbourView[]
  /** Everyone shown in full because of the viewer's leading role (not their own household). */
  audited: string[]
}

/**
 * The residents of `micro` with a home among `homes`, in door order (then by id). `headUnits`: the units of the
 * residents' head grants; only grants in force count (core/grants.ts), and `head` names those over this building
 * or its grid.
 */
export function neighbourRows(
  micro: Pick<Unit, 'path'>,
  homes: ReadonlyMap<string, Unit>,
  residents: readonly PersonDoc[],
  headUnits: ReadonlyMap<string, Unit>,
  viewer: Viewer,
): Neighbours {
  const audited: string[] = []
  const rows = residents
    .flatMap((p) => {
      const door = p.householdId ? homes.get(p.householdId) : undefined
      return door ? [{ p, door }] : []
    })
    .sort((a, b) => byDoor(a.door, b.door) || (a.p._id < b.p._id ? -1 : 1))
    .map(({ p, door }): NeighbourView => {
      const subject: Subject = { personId: p._id, householdId: p.householdId, homePath: p.homePath }
      const heads = headsInForce(p.roles, headUnits)
      if (isLeaderRead(viewer, subject)) audited.push(p._id)
      const local = heads.filter((h) => isWithin(micro.path, h.unit.path))
      return {
        id: p._id,
        name: p.name,
        door: visibleDoor(viewer, subject, door),
        phone: visiblePhone(viewer, { ...subject, phone: p.phone, heads: heads.map((h) => h.unit.path) }),
        head: HEAD_ROLES.find((r) => local.some((h) => h.role === r)) ?? null,
      }
    })
  return { rows, audited }
}
