/** 首页 of a leader: which of their roles the page leads with (its unit's overview is shown). */
import type { RoleView } from '../contract'
import { LEADER_ROLES, type Role } from '../roles'

// Narrowest first: a grid chief's own grid is more useful on 首页 than the community they may also staff.
const PREFERENCE: Role[] = ['gridChief', 'partyLeader', 'buildingHead', 'communityStaff', 'streetStaff']

/** The leading role whose unit's overview 首页 shows, or null for residents and merchants. */
export function leadingScope(roles: readonly RoleView[]): RoleView | null {
  const leading = roles.filter((r) => LEADER_ROLES.includes(r.role))
  leading.sort((a, b) => PREFERENCE.indexOf(a.role) - PREFERENCE.indexOf(b.role))
  return leading[0] ?? null
}
