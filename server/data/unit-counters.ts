/**
 * `unitCounters`: the figures of each unit's subtree (core/grid/counters.ts), a cache of units, people and claims.
 * Reads: by id (the overview: a unit and its children), under a path (the repair). Writes: `moveInTx`, inside
 * the transaction of the change that moves them (get + set, so two changes conflict and retry instead of one
 * losing the other's increment); `put` and `rebase` for the repair and for moves. Indexes: path_1.
 */
import { figuresOf, isZero, pathOf, plus, type CounterMove, type Figures } from '../../core/grid/counters'
import type { UnitCounterDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, pathPrefix, rebaseField } from './query'
import type { TxData } from './tx'

export type { CounterMove } from '../../core/grid/counters'

export interface UnitCounters {
  /** The counters of these units; a unit with none is missing (read it as zeros). */
  byIds(ids: readonly string[]): Promise<UnitCounterDoc[]>
  /** Every counter at or under `path`. */
  under(path: string): Promise<UnitCounterDoc[]>
  /** Writes one counter whole (the repair's mend, the seed). */
  put(doc: UnitCounterDoc): Promise<void>
  /** Rewrites the path of every counter still under `from` (a move); how many. */
  rebase(from: string, to: string): Promise<number>
}

export function unitCounters(db: Database): UnitCounters {
  const _ = db.command
  const col = () => db.collection('unitCounters')
  return {
    byIds: (ids) => allIn<UnitCounterDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    under: (path) => all<UnitCounterDoc>(col().where({ path: pathPrefix(db, path) })),
    async put({ _id, ...doc }) {
      await col().doc(_id).set({ data: doc })
    },
    rebase: (from, to) => rebaseField(db, col(), 'path', from, to),
  }
}

/**
 * Inside a transaction: adds each move's delta to the counters it names (several moves on one unit add up first,
 * each counter is read and written once). Safe to run again: the transaction re-reads every counter.
 */
export async function moveInTx(tx: TxData, moves: readonly CounterMove[], at: Date): Promise<void> {
  const sums = new Map<string, { path: string; delta: Figures }>()
  for (const m of moves) {
    if (isZero(m.delta)) continue
    for (const id of m.ids) {
      const s = sums.get(id)
      sums.set(id, { path: s?.path ?? pathOf(m.path, id), delta: s ? plus(s.delta, m.delta) : m.delta })
    }
  }
  for (const [id, { path, delta }] of sums) {
    if (isZero(delta)) continue
    const held = await tx.unitCounters.get(id)
    await tx.unitCounters.set(id, { ...plus(figuresOf(held), delta), path: held?.path ?? path, updatedAt: at })
  }
}
