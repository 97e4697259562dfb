/**
 * The buildings of a round's scope and their households, for the round's keepers (testing.round): walked down the
 * tree by parent, a page of one unit's children at a time (one `siblingKey` range each: a community's grids, then
 * each grid's buildings), and each building's households from its unit counter. What this reads is the scope's
 * grids and buildings whatever the district around them holds: a query over the scope's path by level took its
 * candidates from one key of `level_1_path_1` at a time, so it examined every building of the district (or every
 * unit under the scope), and the households were one aggregate over every household of the scope.
 */
import type { Unit } from '../../core/units'
import type { Data } from '../../server/data'
import { allChildren } from '../../server/paging'

/** Children read per call (a grid holds a handful of buildings, a community a few dozen grids). */
const CHILDREN_PAGE = 100

/** Every child of a unit (retired ones left out), by name, a page at a time. */
const childrenOf = (data: Data, parentId: string): Promise<Unit[]> => allChildren(data, parentId, CHILDREN_PAGE)

/** The scope's buildings (micro-grids), grid by grid, with the households each holds (its unit counter). */
export async function buildingsOfScope(
  data: Data,
  scopeUnitId: string,
): Promise<{ buildings: Unit[]; households: Map<string, number> }> {
  const buildings: Unit[] = []
  const walk = async (parentId: string): Promise<void> => {
    for (const u of await childrenOf(data, parentId)) {
      if (u.level === 'microgrid') buildings.push(u)
      else if (u.level === 'grid') await walk(u._id)
    }
  }
  await walk(scopeUnitId)
  const counters = await data.unitCounters.byIds(buildings.map((b) => b._id))
  return { buildings, households: new Map(counters.map((c) => [c._id, c.households])) }
}
