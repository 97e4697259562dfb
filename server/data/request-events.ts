/**
 * `requestEvents`: a request's timeline, append-only. Each event is written once, inside the transaction of its move,
 * under core/ids.ts requestEventId(requestId, seq): a retried or racing move names the same id and collides. Indexes
 * (core/schema.ts): requestId_1_seq_1 (a request's timeline in order).
 */
import type { RequestEventDoc } from '../../core/model'
import type { Database } from '../cloud'
import { rows } from './query'

/** The most events a detail page shows (a request moves a few dozen times at most; the rest stays stored). */
export const TIMELINE_MAX = 200

export interface RequestEvents {
  /** A request's events in order, at most `limit`. */
  ofRequest(requestId: string, limit?: number): Promise<RequestEventDoc[]>
}

export function requestEvents(db: Database): RequestEvents {
  const col = () => db.collection('requestEvents')
  return {
    ofRequest: (requestId, limit = TIMELINE_MAX) =>
      rows<RequestEventDoc>(col().where({ requestId }).orderBy('seq', 'asc').limit(limit)),
  }
}
