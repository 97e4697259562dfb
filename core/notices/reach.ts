/**
 * A notice's reach, counted per unit at every level (building, grid, community, street) in sharded counters, and
 * read one level below the unit a leader looks at: a street shows its communities, a community its grids, a grid
 * its buildings.
 *
 * Shards: a household always counts in the same shard (shardOf its id) at every level, so two acks collide only
 * when their households share a shard (1 in REACH_SHARDS), whatever level they meet at; a unit's reach is the sum
 * of its shards.
 */
import { LEVELS, pathIds, type Level } from '../units'

/** Shards per unit: concurrent acks of different households rarely touch the same counter. */
export const REACH_SHARDS = 16

export type CountedLevel = Exclude<Level, 'household'>

/** The shard a household counts in (FNV-1a of its id): stable, spread evenly. */
export function shardOf(householdId: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < householdId.length; i++) {
    h ^= householdId.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h % REACH_SHARDS
}

/** The units whose counters a household's receipt moves: every ancestor above it, street first. */
export function countedUnits(householdPath: string): { unitId: string; level: CountedLevel }[] {
  const ids = pathIds(householdPath)
  if (ids.length !== LEVELS.length) throw new Error(`not a household path: ${householdPath}`)
  return ids.slice(0, -1).map((unitId, i) => ({ unitId, level: LEVELS[i] as CountedLevel }))
}

/** The units above a unit at `path` (street first), each with its level. */
const unitsAbove = (path: string): { unitId: string; level: CountedLevel }[] =>
  pathIds(path)
    .slice(0, -1)
    .map((unitId, i) => ({ unitId, level: LEVELS[i] as CountedLevel }))

/**
 * A unit moved from `fromPath` to `toPath` (a building to another grid, a grid to another community): the ancestors
 * its reach leaves and those it joins. The ones it keeps (its street, a community it stays in) do not change.
 */
export function reachShift(
  fromPath: string,
  toPath: string,
): { leaves: { unitId: string; level: CountedLevel }[]; joins: { unitId: string; level: CountedLevel }[] } {
  const before = unitsAbove(fromPath)
  const after = unitsAbove(toPath)
  const kept = (u: { unitId: string }, among: { unitId: string }[]) => among.some((a) => a.unitId === u.unitId)
  return { leaves: before.filter((u) => !kept(u, after)), joins: after.filter((u) => !kept(u, before)) }
}

/** The level a unit's reach is shown by (the one below it); a building has none (its households are listed). */
export function levelBelow(level: Level): CountedLevel | null {
  const next = LEVELS[LEVELS.indexOf(level) + 1]
  return next && next !== 'household' ? next : null
}

/** The unit a path names (its last id): the counters of an audience part are those of that unit. */
export const unitOfPath = (path: string): string => pathIds(path).at(-1) ?? ''

/** Rows per page of the level below (notices.reach's default): a unit with very many children is paged. */
export const REACH_PAGE = 20
