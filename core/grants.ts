/**
 * Which of a person's role grants count. A grant counts only while its unit exists and is not retired: a building
 * head of a retired micro-grid (战时网格 stood down, a building taken out of the tree) heads nothing any more —
 * not for permissions (server/caller.ts), not on the heads lists (三长), not for whose phone is public.
 * Every place that reads a person's roles goes through here.
 */
import type { RoleGrant } from './roles'
import { ROLE_SCOPE_LEVEL, type Role } from './roles'
import type { Unit } from './units'

/** The three heads (三长), in the order residents expect them. */
export const HEAD_ROLES = ['gridChief', 'partyLeader', 'buildingHead'] as const
export type HeadRole = (typeof HEAD_ROLES)[number]

export const isHeadRole = (role: string): role is HeadRole => (HEAD_ROLES as readonly string[]).includes(role)

/** A grant that counts, with its unit. */
export interface GrantInForce<R extends Role = Role> {
  role: R
  unit: Unit
  /** a `department` grant's department of the street (RoleGrant.departmentId) */
  departmentId?: string
  /** a grant a 战时网格 gave its temporary leader (RoleGrant.wartimeGridId) */
  wartimeGridId?: string
}

/** The unit a grant is held over, when it still counts (known to `units`, not retired). */
const unitInForce = (g: RoleGrant, units: ReadonlyMap<string, Unit>): Unit | undefined => {
  const unit = units.get(g.unitId)
  return unit && !unit.retired ? unit : undefined
}

/** The grants of `roles` that count, each with its unit. */
export function grantsInForce(roles: readonly RoleGrant[], units: ReadonlyMap<string, Unit>): GrantInForce[] {
  return roles.flatMap((g) => {
    const unit = unitInForce(g, units)
    return unit
      ? [
          {
            role: g.role,
            unit,
            ...(g.departmentId ? { departmentId: g.departmentId } : {}),
            ...(g.wartimeGridId ? { wartimeGridId: g.wartimeGridId } : {}),
          },
        ]
      : []
  })
}

/**
 * The units this person heads (三长): head grants that count, over a unit at the role's own level (a grid chief
 * heads a grid; a grid chief's grant over a micro-grid heads nothing).
 */
export function headsInForce(roles: readonly RoleGrant[], units: ReadonlyMap<string, Unit>): GrantInForce<HeadRole>[] {
  return grantsInForce(roles, units).flatMap((g) =>
    isHeadRole(g.role) && ROLE_SCOPE_LEVEL[g.role] === g.unit.level
      ? [{ role: g.role, unit: g.unit, ...(g.wartimeGridId ? { wartimeGridId: g.wartimeGridId } : {}) }]
      : [],
  )
}
