/**
 * What the dashboard shows of a unit, from the counters it reads (pure): its period figures (unitStats), its
 * households now (unitCounters), its month's requests (requestCounters) and its open council decisions. The
 * households not reached this week count only when an urgent notice this week was published to the unit itself or
 * a unit above it (`urgentOver`): then every household of it was in its audience.
 */
import type { DashboardFigures } from '../contract/dashboard'
import type { RequestFigures } from '../contract/requests'
import { rates } from '../requests/rates'
import { statsOf, type StatFigures } from './stats'

export interface FigureSources {
  stats: Partial<StatFigures> | null | undefined
  /** this week's figures (households not reached this week), whatever the period shown */
  week: Partial<StatFigures> | null | undefined
  /** urgent notices this week to the unit or any unit above it */
  urgentOver: number
  households: number
  reachable: number
  month: string
  requests: RequestFigures
  decisionsOpen: number
}

export function figuresFrom(s: FigureSources): DashboardFigures {
  const f = statsOf(s.stats)
  const week = statsOf(s.week)
  const r = s.requests
  const rate = rates(r)
  return {
    notices: f.notices,
    urgentNotices: f.urgentNotices,
    reached: f.reached,
    reachable: s.reachable,
    households: s.households,
    reachRate: s.reachable > 0 ? Math.min(1, f.reached / s.reachable) : null,
    unreachedUrgent: s.urgentOver > 0 ? Math.max(0, s.households - week.urgentReached) : 0,
    volunteerHours: Math.round(f.volunteerMinutes / 6) / 10,
    activeVolunteers: f.activeVolunteers,
    pointsEarned: f.pointsEarned,
    pointsRedeemed: f.pointsRedeemed,
    requests: {
      month: s.month,
      reported: r.reported,
      ended: r.ended,
      resolved: r.resolved,
      open: Math.max(0, r.reported - r.ended),
      overdue: r.openOverdue,
      rates: { response: rate.response, resolution: rate.resolution, satisfaction: rate.satisfaction },
    },
    patrols: f.patrols,
    careMissed: f.careMissed,
    decisionsOpen: s.decisionsOpen,
  }
}
