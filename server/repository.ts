/**
 * The database as the handlers need it: named queries over `units` and `people`, nothing else. Handlers
 * never build queries themselves, so every query shape lives here, next to the indexes in core/schema.ts
 * that serve it (path_1, parentId_1, level_1_path_1, openid_1, householdId_1, homePath_1, roles.unitId_1).
 */
import type { PersonDoc } from '../core/model'
import type { Unit } from '../core/units'
import type { Data } from './data'

export interface Repository {
  personByOpenid(openid: string): Promise<PersonDoc | null>
  unit(id: string): Promise<Unit | null>
  units(ids: readonly string[]): Promise<Unit[]>
  /** Child units below `parentId`, households left out (they are counted, never listed). */
  childUnits(parentId: string): Promise<Unit[]>
  householdMembers(householdId: string): Promise<PersonDoc[]>
  /** People holding any role over one of these units. */
  roleHolders(unitIds: readonly string[]): Promise<PersonDoc[]>
  countHouseholdsUnder(path: string): Promise<number>
  countResidentsUnder(path: string): Promise<number>
}

/** @deprecated the old repository as a view of the data layer, while handlers move to ctx.data. */
export function repositoryOver(data: Data): Repository {
  return {
    personByOpenid: (openid) => data.people.byOpenid(openid),
    unit: (id) => data.units.get(id),
    units: (ids) => data.units.byIds(ids),
    childUnits: (parentId) => data.units.childrenOf(parentId),
    householdMembers: (householdId) => data.people.inHousehold(householdId),
    roleHolders: (unitIds) => data.people.holdingRolesOver(unitIds),
    countHouseholdsUnder: (path) => data.units.countHouseholdsUnder(path),
    countResidentsUnder: (path) => data.people.countResidentsUnder(path),
  }
}
