/** Which of a leader's roles a leader page works over (the narrowest first, as 首页 does). */
import type { ActionKey } from '../../core/contract'
import type { Role } from '../../core/roles'
import type { RoleView } from '../services/grid'
import { roleMay } from '../../core/permissions'

const PREFERENCE: Role[] = ['gridChief', 'partyLeader', 'buildingHead', 'communityStaff', 'streetStaff']

/** The caller's role that may call `action`, narrowest first, or null. */
export function scopeFor(roles: RoleView[], action: ActionKey): RoleView | null {
  const fit = roles.filter((r) => roleMay(action, r.role))
  fit.sort((a, b) => PREFERENCE.indexOf(a.role) - PREFERENCE.indexOf(b.role))
  return fit[0] ?? null
}
