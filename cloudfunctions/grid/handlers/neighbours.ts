/**
 * grid.neighbours (楼栋邻里): the residents of the caller's own building (the micro-grid of their household), with
 * rooms and phones masked except the caller's own household's; heads' phones follow core/grid/phone-visibility.ts
 * (public within their grid). The rows are core/grid/neighbours.ts.
 *
 * A resident who is also a leader over the building (its building head, the grid chief living there) sees
 * everyone in full because of that role, exactly as grid.households would show them: that is an unmasked read,
 * so it is audited too, naming only the people shown in full because of the role (not the caller's own
 * household, not heads whose numbers any resident of the grid sees).
 *
 * Paged: the rows after `cursor` (core/grid/neighbours.ts), so a building of any size is a page of rows on the
 * phone; the audit names the page's people only.
 *
 * Cost: one building is about 30 households and 60 residents: both are read whole (level_1_path_1, homePath_1) to
 * put them in door order.
 */
import { headGrantUnitIds, neighbourRows, parseNeighbourCursor } from '../../../core/grid/neighbours'
import { recordRead } from '../../../server/audit'
import { viewerOf } from '../../../server/caller'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId, unitRef } from '../../../server/views'

export const neighbours: Action<'grid', 'neighbours'> = {
  async handle({ caller, data, payload }) {
    const home = caller.person?.householdId ? caller.units.get(caller.person.householdId) : undefined
    const micro = home?.parentId ? await data.units.get(home.parentId) : null
    if (!home || !micro) throw new AppError('NOT_FOUND', '你还没有认领房间')
    const [homes, residents] = await Promise.all([
      data.units.householdsUnder(micro.path),
      data.people.residentsUnder(micro.path),
    ])
    const headUnits = byId(await data.units.byIds(headGrantUnitIds(residents)))

    const after = payload.cursor === undefined ? undefined : parseNeighbourCursor(payload.cursor)
    const page =
      after === null
        ? null
        : neighbourRows(micro, byId(homes), residents, headUnits, viewerOf(caller), {
            after,
            pageSize: payload.pageSize,
          })
    if (!page) throw new AppError('INVALID_PAYLOAD', '邻居名单已有变化，请下拉刷新')
    const { rows, total, nextCursor, audited } = page
    await recordRead(data, caller, { action: 'grid.neighbours', unit: micro, subjectIds: audited })
    return { microgrid: unitRef(micro), rows, total, nextCursor }
  },
}
