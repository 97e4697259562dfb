/**
 * 日调度 (issue 13 item 4): what a leader's scope needs today, in five sections — requests overdue and due today,
 * households not reached by urgent notices still running, today's duty shifts with free seats, missed care checks,
 * today's activities. Pure: the Beijing day's bounds, the order of each section's few items, the one unit a leader's
 * morning message is about, and that message's fields. cloudfunctions/dashboard/dispatch-read.ts reads, this shapes.
 */
import { clip } from '../notices/links'
import type { Role, RoleGrant } from '../roles'

const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** Items shown per section (the count says how many there are in all). */
export const DISPATCH_ITEMS = 5

/** The sections, in the order the page and the message show them. */
export const DISPATCH_SECTIONS = ['requests', 'notices', 'shifts', 'care', 'activities'] as const
export type DispatchSection = (typeof DISPATCH_SECTIONS)[number]

export const DISPATCH_TITLES: Record<DispatchSection, string> = {
  requests: '超时和今天到期的诉求',
  notices: '紧急通知未触达',
  shifts: '今天缺人的值守班次',
  care: '未探访的关爱对象',
  activities: '今天的志愿活动',
}

/** The Beijing day of a moment (YYYY-MM-DD), its start and end as instants, and the day before. */
export function dispatchDay(at: Date): { day: string; start: Date; end: Date; yesterday: string } {
  const day = new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS)
  const yesterday = new Date(+start - DAY_MS + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
  return { day, start, end: new Date(+start + DAY_MS), yesterday }
}

/** Months of request cohorts whose overdue counters a dispatch list adds up (a request open past a year is rare;
 * reading a fixed number keeps the list's cost flat). */
export const OVERDUE_MONTHS = 12

/** The Beijing months (YYYY-MM) ending with the one of `at`, newest first, `n` of them. */
export function recentMonths(at: Date, n: number = OVERDUE_MONTHS): string[] {
  const d = new Date(+at + BEIJING_OFFSET_MS)
  return Array.from({ length: n }, (_, i) => {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1))
    return m.toISOString().slice(0, 7)
  })
}

/** The morning message goes out from this Beijing time (07:30) on; earlier firings of the day queue nothing. */
export const DISPATCH_SEND_FROM_MINUTES = 7 * 60 + 30

/** Whether `at` is past the day's sending time (Beijing), so the day's job may be written. */
export const isDispatchTime = (at: Date): boolean => {
  const d = new Date(+at + BEIJING_OFFSET_MS)
  return d.getUTCHours() * 60 + d.getUTCMinutes() >= DISPATCH_SEND_FROM_MINUTES
}

/** A request as a section item needs it. */
export interface DueRequest {
  id: string
  overdue: boolean
  /** the deadline it is held to next (null: none left, already past) */
  dueAt: Date | null
  updatedAt: Date
}

/** Requests: the overdue first (the longest-waiting, i.e. least recently changed, first), then those due today by
 * deadline; at most `limit`, each once. */
export function orderRequests<T extends DueRequest>(overdue: readonly T[], dueToday: readonly T[], limit: number): T[] {
  const seen = new Set<string>()
  const late = [...overdue].sort((a, b) => +a.updatedAt - +b.updatedAt || cmp(a.id, b.id))
  const soon = [...dueToday]
    .filter((r) => !r.overdue)
    .sort((a, b) => +(a.dueAt ?? 0) - +(b.dueAt ?? 0) || cmp(a.id, b.id))
  const out: T[] = []
  for (const r of [...late, ...soon]) {
    if (out.length >= limit) break
    if (seen.has(r.id)) continue
    seen.add(r.id)
    out.push(r)
  }
  return out
}

/** Urgent notices: those with the most households not reached first (ties: newest first); only those with some. */
export function orderUnreached<T extends { id: string; unreached: number; publishedAt: Date }>(
  notices: readonly T[],
  limit: number,
): T[] {
  return notices
    .filter((n) => n.unreached > 0)
    .sort((a, b) => b.unreached - a.unreached || +b.publishedAt - +a.publishedAt || cmp(a.id, b.id))
    .slice(0, limit)
}

