/**
 * dashboard.dispatch (今日调度, issue 13 item 4): a street's, community's or grid's list for today — requests overdue
 * and due today, households not reached by the urgent notices running over it, today's shifts with free seats, missed
 * care checks, today's activities — each a count and its first few (../dispatch-read.ts, bounded whatever lies under
 * the unit). Who may read which unit: core/permissions.ts (the dashboard's readers over their own unit).
 */
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { readDispatch } from '../dispatch-read'

const DISPATCH_LEVELS = new Set(['street', 'community', 'grid'])

export const dispatch: Action<'dashboard', 'dispatch'> = {
  target: (payload) => payload.unitId,
  async handle({ data, target: unit }) {
    if (!unit || unit.retired) throw new AppError('NOT_FOUND')
    if (!DISPATCH_LEVELS.has(unit.level)) throw new AppError('DASHBOARD_LEVEL')
    return readDispatch(data, unit, new Date())
  },
}
