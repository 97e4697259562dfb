/**
 * `testingSlots`: a building's slots in a round, written by testing.planSlots; `booked`, `done`, `doneSeconds` and
 * the call change only inside the transaction of the booking, done or call. Indexes (core/schema.ts):
 * roundId_1_buildingId_1_index_1 (a building's slots in order), roundId_1_siteIndex_1_startAt_1 (a site's slots).
 * A site's slots are read by id (the round lists each planned building with its site and number of slots, and slot
 * ids are deterministic): the query on roundId and siteIndex took its candidates from one key at a time, every slot
 * of the round (a community's round of 10 sites: 319 examined for a site's 32).
 */
import { testingSlotId } from '../../core/ids'
import type { TestingRoundDoc, TestingSlotDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, allIn, rows } from './query'

/** A building's slots or a site's are few (a plan makes at most 24 per building): one page holds a site's day. */
const SITE_SLOTS = 500

export interface TestingSlots {
  byIds(ids: readonly string[]): Promise<TestingSlotDoc[]>
  /** A building's slots in a round, in order. */
  ofBuilding(roundId: string, buildingId: string): Promise<TestingSlotDoc[]>
  /** A site's slots in a round, earliest first: those of the buildings planned at the site, by id. */
  ofSite(round: Pick<TestingRoundDoc, '_id' | 'planned'>, siteIndex: number): Promise<TestingSlotDoc[]>
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
    async ofSite(round, siteIndex) {
      const ids = round.planned
        .filter((p) => p.siteIndex === siteIndex)
        .flatMap((p) => Array.from({ length: p.slots }, (_x, i) => testingSlotId(round._id, p.buildingId, i)))
        .slice(0, SITE_SLOTS)
      const found = await allIn<TestingSlotDoc>(ids, (slice) => col().where({ _id: _.in(slice) }))
      return found
        .filter((s) => s.siteIndex === siteIndex)
        .sort((a, b) => +a.startAt - +b.startAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
    },
    add: (doc) => addOnce(col(), doc),
  }
}
