/**
 * The database as the handlers need it: named queries over `units` and `people`, nothing else. Handlers
 * never build queries themselves, so every query shape lives here, next to the indexes in core/schema.ts
 * that serve it (path_1, parentId_1, level_1_path_1, openid_1, householdId_1, homePath_1, roles.unitId_1).
 */
import type { PersonDoc } from '../core/model'
import type { Unit } from '../core/units'
import type { Database } from './cloud'
import { rows, all, total, pathPrefix } from './query'

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

export function createRepository(db: Database): Repository {
  const _ = db.command
  const units = () => db.collection('units')
  const people = () => db.collection('people')
  const under = (path: string) => pathPrefix(db, path)

  return {
    async personByOpenid(openid) {
      return (await rows<PersonDoc>(people().where({ openid }).limit(1)))[0] ?? null
    },
    async unit(id) {
      return (await rows<Unit>(units().where({ _id: id }).limit(1)))[0] ?? null
    },
    async units(ids) {
      const unique = [...new Set(ids)]
      return unique.length === 0 ? [] : all<Unit>(units().where({ _id: _.in(unique) }))
    },
    childUnits: (parentId) => all<Unit>(units().where({ parentId, level: _.neq('household'), retired: _.neq(true) })),
    householdMembers: (householdId) => all<PersonDoc>(people().where({ householdId })),
    async roleHolders(unitIds) {
      const unique = [...new Set(unitIds)]
      return unique.length === 0 ? [] : all<PersonDoc>(people().where({ 'roles.unitId': _.in(unique) }))
    },
    countHouseholdsUnder: (path) => total(units().where({ level: 'household', path: under(path) })),
    countResidentsUnder: (path) => total(people().where({ homePath: under(path) })),
  }
}
