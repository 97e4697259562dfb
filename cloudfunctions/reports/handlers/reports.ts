/**
 * reports.generate / list / get (周例会 / 月通报): a community's or street's reports. generate builds the report of
 * the current week or month (or `period`, one of the recent ones: core/reports/period.ts periodProblem) through
 * build.ts; list pages a unit's reports newest period first (keyset on endsAt, id); get reads one. The router has
 * checked the caller is community staff over the unit (or the report's unit), or street staff over it.
 */
import { REPORT_LIMITS } from '../../../core/contract'
import { periodOf } from '../../../core/dashboard/stats'
import { periodProblem } from '../../../core/reports/period'
import { keysetCursor, parseKeysetCursor } from '../../../core/requests/cursor'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { buildReport, REPORT_LEVELS } from '../build'
import { summaryOf, viewOf } from '../view'

/** The unit a report belongs to (the permission's target); null when there is no such report (NOT_FOUND). */
export const reportUnit = async (payload: { reportId: string }, data: Data): Promise<string | null> =>
  (await data.reports.get(payload.reportId))?.unitId ?? null

export const generate: Action<'reports', 'generate'> = {
  target: (payload) => payload.unitId,
  async handle({ data, payload, caller, target: unit }) {
    if (!unit || unit.retired) throw new AppError('NOT_FOUND')
    if (!REPORT_LEVELS.has(unit.level)) throw new AppError('REPORT_LEVEL')
    const now = new Date()
    const period = payload.period ?? periodOf(payload.kind, now)
    const problem = periodProblem(payload.kind, period, now)
    if (problem) throw new AppError('REPORT_PERIOD', problem)
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    return viewOf(await buildReport(data, unit, period, { id: person._id, name: person.name }, now))
  },
}

export const list: Action<'reports', 'list'> = {
  target: (payload) => payload.unitId,
  async handle({ data, payload, target: unit }) {
    if (!unit || unit.retired) throw new AppError('NOT_FOUND')
    if (!REPORT_LEVELS.has(unit.level)) throw new AppError('REPORT_LEVEL')
    const after = payload.cursor === undefined ? undefined : parseKeysetCursor(payload.cursor)
    if (after === null || (after && (!after.at || !after.id.startsWith(`rpt_${unit._id}_`)))) {
      throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请刷新后再试')
    }
    const page = await data.reports.ofUnit(unit._id, payload.kind, after, REPORT_LIMITS.page)
    const last = page.rows[page.rows.length - 1]
    return {
      rows: page.rows.map(summaryOf),
      ...(page.more && last ? { nextCursor: keysetCursor(new Date(last.endsAt), last._id) } : {}),
    }
  },
}

export const get: Action<'reports', 'get'> = {
  target: reportUnit,
  async handle({ data, payload }) {
    const report = await data.reports.get(payload.reportId)
    if (!report) throw new AppError('NOT_FOUND')
    return viewOf(report)
  },
}
