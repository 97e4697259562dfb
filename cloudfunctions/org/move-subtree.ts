/**
 * Moving a subtree: the unit's path and everything under it, and every document that names a path under it.
 * Transactions on this platform cover single documents only, so a move is a sequence of single-document writes
 * ordered so that a crash at any point leaves a state the same call, repeated, finishes.
 */
import { figuresOf, negate } from '../../core/grid/counters'
import { unfinishedMoves } from '../../core/org/move'
import { pathIds, type PendingMove, type StoredUnit } from '../../core/units'
import type { Data } from '../../server/data'
import { moveInTx } from '../../server/data/unit-counters'
import { shiftReach } from '../../server/reach-move'

/**
 * Order, for a crash at any point: (1) record the move on the unit itself (one document, atomic), then in one
 * transaction shift the subtree's counters from the old ancestors to the new and mark the record `counted` (a
 * resumed move finds the mark and shifts nothing twice), and shift the reach of every notice the same way, shard
 * by shard, each marked with the move's destination (server/reach-move.ts); (2) rewrite the paths of everything under it: units, then people's homePath, subscriptions' homePath,
 * claims' householdPath, bound groups' gridPath and the unitPaths of notices published to units under it —
 * each document independently, those already rewritten no longer match the old prefix; (3) last, the unit's own
 * path and parent, clearing the record (the counters' paths are rewritten in (2) too). Until (3) the tree still shows the unit under its old parent; a repeated
 * move (moveUnit resumes any recorded move first) redoes only what (2) had not reached, then (3).
 * Returns how many units (the moved one included) and people moved.
 */
export async function moveSubtree(
  data: Data,
  unit: StoredUnit,
  move: PendingMove,
): Promise<{ moved: number; people: number }> {
  if (!unit.moving) await data.units.update(unit._id, { moving: move })
  const { fromPath, toPath, parentId } = move
  await shiftCounters(data, unit._id)
  await shiftReach(data, unit._id, move)
  const moved = await data.units.rebase(fromPath, toPath, unit._id)
  await data.unitCounters.rebase(fromPath, toPath)
  const people = await data.people.rebaseHomes(fromPath, toPath)
  await data.subscriptions.rebase(fromPath, toPath)
  await data.claims.rebase(fromPath, toPath)
  await data.groups.rebase(fromPath, toPath)
  await data.notices.rebasePaths(fromPath, toPath)
  await data.units.clearMove(unit._id, toPath, parentId)
  return { moved: moved + 1, people }
}

/** Finishes moves a crash interrupted at or under `unit` (deepest first), and returns the unit as it now is. */
export async function finishUnfinishedMoves(data: Data, unit: StoredUnit): Promise<StoredUnit> {
  const pending = unfinishedMoves(await data.units.under(unit.path, false))
  for (const u of pending) {
    const fresh = await data.units.get(u._id)
    if (fresh?.moving) await moveSubtree(data, fresh, fresh.moving)
  }
  return pending.length ? ((await data.units.get(unit._id)) as StoredUnit) : unit
}

/** The moved subtree's figures off the old ancestors and onto the new, once per move record. */
async function shiftCounters(data: Data, unitId: string): Promise<void> {
  await data.transaction(async (tx) => {
    const unit = await tx.units.get(unitId)
    const move = unit?.moving
    if (!move || move.counted) return
    const held = figuresOf(await tx.unitCounters.get(unitId))
    const above = (path: string) => pathIds(path).slice(0, -1)
    await moveInTx(
      tx,
      [
        { ids: above(move.fromPath), path: move.fromPath, delta: negate(held) },
        { ids: above(move.toPath), path: move.toPath, delta: held },
      ],
      new Date(),
    )
    await tx.units.update(unitId, { moving: { ...move, counted: true } })
  })
}
