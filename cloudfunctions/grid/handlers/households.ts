/**
 * grid.households (网格管理): the households under a grid or micro-grid, filtered and paged, with every member's
 * phone in full, for the leaders whose scope contains it (core/grid/households.ts); care flags and the 关爱对象
 * filter only for grid chiefs and staff over it (core/care/visibility.ts). Each call
 * that shows anyone writes one audit entry naming everyone shown.
 *
 * Cost: the household units under the unit are read whole (about 80 for a grid; level_1_path_1) because doors
 * must be ordered naturally (2栋 before 10栋), which the database cannot do; they are small documents. Pending
 * claims under the unit are one indexed query (status_1_householdPath_1). Members are read only for the page's
 * households — except for the filters that depend on every member (unreachable, care): those read the unit's
 * residents once (homePath_1, about 160 for a grid) and the page takes its members from that same read.
 */
import { leadsCareOver } from '../../../core/care/visibility'
import { filterHouseholds, filtersByMembers, groupBy, householdRow, pageOf } from '../../../core/grid/households'
import { recordRead } from '../../../server/audit'
import { viewerOf } from '../../../server/caller'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId, unitRef } from '../../../server/views'

export const households: Action<'grid', 'households'> = {
  target: (payload) => payload.unitId,
  async handle({ payload, caller, data, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    if (unit.level !== 'grid' && unit.level !== 'microgrid') throw new AppError('INVALID_PAYLOAD', '请选择网格或楼栋')
    const { filter, page, pageSize } = payload
    // 关爱对象 is a filter by care flags: only for those who may see them over the whole unit (core/care/visibility.ts)
    if (filter === 'care' && !leadsCareOver(viewerOf(caller), unit.path)) throw new AppError('CARE_FILTER_FORBIDDEN')

    const [homes, claims, residents] = await Promise.all([
      data.units.householdsUnder(unit.path),
      data.claims.pendingUnder(unit.path),
      filtersByMembers(filter) ? data.people.residentsUnder(unit.path) : Promise.resolve(null),
    ])
    const pending = groupBy(claims, (c) => c.householdId)
    const membersByHome = residents ? groupBy(residents, (p) => p.householdId) : null
    const shown = filterHouseholds(homes, filter, { pending, membersByHome })
    const slice = pageOf(shown, page, pageSize)

    const pageMembers =
      membersByHome ?? groupBy(await data.people.inHouseholds(slice.map((h) => h._id)), (p) => p.householdId)
    const micros = byId(unit.level === 'microgrid' ? [unit] : await data.units.childrenOf(unit._id))
    const missing = slice.map((h) => h.parentId as string).filter((id) => !micros.has(id))
    for (const m of missing.length ? await data.units.byIds(missing) : []) micros.set(m._id, m)

    const viewer = viewerOf(caller)
    const rows = slice.map((h) => {
      const micro = micros.get(h.parentId as string)
      return householdRow(
        h,
        pageMembers.get(h._id) ?? [],
        micro && unitRef(micro),
        pending.get(h._id)?.length ?? 0,
        viewer,
      )
    })

    // written before anything is returned: a read the log cannot record is not served
    await recordRead(data, caller, {
      action: 'grid.households',
      unit,
      subjectIds: rows.flatMap((r) => r.members.map((m) => m.id)),
    })
    return { total: shown.length, page, pageSize, rows }
  },
}
