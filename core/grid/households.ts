/**
 * 网格管理 (grid.households): which households a filter shows, in which order, and how a household's row reads.
 * Leaders see every member in full here: the permission check already put the household inside their scope.
 */
import type { HouseholdFilter, HouseholdRow, MemberView, UnitRef } from '../contract'
import type { ClaimDoc, PersonDoc } from '../model'
import { leadsCare } from '../care/visibility'
import { doorLabel, type Unit } from '../units'
import { byDoor } from './order'
import { visiblePhone, type Viewer } from './phone-visibility'

/** Items by a key; items without one are left out. */
export const groupBy = <T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> => {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    if (k !== undefined) out.set(k, [...(out.get(k) ?? []), item])
  }
  return out
}

/** Whether a filter looks at every member of every household (then the unit's residents are read whole). */
export const filtersByMembers = (filter: HouseholdFilter): boolean => filter === 'unreachable' || filter === 'care'

export interface HouseholdFacts {
  /** Pending claims, by household. */
  pending: ReadonlyMap<string, readonly ClaimDoc[]>
  /** Every resident, by household: needed (and only given) when filtersByMembers(filter). */
  membersByHome: ReadonlyMap<string, readonly PersonDoc[]> | null
}

/**
 * The households a filter shows, in door order: 未确认 has a claim waiting; 未触达 has nobody who joined through
 * WeChat (the app cannot reach it); 关爱对象 has someone with a care flag.
 */
export function filterHouseholds(homes: readonly Unit[], filter: HouseholdFilter, facts: HouseholdFacts): Unit[] {
  const members = (h: Unit) => facts.membersByHome?.get(h._id) ?? []
  const matches: Record<HouseholdFilter, (h: Unit) => boolean> = {
    all: () => true,
    unconfirmed: (h) => facts.pending.has(h._id),
    unreachable: (h) => !members(h).some((p) => p.openid),
    care: (h) => members(h).some((p) => (p.careFlags ?? []).length > 0),
  }
  return homes.filter(matches[filter]).sort(byDoor)
}

/** The page'th slice of `pageSize` items. */
export const pageOf = <T>(items: readonly T[], page: number, pageSize: number): T[] =>
  items.slice(page * pageSize, (page + 1) * pageSize)

/**
 * One household as a leader sees it: members in a stable order (by id), each phone as the viewer may see it, care
 * flags only for a viewer whose role sees them over the home (core/care/visibility.ts: grid chiefs and staff — a
 * building head or party leader gets none).
 * `microgrid` is the household's building; when it is not found, the household's own building name stands in.
 */
export function householdRow(
  home: Unit,
  members: readonly PersonDoc[],
  microgrid: UnitRef | undefined,
  pendingClaims: number,
  viewer: Viewer,
): HouseholdRow {
  const seesCare = leadsCare(viewer, home.path)
  return {
    id: home._id,
    door: doorLabel(home),
    microgrid: microgrid ?? { id: home.parentId as string, name: home.building ?? '', level: 'microgrid' },
    members: [...members]
      .sort((a, b) => (a._id < b._id ? -1 : 1))
      .map(
        (p): MemberView => ({
          id: p._id,
          name: p.name,
          // the permission check put this household inside the caller's scope, so this is the full number
          phone: visiblePhone(viewer, {
            personId: p._id,
            householdId: p.householdId,
            homePath: p.homePath,
            phone: p.phone,
            heads: [],
          }),
          joined: Boolean(p.openid),
          careFlags: seesCare ? (p.careFlags ?? []) : [],
        }),
      ),
    pendingClaims,
  }
}
