/**
 * `requestEvents`: a request's timeline, append-only. Each event is written once, inside the transaction of its move,
 * under core/ids.ts requestEventId(requestId, seq): a retried or racing move names the same id and collides. Indexes
 * (core/schema.ts): requestId_1_seq_1 (a request's timeline in order), actorId_1 (a person's moves: their export,
 * and their deletion, the one rewrite an event ever gets: the actor's name leaves it).
 */
import type { RequestEventDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, rows } from './query'

/** The most events a detail page shows (a request moves a few dozen times at most; the rest stays stored). */
export const TIMELINE_MAX = 200

export interface RequestEvents {
  /** A request's events in order, at most `limit`. */
  ofRequest(requestId: string, limit?: number): Promise<RequestEventDoc[]>
  /** Every event a person made, page by page (privacy: their export, their deletion). */
  allOfActor(actorId: string): Promise<RequestEventDoc[]>
}

export function requestEvents(db: Database): RequestEvents {
  const col = () => db.collection('requestEvents')
  return {
    ofRequest: (requestId, limit = TIMELINE_MAX) =>
      rows<RequestEventDoc>(col().where({ requestId }).orderBy('seq', 'asc').limit(limit)),
    allOfActor: (actorId) => all<RequestEventDoc>(col().where({ actorId })),
  }
}
