/**
 * Which role may call which action, over which scope. Every function checks this table on the server
 * before its handler runs; the client only uses it to hide buttons.
 */
import type { ActionKey } from './contract'
import { LEADER_ROLES, type Role, type RoleGrant } from './roles'
import { isWithin } from './units'

export type Permission =
  /** Anyone with a WeChat identity, joined or not (e.g. reading who they are). */
  | { who: 'anyone' }
  /** These roles, held over the target unit or one of its ancestors. */
  | { who: readonly Role[]; target: 'unit' }

export const PERMISSIONS: Record<ActionKey, Permission> = {
  'grid.me': { who: 'anyone' },
  'grid.overview': { who: LEADER_ROLES, target: 'unit' },
}

/** A grant together with the path of the unit it is held over. */
export interface ScopedGrant extends RoleGrant {
  path: string
}

/** Whether some grant lets its holder act on a unit at `targetPath` under this permission. */
export function allows(permission: Permission, grants: readonly ScopedGrant[], targetPath?: string): boolean {
  if (permission.who === 'anyone') return true
  const roles = permission.who
  return grants.some((g) => roles.includes(g.role) && targetPath !== undefined && isWithin(targetPath, g.path))
}
