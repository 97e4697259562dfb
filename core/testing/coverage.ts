/**
 * Coverage of a testing round (覆盖): per unit, households booked and done. The recount over the bookings is the
 * definition (`recount`); every booking and done adds its delta (`bookingDelta`) to the shard of its household at
 * every unit from the round's scope down to the building, in the same transaction (docs/data.md "Counters"). A
 * unit's figures are the sum of its shards. Door-to-done per slot: from the call (else the slot's start) to each
 * household done, against the 20-minute goal.
 */
import { pathIds } from '../units'
import { shardOf } from '../notices/reach'

export { shardOf }

export interface Counted {
  booked: number
  done: number
}

export const NONE: Counted = Object.freeze({ booked: 0, done: 0 })

/** What one booking counts: booked once it exists, done once marked. */
export const countedOf = (b: { doneAt: Date | null } | null): Counted =>
  b ? { booked: 1, done: b.doneAt ? 1 : 0 } : NONE

export const deltaOf = (before: Counted, after: Counted): Counted => ({
  booked: after.booked - before.booked,
  done: after.done - before.done,
})

export const isNone = (c: Counted): boolean => c.booked === 0 && c.done === 0

/** The units whose counters a household's booking moves: from the round's scope down to its building. */
export function countedUnitIds(scopePath: string, householdPath: string): string[] {
  if (!householdPath.startsWith(scopePath)) throw new Error(`${householdPath} is not under ${scopePath}`)
  const scopeDepth = pathIds(scopePath).length
  return pathIds(householdPath).slice(scopeDepth - 1, -1)
}

/** A unit's figures: the sum of its shards. */
export const sumShards = (shards: readonly Counted[]): Counted =>
  shards.reduce((s, c) => ({ booked: s.booked + c.booked, done: s.done + c.done }), NONE)

/** The recount: every unit's figures from the bookings of a round (the definition the counters must equal). */
export function recount(
  scopePath: string,
  bookings: readonly { path: string; doneAt: Date | null }[],
): Map<string, Counted> {
  const out = new Map<string, Counted>()
  for (const b of bookings) {
    const c = countedOf(b)
    for (const id of countedUnitIds(scopePath, b.path)) {
      const held = out.get(id) ?? NONE
      out.set(id, { booked: held.booked + c.booked, done: held.done + c.done })
    }
  }
  return out
}

/** Seconds from the call (else the slot's start) to a household done; never negative. */
export const doorSeconds = (slot: { calledAt: Date | null; startAt: Date }, doneAt: Date): number =>
  Math.max(0, Math.round((+doneAt - +(slot.calledAt ?? slot.startAt)) / 1000))

/** Median and worst door-to-done of a slot, in minutes (one decimal), and whether the worst is within the goal. */
export function doorToDone(
  seconds: readonly number[],
  goalMinutes: number,
): { medianMinutes: number | null; worstMinutes: number | null; withinGoal: boolean | null } {
  if (!seconds.length) return { medianMinutes: null, worstMinutes: null, withinGoal: null }
  const sorted = [...seconds].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  const worst = sorted[sorted.length - 1]
  const minutes = (s: number) => Math.round(s / 6) / 10
  return { medianMinutes: minutes(median), worstMinutes: minutes(worst), withinGoal: worst <= goalMinutes * 60 }
}

/** A unit's 16 shards of a round (core/notices/reach.ts REACH_SHARDS), by shard; a missing one is NONE. */
export type Shards = readonly Counted[]

export const sameCounted = (a: Counted, b: Counted): boolean => a.booked === b.booked && a.done === b.done

/** The recount of one building's shards from its bookings (every booking of a building counts in it). */
export function shardRecount(
  bookings: readonly { householdId: string; doneAt: Date | null }[],
  shards: number,
): Counted[] {
  const out: Counted[] = Array.from({ length: shards }, () => NONE)
  for (const b of bookings) {
    const s = shardOf(b.householdId)
    const c = countedOf(b)
    out[s] = { booked: out[s].booked + c.booked, done: out[s].done + c.done }
  }
  return out
}

/**
 * The units above the planned buildings a round counts in (from its scope down to each building's parent), each with
 * the buildings under it: a unit's shard is the sum of its buildings' (households are booked only into planned
 * buildings' slots).
 */
export function unitsAbove(
  scopePath: string,
  buildingPaths: readonly { id: string; path: string }[],
): Map<string, string[]> {
  const scopeDepth = pathIds(scopePath).length
  const out = new Map<string, string[]>()
  for (const b of buildingPaths) {
    if (!b.path.startsWith(scopePath)) continue
    for (const id of pathIds(b.path).slice(scopeDepth - 1, -1)) out.set(id, [...(out.get(id) ?? []), b.id])
  }
  return out
}
