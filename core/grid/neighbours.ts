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
  /** One page of the building's residents. */
  rows: NeighbourView[]
  /** Residents of the building in all (every page). */
  total: number
  /** Where the next page starts (pass it as `cursor`); null on the last page. */
  nextCursor: string | null
  /** Everyone of this page shown in full because of the viewer's leading role (not their own household). */
  audited: string[]
}

/** Residents per page of 楼栋邻里 unless asked otherwise. */
export const NEIGHBOURS_PAGE_SIZE = 30

/** A page's place in door order: the household and person of the last row shown. */
const cursorOf = (householdId: string, personId: string): string => `${householdId}|${personId}`

/** Where a page after `cursor` starts; null when the cursor names no household of the building. */
export const parseNeighbourCursor = (cursor: string): { householdId: string; personId: string } | null => {
  const [householdId, personId, ...rest] = cursor.split('|')
  return householdId && personId && rest.length === 0 ? { householdId, personId } : null
}

/**
 * One page of the residents of `micro` with a home among `homes`, in door order (then by id): the `pageSize` after
 * `after` (the place a cursor names: rows strictly after it, so a neighbour who left meanwhile shifts nothing).
 * `headUnits`: the units of the residents' head grants; only grants in force count (core/grants.ts), and `head`
 * names those over this building or its grid. Null when `after` names a household not in the building.
 */
export function neighbourRows(
  micro: Pick<Unit, 'path'>,
  homes: ReadonlyMap<string, Unit>,
  residents: readonly PersonDoc[],
  headUnits: ReadonlyMap<string, Unit>,
  viewer: Viewer,
  page: { after?: { householdId: string; personId: string }; pageSize?: number } = {},
): Neighbours | null {
  const audited: string[] = []
  const order = (a: { id: string; door: Unit }, b: { id: string; door: Unit }) =>
    byDoor(a.door, b.door) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const all = residents
    .flatMap((p) => {
      const door = p.householdId ? homes.get(p.householdId) : undefined
      return door ? [{ p, id: p._id, door }] : []
    })
    .sort(order)
  let start = all
  if (page.after) {
    const door = homes.get(page.after.householdId)
    if (!door) return null
    const after = { id: page.after.personId, door }
    start = all.filter((r) => order(r, after) > 0)
  }
  const size = page.pageSize ?? NEIGHBOURS_PAGE_SIZE
  const shown = start.slice(0, size)
  const last = shown[shown.length - 1]
  const rows = shown.map(({ p, door }): NeighbourView => {
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
  const nextCursor = last && start.length > shown.length ? cursorOf(last.door._id, last.p._id) : null
  return { rows, total: all.length, nextCursor, audited }
}