/** Households of a unit a notice has not reached (never below 0: a household may have joined since). */
export const unreachedOf = (households: number, reached: number): number => Math.max(0, households - reached)

/** Shifts and activities: soonest first; shifts with more free seats first at the same time. */
export function orderByStart<T extends { id: string; startAt: Date; free?: number }>(
  rows: readonly T[],
  limit: number,
) {
  return [...rows]
    .sort((a, b) => +a.startAt - +b.startAt || (b.free ?? 0) - (a.free ?? 0) || cmp(a.id, b.id))
    .slice(0, limit)
}

/** Missed care checks: the latest day first, then by name (pinyin order). */
export function orderMissed<T extends { id: string; day: string; name: string }>(rows: readonly T[], limit: number) {
  return [...rows]
    .sort((a, b) => cmp(b.day, a.day) || a.name.localeCompare(b.name, 'zh-CN') || cmp(a.id, b.id))
    .slice(0, limit)
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Who gets a dispatch list: the readers of the dashboard (core/permissions.ts DASHBOARD_READERS). */
export const DISPATCH_ROLES: readonly Role[] = ['gridChief', 'communityStaff', 'streetStaff']
const RANK: Record<string, number> = { streetStaff: 0, communityStaff: 1, gridChief: 2 }

/** The one unit a leader's morning message is about: their widest (a street before a community before a grid),
 * then the first granted; null when they lead none. */
export function dispatchUnitOf(roles: readonly RoleGrant[]): string | null {
  const led = roles
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => DISPATCH_ROLES.includes(g.role))
    .sort((a, b) => RANK[a.g.role] - RANK[b.g.role] || a.i - b.i)
  return led[0]?.g.unitId ?? null
}

/** The five counts of a day. */
export type DispatchCounts = Record<DispatchSection, number>

/** What the message and the page say when nothing needs doing. */
export const ALL_CLEAR = '今日辖区一切正常'

/** One line of the counts, shortest words first: 诉求3 通知12户 值守2 探访1 活动1 (only what is not zero). */
export function countsLine(c: DispatchCounts): string {
  const parts = [
    c.requests ? `诉求${c.requests}件` : '',
    c.notices ? `未触达${c.notices}户次` : '',
    c.shifts ? `缺人班次${c.shifts}` : '',
    c.care ? `未探访${c.care}人` : '',
    c.activities ? `活动${c.activities}场` : '',
  ].filter(Boolean)
  return parts.length ? parts.join(' ') : ALL_CLEAR
}

/** The page the message opens (src/routes.ts dispatch). */
export const DISPATCH_PAGE = 'dashboard/dispatch/index'

/**
 * The morning template (一次性订阅; a real deployment replaces the id with its 公众平台 one, docs/deploy.md): thing1
 * the unit, date2 the day, thing3 the counts (at most 20 characters).
 */
export const DISPATCH_TEMPLATE = {
  id: 'wgt-dispatch-daily',
  fields: { unit: 'thing1', day: 'date2', counts: 'thing3' },
} as const

/** What a day's messages are spent on: one per person per day, whatever the firings do. */
export const dispatchPurpose = (day: string): string => `dispatch:${day}`

/** The morning message of one leader about one unit. */
export function dispatchMessage(
  m: { unitId: string; unitName: string; day: string; counts: DispatchCounts },
  to: { openid: string; templateId: string },
) {
  const f = DISPATCH_TEMPLATE.fields
  return {
    touser: to.openid,
    templateId: to.templateId,
    page: `${DISPATCH_PAGE}?unit=${encodeURIComponent(m.unitId)}`,
    miniprogramState: 'formal',
    data: {
      [f.unit]: { value: clip(m.unitName, 20) },
      [f.day]: { value: m.day },
      [f.counts]: { value: clip(countsLine(m.counts), 20) },
    },
  }
}
