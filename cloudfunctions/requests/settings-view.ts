/**
 * The settings in force for a unit's community and street, as the report page and the settings page read them
 * (requests.settings; requests.updateSettings answers with the same view). Who may read: anyone living in the
 * community, and anyone holding a role over a unit of it or above it (a department: its street).
 */
import { CATEGORY_LABELS, REQUEST_CATEGORIES, type SettingsView } from '../../core/contract/requests'
import type { Role } from '../../core/roles'
import { ancestorAt, ancestorPath, isWithin, type Unit } from '../../core/units'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { URGENT_CATEGORIES } from '../../core/requests/settings'
import { requestSettingsOf } from '../../server/request-create'

/** Who may save a half: the community's staff the community's half, the street's staff the street's (never each
 * other's). requests.updateSettings refuses by this, and the view's `editable` says it, so a page offers exactly
 * what a save will accept. */
export const HALF_EDITORS = { community: 'communityStaff', street: 'streetStaff' } as const satisfies Record<
  'community' | 'street',
  Role
>

/** The caller holds `role` over the unit (a grant at it or above it). */
export const holdsOver = (caller: Caller, role: Role, unitPath: string): boolean =>
  caller.grants.some((g) => g.role === role && isWithin(unitPath, g.path))

export async function settingsView(data: Data, caller: Caller, unit: Unit): Promise<SettingsView> {
  const communityId = ancestorAt(unit.path, 'community') ?? ''
  const streetId = ancestorAt(unit.path, 'street') ?? ''
  const communityPath = ancestorPath(unit.path, 'community')
  const streetPath = ancestorPath(unit.path, 'street')
  const scopePath = communityPath ?? unit.path
  const home = caller.person?.homePath
  const related =
    (!!home && isWithin(home, scopePath)) ||
    caller.grants.some((g) => isWithin(unit.path, g.path) || isWithin(g.path, scopePath))
  if (!related) throw new AppError('FORBIDDEN')
  const s = await requestSettingsOf(data, communityId, streetId)
  return {
    communityId,
    streetId,
    categories: REQUEST_CATEGORIES.map((c) => ({
      id: c,
      label: CATEGORY_LABELS[c],
      enabled: s.categories[c].enabled,
      limits: s.categories[c].limits,
      urgentAllowed: URGENT_CATEGORIES.includes(c),
    })),
    urgentHours: s.urgentHours,
    departments: s.departments.map((d) => ({ id: d.id, name: d.name, reportInHours: d.reportInHours })),
    holidays: s.holidays,
    workdays: s.workdays,
    autoCloseDays: s.autoCloseDays,
    reinspectWeeks: s.reinspectWeeks,
    errandPoints: s.errandPoints,
    editable: {
      community: !!communityPath && holdsOver(caller, HALF_EDITORS.community, communityPath),
      street: !!streetPath && holdsOver(caller, HALF_EDITORS.street, streetPath),
    },
  }
}
