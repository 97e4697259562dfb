/**
 * The demo's 周例会 / 月通报 (issue 13 item 5): this week's and this month's report of every community and street,
 * made from the seeded counters by the same pure rules the reports function applies (core/dashboard/figures.ts
 * figuresFrom, core/reports/ranking.ts boards), so every staff persona finds a 周报 and a 月报 to open, export and
 * publish, and 生成本周 / 生成本月 rewrites them with the function's own reading (same id). Stamped with the seed's
 * day (Beijing midnight), so the same seed gives the same documents.
 */
import type { DashboardFigures } from '../../core/contract/dashboard'
import { figuresFrom } from '../../core/dashboard/figures'
import { monthKey, momentBefore, periodOf, type PeriodKind } from '../../core/dashboard/stats'
import { figuresOf } from '../../core/grid/counters'
import { siblingKey } from '../../core/grid/siblings'
import { requestCounterId, unitStatsId } from '../../core/ids'
import type { RequestCounterDoc, ReportDoc, UnitCounterDoc, UnitStatsDoc } from '../../core/model'
import { rates, zeroFigures } from '../../core/requests/rates'
import { reportOf, standingOf } from '../../core/reports/document'
import { momentOf, periodBefore } from '../../core/reports/period'
import type { Unit } from '../../core/units'
import { seedDay } from './points-wallet'

export function seedReports(
  {
    units,
    unitCounters,
    unitStats,
    requestCounters,
  }: {
    units: readonly Unit[]
    unitCounters: readonly UnitCounterDoc[]
    unitStats: readonly UnitStatsDoc[]
    requestCounters: readonly RequestCounterDoc[]
  },
  now: Date = seedDay(),
): { reports: ReportDoc[] } {
  const stats = new Map(unitStats.map((s) => [s._id, s]))
  const counters = new Map(unitCounters.map((c) => [c._id, c]))
  const requests = new Map(requestCounters.map((r) => [r._id, r]))
  const live = units.filter((u) => !u.retired)
  const childrenOf = (id: string) =>
    live.filter((u) => u.parentId === id).sort((a, b) => ((siblingKey(a) ?? '') < (siblingKey(b) ?? '') ? -1 : 1))
  const figures = (id: string, period: string, at: Date): DashboardFigures => {
    const c = figuresOf(counters.get(id))
    return figuresFrom({
      stats: stats.get(unitStatsId(id, period)),
      week: stats.get(unitStatsId(id, periodOf('week', at))),
      urgentOver: 0,
      households: c.households,
      reachable: c.reachable,
      month: monthKey(at),
      requests: requests.get(requestCounterId(id, monthKey(at))) ?? zeroFigures(),
      decisionsOpen: stats.get(unitStatsId(id, 'open'))?.decisionsOpen ?? 0,
    })
  }
  const out: ReportDoc[] = []
  for (const unit of live.filter((u) => u.level === 'community' || u.level === 'street'))
    for (const kind of ['week', 'month'] as PeriodKind[]) {
      const period = periodOf(kind, now)
      const at = momentOf(period) as Date
      const communities =
        unit.level === 'community' ? [unit] : childrenOf(unit._id).filter((u) => u.level === 'community')
      const grids = communities.flatMap((c) =>
        childrenOf(c._id)
          .filter((u) => u.level === 'grid')
          .map((grid) => ({ grid, community: c })),
      )
      const standings = grids.map(({ grid, community }, order) =>
        standingOf(
          grid,
          community.name,
          order,
          figures(grid._id, period, at),
          rates(requests.get(requestCounterId(grid._id, monthKey(at))) ?? zeroFigures()).onTime,
        ),
      )
      const previousPeriod = periodBefore(period) as string
      const report = reportOf({
        unit,
        period,
        figures: figures(unit._id, period, at),
        previous: { ...figures(unit._id, previousPeriod, momentBefore(kind, at)), unreachedUrgent: 0 },
        grids: grids.length,
        standings,
        decisions: { count: 0, newest: [] },
        by: { id: 'timer', name: '定时生成' },
        now,
      })
      if (report) out.push({ ...report, createdAt: now, notice: null })
    }
  return { reports: out }
}
