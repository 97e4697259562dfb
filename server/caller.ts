/** Who is calling: resolved per call from the platform's openid, with their roles and where they hold them. */
import { grantsInForce } from '../core/grants'
import type { PersonDoc } from '../core/model'
import type { ScopedGrant } from '../core/permissions'
import type { Viewer } from '../core/grid/phone-visibility'
import type { Unit } from '../core/units'
import type { Data } from './data'

export interface Caller {
  openid: string | null
  /** null: this WeChat user has not joined (no person carries their openid). */
  person: PersonDoc | null
  /** The person's role grants with the path of each unit; grants over a unit that no longer exists or is retired are dropped (core/grants.ts). */
  grants: ScopedGrant[]
  /** The household and every unit a grant is held over, by id (so handlers need not fetch them again). */
  units: Map<string, Unit>
}

/**
 * `home`: the person alone, for an action on the caller's own home only (notices.ack in a flash crowd: one request
 * fewer per call). Their grants are their resident grant over their household, with its path as the person carries
 * it (`homePath`, rewritten with the tree on a move); no unit is read, so `units` is empty and a handler that
 * counts by the household's path reads the household itself.
 */
export type CallerDepth = 'full' | 'home'

export async function loadCaller(data: Data, openid: string | undefined, depth: CallerDepth = 'full'): Promise<Caller> {
  const person = openid ? await data.people.byOpenid(openid) : null
  if (!person) return { openid: openid ?? null, person: null, grants: [], units: new Map() }
  if (depth === 'home') {
    const { householdId, homePath } = person
    const grants: ScopedGrant[] =
      householdId && homePath
        ? person.roles
            .filter((g) => g.role === 'resident' && g.unitId === householdId)
            .map((g) => ({ role: g.role, unitId: householdId, path: homePath }))
        : []
    return { openid: openid ?? null, person, grants, units: new Map() }
  }
  const ids = [...(person.householdId ? [person.householdId] : []), ...person.roles.map((g) => g.unitId)]
  const units = new Map((await data.units.byIds(ids)).map((u) => [u._id, u]))
  const grants = grantsInForce(person.roles, units).map((g) => ({
    role: g.role,
    unitId: g.unit._id,
    path: g.unit.path,
    ...(g.departmentId ? { departmentId: g.departmentId } : {}),
  }))
  return { openid: openid ?? null, person, grants, units }
}

/** The caller as core/grid/phone-visibility.ts sees them when deciding whose phone to show in full. */
export const viewerOf = (caller: Caller): Viewer => ({
  personId: caller.person?._id,
  householdId: caller.person?.householdId,
  homePath: caller.person?.homePath,
  grants: caller.grants,
})
