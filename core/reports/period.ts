/**
 * The periods of 周例会 / 月通报 (issue 13 item 5): a report is of one ISO week (`w2026-W49`) or Beijing month
 * (`m2026-12`), the keys of core/dashboard/stats.ts periodOf. Pure: where a period starts and ends (Beijing
 * midnight), a moment inside it to read its figures at (the week's Thursday — whose month a week's requests are
 * counted in — or the month's 15th, at Beijing noon), the period just ended, and how far back one may be asked for.
 */
import { periodLabel, periodOf, type PeriodKind } from '../dashboard/stats'

const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

export const WEEK_KEY = /^w(\d{4})-W(\d{2})$/
export const MONTH_KEY = /^m(\d{4})-(0[1-9]|1[0-2])$/

/** How many periods back a report may be generated (a year of weeks, two years of months). */
export const REPORT_LOOKBACK = { week: 53, month: 24 } as const

export const kindOfPeriod = (period: string): PeriodKind | null =>
  WEEK_KEY.test(period) ? 'week' : MONTH_KEY.test(period) ? 'month' : null

/** Beijing midnight of a calendar day, as a moment. */
const beijingMidnight = (y: number, m0: number, d: number): Date => new Date(Date.UTC(y, m0, d) - BEIJING_OFFSET_MS)

/** Where a period starts (inclusive) and ends (exclusive); null for a key that names no period. */
export function periodRange(period: string): { start: Date; end: Date } | null {
  const w = WEEK_KEY.exec(period)
  if (w) {
    const year = Number(w[1])
    const week = Number(w[2])
    // ISO week 1 holds 4 January; its Monday starts the year's weeks
    const jan4 = new Date(Date.UTC(year, 0, 4))
    const monday1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() || 7) - 1))
    const monday = new Date(monday1 + (week - 1) * 7 * DAY_MS)
    const start = beijingMidnight(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate())
    // a week number the year has not (W53 of most years) names the next year's first week: refused
    if (week < 1 || periodOf('week', new Date(+start + 3 * DAY_MS)) !== period) return null
    return { start, end: new Date(+start + 7 * DAY_MS) }
  }
  const m = MONTH_KEY.exec(period)
  if (m) {
    const y = Number(m[1])
    const m0 = Number(m[2]) - 1
    return { start: beijingMidnight(y, m0, 1), end: beijingMidnight(y, m0 + 1, 1) }
  }
  return null
}

/** The moment a period's figures are read at: the week's Thursday or the month's 15th, Beijing noon. */
export function momentOf(period: string): Date | null {
  const r = periodRange(period)
  if (!r) return null
  const kind = kindOfPeriod(period)
  return new Date(+r.start + (kind === 'week' ? 3 : 14) * DAY_MS + 12 * 3_600_000)
}

/** The period of a kind that ended last before `at` (what the timers report on: last week, last month). */
export function periodJustEnded(kind: PeriodKind, at: Date): string {
  const current = periodRange(periodOf(kind, at)) as { start: Date }
  return periodOf(kind, new Date(+current.start - 12 * 3_600_000))
}

/** The period before one (last week, last month). */
export function periodBefore(period: string): string | null {
  const r = periodRange(period)
  const kind = kindOfPeriod(period)
  return r && kind ? periodOf(kind, new Date(+r.start - 12 * 3_600_000)) : null
}

/**
 * Why a report of `period` cannot be generated at `now` (a Chinese sentence), or null: the key must name a period
 * of the kind asked, not one still to come, and not further back than REPORT_LOOKBACK.
 */
export function periodProblem(kind: PeriodKind, period: string, now: Date): string | null {
  const r = periodRange(period)
  if (!r || kindOfPeriod(period) !== kind) return kind === 'week' ? '周的写法应为 w2026-W49' : '月的写法应为 m2026-12'
  if (+r.start > +now) return kind === 'week' ? '这一周还没有开始' : '这个月还没有开始'
  let p = periodOf(kind, now)
  for (let i = 0; i <= REPORT_LOOKBACK[kind]; i++) {
    if (p === period) return null
    p = periodBefore(p) as string
  }
  return kind === 'week'
    ? `只能生成最近 ${REPORT_LOOKBACK.week} 周的周报`
    : `只能生成最近 ${REPORT_LOOKBACK.month} 个月的月报`
}

/** How a period reads: 2026年12月 / 12月1日–12月7日. */
export const labelOf = (period: string): string => {
  const at = momentOf(period)
  const kind = kindOfPeriod(period)
  return at && kind ? periodLabel(kind, at) : period
}
