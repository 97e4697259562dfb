/**
 * `requestFollowers`: the people attached to a request — its reporter and whoever pressed 我也遇到了 —, one each
 * (core/ids.ts requestFollowerId). Written inside the transaction of the request's move: `requestUpdatedAt` is a copy
 * of the request's updatedAt, so "my requests" is one query ordered by it; a merge moves the rows to the survivor.
 * Indexes (core/schema.ts): personId_1_requestUpdatedAt_-1 (mine), requestId_1 (a request's followers).
 */
import type { RequestFollowerDoc } from '../../core/model'
import type { KeysetCursor } from '../../core/requests/cursor'
import type { Database } from '../cloud'
import { all, allIn, first, rows } from './query'

export interface RequestFollowers {
  get(id: string): Promise<RequestFollowerDoc | null>
  /** These rows (missing ones are left out): whether a person follows each of a page of requests. */
  byIds(ids: readonly string[]): Promise<RequestFollowerDoc[]>
  /** A person's requests (reported and followed), most recently changed first, ties by id; after the row `after`
   * names (keyset: a request reported meanwhile never shifts the next page). */
  ofPerson(personId: string, after: KeysetCursor | undefined, limit: number): Promise<RequestFollowerDoc[]>
  /** Every person attached to a request (read before the transaction that moves them). */
  ofRequest(requestId: string): Promise<RequestFollowerDoc[]>
  /**
   * Moves every row of a request to the request's change at `at` in one conditional update, forward only (an older
   * change arriving late never overwrites a newer one): after the transaction of a move with more followers than it
   * writes itself.
   */
  touch(requestId: string, at: Date): Promise<void>
  /** Every row of a person, page by page (privacy: their export, their deletion). */
  allOfPerson(personId: string): Promise<RequestFollowerDoc[]>
  /** Removes every row of a person id (a deleted person's rows, once they stopped counting:
   * core/privacy/requests.ts leavingFollower). */
  removeOfPerson(personId: string): Promise<void>
}

export function requestFollowers(db: Database): RequestFollowers {
  const _ = db.command
  const col = () => db.collection('requestFollowers')
  return {
    get: (id) => first<RequestFollowerDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<RequestFollowerDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    ofPerson(personId, after, limit) {
      const where =
        after && after.at
          ? _.or([
              { personId, requestUpdatedAt: _.lt(after.at) },
              { personId, requestUpdatedAt: after.at, _id: _.gt(after.id) },
            ])
          : { personId }
      return rows<RequestFollowerDoc>(
        col().where(where).orderBy('requestUpdatedAt', 'desc').orderBy('_id', 'asc').limit(limit),
      )
    },
    ofRequest: (requestId) => all<RequestFollowerDoc>(col().where({ requestId })),
    async touch(requestId, at) {
      await col()
        .where({ requestId, requestUpdatedAt: _.lt(at) })
        .update({ data: { requestUpdatedAt: at } })
    },
    allOfPerson: (personId) => all<RequestFollowerDoc>(col().where({ personId })),
    async removeOfPerson(personId) {
      await col().where({ personId }).remove()
    },
  }
}
