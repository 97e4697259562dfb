/** Whether a name is taken where a unit would be placed: creating, renaming and moving all ask. */
import { nameScope, nameTakenIn } from '../../core/org/names'
import type { Level, Unit } from '../../core/units'
import type { Data } from '../../server/data'

/** Another unit in use, of this level, already called `name` where it would be placed (under `parent`). */
export async function nameTaken(
  data: Data,
  level: Level,
  name: string,
  parent: Unit,
  except?: string,
): Promise<boolean> {
  const scope = nameScope(level, parent)
  if (!scope) return false
  return nameTakenIn(await data.units.under(scope, false), level, name, except)
}
