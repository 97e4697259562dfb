/** Which of my roles a page shows leader views for. */
import { LEADER_ROLES, type Role } from '../../core/roles'
import type { RoleView } from './grid'

// Narrowest first: a grid chief's own grid is more useful on 首页 than the community they may also staff.
const PREFERENCE: Role[] = ['gridChief', 'partyLeader', 'buildingHead', 'communityStaff', 'streetStaff']

/** The leading role whose unit's overview 首页 shows, or null for residents and merchants. */
export function leadingScope(roles: RoleView[]): RoleView | null {
  const leading = roles.filter((r) => LEADER_ROLES.includes(r.role))
  leading.sort((a, b) => PREFERENCE.indexOf(a.role) - PREFERENCE.indexOf(b.role))
  return leading[0] ?? null
}
