/** The community as it is before an import or at an export: what every roster rule is checked against. */
import type { PersonDoc } from '../../model'
import type { Unit } from '../../units'

export interface CommunityState {
  community: Unit
  /** Grids, micro-grids and households under the community that are not retired. */
  units: Unit[]
  /** People whose home is under the community, and anyone holding a head role over one of its units. */
  people: PersonDoc[]
}

/** Of every unit at or under the community (retired ones too), those a roster works with. */
export const unitsInUse = (community: Unit, under: readonly Unit[]): Unit[] =>
  under.filter((u) => u._id !== community._id && !u.retired)

/** The units whose heads a roster names: the community's grids and buildings (households have none). */
export const headedUnitIds = (units: readonly Unit[]): string[] =>
  units.filter((u) => u.level !== 'household').map((u) => u._id)

/** The state from the units in use, the people living under the community and the heads of its units: a head
 * may live elsewhere, or be a resident too, and counts once. */
export const communityState = (
  community: Unit,
  units: Unit[],
  residents: readonly PersonDoc[],
  heads: readonly PersonDoc[],
): CommunityState => ({
  community,
  units,
  people: [...new Map([...residents, ...heads].map((p) => [p._id, p])).values()],
})

/** Why a roster cannot be kept at `unit`, or null: rosters are imported and exported by community. */
export const rosterUnitRefusal = (unit: Pick<Unit, 'level'>): string | null =>
  unit.level === 'community' ? null : '花名册按社区导入导出，请选择一个社区'
