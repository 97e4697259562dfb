/**
 * The schedule of a home-isolated household (居家隔离户): its period in Beijing days, and the tasks every day of it
 * gets — 物资配送 at its times, 垃圾清运 at its times. Pure; the handler writes each task under core/ids.ts
 * isolationTaskId(isolationId, kind, day, slot), so making the schedule again (a retry) creates nothing new.
 */
import type { IsolationKind } from '../model'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const BEIJING_OFFSET_MS = 8 * 60 * MINUTE

/** How long a period may be, how many times a day each kind may have, how far ahead it may start. */
export const ISOLATION_BOUNDS = { days: 28, timesPerKind: 4, startAheadDays: 7 } as const

/** A task not done this long after its time is overdue (超时). */
export const OVERDUE_AFTER_MINUTES = 60
/** How far back leaders' overdue figures and lists look (older unfinished tasks are history). */
export const OVERDUE_WINDOW_DAYS = 7
/** The volunteer time a done task adds to its volunteer's totals (志愿时长), once. */
export const ISOLATION_TASK_MINUTES = 30

export const ISOLATION_KIND_LABELS: Record<IsolationKind, string> = { supplies: '物资配送', garbage: '垃圾清运' }

/** The UTC moment of Beijing midnight starting `day` (YYYY-MM-DD). */
export const beijingMidnight = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS)
/** The Beijing day (YYYY-MM-DD) a moment falls on. */
export const beijingDayOf = (at: Date): string => new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
/** The Beijing day `n` days after `day`. */
export const addDays = (day: string, n: number): string => beijingDayOf(new Date(+beijingMidnight(day) + n * DAY))

/** HH:MM, 00:00–23:59. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/

export interface ScheduleSpec {
  startDay: string
  days: number
  supplies: { times: readonly string[]; note: string }
  garbage: { times: readonly string[] }
}

export interface PlannedTask {
  kind: IsolationKind
  day: string
  slot: string
  dueAt: Date
  note: string
}

/** [startAt, endAt) of a period: from Beijing midnight of the first day to the midnight after the last. */
export const periodOf = (startDay: string, days: number): { startAt: Date; endAt: Date } => {
  const startAt = beijingMidnight(startDay)
  return { startAt, endAt: new Date(+startAt + days * DAY) }
}

export type ScheduleProblem = 'days' | 'start' | 'times' | 'empty'

/** Why a schedule cannot be made now, or null: a bounded period starting today or within a week, valid distinct
 * times, and at least one task a day. */
export function scheduleProblem(spec: ScheduleSpec, now: Date): ScheduleProblem | null {
  if (!Number.isInteger(spec.days) || spec.days < 1 || spec.days > ISOLATION_BOUNDS.days) return 'days'
  const today = beijingDayOf(now)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(spec.startDay) || beijingDayOf(beijingMidnight(spec.startDay)) !== spec.startDay)
    return 'start'
  if (spec.startDay < today || spec.startDay > addDays(today, ISOLATION_BOUNDS.startAheadDays)) return 'start'
  for (const times of [spec.supplies.times, spec.garbage.times]) {
    if (times.length > ISOLATION_BOUNDS.timesPerKind) return 'times'
    if (times.some((t) => !TIME_OF_DAY.test(t)) || new Set(times).size !== times.length) return 'times'
  }
  if (spec.supplies.times.length + spec.garbage.times.length === 0) return 'empty'
  return null
}

/** Every task of the period due at or after `from` (a slot already past when the schedule is made is left out),
 * in order of time, supplies before garbage at the same minute. */
export function planTasks(spec: ScheduleSpec, from: Date = new Date(0)): PlannedTask[] {
  const out: PlannedTask[] = []
  for (let i = 0; i < spec.days; i++) {
    const day = addDays(spec.startDay, i)
    const midnight = +beijingMidnight(day)
    const add = (kind: IsolationKind, slot: string, note: string) => {
      const [h, m] = slot.split(':').map(Number)
      const dueAt = new Date(midnight + (h * 60 + m) * MINUTE)
      if (+dueAt >= +from) out.push({ kind, day, slot, dueAt, note })
    }
    for (const t of spec.supplies.times) add('supplies', t, spec.supplies.note)
    for (const t of spec.garbage.times) add('garbage', t, '')
  }
  return out.sort((a, b) => +a.dueAt - +b.dueAt || (a.kind === b.kind ? 0 : a.kind === 'supplies' ? -1 : 1))
}

/** The tasks grouped by Beijing day (one transaction writes one day with its counter). */
export function byDay<T extends { day: string }>(tasks: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const t of tasks) out.set(t.day, [...(out.get(t.day) ?? []), t])
  return out
}
