/**
 * requests.inbox: a leader's or a department's list, paged (one query a page). `mine` (the default): what the
 * caller's level owns now (ownerKey: the unit's id, or the department's scope key), soonest due first; a building
 * head's: the grid-level requests of their building. `all`: everything under the unit (a department: only its own),
 * most recently changed first, filtered by group, level and overdue. A department reads only its own department's.
 */
import { departmentScopeKey } from '../../../core/ids'
import { LEADER_ROLES } from '../../../core/roles'
import { isWithin, type Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { settingsFor } from '../access'
import { nextCursor, offsetOf } from '../paging'
import { rowOf } from '../views'

export const inbox: Action<'requests', 'inbox'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target }) {
    const unit = target as Unit
    const skip = offsetOf(payload.cursor)
    const limit = payload.pageSize + 1
    const leads = caller.grants.some(
      (g) => (LEADER_ROLES as readonly string[]).includes(g.role) && isWithin(unit.path, g.path),
    )
    let found
    if (payload.departmentId) {
      const own = caller.grants.some(
        (g) => g.role === 'department' && g.unitId === unit._id && g.departmentId === payload.departmentId,
      )
      if (!own || unit.level !== 'street') throw new AppError('FORBIDDEN', '只能查看本部门的诉求')
      found =
        payload.scope === 'mine'
          ? await data.requests.owned(
              departmentScopeKey(unit._id, payload.departmentId),
              payload.group ?? 'open',
              payload.overdue,
              skip,
              limit,
            )
          : await data.requests.under(
              unit.path,
              {
                departmentId: payload.departmentId,
                group: payload.group,
                level: payload.level,
                overdue: payload.overdue,
              },
              skip,
              limit,
            )
    } else {
      // a department names its department: the street's other requests are not theirs to read
      if (!leads) throw new AppError('INVALID_PAYLOAD', '请选择本部门查看')
      if (payload.scope === 'all' || unit.level === 'microgrid' || unit.level === 'household')
        found = await data.requests.under(
          unit.path,
          {
            group: payload.group ?? (payload.scope === 'mine' ? 'open' : undefined),
            level: payload.scope === 'mine' ? 'grid' : payload.level,
            overdue: payload.overdue,
          },
          skip,
          limit,
        )
      else found = await data.requests.owned(unit._id, payload.group ?? 'open', payload.overdue, skip, limit)
    }
    const streetId = unit.path.split('/').filter(Boolean)[0] ?? ''
    const settings = await settingsFor(data, '', streetId)
    const shown = found.slice(0, payload.pageSize)
    return {
      rows: shown.map((r) => rowOf(r, settings, false)),
      nextCursor: nextCursor(skip, payload.pageSize, found.length),
    }
  },
}
