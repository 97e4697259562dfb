/**
 * requests.rates: the figures and the rates (响应率, 解决率, 满意率, 按时办结率, 重办率; core/requests/rates.ts) of one
 * scope for one cohort month (requests reported that Beijing month). The scope is a unit (grid, community, street:
 * leaders over it) or a street's department (the department itself, or street staff over the street). The figures
 * are ONE counter document read by id (core/ids.ts requestCounterId), kept by every move in the move's transaction:
 * the cost is the same for a grid of ten requests and a street of ten thousand.
 */
import { REQUEST_FIGURES, type RequestFigures } from '../../../core/contract/requests'
import { departmentScopeKey, requestCounterId, requestSettingsId } from '../../../core/ids'
import { rates as ratesOf } from '../../../core/requests/rates'
import { departmentOf, mergeSettings } from '../../../core/requests/settings'
import { LEADER_ROLES } from '../../../core/roles'
import { isWithin } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'

/** The units counters are kept for (a building's requests count in its grid). */
const COUNTED_LEVELS = ['grid', 'community', 'street'] as const

export const rates: Action<'requests', 'rates'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const { month } = payload
    const leads = caller.grants.some((g) => LEADER_ROLES.includes(g.role) && isWithin(unit.path, g.path))
    // a department that names none reads its own (its grant is held over the street): never the street's own rates
    const ownDepartments = caller.grants.flatMap((g) =>
      g.role === 'department' && g.unitId === unit._id && g.departmentId ? [g.departmentId] : [],
    )
    const asDepartment = !payload.departmentId && !leads
    if (asDepartment && !caller.grants.some((g) => g.role === 'department' && g.unitId === unit._id)) {
      throw new AppError('FORBIDDEN')
    }
    if (asDepartment && ownDepartments.length !== 1) throw new AppError('INVALID_PAYLOAD', '请选择本部门查看')
    const departmentId = payload.departmentId ?? (asDepartment ? ownDepartments[0] : undefined)
    let scopeKey: string
    let name: string
    if (departmentId) {
      if (unit.level !== 'street') throw new AppError('INVALID_PAYLOAD', '职能部门的统计请按所在街道查看')
      // the department itself, or a leader over its street (street staff): never another department
      const own = caller.grants.some(
        (g) => g.role === 'department' && g.unitId === unit._id && g.departmentId === departmentId,
      )
      if (!own && !leads) throw new AppError('FORBIDDEN')
      const dept = departmentOf(
        mergeSettings(null, await data.requestSettings.get(requestSettingsId(unit._id))),
        departmentId,
      )
      if (!dept) throw new AppError('REQUEST_DEPARTMENT_UNKNOWN')
      scopeKey = departmentScopeKey(unit._id, departmentId)
      name = dept.name
    } else {
      if (!(COUNTED_LEVELS as readonly string[]).includes(unit.level)) {
        throw new AppError('INVALID_PAYLOAD', '请选择网格、社区或街道')
      }
      // a department's grant is held over the street, but it sees its own department's figures, not the street's
      if (!leads) throw new AppError('FORBIDDEN')
      scopeKey = unit._id
      name = unit.name
    }
    const held = await data.requestCounters.get(requestCounterId(scopeKey, month))
    const figures = Object.fromEntries(REQUEST_FIGURES.map((f) => [f, held?.[f] ?? 0])) as RequestFigures
    return {
      scope: { unitId: unit._id, departmentId: departmentId ?? null, name },
      month,
      figures,
      rates: ratesOf(figures),
    }
  },
}
