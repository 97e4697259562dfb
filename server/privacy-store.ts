/**
 * The database as the privacy side needs it: households and residents under a unit (网格管理, 楼栋邻里), the
 * append-only `audit` collection, and the writes that anonymise a person. Like repository.ts, every query shape
 * lives here, next to the indexes of core/schema.ts that serve it: units level_1_path_1, people homePath_1 /
 * householdId_1 / openid_1, claims status_1_householdPath_1 / openid_1, audit unitPath_1_at_-1. The audit
 * lookup by subject (export) has no index of its own: it runs once per export, over one person's entries.
 */
import type { AuditDoc, ClaimDoc, NoticeDoc, PersonDoc } from '../core/model'
import type { Unit } from '../core/units'
import { getDatabase, type Database } from './cloud'
import { rows, all, pathPrefix, allIn } from './query'
import { subscriptionStore } from './subscription-store'

export interface PrivacyStore {
  /** Every household under a unit (grid, micro-grid), retired ones left out. */
  householdsUnder(path: string): Promise<Unit[]>
  /** Every person whose home is under a unit. */
  residentsUnder(path: string): Promise<PersonDoc[]>
  /** The members of these households. */
  membersOf(householdIds: readonly string[]): Promise<PersonDoc[]>
  pendingClaimsUnder(path: string): Promise<ClaimDoc[]>
  people(ids: readonly string[]): Promise<PersonDoc[]>
  claimsOf(openid: string): Promise<ClaimDoc[]>
  /** Claims by id: the audit log names a visitor's claim by its claimant. */
  claims(ids: readonly string[]): Promise<ClaimDoc[]>

  /** Appends one entry; entries are never changed, except to drop a deleted actor's name. */
  appendAudit(doc: Omit<AuditDoc, '_id'>): Promise<void>
  /** Entries about units under `path`, newest first. */
  auditUnder(path: string, skip: number, limit: number): Promise<{ total: number; rows: AuditDoc[] }>
  /** Entries that showed this person's data, newest first: as a person, or through their claims. */
  auditAbout(personId: string, claimIds?: readonly string[]): Promise<AuditDoc[]>

  /**
   * Deletes a person's personal data. Claims, the audit, subscriptions, the name on the notices they published
   * and on their relays go first and the person last, so a failure part way leaves the caller registered and able
   * to ask again (each step is idempotent).
   */
  anonymise(person: PersonDoc, name: string): Promise<void>
}

export function createPrivacyStore(db: Database): PrivacyStore {
  const _ = db.command
  const col = (name: 'units' | 'people' | 'claims' | 'audit' | 'notices' | 'relays') => db.collection(name)
  const under = (path: string) => pathPrefix(db, path)

  return {
    householdsUnder: (path) =>
      all<Unit>(col('units').where({ level: 'household', path: under(path), retired: _.neq(true) })),
    residentsUnder: (path) => all<PersonDoc>(col('people').where({ homePath: under(path) })),
    membersOf: (ids) => allIn<PersonDoc>(ids, (slice) => col('people').where({ householdId: _.in(slice) })),
    pendingClaimsUnder: (path) => all<ClaimDoc>(col('claims').where({ status: 'pending', householdPath: under(path) })),
    people: (ids) => allIn<PersonDoc>(ids, (slice) => col('people').where({ _id: _.in(slice) })),
    claimsOf: (openid) => all<ClaimDoc>(col('claims').where({ openid })),
    claims: (ids) => allIn<ClaimDoc>(ids, (slice) => col('claims').where({ _id: _.in(slice) })),

    async appendAudit(doc) {
      await col('audit').add({ data: doc })
    },
    async auditUnder(path, skip, limit) {
      const query = col('audit').where({ unitPath: under(path) })
      const [{ total }, page] = await Promise.all([
        query.count() as unknown as Promise<{ total: number }>,
        rows<AuditDoc>(query.orderBy('at', 'desc').orderBy('_id', 'desc').skip(skip).limit(limit)),
      ])
      return { total, rows: page }
    },
    async auditAbout(personId, claimIds = []) {
      // an array field equal to a value matches the arrays that contain it
      const [asPerson, asClaimant] = await Promise.all([
        all<AuditDoc>(col('audit').where({ subjectIds: personId })),
        allIn<AuditDoc>(claimIds, (slice) => col('audit').where({ claimIds: _.in(slice) })),
      ])
      const entries = [...new Map([...asPerson, ...asClaimant].map((e) => [e._id, e])).values()]
      return entries.sort((a, b) => +new Date(b.at) - +new Date(a.at))
    },

    async anonymise(person, name) {
      if (person.openid) {
        // a claim keeps its household and decision for the request history; who made it goes
        await col('claims')
          .where({ openid: person.openid, status: 'pending' })
          .update({ data: { status: 'withdrawn' } })
        await col('claims')
          .where({ openid: person.openid })
          .update({ data: { name: '', phone: '', openid: '' } })
      }
      await col('audit')
        .where({ actorId: person._id })
        .update({ data: { actorName: name } })
      // no more messages: the subscriptions go (the WeChat identity is the person's, and goes with it below)
      await subscriptionStore(db).forget(person._id)
      // notices they published keep the unit that spoke (和平里社区 · 许玉兰 → 和平里社区); relays keep their note
      const signature = ` · ${person.name}`
      const signed = await all<Pick<NoticeDoc, '_id' | 'origin'>>(
        col('notices').where({ publisherId: person._id }).field({ _id: true, origin: true }),
      )
      for (const n of signed.filter((x) => x.origin.endsWith(signature)))
        await col('notices')
          .doc(n._id)
          .update({ data: { origin: n.origin.slice(0, -signature.length) } })
      await col('relays')
        .where({ by: person._id })
        .update({ data: { byName: '' } })
      await col('people')
        .doc(person._id)
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
            deletedAt: new Date(),
          },
        })
    },
  }
}

let store: PrivacyStore | null = null

/** The store over the function's own database (one per warm instance, like the SDK itself). */
export const privacyStore = (): PrivacyStore => (store ??= createPrivacyStore(getDatabase()))
