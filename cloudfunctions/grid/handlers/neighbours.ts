/**
 * grid.neighbours (楼栋邻里): the residents of the caller's own building (the micro-grid of their household), with
 * rooms and phones masked except the caller's own household's; heads' phones follow core/privacy (public within
 * their grid).
 *
 * A resident who is also a leader over the building (its building head, the grid chief living there) sees
 * everyone in full because of that role, exactly as grid.households would show them: that is an unmasked read,
 * so it is audited too, naming only the people shown in full because of the role (not the caller's own
 * household, not heads whose numbers any resident of the grid sees).
 *
 * Cost: one building is about 30 households and 60 residents: both are read whole (level_1_path_1, homePath_1).
 */
import type { NeighbourView, NeighboursResult, ParsedPayload } from '../../../core/contract'
import { HEAD_ROLES, headsInForce, isHeadRole } from '../../../core/grants'
import { isLeaderRead, visibleDoor, visiblePhone, type Subject } from '../../../core/grid/phone-visibility'
import { isWithin } from '../../../core/units'
import { recordRead } from '../../../server/audit'
import { viewerOf } from '../../../server/caller'
import { AppError } from '../../../server/errors'
import { privacyStore } from '../../../server/privacy-store'
import type { ActionDef } from '../../../server/router'
import { byId, ref } from '../unit-views'
import { byDoor } from './households'

export const neighbours: ActionDef<ParsedPayload<'grid', 'neighbours'>, NeighboursResult> = {
  async handle({ caller, repo }) {
    const home = caller.person?.householdId ? caller.units.get(caller.person.householdId) : undefined
    const micro = home?.parentId ? await repo.unit(home.parentId) : null
    if (!home || !micro) throw new AppError('NOT_FOUND', '你还没有认领房间')
    const store = privacyStore()
    const [homes, residents] = await Promise.all([store.householdsUnder(micro.path), store.residentsUnder(micro.path)])
    const homesById = byId(homes)

    // the heads among the residents: grants in force (core/grants.ts); `head` names those over this building or its grid
    const headGrants = residents.flatMap((p) => p.roles.filter((g) => isHeadRole(g.role)).map((g) => g.unitId))
    const headUnits = byId(await repo.units(headGrants))

    const viewer = viewerOf(caller)
    const audited: string[] = []
    const rows = residents
      .flatMap((p) => {
        const door = p.householdId ? homesById.get(p.householdId) : undefined
        return door ? [{ p, door }] : []
      })
      .sort((a, b) => byDoor(a.door, b.door) || (a.p._id < b.p._id ? -1 : 1))
      .map(({ p, door }): NeighbourView => {
        const subject: Subject = { personId: p._id, householdId: p.householdId, homePath: p.homePath }
        const heads = headsInForce(p.roles, headUnits)
        if (isLeaderRead(viewer, subject)) audited.push(p._id)
        const local = heads.filter((h) => isWithin(micro.path, h.unit.path))
        return {
          id: p._id,
          name: p.name,
          door: visibleDoor(viewer, subject, door),
          phone: visiblePhone(viewer, { ...subject, phone: p.phone, heads: heads.map((h) => h.unit.path) }),
          head: HEAD_ROLES.find((r) => local.some((h) => h.role === r)) ?? null,
        }
      })

    await recordRead(store, caller, { action: 'grid.neighbours', unit: micro, subjectIds: audited })
    return { microgrid: ref(micro), rows }
  },
}
