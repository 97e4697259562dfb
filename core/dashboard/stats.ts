/**
 * The dashboard's period figures (数据看板, issue 13 item 3): what happened under a unit in one Beijing month or ISO
 * week, kept in `unitStats` (one document per unit and period, core/ids.ts unitStatsId) for every street, community
 * and grid on the path of what it counts. Pure: the recount (`statsFor`) is the definition of every figure, and each
 * change's delta (`deltaOf`) is what the change adds in its own transaction (server/unit-stats.ts). Figures not kept
 * here come from counters that exist already: reachable households (unitCounters), requests (requestCounters).
 */
import { pathIds } from '../units'

const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** Every figure a period holds. */
export const STAT_FIGURES = [
  /** notices published to a unit at or under this one */
  'notices',
  /** of which urgent */
  'urgentNotices',
  /** urgent notices published to exactly this unit (whether an urgent notice was over a unit: its path's) */
  'urgentHere',
  /** distinct households under the unit reached by any notice in the period */
  'reached',
  /** distinct households reached by an urgent notice in the period */
  'urgentReached',
  /** minutes of volunteering attended (activities, shifts, isolation tasks) by residents under the unit */
  'volunteerMinutes',
  /** distinct people with volunteering attended in the period */
  'activeVolunteers',
  /** points earned by residents under the unit (活动、跑腿、值守、奖励) */
  'pointsEarned',
  /** points residents under the unit spent on services (兑换), refunds taken off */
  'pointsRedeemed',
  /** patrols logged in the unit's grids */
  'patrols',
  /** care persons' missed daily checks (未探访) raised */
  'careMissed',
] as const
export type StatFigure = (typeof STAT_FIGURES)[number]
export type StatFigures = Record<StatFigure, number>

/** Figures that count distinct people or households: each moves once per key and period (a marker). */
export const DISTINCT_FIGURES = ['reached', 'urgentReached', 'activeVolunteers'] as const
export type DistinctFigure = (typeof DISTINCT_FIGURES)[number]

export const PERIOD_KINDS = ['week', 'month'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export const noStats = (): StatFigures => Object.fromEntries(STAT_FIGURES.map((f) => [f, 0])) as StatFigures

export const statsOf = (held: Partial<StatFigures> | null | undefined): StatFigures => {
  const s = noStats()
  for (const f of STAT_FIGURES) s[f] = held?.[f] ?? 0
  return s
}

export const addStats = (a: StatFigures, b: Partial<StatFigures>): StatFigures => {
  const s = noStats()
  for (const f of STAT_FIGURES) s[f] = a[f] + (b[f] ?? 0)
  return s
}

export const isZeroStats = (d: Partial<StatFigures>): boolean => STAT_FIGURES.every((f) => !d[f])

/** Beijing month of a moment, `2026-12`. */
export const monthKey = (at: Date): string => new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 7)

