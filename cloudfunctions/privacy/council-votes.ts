/**
 * A person's council votes (core/privacy/council-votes.ts): read for their export; on their deletion every vote stays
 * (its item's tally is a recount of the votes, so nothing moves) and their name leaves the votes and the members
 * lists of the meetings they were on. Safe to run again.
 */
import { myVotes } from '../../core/privacy/council-votes'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'

export async function votesOf(data: Data, person: PersonDoc): Promise<ReturnType<typeof myVotes>> {
  const votes = await data.councilVotes.ofPerson(person._id)
  if (!votes.length) return []
  const [meetings, items] = await Promise.all([
    Promise.all([...new Set(votes.map((v) => v.meetingId))].map((id) => data.councilMeetings.get(id))),
    data.councilItems.byIds([...new Set(votes.map((v) => v.itemId))]),
  ])
  return myVotes(
    votes,
    new Map(meetings.flatMap((m) => (m ? [[m._id, m] as const] : []))),
    new Map(items.map((i) => [i._id, i])),
  )
}

export async function forgetVotes(data: Data, person: PersonDoc, name: string): Promise<void> {
  await data.councilVotes.anonymiseOf(person._id, name)
  await data.councilMeetings.renameMember(person._id, name)
}
