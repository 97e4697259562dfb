/**
 * `councilMeetings`: a grid's council meetings (议事会), core/ids.ts meetingId. Written by the schedule transaction
 * (with the agenda's items and the proposals it holds) and by open / minutes / close. Reads: by id, and a grid's
 * meetings newest first in keyset pages (index gridId_1_startAt_-1): a page costs its rows.
 */
import type { MeetingDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, first, rows } from './query'

export interface MeetingCursor {
  startAt: Date
  id: string
}

export interface CouncilMeetings {
  get(id: string): Promise<MeetingDoc | null>
  /** Up to `limit` meetings of a grid, latest start first, after the cursor (the last row of the page before). */
  ofGrid(
    gridId: string,
    after: MeetingCursor | undefined,
    limit: number,
  ): Promise<{ rows: MeetingDoc[]; more: boolean }>
  /** A grid's meetings not closed (scheduled or open): what the schedule checks an agenda against. */
  notClosedOfGrid(gridId: string): Promise<MeetingDoc[]>
  /** A deleted person's name off the members lists they are on (privacy.requestDeletion, any number of times). */
  renameMember(personId: string, name: string): Promise<void>
  /** Meetings a person is a member of (their export and deletion). */
  ofMember(personId: string): Promise<MeetingDoc[]>
}

export function councilMeetings(db: Database): CouncilMeetings {
  const _ = db.command
  const col = () => db.collection('councilMeetings')
  return {
    get: (id) => first<MeetingDoc>(col().where({ _id: id })),
    async ofGrid(gridId, after, limit) {
      const where = after
        ? _.or([
            { gridId, startAt: _.lt(after.startAt) },
            { gridId, startAt: after.startAt, _id: _.lt(after.id) },
          ])
        : { gridId }
      const found = await rows<MeetingDoc>(
        col()
          .where(where)
          .orderBy('startAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    notClosedOfGrid: (gridId) => all<MeetingDoc>(col().where({ gridId, status: _.in(['scheduled', 'open']) })),
    ofMember: (personId) => all<MeetingDoc>(col().where({ 'members.personId': personId })),
    async renameMember(personId, name) {
      for (const m of await all<MeetingDoc>(col().where({ 'members.personId': personId }))) {
        const members = m.members.map((x) => (x.personId === personId ? { ...x, name } : x))
        await col().doc(m._id).update({ data: { members } })
      }
    },
  }
}
