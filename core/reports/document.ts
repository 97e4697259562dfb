/**
 * A report's document from what was read (周例会 / 月通报): the one shape `reports.generate` stores and the demo seed
 * writes, so the two can never differ but in their figures. Pure: the caller reads the figures, the grids' standings
 * and the decisions, and keeps createdAt and notice of a report that was there.
 */
import type { DashboardFigures } from '../contract/dashboard'
import type { ReportDecision } from '../contract/reports'
import { reportId } from '../ids'
import type { ReportDoc } from '../model'
import type { Unit } from '../units'
import { kindOfPeriod, periodBefore, periodRange } from './period'
import { boards, type GridStanding } from './ranking'

/** Where a grid stands on each measure of the 红黑榜: its figures of the period and its 按时办结率. */
export const standingOf = (
  grid: Pick<Unit, '_id' | 'name'>,
  communityName: string,
  order: number,
  f: DashboardFigures,
  onTime: number | null,
): GridStanding => ({
  gridId: grid._id,
  name: grid.name,
  communityName,
  order,
  onTime,
  satisfaction: f.requests.rates.satisfaction,
  reach: f.reachRate,
  patrols: f.patrols,
})

/** The report of a community or street for a period (a valid key: core/reports/period.ts), without createdAt and
 * notice. Null for a period key that is not one. */
export function reportOf(input: {
  unit: Unit
  period: string
  figures: DashboardFigures
  previous: DashboardFigures
  /** grids under the unit, ranked or not */
  grids: number
  standings: readonly GridStanding[]
  decisions: { count: number; newest: ReportDecision[] }
  by: { id: string; name: string }
  now: Date
}): Omit<ReportDoc, 'createdAt' | 'notice'> | null {
  const { unit, period } = input
  const kind = kindOfPeriod(period)
  const range = periodRange(period)
  const previousPeriod = periodBefore(period)
  if (!kind || !range || !previousPeriod) return null
  return {
    _id: reportId(unit._id, period),
    unitId: unit._id,
    unitPath: unit.path,
    unitName: unit.name,
    level: unit.level as ReportDoc['level'],
    kind,
    period,
    previousPeriod,
    startsAt: range.start,
    endsAt: range.end,
    figures: input.figures,
    previous: input.previous,
    grids: input.grids,
    boards: boards(input.standings),
    decisions: input.decisions,
    generatedBy: input.by.id,
    generatedByName: input.by.name,
    generatedAt: input.now,
  }
}
