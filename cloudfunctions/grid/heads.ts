/** The three heads (三长) of units, as the caller may see them. */
import type { HeadView } from '../../core/contract'
import type { PersonDoc } from '../../core/model'
import { visiblePhone, type Viewer } from '../../core/privacy'
import { ROLE_SCOPE_LEVEL } from '../../core/roles'
import type { Unit } from '../../core/units'

const HEAD_ORDER: HeadView['role'][] = ['gridChief', 'partyLeader', 'buildingHead']

const isHeadRole = (role: string): role is HeadView['role'] => (HEAD_ORDER as string[]).includes(role)

/**
 * Heads of each of `units`, by unit id, in the order residents expect them (grid chief, party leader, building
 * head). A grant counts only where the unit sits at the role's own level (a grid chief heads a grid).
 */
export function headsByUnit(holders: readonly PersonDoc[], units: ReadonlyMap<string, Unit>, viewer: Viewer) {
  const byUnit = new Map<string, HeadView[]>()
  for (const person of holders) {
    const grants = person.roles.flatMap((g) => {
      const unit = units.get(g.unitId)
      return unit && isHeadRole(g.role) && ROLE_SCOPE_LEVEL[g.role] === unit.level ? [{ role: g.role, unit }] : []
    })
    const phone = visiblePhone(viewer, {
      personId: person._id,
      householdId: person.householdId,
      homePath: person.homePath,
      phone: person.phone,
      heads: grants.map((g) => g.unit.path),
    })
    for (const { role, unit } of grants) {
      const view: HeadView = { role, personId: person._id, name: person.name, phone }
      if (role === 'buildingHead') view.unitName = unit.name
      byUnit.set(unit._id, [...(byUnit.get(unit._id) ?? []), view])
    }
  }
  for (const views of byUnit.values()) {
    views.sort(
      (a, b) => HEAD_ORDER.indexOf(a.role) - HEAD_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, 'zh-CN'),
    )
  }
  return byUnit
}
