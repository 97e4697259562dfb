/**
 * `testingRounds`: one document per testing round, written by testing.createRound and changed by planSlots (a
 * building planned, in a transaction) and the assignment job (its cursor). Indexes (core/schema.ts):
 * communityId_1_date_-1 (a community's rounds), workerIds_1_date_-1 (the sites a worker works), date_1 (the rounds
 * of the last days, for the counters' repair).
 */
import type { TestingRoundDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, first, rows } from './query'

export interface TestingRounds {
  get(id: string): Promise<TestingRoundDoc | null>
  /** Adds the round unless its id exists (a retried create); false when it did. */
  add(doc: TestingRoundDoc): Promise<boolean>
  /** A community's rounds, newest day first, a page. */
  ofCommunity(communityId: string, skip: number, limit: number): Promise<TestingRoundDoc[]>
  /** The rounds a person works at, on or after a Beijing day, soonest first. */
  ofWorker(personId: string, fromDay: string, limit: number): Promise<TestingRoundDoc[]>
  /** Rounds on or after a Beijing day, by id (the counters' repair: index date_1; at most `limit`). */
  fromDay(day: string, limit: number): Promise<TestingRoundDoc[]>
  /** Saves where the assignment job stopped. */
  saveAssign(id: string, assign: TestingRoundDoc['assign']): Promise<void>
  /** A deleted staff member's name off what they did as staff (`createdByName`; privacy.requestDeletion, any number of times). */
  renameStaff(personId: string, name: string): Promise<void>
}

export function testingRounds(db: Database): TestingRounds {
  const _ = db.command
  const col = () => db.collection('testingRounds')
  return {
    get: (id) => first<TestingRoundDoc>(col().where({ _id: id })),
    add: (doc) => addOnce(col(), doc),
    ofCommunity: (communityId, skip, limit) =>
      rows<TestingRoundDoc>(
        col().where({ communityId }).orderBy('date', 'desc').orderBy('_id', 'asc').skip(skip).limit(limit),
      ),
    ofWorker: (personId, fromDay, limit) =>
      rows<TestingRoundDoc>(
        col()
          .where({ workerIds: personId, date: _.gte(fromDay) })
          .orderBy('date', 'asc')
          .limit(limit),
      ),
    fromDay: (day, limit) =>
      rows<TestingRoundDoc>(
        col()
          .where({ date: _.gte(day) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    async saveAssign(id, assign) {
      await col().doc(id).update({ data: { assign } })
    },
    async renameStaff(personId, name) {
      await col()
        .where({ createdBy: personId })
        .update({ data: { createdByName: name } })
    },
  }
}
