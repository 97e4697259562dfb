/**
 * Request deadlines. A limit counts calendar hours, or Beijing working hours (08:30–12:00 and 13:30–17:30, Monday
 * to Friday, minus the street's holidays, plus its 调休 make-up workdays). Beijing is UTC+8 all year (no daylight
 * saving), so every computation here is on UTC milliseconds shifted by eight hours.
 */
import type { CategoryLimit, LimitBasis, RequestCategory } from '../contract/requests'
import type { RequestDoc } from '../model'
import type { RequestLevel } from './states'
import type { RequestSettings } from './settings'

const HOUR = 3_600_000
const MINUTE = 60_000
const DAY_MS = 24 * HOUR
const BEIJING_OFFSET_MS = 8 * HOUR

/** The working windows of a Beijing day, in minutes after midnight. */
export const WORKING_WINDOWS: readonly (readonly [number, number])[] = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
]

export interface WorkCalendar {
  /** Beijing days (YYYY-MM-DD), Mon–Fri, that are not worked */
  holidays: readonly string[]
  /** Beijing days, Sat/Sun, that are worked (调休) */
  workdays: readonly string[]
}

/** The Beijing day (YYYY-MM-DD) of a moment. */
export const beijingDayOf = (at: Date): string => new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 10)

/** Whether a Beijing day is a working day under the calendar. */
export function isWorkday(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.includes(day)) return true
  if (calendar.holidays.includes(day)) return false
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/**
 * When a limit of `hours` started at `start` runs out. Calendar: start + hours. Working: the moment the
 * `hours`-th working hour after start ends — time outside the windows does not count, so a limit that runs out
 * exactly at a window's end is due then (12:00, not 13:30).
 */
export function dueAt(start: Date, hours: number, basis: LimitBasis, calendar: WorkCalendar): Date {
  let remaining = Math.round(hours * HOUR)
  if (basis === 'calendar' || remaining <= 0) return new Date(+start + remaining)
  // walk Beijing local time (shifted UTC) day by day; the year of limits is bounded, so is the walk
  let local = +start + BEIJING_OFFSET_MS
  for (let guard = 0; guard < 3 * 366; guard++) {
    const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS)
    const day = new Date(dayStart).toISOString().slice(0, 10)
    if (isWorkday(day, calendar)) {
      for (const [from, to] of WORKING_WINDOWS) {
        const windowEnd = dayStart + to * MINUTE
        const at = Math.max(local, dayStart + from * MINUTE)
        if (at >= windowEnd) continue
        if (remaining <= windowEnd - at) return new Date(at + remaining - BEIJING_OFFSET_MS)
        remaining -= windowEnd - at
        local = windowEnd
      }
    }
    local = dayStart + DAY_MS
  }
  throw new Error('a working-hours limit longer than three years')
}

/** Whether a request is treated as urgent: the handler's ruling, else the reporter's mark. */
export const isUrgent = (r: Pick<RequestDoc, 'urgent' | 'urgentConfirmed'>): boolean => r.urgentConfirmed ?? r.urgent

/** The limits a request runs on: its category's, with an urgent one's response limit cut to the urgent limit. */
export function limitsOf(
  category: RequestCategory,
  urgent: boolean,
  settings: RequestSettings,
): { respond: { hours: number; basis: LimitBasis }; resolve: { hours: number; basis: LimitBasis } } {
  const l: CategoryLimit = settings.categories[category].limits
  const respond = urgent
    ? { hours: Math.min(settings.urgentHours, l.respondHours), basis: 'calendar' as const }
    : { hours: l.respondHours, basis: l.basis }
  return { respond, resolve: { hours: l.resolveHours, basis: l.basis } }
}

/** The request's promises, from when it was reported: respond by, resolve by. */
export function promises(
  r: Pick<RequestDoc, 'category' | 'urgent' | 'urgentConfirmed' | 'createdAt'>,
  settings: RequestSettings,
): { respondDueAt: Date; resolveDueAt: Date } {
  const l = limitsOf(r.category, isUrgent(r), settings)
  return {
    respondDueAt: dueAt(r.createdAt, l.respond.hours, l.respond.basis, settings),
    resolveDueAt: dueAt(r.createdAt, l.resolve.hours, l.resolve.basis, settings),
  }
}

/**
 * When the owner of `level` must accept a request that reached it at `since`: the category's response limit (the
 * urgent one when urgent) at a grid, community or street; the department's 报到 limit, in calendar hours.
 */
export function levelDueAt(
  r: Pick<RequestDoc, 'category' | 'urgent' | 'urgentConfirmed'>,
  level: RequestLevel,
  since: Date,
  settings: RequestSettings,
  department?: { reportInHours: number } | null,
): Date {
  if (level === 'department') return dueAt(since, department?.reportInHours ?? 24, 'calendar', settings)
  const l = limitsOf(r.category, isUrgent(r), settings)
  return dueAt(since, l.respond.hours, l.respond.basis, settings)
}

/** The deadlines of a request that are still unmet and not yet marked overdue. */
export function unmetDeadlines(
  r: Pick<
    RequestDoc,
    | 'group'
    | 'state'
    | 'respondedAt'
    | 'respondOverdue'
    | 'resolveOverdue'
    | 'levelOverdue'
    | 'respondDueAt'
    | 'resolveDueAt'
    | 'levelDueAt'
  >,
): { respond: Date | null; resolve: Date | null; level: Date | null } {
  const open = r.group === 'open'
  return {
    respond: open && !r.respondedAt && !r.respondOverdue ? r.respondDueAt : null,
    resolve: open && !r.resolveOverdue ? r.resolveDueAt : null,
    level: open && r.state === 'submitted' && !r.levelOverdue ? r.levelDueAt : null,
  }
}

/** The earliest unmet deadline (what the timer queries), or null when none is pending. */
export function nextDueAt(r: Parameters<typeof unmetDeadlines>[0]): Date | null {
  const dates = Object.values(unmetDeadlines(r)).filter((d): d is Date => d !== null)
  return dates.length ? new Date(Math.min(...dates.map(Number))) : null
}

/** Which unmet deadlines have passed at `now` (what autoEscalate marks overdue). */
export function passedDeadlines(
  r: Parameters<typeof unmetDeadlines>[0],
  now: Date,
): ('respond' | 'resolve' | 'level')[] {
  const u = unmetDeadlines(r)
  return (['respond', 'resolve', 'level'] as const).filter((k) => {
    const d = u[k]
    return d !== null && +d <= +now
  })
}
