/**
 * The `reports` function as pages see it (周例会 / 月通报, issue 13 item 5): a community's or street's reports —
 * generate the current week's or month's, list, read, export to Excel, publish as a notice. Who may see which unit
 * is decided on the cloud.
 */
import type { ReportsApi } from '../../core/contract'
import { call } from './transport'

export type { Board, RankedGrid, RankMeasure, ReportSummary, ReportView } from '../../core/contract'
export { RANK_LABELS, REPORT_KIND_LABELS } from '../../core/contract'
export { boardValueText, changeText, FIGURE_LINES, pctText } from '../../core/reports/summary'

type R<A extends keyof ReportsApi> = ReportsApi[A]['result']

/** Generates (or regenerates) the report of the current week or month. */
export const generateReport = (unitId: string, kind: 'week' | 'month'): Promise<R<'generate'>> =>
  call('reports', 'generate', { unitId, kind })

/** A unit's reports of one kind, newest first; the next page with the `nextCursor` of the one before. */
export const listReports = (unitId: string, kind: 'week' | 'month', cursor?: string): Promise<R<'list'>> =>
  call('reports', 'list', { unitId, kind, ...(cursor ? { cursor } : {}) })

export const getReport = (reportId: string): Promise<R<'get'>> => call('reports', 'get', { reportId })

export const exportReport = (reportId: string): Promise<R<'export'>> => call('reports', 'export', { reportId })

export const publishReport = (reportId: string): Promise<R<'publish'>> => call('reports', 'publish', { reportId })
