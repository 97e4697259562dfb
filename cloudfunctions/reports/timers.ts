/**
 * The `weeklyReports` (Mondays, Beijing) and `monthlyReports` (the 1st) timers: every community's and street's
 * report of the week or month just ended (core/reports/period.ts periodJustEnded of the firing's moment), walked by
 * id — communities, then streets — at most UNITS_PER_FIRING units a firing, the walk's cursor saved after each unit
 * in the period's run (reportRuns, core/ids.ts reportRunId): the next firing resumes where one stopped (or was
 * killed), a finished period costs one read. Idempotent: a report's id is its unit's and period's, so a unit done
 * twice (a firing killed before its cursor was saved) is written once, its figures replaced.
 */
import type { PeriodKind } from '../../core/dashboard/stats'
import { reportRunId } from '../../core/ids'
import type { ReportRunDoc } from '../../core/model'
import { periodJustEnded } from '../../core/reports/period'
import type { Data } from '../../server/data'
import type { TimerHandler } from '../../server/router'
import { buildReport, TIMER_AUTHOR } from './build'

/** Units a firing reports on (a street of 500 grids is about 10 s: docs/benchmarks.md). */
export const UNITS_PER_FIRING = 10
const WALK_PAGE = 20

export interface RunResult {
  period: string
  generated: number
  done: boolean
  failed: string[]
}

export async function runReports(
  data: Data,
  kind: PeriodKind,
  firedAt: Date,
  maxUnits: number = UNITS_PER_FIRING,
): Promise<RunResult> {
  const period = periodJustEnded(kind, firedAt)
  const id = reportRunId(period)
  const run: ReportRunDoc = (await data.reportRuns.get(id)) ?? {
    _id: id,
    period,
    level: 'community',
    after: '',
    generated: 0,
    done: false,
    startedAt: firedAt,
    updatedAt: firedAt,
  }
  const result: RunResult = { period, generated: 0, done: run.done, failed: [] }
  if (run.done) return result
  const save = () => data.reportRuns.put({ ...run, updatedAt: firedAt })
  for (;;) {
    const page = await data.units.atLevelAfter(run.level, run.after, WALK_PAGE)
    for (const unit of page) {
      if (result.generated >= maxUnits) {
        await save()
        return result
      }
      if (!unit.retired) {
        try {
          await buildReport(data, unit, period, TIMER_AUTHOR, firedAt)
          result.generated++
          run.generated++
        } catch (error) {
          // one unit that cannot be reported (too many grids) does not stop the others'
          console.warn(`[reports] ${period} ${unit._id} not generated`, error)
          result.failed.push(unit._id)
        }
      }
      run.after = unit._id
      await save()
    }
    if (page.length < WALK_PAGE) {
      if (run.level === 'community') {
        run.level = 'street'
        run.after = ''
        continue
      }
      run.done = true
      result.done = true
      await save()
      return result
    }
  }
}

export const weeklyReports: TimerHandler = ({ data, firedAt }) => runReports(data, 'week', firedAt)
export const monthlyReports: TimerHandler = ({ data, firedAt }) => runReports(data, 'month', firedAt)
