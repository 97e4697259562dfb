/**
 * `testingSlots`: a building's slots in a round, written by testing.planSlots; `booked`, `done`, `doneSeconds` and
 * the call change only inside the transaction of the booking, done or call. Indexes (core/schema.ts):
 * roundId_1_buildingId_1_index_1 (a building's slots in order), roundId_1_siteIndex_1_startAt_1 (a site's slots).
 */
import type { TestingSlotDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, allIn, rows } from './query'

/** A building's slots or a site's are few (a plan makes at most 24 per building): one page holds a site's day. */
const SITE_SLOTS = 500

export interface TestingSlots {
  byIds(ids: readonly string[]): Promise<TestingSlotDoc[]>
  /** A building's slots in a round, in order. */
  ofBuilding(roundId: string, buildingId: string): Promise<TestingSlotDoc[]>
  /** A site's slots in a round, earliest first. */
  ofSite(roundId: string, siteIndex: number): Promise<TestingSlotDoc[]>
  /** Adds a slot unless its id exists (a repeated plan); false when it did. */
  add(doc: TestingSlotDoc): Promise<boolean>
}

export function testingSlots(db: Database): TestingSlots {
  const _ = db.command
  const col = () => db.collection('testingSlots')
  return {
    byIds: (ids) => allIn<TestingSlotDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    ofBuilding: (roundId, buildingId) =>
      rows<TestingSlotDoc>(col().where({ roundId, buildingId }).orderBy('index', 'asc').limit(SITE_SLOTS)),
    ofSite: (roundId, siteIndex) =>
      rows<TestingSlotDoc>(
        col().where({ roundId, siteIndex }).orderBy('startAt', 'asc').orderBy('_id', 'asc').limit(SITE_SLOTS),
      ),
    add: (doc) => addOnce(col(), doc),
  }
}
