/**
 * requests.inbox: a leader's or a department's list, in keyset pages (one query a page; the cursor is the last row's
 * sort key and id, so a request arriving meanwhile never repeats or drops a row). `mine` (the default): what the
 * caller's level owns now (ownerKey: the unit's id, or the department's scope key), soonest due first; a building
 * head's: the grid-level requests of their building. `all`: everything under the unit (a department: only its own),
 * most recently changed first, filtered by group, level and overdue. A department reads only its own department's.
 */
import type { StateGroup } from '../../../core/contract/requests'
import { departmentScopeKey } from '../../../core/ids'
import type { RequestDoc } from '../../../core/model'
import { LEADER_ROLES } from '../../../core/roles'
import { isWithin, type Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { UnderFilter } from '../../../server/data/requests'
import type { Action } from '../../../server/router'
import { afterOf, pageOf } from '../paging'
import { rowOf } from '../views'
import { requestSettingsOf } from '../../../server/request-create'

export const inbox: Action<'requests', 'inbox'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target }) {
    const unit = target as Unit
    const leads = caller.grants.some(
      (g) => (LEADER_ROLES as readonly string[]).includes(g.role) && isWithin(unit.path, g.path),
    )
    // which of the two lists: what one owner holds (soonest due first) or everything under a unit (newest change first)
    let list: { owner: string; group: StateGroup } | { path: string; filter: UnderFilter }
    if (payload.departmentId) {
      const own = caller.grants.some(
        (g) => g.role === 'department' && g.unitId === unit._id && g.departmentId === payload.departmentId,
      )
      if (!own || unit.level !== 'street') throw new AppError('FORBIDDEN', '只能查看本部门的诉求')
      list =
        payload.scope === 'mine'
          ? { owner: departmentScopeKey(unit._id, payload.departmentId), group: payload.group ?? 'open' }
          : {
              path: unit.path,
              filter: { departmentId: payload.departmentId, group: payload.group, level: payload.level },
            }
    } else {
      // a department names its department: the street's other requests are not theirs to read
      if (!leads) throw new AppError('INVALID_PAYLOAD', '请选择本部门查看')
      if (payload.scope === 'all' || unit.level === 'microgrid' || unit.level === 'household')
        list = {
          path: unit.path,
          filter: {
            group: payload.group ?? (payload.scope === 'mine' ? 'open' : undefined),
            level: payload.scope === 'mine' ? 'grid' : payload.level,
          },
        }
      else list = { owner: unit._id, group: payload.group ?? 'open' }
    }
    const limit = payload.pageSize + 1
    let page: { shown: RequestDoc[]; nextCursor: string | null }
    if ('owner' in list) {
      const after = afterOf(payload.cursor, false)
      const read = await data.requests.owned(list.owner, list.group, payload.overdue, after, limit)
      page = pageOf(read, payload.pageSize, (r) => [r.nextDueAt, r._id])
    } else {
      const after = afterOf(payload.cursor, true)
      const read = await data.requests.under(list.path, { ...list.filter, overdue: payload.overdue }, after, limit)
      page = pageOf(read, payload.pageSize, (r) => [r.updatedAt, r._id])
    }
    const streetId = unit.path.split('/').filter(Boolean)[0] ?? ''
    const settings = await requestSettingsOf(data, '', streetId)
    return { rows: page.shown.map((r) => rowOf(r, settings, false)), nextCursor: page.nextCursor }
  },
}