/** ISO week (Monday first) of a moment in Beijing, `2026-W49`. */
export const weekKey = (at: Date): string => {
  const d = new Date(+at + BEIJING_OFFSET_MS)
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const dow = day.getUTCDay() || 7
  day.setUTCDate(day.getUTCDate() + 4 - dow) // the Thursday of its week names the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1)
  const week = Math.ceil(((+day - yearStart) / DAY_MS + 1) / 7)
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

/** The period of a kind that holds `at`: `m2026-12` or `w2026-W49` (the key of unitStats ids). */
export const periodOf = (kind: PeriodKind, at: Date): string =>
  kind === 'month' ? `m${monthKey(at)}` : `w${weekKey(at)}`

/** Both periods a change at `at` counts in. */
export const periodsOf = (at: Date): string[] => [periodOf('month', at), periodOf('week', at)]

/** The period before: last month, last week (a week is 7 days). */
export const previousPeriod = (kind: PeriodKind, at: Date): string => {
  if (kind === 'week') return periodOf('week', new Date(+at - 7 * DAY_MS))
  const [y, m] = monthKey(at).split('-').map(Number)
  return `m${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}`
}

/** The units a change under `path` counts in: its street, community and grid (no building or household keeps any). */
export const statUnitsOf = (path: string): string[] => pathIds(path).slice(0, 3)

/** One recorded thing the figures count (what the records say, normalised). */
export type StatEvent =
  | { kind: 'notice'; at: Date; unitPaths: readonly string[]; urgent: boolean }
  | { kind: 'receipt'; at: Date; householdPath: string; householdId: string; urgent: boolean }
  | { kind: 'volunteer'; at: Date; homePath: string; personId: string; minutes: number }
  | { kind: 'points'; at: Date; homePath: string; earned: number; redeemed: number }
  | { kind: 'patrol'; at: Date; gridPath: string }
  | { kind: 'careMissed'; at: Date; homePath: string }

/** A change's delta per unit (what a change moves: figures, and the distinct keys it may count). */
export interface StatMove {
  unitIds: string[]
  delta: Partial<StatFigures>
  /** distinct figures this change may count once per key and period */
  distinct?: { figure: DistinctFigure; key: string }[]
}

/** What one event moves (the same rule the recount sums). */
export function moveOf(e: StatEvent): StatMove {
  switch (e.kind) {
    case 'notice': {
      const units = [...new Set(e.unitPaths.flatMap(statUnitsOf))]
      return { unitIds: units, delta: { notices: 1, urgentNotices: e.urgent ? 1 : 0 } }
    }
    case 'receipt':
      return {
        unitIds: statUnitsOf(e.householdPath),
        delta: {},
        distinct: [
          { figure: 'reached', key: e.householdId },
          ...(e.urgent ? [{ figure: 'urgentReached' as const, key: e.householdId }] : []),
        ],
      }
    case 'volunteer':
      return {
        unitIds: statUnitsOf(e.homePath),
        delta: { volunteerMinutes: e.minutes },
        distinct: [{ figure: 'activeVolunteers', key: e.personId }],
      }
    case 'points':
      return { unitIds: statUnitsOf(e.homePath), delta: { pointsEarned: e.earned, pointsRedeemed: e.redeemed } }
    case 'patrol':
      return { unitIds: statUnitsOf(e.gridPath), delta: { patrols: 1 } }
    case 'careMissed':
      return { unitIds: statUnitsOf(e.homePath), delta: { careMissed: 1 } }
  }
}

/** The `urgentHere` term of a notice: its urgent targets that are streets, communities or grids. */
export const urgentTargetsOf = (e: Extract<StatEvent, { kind: 'notice' }>): string[] =>
  e.urgent ? e.unitPaths.filter((p) => pathIds(p).length <= 3).map((p) => pathIds(p).slice(-1)[0]) : []

/**
 * The recount: every unit's figures per period, from the records. The definition of each figure: a notice counts
 * once in every unit on its targets' paths; a household or person counts once per distinct figure and period,
 * in the units of where they were when first counted.
 */
export function statsFor(events: readonly StatEvent[]): Map<string, StatFigures> {
  return recount(events).stats
}

/** A distinct key counted in a period (the statMarks the live moves leave). */
export interface StatMark {
  period: string
  figure: DistinctFigure
  key: string
  unitIds: string[]
  at: Date
}

/** The recount with the markers it leaves: `stats` keyed `${unitId}_${period}` (core/ids.ts unitStatsId). */
export function recount(events: readonly StatEvent[]): { stats: Map<string, StatFigures>; marks: StatMark[] } {
  const out = new Map<string, StatFigures>()
  const seen = new Set<string>()
  const marks: StatMark[] = []
  const add = (unitId: string, period: string, d: Partial<StatFigures>) => {
    const k = `${unitId}_${period}`
    out.set(k, addStats(out.get(k) ?? noStats(), d))
  }
  const ordered = [...events].sort((a, b) => +a.at - +b.at)
  for (const e of ordered) {
    const m = moveOf(e)
    for (const period of periodsOf(e.at)) {
      const d: Partial<StatFigures> = { ...m.delta }
      for (const { figure, key } of m.distinct ?? []) {
        const marker = `${period}_${figure}_${key}`
        if (seen.has(marker)) continue
        seen.add(marker)
        marks.push({ period, figure, key, unitIds: m.unitIds, at: e.at })
        d[figure] = (d[figure] ?? 0) + 1
      }
      if (e.kind === 'notice') for (const id of urgentTargetsOf(e)) add(id, period, { urgentHere: 1 })
      if (isZeroStats(d)) continue
      for (const id of m.unitIds) add(id, period, d)
    }
  }
  return { stats: out, marks }
}

/** Per cent, rounded; null when nothing to divide by. */
export const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null

/** The moment a Beijing day's figures are counted at (its noon): a missed care check counts in its day's periods. */
export const dayMoment = (day: string): Date => new Date(Date.parse(`${day}T04:00:00Z`))

/** How a period reads on the page: 2026年12月, or 12月1日–12月7日 (the ISO week holding `at`, Beijing). */
export function periodLabel(kind: PeriodKind, at: Date): string {
  const d = new Date(+at + BEIJING_OFFSET_MS)
  if (kind === 'month') return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() || 7) - 1)))
  const sunday = new Date(+monday + 6 * DAY_MS)
  const md = (x: Date) => `${x.getUTCMonth() + 1}月${x.getUTCDate()}日`
  return `${md(monday)}–${md(sunday)}`
}

/** A moment inside the period before (last week's same day, or a day of last month). */
export const momentBefore = (kind: PeriodKind, at: Date): Date => {
  if (kind === 'week') return new Date(+at - 7 * DAY_MS)
  const d = new Date(+at + BEIJING_OFFSET_MS)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 15) - BEIJING_OFFSET_MS)
}

/** The moments a period key holds, [from, to): a Beijing month or ISO week (Monday 00:00 Beijing on). */
export function periodBounds(period: string): { from: Date; to: Date } {
  const month = /^m(\d{4})-(\d{2})$/.exec(period)
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])]
    return {
      from: new Date(Date.UTC(y, m - 1, 1) - BEIJING_OFFSET_MS),
      to: new Date(Date.UTC(y, m, 1) - BEIJING_OFFSET_MS),
    }
  }
  const week = /^w(\d{4})-W(\d{2})$/.exec(period)
  if (!week) throw new Error(`not a period: ${period}`)
  const [y, w] = [Number(week[1]), Number(week[2])]
  const jan4 = Date.UTC(y, 0, 4)
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY_MS + (w - 1) * 7 * DAY_MS
  return { from: new Date(monday - BEIJING_OFFSET_MS), to: new Date(monday + 7 * DAY_MS - BEIJING_OFFSET_MS) }
}

/** The Beijing day (YYYY-MM-DD) of a moment: the care checks' day. */
export const beijingDay = (at: Date): string => new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
