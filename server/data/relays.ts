/** `relays`: a grid chief's relay of a notice into the grid's group (core/ids.ts relayId). Indexes: noticeId_1. */
import { relayId } from '../../core/ids'
import type { RelayDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first } from './query'

export interface Relays {
  get(noticeId: string, gridId: string): Promise<RelayDoc | null>
  ofNotices(noticeIds: readonly string[]): Promise<RelayDoc[]>
  /** Creates or replaces the relay of a notice into one grid (the note may change; the notice never does). */
  put(doc: RelayDoc): Promise<void>
  /** A deleted grid chief's name goes from their relays (the note stays). */
  unsign(by: string): Promise<void>
}

export function relays(db: Database): Relays {
  const _ = db.command
  const col = () => db.collection('relays')
  return {
    get: (noticeId, gridId) => first<RelayDoc>(col().where({ _id: relayId(noticeId, gridId) })),
    ofNotices: (noticeIds) => allIn<RelayDoc>(noticeIds, (slice) => col().where({ noticeId: _.in(slice) })),
    async put({ _id, ...data }) {
      await col().doc(_id).set({ data })
    },
    async unsign(by) {
      await col()
        .where({ by })
        .update({ data: { byName: '' } })
    },
  }
}
