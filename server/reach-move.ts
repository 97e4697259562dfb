/**
 * Reach counters follow a moved unit. When a building moves to another grid (or a grid to another community), the
 * households it holds were counted, for every notice, in the shards of its old ancestors; they must count under the
 * new ones. The moved unit's own shards (one per notice and shard, `reached` = its households reached in that
 * shard) say exactly how much: each is taken off the ancestors it leaves and put on those it joins, the street (and
 * a community it stays in) untouched.
 *
 * Bounded and resumable: the unit's shards are shifted in batches of SHIFT_BATCH, each shard in its own
 * transaction that re-reads it and marks it `movedTo` = the move's destination, so a repeated move (org resumes an
 * interrupted one, cloudfunctions/org/move-subtree.ts) shifts only what it had not reached and never twice; a later
 * move to another place shifts everything again (its destination differs). Shards of different numbers or notices
 * share no document, so a batch runs WRITE_CONCURRENCY transactions at once.
 *
 * Called before the paths under the unit are rewritten. A 收到 in the building during the move that lands after its
 * shard was shifted but before its household's path is rewritten still counts under the old ancestors (the window
 * of the unit counters, docs/data.md "Counters").
 */
import { reachCounterId } from '../core/ids'
import { reachShift } from '../core/notices/reach'
import type { PendingMove } from '../core/units'
import { eachBounded, WRITE_CONCURRENCY } from './bounded'
import type { Data } from './data'

/** Shards read per batch. */
export const SHIFT_BATCH = 100

/** Shifts every shard of `unitId`'s reach (all notices) by `move`; returns how many it shifted. */
export async function shiftReach(data: Data, unitId: string, move: Pick<PendingMove, 'fromPath' | 'toPath'>) {
  const { leaves, joins } = reachShift(move.fromPath, move.toPath)
  let shifted = 0
  const seen = new Set<string>()
  for (;;) {
    const batch = (await data.reachCounters.toShift(unitId, move.toPath, SHIFT_BATCH)).filter((c) => !seen.has(c._id))
    if (!batch.length) return shifted
    await eachBounded(batch, WRITE_CONCURRENCY, async ({ _id }) => {
      seen.add(_id)
      const moved = await data.transaction(async (tx) => {
        const own = await tx.reachCounters.get(_id)
        if (!own || own.movedTo === move.toPath) return false
        const at = (unitId: string) => reachCounterId(own.noticeId, unitId, own.shard)
        for (const u of leaves) {
          const c = await tx.reachCounters.get(at(u.unitId))
          if (c) await tx.reachCounters.update(at(u.unitId), { reached: c.reached - own.reached })
        }
        for (const u of joins) {
          const c = await tx.reachCounters.get(at(u.unitId))
          if (c) await tx.reachCounters.update(at(u.unitId), { reached: c.reached + own.reached })
          else
            await tx.reachCounters.set(at(u.unitId), {
              noticeId: own.noticeId,
              unitId: u.unitId,
              level: u.level,
              shard: own.shard,
              reached: own.reached,
            })
        }
        await tx.reachCounters.update(_id, { movedTo: move.toPath })
        return true
      })
      if (moved) shifted++
    })
  }
}
