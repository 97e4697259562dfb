/**
 * The `dashboard` function (数据看板, issue 13 item 3): one screen of figures for a grid, community or street, this
 * period (本周 / 本月) against the last, and the same figures for one page of its child units to drill into. Every
 * figure is read from counters (core/dashboard/stats.ts unitStats, unitCounters, requestCounters): a street's
 * dashboard reads as many documents as a grid's.
 */
import { z } from 'zod'
import { PERIOD_KINDS } from '../dashboard/stats'
import { unitId } from './fields'
import type { UnitRef } from './grid'
import type { RequestRates } from './requests'

export { PERIOD_KINDS, type PeriodKind } from '../dashboard/stats'

/** Child units per page of the drill-down list. */
export const DASHBOARD_PAGE = 20

export const PERIOD_LABELS = { week: '本周', month: '本月' } as const

export const dashboardPayloads = {
  /** [grid chief over their grid, community and street staff over theirs] A unit's figures and a page of its children's. */
  overview: z
    .object({
      unitId,
      period: z.enum(PERIOD_KINDS).default('week'),
      cursor: z.string().min(1).max(200).optional(),
    })
    .strict(),
  // 日调度 (issue 13 item 4): H1's block
  /** [the same readers over the same units] Today's dispatch list of a unit (dispatch types below). */
  dispatch: z.object({ unitId }).strict(),
  // /日调度
}

/** The requests of a month (requests are counted per month they were reported: a week shows its month's). */
export interface DashboardRequests {
  month: string
  reported: number
  /** reported, not yet ended (办理中) */
  open: number
  ended: number
  resolved: number
  /** open and past their deadline */
  overdue: number
  rates: Pick<RequestRates, 'response' | 'resolution' | 'satisfaction'>
}

/** One unit's figures of one period. */
export interface DashboardFigures {
  notices: number
  urgentNotices: number
  /** households reached by any notice in the period */
  reached: number
  /** households with a member on WeChat now (unitCounters.reachable) */
  reachable: number
  /** households of the unit now */
  households: number
  /** reached ÷ reachable, 0–1; null when none is reachable */
  reachRate: number | null
  /** households not reached by an urgent notice this week (0 when no urgent notice was over the unit) */
  unreachedUrgent: number
  volunteerHours: number
  activeVolunteers: number
  pointsEarned: number
  pointsRedeemed: number
  requests: DashboardRequests
  patrols: number
  careMissed: number
  /** council decisions that need work and are not done yet (standing, not of a period) */
  decisionsOpen: number
}

export interface DashboardChild extends UnitRef {
  figures: DashboardFigures
}

export interface DashboardOverview {
  unit: UnitRef & { path: UnitRef[] }
  period: z.infer<typeof dashboardPayloads.overview>['period']
  /** 2026年12月 / 12月1日–12月7日 */
  label: string
  previousLabel: string
  figures: DashboardFigures
  previous: DashboardFigures
  children: DashboardChild[]
  nextCursor?: string
}

// ---- 日调度 (issue 13 item 4): H1's block ----

/** A request overdue or due today: what a leader needs to act (诉求详情 opens it). */
export interface DispatchRequest {
  id: string
  title: string
  place: string
  overdue: boolean
  /** its next deadline (ISO), null when none is left */
  dueAt: string | null
}

/** An urgent notice still running over the unit, with households of the unit it has not reached (通知触达). */
export interface DispatchNotice {
  id: string
  title: string
  households: number
  unreached: number
  expiresAt: string
}

/** A duty shift today with free seats (值守班次). */
export interface DispatchShift {
  id: string
  checkpoint: string
  place: string
  startAt: string
  endAt: string
  free: number
  capacity: number
}

/** A care person nobody checked on (关爱对象详情 opens them). */
export interface DispatchCare {
  personId: string
  name: string
  /** the day nobody checked (YYYY-MM-DD) */
  day: string
}

/** A volunteer activity starting today (活动详情). */
export interface DispatchActivity {
  id: string
  title: string
  place: string
  startAt: string
  endAt: string
}

/** One section: how many in all (`more`: at least that many, the count was capped) and the first few. */
export interface DispatchPart<T> {
  count: number
  more?: true
  items: T[]
}

export interface DispatchList {
  unit: UnitRef
  /** the Beijing day, YYYY-MM-DD */
  day: string
  /** overdue (open past a deadline, from the request counters) and due today (open, not yet overdue) */
  requests: DispatchPart<DispatchRequest> & { overdue: number; dueToday: number }
  /** count: households of the unit not reached by the urgent notices running over it */
  notices: DispatchPart<DispatchNotice>
  /** count: shifts today with a free seat */
  shifts: DispatchPart<DispatchShift>
  /** count: care persons' missed checks of yesterday and today */
  care: DispatchPart<DispatchCare>
  /** count: activities starting today */
  activities: DispatchPart<DispatchActivity>
}
// /日调度

export interface DashboardApi {
  overview: { payload: z.input<typeof dashboardPayloads.overview>; result: DashboardOverview }
  dispatch: { payload: z.input<typeof dashboardPayloads.dispatch>; result: DispatchList }
}
