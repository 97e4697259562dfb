/** `groups`: grid group chats bound by their openGId (core/ids.ts groupId). Indexes (core/schema.ts): gridId_1. */
import type { GroupDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, all, first, rebaseField } from './query'

export interface Groups {
  get(openGId: string): Promise<GroupDoc | null>
  ofGrid(gridId: string): Promise<GroupDoc[]>
  /** Binds a group unless it is bound already; the _id is the openGId, so only one first open wins. */
  bind(doc: GroupDoc): Promise<{ bound: GroupDoc; created: boolean }>
  unbind(openGId: string): Promise<void>
  /** Rewrites the gridPath of every group still under `from`. */
  rebase(from: string, to: string): Promise<number>
}

export function groups(db: Database): Groups {
  const col = () => db.collection('groups')
  const get = (openGId: string) => first<GroupDoc>(col().where({ _id: openGId }))
  return {
    get,
    ofGrid: (gridId) => all<GroupDoc>(col().where({ gridId })),
    async bind(doc) {
      if (await addOnce(col(), doc)) return { bound: doc, created: true }
      const existing = await get(doc._id)
      if (!existing) throw new Error(`group ${doc._id} refused as a duplicate but not found`)
      return { bound: existing, created: false }
    },
    async unbind(openGId) {
      await col().doc(openGId).remove()
    },
    rebase: (from, to) => rebaseField(db, col(), 'gridPath', from, to),
  }
}
