/**
 * `audit`: append-only entries of unmasked reads and acts staff must be able to review. Entries are never changed,
 * except that a deleted actor loses their name. Indexes (core/schema.ts): unitPath_1_at_-1. The lookup by subject
 * (export) has no index of its own: it runs once per export, over one person's entries.
 */
import type { AuditDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, pathPrefix, rows } from './query'

export interface Audit {
  append(doc: Omit<AuditDoc, '_id'>): Promise<void>
  /** Whether an entry of this id exists (the bootstrap's fixed marker). */
  exists(id: string): Promise<boolean>
  /** Entries about units under `path`, newest first. */
  under(path: string, skip: number, limit: number): Promise<{ total: number; rows: AuditDoc[] }>
  /** Entries that showed this person's data, newest first: as a person, or through their claims. */
  about(personId: string, claimIds?: readonly string[]): Promise<AuditDoc[]>
  /** A deleted person's name goes from the entries they made as an actor (their id stays). */
  renameActor(actorId: string, name: string): Promise<void>
}

export function audit(db: Database): Audit {
  const _ = db.command
  const col = () => db.collection('audit')
  return {
    async append(doc) {
      await col().add({ data: doc })
    },
    exists: async (id) => (await rows(col().where({ _id: id }).limit(1))).length > 0,
    async under(path, skip, limit) {
      const query = col().where({ unitPath: pathPrefix(db, path) })
      const [{ total }, page] = await Promise.all([
        query.count() as unknown as Promise<{ total: number }>,
        rows<AuditDoc>(query.orderBy('at', 'desc').orderBy('_id', 'desc').skip(skip).limit(limit)),
      ])
      return { total, rows: page }
    },
    async about(personId, claimIds = []) {
      // an array field equal to a value matches the arrays that contain it
      const [asPerson, asClaimant] = await Promise.all([
        all<AuditDoc>(col().where({ subjectIds: personId })),
        allIn<AuditDoc>(claimIds, (slice) => col().where({ claimIds: _.in(slice) })),
      ])
      const entries = [...new Map([...asPerson, ...asClaimant].map((e) => [e._id, e])).values()]
      return entries.sort((a, b) => +new Date(b.at) - +new Date(a.at))
    },
    async renameActor(actorId, name) {
      await col()
        .where({ actorId })
        .update({ data: { actorName: name } })
    },
  }
}
