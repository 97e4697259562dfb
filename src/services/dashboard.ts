/**
 * The `dashboard` function as pages see it (数据看板, issue 13 item 3): a unit's figures this period against the
 * last, and one page of its child units. Who may see which unit is decided on the cloud.
 */
import type { DashboardApi } from '../../core/contract'
import { call } from './transport'

export type { DashboardChild, DashboardFigures, DashboardOverview, PeriodKind } from '../../core/contract'
export { DASHBOARD_PAGE, PERIOD_LABELS } from '../../core/contract'

type R<A extends keyof DashboardApi> = DashboardApi[A]['result']

/** A unit's dashboard; the next page of its children with the `nextCursor` of the one before. */
export const getDashboard = (unitId: string, period: 'week' | 'month', cursor?: string): Promise<R<'overview'>> =>
  call('dashboard', 'overview', { unitId, period, ...(cursor ? { cursor } : {}) })

// 日调度 (issue 13 item 4): H1's block
export type {
  DispatchActivity,
  DispatchCare,
  DispatchList,
  DispatchNotice,
  DispatchPart,
  DispatchRequest,
  DispatchShift,
} from '../../core/contract'
export { DISPATCH_TEMPLATE } from '../../core/dashboard/dispatch'

/** 今日调度 of a unit: today's five sections, each a count and its first few. */
export const getDispatch = (unitId: string): Promise<R<'dispatch'>> => call('dashboard', 'dispatch', { unitId })
// /日调度
