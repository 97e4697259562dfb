/**
 * `repairCursors`: where a resumable repair walk stopped (`_id` = the walk's name, e.g. `unitStats`), read and
 * written whole by its timer between firings (cloudfunctions/dashboard/repair.ts). Read by id only. No index.
 */
import type { RepairCursorDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface RepairCursors {
  get(id: string): Promise<RepairCursorDoc | null>
  /** Writes the walk's position whole. */
  put(doc: RepairCursorDoc): Promise<void>
}

export function repairCursors(db: Database): RepairCursors {
  const col = () => db.collection('repairCursors')
  return {
    get: (id) => first<RepairCursorDoc>(col().where({ _id: id })),
    async put({ _id, ...doc }) {
      await col().doc(_id).set({ data: doc })
    },
  }
}
