/**
 * `people`: everyone the app knows, joined or imported. A person's `people` document is the one record of where
 * they live (householdId, homePath). Indexes (core/schema.ts): openid_1, householdId_1, homePath_1, roles.unitId_1.
 */
import type { CareFlag, PersonDoc } from '../../core/model'
import { STAFF_ROLES } from '../../core/permissions'
import type { RoleGrant } from '../../core/roles'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rebaseField, rows, total } from './query'

export interface People {
  byOpenid(openid: string): Promise<PersonDoc | null>
  byIds(ids: readonly string[]): Promise<PersonDoc[]>
  /** The members of one household. */
  inHousehold(householdId: string): Promise<PersonDoc[]>
  /** The members of these households (deleted people left out). */
  inHouseholds(householdIds: readonly string[]): Promise<PersonDoc[]>
  /** Every person whose home is under a unit. */
  residentsUnder(path: string): Promise<PersonDoc[]>
  /** Up to `limit` people living under `path` whose name contains `text`, in `_id` order after `after` (a keyset
   * page: the pickers of server/people-search.ts, care.findPeople and duty.findPeople; homePath_1). */
  namedUnder(path: string, text: string, limit: number, after?: string): Promise<PersonDoc[]>
  /** Homes of the people living under `path` (only their homePath: for counting). */
  homesUnder(path: string): Promise<string[]>
  countResidentsUnder(path: string): Promise<number>
  /** People holding any role over one of these units, each once. */
  holdingRolesOver(unitIds: readonly string[]): Promise<PersonDoc[]>
  /** Whether anyone holds a staff role. */
  anyStaff(): Promise<boolean>
  add(doc: PersonDoc): Promise<void>
  setRolesAndCare(id: string, roles: RoleGrant[], careFlags: CareFlag[]): Promise<void>
  /** Deletes a person's personal data; the id stays for history (privacy.requestDeletion, last step). */
  anonymise(id: string, name: string, at: Date): Promise<void>
  /** Rewrites the homePath of everyone still living under `from`; how many. */
  rebaseHomes(from: string, to: string): Promise<number>
}

export function people(db: Database): People {
  const _ = db.command
  const col = () => db.collection('people')
  const under = (path: string) => pathPrefix(db, path)
  return {
    byOpenid: (openid) => first<PersonDoc>(col().where({ openid })),
    byIds: (ids) => allIn<PersonDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    inHousehold: (householdId) => all<PersonDoc>(col().where({ householdId })),
    async inHouseholds(householdIds) {
      const found = await allIn<PersonDoc>(householdIds, (slice) => col().where({ householdId: _.in(slice) }))
      return found.filter((p) => !p.deletedAt)
    },
    residentsUnder: (path) => all<PersonDoc>(col().where({ homePath: under(path) })),
    namedUnder: (path, text, limit, after) =>
      rows<PersonDoc>(
        col()
          .where({
            homePath: under(path),
            ...(after ? { _id: _.gt(after) } : {}),
            name: db.RegExp({ regexp: text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), options: '' }),
          })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    async homesUnder(path) {
      const docs = await all<{ homePath: string }>(
        col()
          .where({ homePath: under(path) })
          .field({ _id: true, homePath: true }),
      )
      return docs.map((d) => d.homePath)
    },
    countResidentsUnder: (path) => total(col().where({ homePath: under(path) })),
    async holdingRolesOver(unitIds) {
      const found = await allIn<PersonDoc>(unitIds, (slice) => col().where({ 'roles.unitId': _.in(slice) }))
      return [...new Map(found.map((p) => [p._id, p])).values()]
    },
    async anyStaff() {
      return (
        (
          await rows(
            col()
              .where({ 'roles.role': _.in([...STAFF_ROLES]) })
              .limit(1),
          )
        ).length > 0
      )
    },
    async add(doc) {
      await col().add({ data: doc })
    },
    async setRolesAndCare(id, roles, careFlags) {
      await col()
        .doc(id)
        .update({ data: { roles: _.set(roles), careFlags: _.set(careFlags) } })
    },
    async anonymise(id, name, at) {
      await col()
        .doc(id)
        .update({
          data: {
            name,
            phone: '',
            roles: [],
            openid: _.remove(),
            householdId: _.remove(),
            homePath: _.remove(),
            careFlags: _.remove(),
            shopName: _.remove(),
            deletedAt: at,
          },
        })
    },
    rebaseHomes: (from, to) => rebaseField(db, col(), 'homePath', from, to),
  }
}
