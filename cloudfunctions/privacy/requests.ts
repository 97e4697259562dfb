/**
 * What requests stored about a person: gathered for their export (privacy.exportMyData), and made to follow their
 * deletion (privacy.requestDeletion). The requests themselves stay — the grid still has to fix the lamp — and
 * nothing on them names the person any more (core/privacy/requests.ts says how each label reads):
 * - every request they reported, or made a move on, is rewritten with its events in ONE transaction per request, so
 *   a request and its timeline never disagree, and a move racing the rewrite conflicts and retries;
 * - every follower row of theirs (reporter or 我也遇到了) stops counting in the transaction that lowers the request's
 *   followerCount, then is removed (core/privacy/requests.ts leavingFollower).
 * Their photos go with the rest of their files (server/uploads.ts deleteFilesOf), their request messages with their
 * subscriptions (cloudfunctions/privacy/anonymise.ts). Each step re-reads what it changes: a deletion asked again
 * after a crash repeats nothing that was done.
 */
import { requestEventId } from '../../core/ids'
import type { PersonDoc, RequestEventDoc } from '../../core/model'
import { forgetInRequest, leavingFollower, type RequestFacts } from '../../core/privacy/requests'
import type { Data } from '../../server/data'

export async function requestsOf(data: Data, personId: string): Promise<RequestFacts> {
  const [reported, follows, acted] = await Promise.all([
    data.requests.allOfReporter(personId),
    data.requestFollowers.allOfPerson(personId),
    data.requestEvents.allOfActor(personId),
  ])
  const followed = await data.requests.byIds(follows.filter((f) => f.kind === 'follower').map((f) => f.requestId))
  return { reported, follows, followed, acted }
}

export async function forgetRequests(data: Data, person: PersonDoc, name: string): Promise<void> {
  const [reported, acted] = await Promise.all([
    data.requests.allOfReporter(person._id),
    data.requestEvents.allOfActor(person._id),
  ])
  // what a deletion cut off before (a timeout, a kill) already rewrote is skipped unread: each request is rewritten
  // whole in its transaction, so one whose events are all forgotten is done; asking again always gets further
  const eventsOf = new Map<string, RequestEventDoc[]>()
  for (const e of acted) if (e.actorName !== name) eventsOf.set(e.requestId, [...(eventsOf.get(e.requestId) ?? []), e])
  const open = reported.filter((r) => r.reporterLabel !== name || !r.anonymous).map((r) => r._id)
  for (const id of new Set([...open, ...eventsOf.keys()])) {
    await data.transaction(async (tx) => {
      const r = await tx.requests.get(id)
      if (!r) return
      const ids = new Set([...(eventsOf.get(id) ?? []).map((e) => e._id), requestEventId(id, r.seq)])
      const theirs: RequestEventDoc[] = []
      for (const eventId of ids) {
        const e = await tx.requestEvents.get(eventId)
        if (e?.actorId === person._id) theirs.push(e)
      }
      const f = forgetInRequest(r, person._id, theirs, name)
      if (f.request) await tx.requests.update(id, f.request)
      for (const e of f.events)
        await tx.requestEvents.update(e.id, { actorLabel: e.actorLabel, actorName: e.actorName })
    })
  }

  const leaving = leavingFollower(person._id)
  // a merge running meanwhile may have made them a follower of its survivor after the first read: read again
  for (let round = 0; round < FOLLOW_ROUNDS; round++) {
    const rows = await data.requestFollowers.allOfPerson(person._id)
    for (const row of rows) {
      await data.transaction(async (tx) => {
        const fresh = await tx.requestFollowers.get(row._id)
        if (fresh?.personId !== person._id) return
        const r = await tx.requests.get(fresh.requestId)
        if (r) await tx.requests.update(r._id, { followerCount: Math.max(0, r.followerCount - 1) })
        await tx.requestFollowers.update(row._id, { personId: leaving })
      })
    }
    // the rows marked now, and any a deletion cut off before this step left marked
    await data.requestFollowers.removeOfPerson(leaving)
    if (!rows.length) break
  }
}

/** Reads of their follower rows at most (one finds them all unless a merge races the deletion). */
const FOLLOW_ROUNDS = 3
