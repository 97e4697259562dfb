/**
 * The request settings in force for a place: the defaults below, overridden by what its community stored
 * (categories switched off, limits, the urgent limit, auto-close, re-inspection and errand points) and what its street stored
 * (departments, holidays, 调休 workdays). A stored value that is not valid any more is ignored, never trusted, so
 * a bad document cannot stop the machine; `settingsIssues` is what requests.updateSettings refuses with.
 */
import {
  CATEGORY_LABELS,
  DEFAULT_DEPARTMENTS,
  REQUEST_CATEGORIES,
  REQUEST_LIMITS,
  type CategoryLimit,
  type RequestCategory,
} from '../contract/requests'
import type { RequestSettingsDoc } from '../model'
import { ERRAND_POINTS, ERRAND_POINTS_MAX } from './errand'

export interface DepartmentSetting {
  id: string
  name: string
  /** 报到: the department must accept a dispatched request within this many calendar hours */
  reportInHours: number
}

/** What core/requests/machine.ts and deadlines.ts read: everything resolved, nothing optional. */
export interface RequestSettings {
  categories: Record<RequestCategory, { enabled: boolean; limits: CategoryLimit }>
  /** an urgent request's response (and each level's acceptance) limit, in calendar hours */
  urgentHours: number
  departments: DepartmentSetting[]
  /** Beijing days (YYYY-MM-DD) that are not working days though Mon–Fri */
  holidays: string[]
  /** 调休: Beijing days that are working days though Sat/Sun */
  workdays: string[]
  /** a done request nobody rated closes itself after this many days */
  autoCloseDays: number
  /** a re-inspection (回头看) is scheduled this many weeks after closing unless the leader picks a day */
  reinspectWeeks: number
  /** what a confirmed errand (跑腿代购) earns its taker, in points */
  errandPoints: number
}

const DAY = 24
/** One Beijing working day: 08:30–12:00 and 13:30–17:30. */
export const WORKING_DAY_HOURS = 7.5

/** The default limits: 24 h to respond, and 24 h (repair: utilities), 7 days (general) or 15 days (complex:
 * disputes, and enterprise services in working days) to resolve. */
export const DEFAULT_LIMITS: Record<RequestCategory, CategoryLimit> = {
  errand: { respondHours: 2, resolveHours: DAY, basis: 'calendar' },
  repair: { respondHours: 4, resolveHours: DAY, basis: 'calendar' },
  sanitation: { respondHours: DAY, resolveHours: 7 * DAY, basis: 'calendar' },
  dispute: { respondHours: DAY, resolveHours: 15 * DAY, basis: 'calendar' },
  hazard: { respondHours: DAY, resolveHours: 7 * DAY, basis: 'calendar' },
  help: { respondHours: DAY, resolveHours: 7 * DAY, basis: 'calendar' },
  enterprise: { respondHours: WORKING_DAY_HOURS, resolveHours: 15 * WORKING_DAY_HOURS, basis: 'working' },
  other: { respondHours: DAY, resolveHours: 7 * DAY, basis: 'calendar' },
}

/** The categories a reporter may mark 紧急 (a handler then confirms or overrules it). */
export const URGENT_CATEGORIES: readonly RequestCategory[] = ['repair', 'hazard', 'help', 'sanitation']

export const DEFAULT_SETTINGS: RequestSettings = {
  categories: Object.fromEntries(
    REQUEST_CATEGORIES.map((c) => [c, { enabled: true, limits: DEFAULT_LIMITS[c] }]),
  ) as RequestSettings['categories'],
  urgentHours: 2,
  departments: DEFAULT_DEPARTMENTS.map((d) => ({ id: d.id, name: d.name, reportInHours: DAY })),
  holidays: [],
  workdays: [],
  autoCloseDays: 7,
  reinspectWeeks: 4,
  errandPoints: ERRAND_POINTS,
}

const DAY_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const DEPT_RE = /^[a-z][a-z0-9]{1,19}$/

const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay()
const isRealDay = (day: string): boolean =>
  DAY_RE.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day

const limitIssue = (category: RequestCategory, l: CategoryLimit | undefined): string | null => {
  if (!l || typeof l !== 'object') return `${CATEGORY_LABELS[category]}的时限缺少内容`
  const { respondHours: r, resolveHours: s, basis } = l
  if (basis !== 'calendar' && basis !== 'working') return `${CATEGORY_LABELS[category]}的计时方式不对`
  if (!(Number.isFinite(r) && r >= 0.5 && r <= REQUEST_LIMITS.hours))
    return `${CATEGORY_LABELS[category]}的响应时限应在 0.5 到 ${REQUEST_LIMITS.hours} 小时之间`
  if (!(Number.isFinite(s) && s >= 1 && s <= REQUEST_LIMITS.hours))
    return `${CATEGORY_LABELS[category]}的办结时限应在 1 到 ${REQUEST_LIMITS.hours} 小时之间`
  if (r > s) return `${CATEGORY_LABELS[category]}的响应时限不能长于办结时限`
  return null
}

/**
 * What is wrong with a settings document, in Chinese, one line each (empty: valid). requests.updateSettings
 * refuses with REQUEST_SETTINGS_INVALID and these as its issues; `mergeSettings` drops what they name.
 */
