/**
 * org.tree's counts from two reads, whatever the size of the tree: every household and every resident's home
 * counted at each unit on its path, and each unit's children (households left out) in name order.
 */
import { byName } from '../grid/order'
import { pathIds, type Unit } from '../units'

export interface TreeTally<U extends Unit> {
  households: Map<string, number>
  residents: Map<string, number>
  children: Map<string, U[]>
}

/** `units`: every unit at or under `top`, households included; `homes`: the homePath of each resident under it. */
export function tallyTree<U extends Unit>(top: Unit, units: readonly U[], homes: readonly string[]): TreeTally<U> {
  const households = new Map<string, number>()
  const residents = new Map<string, number>()
  const countUp = (counts: Map<string, number>, path: string) => {
    for (const id of pathIds(path)) counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  const children = new Map<string, U[]>()
  for (const u of units) {
    if (u.level === 'household') countUp(households, u.path)
    else if (u._id !== top._id && u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u])
  }
  for (const home of homes) countUp(residents, home)
  for (const list of children.values()) list.sort(byName)
  return { households, residents, children }
}
