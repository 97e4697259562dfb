/** The three heads (三长) of units, as the caller may see them. */
import type { HeadView } from '../contract'
import { HEAD_ROLES, headsInForce } from '../grants'
import type { PersonDoc } from '../model'
import type { Unit } from '../units'
import { visiblePhone, type Viewer } from './phone-visibility'

const HEAD_ORDER: readonly HeadView['role'][] = HEAD_ROLES

/**
 * Heads of each of `units`, by unit id, in the order residents expect them (grid chief, party leader, building
 * head). Only grants in force count (core/grants.ts): over a unit not retired, at the role's own level.
 */
export function headsByUnit(holders: readonly PersonDoc[], units: ReadonlyMap<string, Unit>, viewer: Viewer) {
  const byUnit = new Map<string, HeadView[]>()
  for (const person of holders) {
    const grants = headsInForce(person.roles, units)
    const phone = visiblePhone(viewer, {
      personId: person._id,
      householdId: person.householdId,
      homePath: person.homePath,
      phone: person.phone,
      heads: grants.map((g) => g.unit.path),
    })
    for (const { role, unit, wartimeGridId } of grants) {
      const view: HeadView = { role, personId: person._id, name: person.name, phone }
      if (role === 'buildingHead') view.unitName = unit.name
      // the temporary leader of a 战时网格 over the building, named so on 首页 (not taken for its 楼栋长)
      if (wartimeGridId) view.wartime = true
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
