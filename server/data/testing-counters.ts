/**
 * `testingCounters`: booked and done households of a round under one unit, in shards (core/testing/coverage.ts).
 * Read by id (a unit and a page of its children: 16 shards each); written only by `moveTestingInTx`, inside the
 * transaction of the booking or done it counts, and by the repair (cloudfunctions/testing/repair-counters.ts) in a
 * transaction that finds the shard as it read it. Index (core/schema.ts): roundId_1 (a round's counters, for tests).
 */
import { REACH_SHARDS } from '../../core/notices/reach'
import { testingCounterId } from '../../core/ids'
import type { TestingCounterDoc } from '../../core/model'
import { isNone, NONE, shardOf, sumShards, type Counted } from '../../core/testing/coverage'
import type { Database } from '../cloud'
import { all, allIn } from './query'
import type { TxData } from './tx'

export interface TestingCounters {
  /** Each unit's figures in the round, summed over its shards (a unit with none reads as zeros). */
  figures(roundId: string, unitIds: readonly string[]): Promise<Map<string, Counted>>
  /** Every counter of a round (tests, the recount). */
  ofRound(roundId: string): Promise<TestingCounterDoc[]>
  /** Each unit's 16 shards in the round, by shard (a missing one reads as zeros): the repair's reads, by id. */
  shardsOf(roundId: string, unitIds: readonly string[]): Promise<Map<string, Counted[]>>
}

export function testingCounters(db: Database): TestingCounters {
  const _ = db.command
  const col = () => db.collection('testingCounters')
  return {
    async figures(roundId, unitIds) {
      const ids = unitIds.flatMap((u) =>
        Array.from({ length: REACH_SHARDS }, (_x, s) => testingCounterId(roundId, u, s)),
      )
      const docs = await allIn<TestingCounterDoc>(ids, (slice) => col().where({ _id: _.in(slice) }))
      return new Map(unitIds.map((u) => [u, sumShards(docs.filter((d) => d.unitId === u))]))
    },
    ofRound: (roundId) => all<TestingCounterDoc>(col().where({ roundId })),
    async shardsOf(roundId, unitIds) {
      const ids = unitIds.flatMap((u) =>
        Array.from({ length: REACH_SHARDS }, (_x, s) => testingCounterId(roundId, u, s)),
      )
      const docs = new Map(
        (await allIn<TestingCounterDoc>(ids, (slice) => col().where({ _id: _.in(slice) }))).map((d) => [d._id, d]),
      )
      return new Map(
        unitIds.map((u) => [
          u,
          Array.from({ length: REACH_SHARDS }, (_x, s) => {
            const d = docs.get(testingCounterId(roundId, u, s))
            return d ? { booked: d.booked, done: d.done } : NONE
          }),
        ]),
      )
    },
  }
}

/** Inside a transaction: adds a household's delta to its shard of each unit (get + set: racing changes conflict). */
export async function moveTestingInTx(
  tx: TxData,
  roundId: string,
  householdId: string,
  unitIds: readonly string[],
  delta: Counted,
): Promise<void> {
  if (isNone(delta)) return
  const shard = shardOf(householdId)
  for (const unitId of unitIds) {
    const id = testingCounterId(roundId, unitId, shard)
    const held = await tx.testingCounters.get(id)
    await tx.testingCounters.set(id, {
      roundId,
      unitId,
      shard,
      booked: (held?.booked ?? 0) + delta.booked,
      done: (held?.done ?? 0) + delta.done,
    })
  }
}
