/** grid.me (首页): which grid the signed-in person's page is about, and how their roles and address read. */
import type { RoleView } from '../contract'
import type { ScopedGrant } from '../permissions'
import { LEADER_ROLES } from '../roles'
import { ancestorAt, doorLabel, type Unit } from '../units'

/**
 * The path whose grid the page shows: the person's home, else the first role they lead at grid level or below
 * (a grid chief living elsewhere); undefined when neither.
 */
export const focusPath = (homePath: string | undefined, grants: readonly ScopedGrant[]): string | undefined =>
  homePath ?? grants.find((g) => LEADER_ROLES.includes(g.role) && ancestorAt(g.path, 'grid'))?.path

/** The person's grants in force, each with the unit it is held over (every one of them is in `units`). */
export const roleViews = (grants: readonly ScopedGrant[], units: ReadonlyMap<string, Unit>): RoleView[] =>
  grants.map((g) => {
    const unit = units.get(g.unitId) as Unit
    const view: RoleView = { role: g.role, unitId: g.unitId, unitName: unit.name, level: unit.level }
    return g.departmentId ? { ...view, departmentId: g.departmentId } : view
  })

/** A household's address as residents write it: street, community, then the door. */
export const homeAddress = (
  street: Pick<Unit, 'name'> | undefined,
  community: Pick<Unit, 'name'> | undefined,
  home: Pick<Unit, 'building' | 'entrance' | 'room'>,
): string => `${street?.name ?? ''}${community?.name ?? ''}${doorLabel(home)}`