export function settingsIssues(doc: Omit<Partial<RequestSettingsDoc>, '_id' | 'updatedAt' | 'updatedBy'>): string[] {
  const issues: string[] = []
  for (const c of doc.disabled ?? []) if (!REQUEST_CATEGORIES.includes(c)) issues.push(`没有“${String(c)}”这个类别`)
  if (doc.disabled && REQUEST_CATEGORIES.every((c) => doc.disabled?.includes(c))) issues.push('至少要开通一个诉求类别')
  for (const [c, l] of Object.entries(doc.limits ?? {})) {
    if (!REQUEST_CATEGORIES.includes(c as RequestCategory)) issues.push(`没有“${c}”这个类别`)
    else {
      const issue = limitIssue(c as RequestCategory, l)
      if (issue) issues.push(issue)
    }
  }
  if (doc.urgentHours !== undefined && !(doc.urgentHours >= 0.5 && doc.urgentHours <= 72))
    issues.push('紧急诉求的时限应在 0.5 到 72 小时之间')
  if (
    doc.autoCloseDays !== undefined &&
    !(
      Number.isInteger(doc.autoCloseDays) &&
      doc.autoCloseDays >= 1 &&
      doc.autoCloseDays <= REQUEST_LIMITS.autoCloseDays
    )
  )
    issues.push(`自动关闭天数应在 1 到 ${REQUEST_LIMITS.autoCloseDays} 天之间`)
  if (
    doc.reinspectWeeks !== undefined &&
    !(
      Number.isInteger(doc.reinspectWeeks) &&
      doc.reinspectWeeks >= 1 &&
      doc.reinspectWeeks <= REQUEST_LIMITS.reinspectWeeks
    )
  )
    issues.push(`回头看间隔应在 1 到 ${REQUEST_LIMITS.reinspectWeeks} 周之间`)
  if (
    doc.errandPoints !== undefined &&
    !(Number.isInteger(doc.errandPoints) && doc.errandPoints >= 1 && doc.errandPoints <= ERRAND_POINTS_MAX)
  )
    issues.push(`跑腿代购的积分应在 1 到 ${ERRAND_POINTS_MAX} 之间`)
  if (doc.departments) {
    if (doc.departments.length === 0) issues.push('至少要有一个职能部门')
    const ids = new Set<string>()
    const names = new Set<string>()
    for (const d of doc.departments) {
      if (!DEPT_RE.test(d.id)) issues.push(`部门编号“${d.id}”格式不对`)
      else if (ids.has(d.id)) issues.push(`部门编号“${d.id}”重复了`)
      ids.add(d.id)
      const name = d.name.trim()
      if (!name || name.length > REQUEST_LIMITS.departmentName) issues.push(`部门名称“${d.name}”不对`)
      else if (names.has(name)) issues.push(`部门名称“${name}”重复了`)
      names.add(name)
      if (!(d.reportInHours >= 1 && d.reportInHours <= REQUEST_LIMITS.hours))
        issues.push(`${name || d.id}的报到时限应在 1 到 ${REQUEST_LIMITS.hours} 小时之间`)
    }
  }
  for (const day of doc.holidays ?? []) if (!isRealDay(day)) issues.push(`节假日“${day}”不是有效日期`)
  for (const day of doc.workdays ?? []) {
    if (!isRealDay(day)) issues.push(`调休上班日“${day}”不是有效日期`)
    else if (![0, 6].includes(weekdayOf(day))) issues.push(`调休上班日“${day}”不是周末`)
  }
  for (const day of doc.workdays ?? []) if (doc.holidays?.includes(day)) issues.push(`“${day}”不能既是节假日又是上班日`)
  return issues
}

/** The settings in force: defaults, then the community's document, then the street's, each field only if valid. */
export function mergeSettings(
  community: RequestSettingsDoc | null | undefined,
  street: RequestSettingsDoc | null | undefined,
): RequestSettings {
  const categories = { ...DEFAULT_SETTINGS.categories }
  const ok = (part: Parameters<typeof settingsIssues>[0]): boolean => settingsIssues(part).length === 0
  if (community) {
    if (community.disabled && ok({ disabled: community.disabled }))
      for (const c of REQUEST_CATEGORIES) categories[c] = { ...categories[c], enabled: !community.disabled.includes(c) }
    for (const c of REQUEST_CATEGORIES) {
      const l = community.limits?.[c]
      if (l && !limitIssue(c, l))
        categories[c] = {
          ...categories[c],
          limits: { respondHours: l.respondHours, resolveHours: l.resolveHours, basis: l.basis },
        }
    }
  }
  const pick = <K extends keyof RequestSettings & keyof RequestSettingsDoc>(
    doc: RequestSettingsDoc | null | undefined,
    key: K,
  ): RequestSettings[K] => {
    const v = doc?.[key]
    return v !== undefined && ok({ [key]: v }) ? (v as RequestSettings[K]) : DEFAULT_SETTINGS[key]
  }
  return {
    categories,
    urgentHours: pick(community, 'urgentHours'),
    autoCloseDays: pick(community, 'autoCloseDays'),
    reinspectWeeks: pick(community, 'reinspectWeeks'),
    errandPoints: pick(community, 'errandPoints'),
    departments: pick(street, 'departments').map((d) => ({
      id: d.id,
      name: d.name.trim(),
      reportInHours: d.reportInHours,
    })),
    holidays: [...pick(street, 'holidays')].sort(),
    workdays: [...pick(street, 'workdays')].sort(),
  }
}

/** A department of the settings by id (null: not one of the street's). */
export const departmentOf = (settings: RequestSettings, id: string | undefined): DepartmentSetting | null =>
  (id && settings.departments.find((d) => d.id === id)) || null
