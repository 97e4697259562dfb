/**
 * Who sees a phone number or a room in full. Everyone else gets them masked (core/mask.ts): PIPL Art. 51 asks
 * for de-identification wherever the full data is not needed. A leader seeing someone else's data in full is
 * an unmasked read the functions write to the audit log (server/audit.ts).
 */
import { maskPhone, maskRoom } from '../mask'
import type { ScopedGrant } from '../permissions'
import { LEADER_ROLES } from '../roles'
import { ancestorPath, doorLabel, isWithin, type Unit } from '../units'

/** The signed-in person looking at the data. */
export interface Viewer {
  personId?: string
  householdId?: string
  homePath?: string
  grants: readonly ScopedGrant[]
}

/** The person whose data it is. */
export interface Subject {
  personId: string
  householdId?: string
  /** Path of their household: leaders whose scope contains it see them in full. */
  homePath?: string
}

export interface PhoneOwner extends Subject {
  phone: string
  /** Paths of the grids / micro-grids this person heads (三长); empty for everyone else. */
  heads: readonly string[]
}

const ownHousehold = (viewer: Viewer, subject: Subject): boolean =>
  (viewer.personId !== undefined && viewer.personId === subject.personId) ||
  (viewer.householdId !== undefined && viewer.householdId === subject.householdId)

/** A leader (三长, community or street staff) whose scope contains the subject's home. */
const leads = (viewer: Viewer, path: string | undefined): boolean =>
  path !== undefined && viewer.grants.some((g) => LEADER_ROLES.includes(g.role) && isWithin(path, g.path))

/**
 * Whether the viewer sees this person's room and phone in full because of a leader's role, not because it is
 * their own household: what the audit log records.
 */
export const isLeaderRead = (viewer: Viewer, subject: Subject): boolean =>
  !ownHousehold(viewer, subject) && leads(viewer, subject.homePath)

/** Full for the person, their household, and leaders whose scope contains their home. */
export const canSeeHome = (viewer: Viewer, subject: Subject): boolean =>
  ownHousehold(viewer, subject) || leads(viewer, subject.homePath)

/**
 * As canSeeHome; besides, a head's number is public to everyone who lives or holds a role in the head's grid
 * (residents call them with one tap) and to leaders whose scope contains the unit they head.
 */
export function canSeePhone(viewer: Viewer, owner: PhoneOwner): boolean {
  if (canSeeHome(viewer, owner)) return true
  const places = [...(viewer.homePath ? [viewer.homePath] : []), ...viewer.grants.map((g) => g.path)]
  return owner.heads.some((headPath) => {
    const gridPath = ancestorPath(headPath, 'grid')
    if (gridPath && places.some((p) => isWithin(p, gridPath))) return true
    return leads(viewer, headPath)
  })
}

export const visiblePhone = (viewer: Viewer, owner: PhoneOwner): string =>
  canSeePhone(viewer, owner) ? owner.phone : maskPhone(owner.phone)

/** A household's door (3栋2单元402) in full, or with the room masked (3栋2单元***). */
export const visibleDoor = (
  viewer: Viewer,
  subject: Subject,
  home: Pick<Unit, 'building' | 'entrance' | 'room'>,
): string => (canSeeHome(viewer, subject) ? doorLabel(home) : maskRoom(home))

/** What a person who asked to be deleted is called from then on (the id stays where history needs it). */
export const DELETED_NAME = '已注销居民'
