/**
 * `statMarks`: a household or person counted once in a period's distinct figure (core/ids.ts statMarkId), written
 * by server/unit-stats.ts in the transaction that counts them. Read by id only (inside that transaction; the seed
 * writes them with `put`). No index.
 */
import type { StatMarkDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn } from './query'

export interface StatMarks {
  byIds(ids: readonly string[]): Promise<StatMarkDoc[]>
  put(doc: StatMarkDoc): Promise<void>
}

export function statMarks(db: Database): StatMarks {
  const _ = db.command
  const col = () => db.collection('statMarks')
  return {
    byIds: (ids) => allIn<StatMarkDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async put({ _id, ...doc }) {
      await col().doc(_id).set({ data: doc })
    },
  }
}
