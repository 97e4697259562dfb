/**
 * `testingBookings`: one per household per round (core/ids.ts testingBookingId), written and changed only inside the
 * transaction that moves its slots' and units' counters. Indexes (core/schema.ts): householdId_1_startAt_-1 (a
 * household's slots, latest first), slotId_1 (a slot's households).
 */
import type { TestingBookingDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first, rows } from './query'

/** The most households a slot may hold (core/contract/testing.ts TESTING_LIMITS.capacity.max). */
const SLOT_ROWS = 50

export interface TestingBookings {
  get(id: string): Promise<TestingBookingDoc | null>
  byIds(ids: readonly string[]): Promise<TestingBookingDoc[]>
  /** A household's bookings, latest slot first. */
  ofHousehold(householdId: string, limit: number): Promise<TestingBookingDoc[]>
  /** A slot's households, by door. */
  ofSlot(slotId: string): Promise<TestingBookingDoc[]>
  /** A round's bookings in id order after `after` (its ids start with the round's: the _id index walks them). */
  ofRound(roundId: string, after: string, limit: number): Promise<TestingBookingDoc[]>
}

export function testingBookings(db: Database): TestingBookings {
  const _ = db.command
  const col = () => db.collection('testingBookings')
  return {
    get: (id) => first<TestingBookingDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<TestingBookingDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    ofHousehold: (householdId, limit) =>
      rows<TestingBookingDoc>(col().where({ householdId }).orderBy('startAt', 'desc').limit(limit)),
    ofSlot: (slotId) => rows<TestingBookingDoc>(col().where({ slotId }).orderBy('door', 'asc').limit(SLOT_ROWS)),
    ofRound: (roundId, after, limit) =>
      rows<TestingBookingDoc>(
        col()
          .where({ roundId, _id: _.gt(after || `${roundId}_`) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
  }
}
