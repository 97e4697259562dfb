/** Rules shared by creating, renaming and moving units: which level sits under which, and unique names. */
import { ancestorPath, type Level, type Unit } from '../../../core/units'
import type { TreeStore } from '../../../server/tree-store'

/** The level a unit of each level must sit under (streets and households are not placed by staff). */
export const PARENT_LEVEL: Partial<Record<Level, Level>> = {
  community: 'street',
  grid: 'community',
  microgrid: 'grid',
}

/** Where a name must be unique: communities in their street, grids and buildings in their community (rosters
 * and residents name buildings without their grid). */
const scopeLevel = (level: Level): Level => (level === 'community' ? 'street' : 'community')

/** Another unit in use, of this level, already called `name` where it would be placed (under `parent`). */
export async function nameTaken(
  store: TreeStore,
  level: Level,
  name: string,
  parent: Unit,
  except?: string,
): Promise<boolean> {
  const scope = ancestorPath(parent.path, scopeLevel(level))
  if (!scope) return false
  const units = await store.unitsUnder(scope, false)
  return units.some((u) => u.level === level && u.name === name && !u.retired && u._id !== except)
}
