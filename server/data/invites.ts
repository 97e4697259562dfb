/** `invites`: invite links and join posters (tokens). Indexes (core/schema.ts): by _id, unitId_1. */
import type { InviteDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, first } from './query'

export interface Invites {
  add(doc: InviteDoc): Promise<void>
  get(token: string): Promise<InviteDoc | null>
  /** The join posters of a unit not yet revoked (expired ones too), newest first. */
  postersOf(unitId: string): Promise<InviteDoc[]>
  /** Revokes an invite: its token stops opening anything. */
  revoke(token: string, at: Date): Promise<void>
}

export function invites(db: Database): Invites {
  const _ = db.command
  const col = () => db.collection('invites')
  return {
    async add(doc) {
      await col().add({ data: doc })
    },
    get: (token) => first<InviteDoc>(col().where({ _id: token })),
    async postersOf(unitId) {
      const docs = await all<InviteDoc>(
        col().where({ unitId, kind: 'join', posterFileID: _.exists(true), revokedAt: _.exists(false) }),
      )
      return docs.sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
    },
    async revoke(token, at) {
      await col()
        .doc(token)
        .update({ data: { revokedAt: at } })
    },
  }
}
