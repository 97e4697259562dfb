/**
 * grid.households (网格管理): the households under a grid or micro-grid, filtered and paged, with every member's
 * phone in full and their care flags, for the leaders whose scope contains it. Each call that shows anyone writes
 * one audit entry naming everyone shown.
 *
 * Cost: the household units under the unit are read whole (about 80 for a grid; level_1_path_1) because doors
 * must be ordered naturally (2栋 before 10栋), which the database cannot do; they are small documents. Pending
 * claims under the unit are one indexed query (status_1_householdPath_1). Members are read only for the page's
 * households — except for the filters that depend on every member (unreachable, care): those read the unit's
 * residents once (homePath_1, about 160 for a grid) and the page takes its members from that same read.
 */
import type { HouseholdRow, HouseholdsResult, MemberView, ParsedPayload } from '../../../core/contract'
import type { PersonDoc } from '../../../core/model'
import { visiblePhone } from '../../../core/grid/phone-visibility'
import { doorLabel, type Unit } from '../../../core/units'
import { recordRead } from '../../../server/audit'
import { viewerOf } from '../../../server/caller'
import { AppError } from '../../../server/errors'
import { privacyStore } from '../../../server/privacy-store'
import type { ActionDef } from '../../../server/router'
import { byId, ref } from '../unit-views'

const natural = (a = '', b = ''): number => a.localeCompare(b, 'zh-CN', { numeric: true })

/** Doors as people read them: building, then entrance, then room, numbers by value (2 before 10). */
export const byDoor = (a: Unit, b: Unit): number =>
  natural(a.building, b.building) ||
  natural(a.entrance, b.entrance) ||
  natural(a.room, b.room) ||
  natural(a.name, b.name)

const groupBy = <T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> => {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    if (k !== undefined) out.set(k, [...(out.get(k) ?? []), item])
  }
  return out
}

export const households: ActionDef<ParsedPayload<'grid', 'households'>, HouseholdsResult> = {
  target: (payload) => payload.unitId,
  async handle({ payload, caller, repo, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    if (unit.level !== 'grid' && unit.level !== 'microgrid') throw new AppError('INVALID_PAYLOAD', '请选择网格或楼栋')
    const { filter, page, pageSize } = payload
    const store = privacyStore()

    const everyMember = filter === 'unreachable' || filter === 'care'
    const [homes, claims, residents] = await Promise.all([
      store.householdsUnder(unit.path),
      store.pendingClaimsUnder(unit.path),
      everyMember ? store.residentsUnder(unit.path) : Promise.resolve(null),
    ])
    const pending = groupBy(claims, (c) => c.householdId)
    const membersByHome = residents ? groupBy(residents, (p) => p.householdId) : null

    const matches: Record<typeof filter, (h: Unit) => boolean> = {
      all: () => true,
      unconfirmed: (h) => pending.has(h._id),
      unreachable: (h) => !(membersByHome?.get(h._id) ?? []).some((p) => p.openid),
      care: (h) => (membersByHome?.get(h._id) ?? []).some((p) => (p.careFlags ?? []).length > 0),
    }
    const shown = homes.filter(matches[filter]).sort(byDoor)
    const slice = shown.slice(page * pageSize, (page + 1) * pageSize)

    const pageMembers =
      membersByHome ?? groupBy(await store.membersOf(slice.map((h) => h._id)), (p: PersonDoc) => p.householdId)
    const micros = byId(unit.level === 'microgrid' ? [unit] : await repo.childUnits(unit._id))
    const missing = slice.map((h) => h.parentId as string).filter((id) => !micros.has(id))
    for (const m of missing.length ? await repo.units(missing) : []) micros.set(m._id, m)

    const viewer = viewerOf(caller)
    const rows: HouseholdRow[] = slice.map((h) => {
      const members = [...(pageMembers.get(h._id) ?? [])].sort((a, b) => (a._id < b._id ? -1 : 1))
      const micro = micros.get(h.parentId as string)
      return {
        id: h._id,
        door: doorLabel(h),
        microgrid: micro ? ref(micro) : { id: h.parentId as string, name: h.building ?? '', level: 'microgrid' },
        members: members.map(
          (p): MemberView => ({
            id: p._id,
            name: p.name,
            // the permission check put this household inside the caller's scope, so this is the full number
            phone: visiblePhone(viewer, {
              personId: p._id,
              householdId: p.householdId,
              homePath: p.homePath,
              phone: p.phone,
              heads: [],
            }),
            joined: Boolean(p.openid),
            careFlags: p.careFlags ?? [],
          }),
        ),
        pendingClaims: pending.get(h._id)?.length ?? 0,
      }
    })

    // written before anything is returned: a read the log cannot record is not served
    await recordRead(store, caller, {
      action: 'grid.households',
      unit,
      subjectIds: rows.flatMap((r) => r.members.map((m) => m.id)),
    })
    return { total: shown.length, page, pageSize, rows }
  },
}
