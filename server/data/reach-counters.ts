/**
 * `reachCounters`: one shard of the households under one unit (building, grid, community, street) a notice reached
 * (core/ids.ts reachCounterId), a cache of the receipts moved at every level in the same transaction
 * (server/reach-ledger.ts). Read by id, so a reach costs its rows × REACH_SHARDS documents whatever lies below.
 * Indexes (core/schema.ts): noticeId_1, unitId_1 (a moved unit's shards, server/reach-move.ts).
 */
import { reachCounterId } from '../../core/ids'
import type { ReachCounterDoc } from '../../core/model'
import { REACH_SHARDS } from '../../core/notices/reach'
import type { Database } from '../cloud'
import { allIn, rows } from './query'

export interface ReachCounters {
  /** Households reached per unit by one notice: the sum of each unit's shards (absent: 0). */
  reachedIn(noticeId: string, unitIds: readonly string[]): Promise<Map<string, number>>
  /** Which of these counter documents exist (ids from core/ids.ts reachCounterId). */
  existing(ids: readonly string[]): Promise<Set<string>>
  /** Households reached per notice: the sum of the shards of its published units (`units` by notice id). */
  totals(units: ReadonlyMap<string, readonly string[]>): Promise<Map<string, number>>
  /** Up to `limit` of a moved unit's shards (every notice) not yet shifted by its move to `toPath`. */
  toShift(unitId: string, toPath: string, limit: number): Promise<ReachCounterDoc[]>
}

const shardIds = (noticeId: string, unitId: string) =>
  Array.from({ length: REACH_SHARDS }, (_, s) => reachCounterId(noticeId, unitId, s))

export function reachCounters(db: Database): ReachCounters {
  const _ = db.command
  const col = () => db.collection('reachCounters')
  const read = (ids: string[]) =>
    allIn<Pick<ReachCounterDoc, 'noticeId' | 'unitId' | 'reached'>>(ids, (slice) =>
      col()
        .where({ _id: _.in(slice) })
        .field({ noticeId: true, unitId: true, reached: true }),
    )
  return {
    async reachedIn(noticeId, unitIds) {
      const out = new Map<string, number>(unitIds.map((id) => [id, 0]))
      for (const c of await read(unitIds.flatMap((u) => shardIds(noticeId, u))))
        out.set(c.unitId, (out.get(c.unitId) ?? 0) + c.reached)
      return out
    },
    async existing(ids) {
      const found = await allIn<{ _id: string }>(ids, (slice) =>
        col()
          .where({ _id: _.in(slice) })
          .field({ _id: true }),
      )
      return new Set(found.map((c) => c._id))
    },
    async totals(units) {
      const out = new Map<string, number>([...units.keys()].map((id) => [id, 0]))
      const ids = [...units].flatMap(([noticeId, unitIds]) => unitIds.flatMap((u) => shardIds(noticeId, u)))
      for (const c of await read(ids)) out.set(c.noticeId, (out.get(c.noticeId) ?? 0) + c.reached)
      return out
    },
    toShift: (unitId, toPath, limit) =>
      rows<ReachCounterDoc>(
        col()
          .where({ unitId, movedTo: _.neq(toPath) })
          .limit(limit),
      ),
  }
}
