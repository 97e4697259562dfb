/** `reminders`: one reminder of a notice to the unreached under a unit per Beijing day (core/ids.ts reminderId). */
import type { ReminderDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, first } from './query'

export interface Reminders {
  get(id: string): Promise<ReminderDoc | null>
  /** Creates the day's reminder; false when it already exists (someone reminded this unit today). */
  create(doc: ReminderDoc): Promise<boolean>
  setSent(id: string, sent: number): Promise<void>
  /** Gives the day's reminder back: it sent nothing. */
  remove(id: string): Promise<void>
}

export function reminders(db: Database): Reminders {
  const col = () => db.collection('reminders')
  return {
    get: (id) => first<ReminderDoc>(col().where({ _id: id })),
    create: (doc) => addOnce(col(), doc),
    async setSent(id, sent) {
      await col().doc(id).update({ data: { sent } })
    },
    async remove(id) {
      await col().doc(id).remove()
    },
  }
}
