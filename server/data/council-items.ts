/**
 * `councilItems`: one agenda item of a council meeting (core/ids.ts meetingItemId), written by the schedule
 * transaction and then only inside the vote, in-person record and close transactions (tx.councilItems), together
 * with the votes its tally counts (and a deletion's renaming of a task's owner). Reads: a meeting's items by id (the
 * ids follow from the meeting's agenda).
 */
import type { MeetingItemDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first } from './query'

export interface CouncilItems {
  get(id: string): Promise<MeetingItemDoc | null>
  byIds(ids: readonly string[]): Promise<MeetingItemDoc[]>
  /** A deleted person's name off the decisions' tasks they own (privacy.requestDeletion; index task.ownerId_1). No
   * tally moves. */
  renameOwner(personId: string, name: string): Promise<void>
}

export function councilItems(db: Database): CouncilItems {
  const _ = db.command
  const col = () => db.collection('councilItems')
  return {
    get: (id) => first<MeetingItemDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<MeetingItemDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async renameOwner(personId, name) {
      await col()
        .where({ 'task.ownerId': personId })
        .update({ data: { 'task.ownerName': name } })
    },
  }
}
