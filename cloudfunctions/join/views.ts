/** Results the join handlers share: where an entry leads, claims as the client sees them, a grid's groups. */
import type { ClaimView, GroupView, InviteTarget, UnitRef } from '../../core/contract'
import { claimableBuildings, inUse, targetAncestorIds } from '../../core/join/entry'
import type { ClaimDoc, GroupDoc } from '../../core/model'
import { doorLabel } from '../../core/units'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { byId, iso, unitRef } from '../../server/views'
import type { Entry } from './entry'

/** A household that is no longer in the tree: its id, and nothing to name it by. */
export const unknownHome = (id: string): UnitRef => ({ id, name: '', level: 'household' })

/** What an entry leads to (join.openInvite): its grid with community and street, and the buildings offered. */
export async function targetOf(data: Data, entry: Entry): Promise<InviteTarget> {
  const { unit } = entry
  const ids = targetAncestorIds(unit)
  const ancestors = byId(await data.units.byIds(Object.values(ids).filter((id) => id !== undefined)))
  const [street, community, grid] = [ids.street, ids.community, ids.grid].map((id) => ancestors.get(id ?? ''))
  if (!street || !community || !inUse(grid)) throw new AppError('INVITE_INVALID')
  const buildings = unit.level === 'microgrid' ? [unit] : claimableBuildings(await data.units.childrenOf(unit._id))
  return {
    grid: { ...unitRef(grid), community: unitRef(community), street: unitRef(street) },
    buildings: buildings.map(unitRef),
    via: entry.via,
  }
}

/** Claims as their claimant and their deciders see them (the phone is theirs to see in full). */
export async function claimViews(data: Data, claims: readonly ClaimDoc[]): Promise<ClaimView[]> {
  const homes = byId(await data.units.byIds(claims.map((c) => c.householdId)))
  return claims.map((c) => {
    const home = homes.get(c.householdId)
    const view: ClaimView = {
      id: c._id,
      status: c.status,
      door: home ? doorLabel(home) : '',
      household: home ? unitRef(home) : unknownHome(c.householdId),
      name: c.name,
      phone: c.phone,
      createdAt: iso(c.createdAt),
    }
    if (c.reason) view.reason = c.reason
    if (c.decidedAt) view.decidedAt = iso(c.decidedAt)
    return view
  })
}

/** A grid's groups as leaders see them; a group whose grid is gone is left out. */
export async function groupViews(data: Data, groups: readonly GroupDoc[]): Promise<GroupView[]> {
  const grids = byId(await data.units.byIds(groups.map((g) => g.gridId)))
  return groups.flatMap((g) => {
    const grid = grids.get(g.gridId)
    return grid ? [{ groupId: g._id, grid: unitRef(grid), boundAt: iso(g.boundAt) }] : []
  })
}
