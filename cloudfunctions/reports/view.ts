/** A stored report as the pages see it (ReportView / ReportSummary). */
import type { ReportSummary, ReportView } from '../../core/contract'
import type { ReportDoc } from '../../core/model'
import { labelOf } from '../../core/reports/period'

const iso = (d: Date | string): string => new Date(d).toISOString()

export const summaryOf = (r: ReportDoc): ReportSummary => ({
  id: r._id,
  kind: r.kind,
  period: r.period,
  label: labelOf(r.period),
  generatedAt: iso(r.generatedAt),
  published: r.notice !== null,
})

export const viewOf = (r: ReportDoc): ReportView => ({
  ...summaryOf(r),
  unit: { id: r.unitId, name: r.unitName, level: r.level },
  previousPeriod: r.previousPeriod,
  previousLabel: labelOf(r.previousPeriod),
  figures: r.figures,
  previous: r.previous,
  grids: r.grids,
  boards: r.boards,
  decisions: r.decisions,
  generatedBy: r.generatedByName,
  notice: r.notice ? { id: r.notice.id, publishedAt: iso(r.notice.publishedAt), by: r.notice.byName } : null,
})
