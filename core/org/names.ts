/** Unique names: where a unit's name must not repeat, and whether it does. */
import { ancestorPath, type Level, type Unit } from '../units'

/** Where a name must be unique: communities in their street, grids and buildings in their community (rosters
 * and residents name buildings without their grid). */
const scopeLevel = (level: Level): Level => (level === 'community' ? 'street' : 'community')

/** The path under which a unit of `level` placed under `parent` must have a name of its own; none above it. */
export const nameScope = (level: Level, parent: Pick<Unit, 'path'>): string | undefined =>
  ancestorPath(parent.path, scopeLevel(level))

/** Whether another unit in use, of this level, among `units` (those of the scope) is called `name`. */
export const nameTakenIn = (units: readonly Unit[], level: Level, name: string, except?: string): boolean =>
  units.some((u) => u.level === level && u.name === name && !u.retired && u._id !== except)
