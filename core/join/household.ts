/**
 * A person's place in a household: moving in (the one resident role follows the home) and leaving. A person
 * keeps every other role (a building head who moves keeps leading their building).
 */
import type { PersonDoc } from '../model'
import type { RoleGrant } from '../roles'
import type { Unit } from '../units'

/** The roles a person keeps when they leave their household: all but resident. */
export const withoutHome = (roles: readonly RoleGrant[]): RoleGrant[] => roles.filter((g) => g.role !== 'resident')

/** What a person's record becomes when they move into a household: one resident role, of that household. */
export const movingInto = (
  roles: readonly RoleGrant[],
  household: Pick<Unit, '_id' | 'path'>,
): Required<Pick<PersonDoc, 'householdId' | 'homePath' | 'roles'>> => ({
  householdId: household._id,
  homePath: household.path,
  roles: [...withoutHome(roles), { role: 'resident', unitId: household._id }],
})

/** The household a person belongs to: their home, or (a record missing it) the unit of their resident role. */
export const homeOf = (person: Pick<PersonDoc, 'householdId' | 'roles'>): string | undefined =>
  person.householdId ?? person.roles.find((g) => g.role === 'resident')?.unitId
