/**
 * A notice's reach under a unit, from the building counters: households and households reached per building, and
 * per grid as the sum of its buildings (there is no grid-level counter). Grids in name order, buildings grouped by
 * their grid in that order, by name inside it; a building whose grid is not found is left out.
 */
import { byName } from '../grid/order'
import { ancestorAt, type Unit } from '../units'

type Place = Pick<Unit, '_id' | 'name' | 'path'>

export interface Tally {
  households: number
  reached: number
}

export interface ReachTally<U extends Place> extends Tally {
  byGrid: (Tally & { grid: U })[]
  byBuilding: (Tally & { building: U; grid: U })[]
}

/** `households` and `reached` by building id (absent: 0); `grids` by id. */
export function tallyReach<U extends Place>(
  buildings: readonly U[],
  grids: ReadonlyMap<string, U>,
  households: ReadonlyMap<string, number>,
  reached: ReadonlyMap<string, number>,
): ReachTally<U> {
  const byGrid = new Map<string, Tally & { grid: U }>()
  const byBuilding: (Tally & { building: U; grid: U })[] = []
  for (const building of [...buildings].sort(byName)) {
    const grid = grids.get(ancestorAt(building.path, 'grid') ?? '')
    if (!grid) continue
    const row = { households: households.get(building._id) ?? 0, reached: reached.get(building._id) ?? 0 }
    byBuilding.push({ building, grid, ...row })
    const sum = byGrid.get(grid._id) ?? { grid, households: 0, reached: 0 }
    byGrid.set(grid._id, { grid, households: sum.households + row.households, reached: sum.reached + row.reached })
  }
  const gridRows = [...byGrid.values()].sort((a, b) => byName(a.grid, b.grid))
  const order = new Map(gridRows.map((g, i) => [g.grid._id, i]))
  byBuilding.sort((a, b) => (order.get(a.grid._id) ?? 0) - (order.get(b.grid._id) ?? 0))
  return {
    households: gridRows.reduce((n, g) => n + g.households, 0),
    reached: gridRows.reduce((n, g) => n + g.reached, 0),
    byGrid: gridRows,
    byBuilding,
  }
}
