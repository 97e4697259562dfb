/**
 * Who sees a phone number in full. Everyone else gets it masked (core/mask.ts): PIPL Art. 51 asks for
 * de-identification wherever the full number is not needed.
 */
import { maskPhone } from './mask'
import type { ScopedGrant } from './permissions'
import { LEADER_ROLES } from './roles'
import { ancestorPath, isWithin } from './units'

/** The signed-in person looking at the number. */
export interface Viewer {
  personId?: string
  householdId?: string
  homePath?: string
  grants: readonly ScopedGrant[]
}

/** The person whose number it is. */
export interface PhoneOwner {
  personId: string
  householdId?: string
  phone: string
  /** Paths of the grids / micro-grids this person heads (三长); empty for everyone else. */
  heads: readonly string[]
}

/**
 * Full for the owner and their household; a head's number is public to everyone who lives or holds a role
 * in the head's grid (residents call them with one tap) and to leaders whose scope contains it.
 */
export function canSeePhone(viewer: Viewer, owner: PhoneOwner): boolean {
  if (viewer.personId !== undefined && viewer.personId === owner.personId) return true
  if (viewer.householdId !== undefined && viewer.householdId === owner.householdId) return true
  const places = [...(viewer.homePath ? [viewer.homePath] : []), ...viewer.grants.map((g) => g.path)]
  return owner.heads.some((headPath) => {
    const gridPath = ancestorPath(headPath, 'grid')
    if (gridPath && places.some((p) => isWithin(p, gridPath))) return true
    return viewer.grants.some((g) => LEADER_ROLES.includes(g.role) && isWithin(headPath, g.path))
  })
}

export const visiblePhone = (viewer: Viewer, owner: PhoneOwner): string =>
  canSeePhone(viewer, owner) ? owner.phone : maskPhone(owner.phone)
