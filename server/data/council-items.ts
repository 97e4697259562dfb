/**
 * `councilItems`: one agenda item of a council meeting (core/ids.ts meetingItemId), written by the schedule
 * transaction and then only inside the vote, in-person record and close transactions (tx.councilItems), together
 * with the votes its tally counts (and a deletion's renaming of a task's owner). Reads: a meeting's items by id (the
 * ids follow from the meeting's agenda).
 */
import type { MeetingItemDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, first } from './query'

export interface CouncilItems {
  get(id: string): Promise<MeetingItemDoc | null>
  byIds(ids: readonly string[]): Promise<MeetingItemDoc[]>
  /** The items whose decision's task a person owns (their deletion renames each with its request and notice in a
   * transaction: cloudfunctions/privacy/staff.ts; index task.ownerId_1, page by page). */
  ownedBy(personId: string): Promise<MeetingItemDoc[]>
}

export function councilItems(db: Database): CouncilItems {
  const _ = db.command
  const col = () => db.collection('councilItems')
  return {
    get: (id) => first<MeetingItemDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<MeetingItemDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    ownedBy: (personId) => all<MeetingItemDoc>(col().where({ 'task.ownerId': personId })),
  }
}
