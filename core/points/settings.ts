/**
 * A community's volunteering rules as stored and as edited (points.updateRules): the bounds each may take, the zod
 * schema that holds them to those bounds, and `rulesOf`, which turns what is stored (or nothing) into the rules
 * in force. Bounds keep a rule from defeating its purpose (a bar of 0 days, a check-in window of a whole day).
 */
import { z } from 'zod'
import { ADJUSTER_ROLES, VOLUNTEER_RULES, type AdjusterRole, type VolunteerRules } from './rules'

export const RULE_BOUNDS = {
  cancelBeforeHours: { min: 0, max: 72 },
  noShowLimit: { min: 1, max: 10 },
  noShowWindowDays: { min: 30, max: 730 },
  barDays: { min: 1, max: 365 },
  checkOpensBeforeMinutes: { min: 0, max: 240 },
  checkClosesAfterMinutes: { min: 10, max: 720 },
  hour: { min: 0, max: 23 },
  starHours: { min: 1, max: 100_000, levels: 5 },
  teamLimit: { min: 1, max: 20 },
  expiryYears: { min: 0, max: 10 },
  expiryDays: { min: 1, max: 3650 },
  /** A role's monthly grant or deduction limit. */
  monthly: { min: 0, max: 100_000 },
} as const

const int = (b: { min: number; max: number }, label: string) =>
  z
    .number({ invalid_type_error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(b.min, `${label}不能小于 ${b.min}`)
    .max(b.max, `${label}不能大于 ${b.max}`)

const limits = (label: string) =>
  z
    .object({
      grant: int(RULE_BOUNDS.monthly, `${label}每月奖励上限`),
      deduct: int(RULE_BOUNDS.monthly, `${label}每月扣减上限`),
    })
    .strict()

export const expiryRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('endOfYear'), yearsAfter: int(RULE_BOUNDS.expiryYears, '到期年数') }).strict(),
  z.object({ kind: z.literal('days'), days: int(RULE_BOUNDS.expiryDays, '到期天数') }).strict(),
])

export const volunteerRulesSchema = z
  .object({
    cancelBeforeHours: int(RULE_BOUNDS.cancelBeforeHours, '免费取消时限'),
    noShowLimit: int(RULE_BOUNDS.noShowLimit, '缺席次数'),
    noShowWindowDays: int(RULE_BOUNDS.noShowWindowDays, '缺席统计天数'),
    barDays: int(RULE_BOUNDS.barDays, '暂停报名天数'),
    checkOpensBeforeMinutes: int(RULE_BOUNDS.checkOpensBeforeMinutes, '提前签到分钟数'),
    checkClosesAfterMinutes: int(RULE_BOUNDS.checkClosesAfterMinutes, '签到截止分钟数'),
    nightFromHour: int(RULE_BOUNDS.hour, '夜间开始时刻'),
    nightToHour: int(RULE_BOUNDS.hour, '夜间结束时刻'),
    starHours: z
      .array(int(RULE_BOUNDS.starHours, '星级时长'))
      .min(1, '至少设一个星级')
      .max(RULE_BOUNDS.starHours.levels, `最多 ${RULE_BOUNDS.starHours.levels} 个星级`)
      .refine((h) => h.every((v, i) => i === 0 || v > h[i - 1]), '星级时长应从低到高逐级增加'),
    teamLimit: int(RULE_BOUNDS.teamLimit, '可加入服务队数'),
    expiry: expiryRuleSchema.nullable(),
    adjustLimits: z
      .object({
        partyLeader: limits('党小组长'),
        gridChief: limits('网格长'),
        communityStaff: limits('社区工作者'),
        streetStaff: limits('街道工作者'),
      })
      .strict() satisfies z.ZodType<Record<AdjusterRole, { grant: number; deduct: number }>>,
  })
  .strict()

/**
 * The rules in force for a community from what is stored: nothing → the defaults; a stored document written by
 * another version (a field missing, or out of today's bounds) keeps what still holds and takes the default for the
 * rest, so a stale document never stops sign-ups or earning.
 */
export function rulesOf(stored: Partial<VolunteerRules> | null | undefined): VolunteerRules {
  if (!stored) return VOLUNTEER_RULES
  const shape = volunteerRulesSchema.shape
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(shape) as (keyof VolunteerRules)[]) {
    const parsed = shape[key].safeParse(stored[key])
    out[key] = parsed.success ? parsed.data : VOLUNTEER_RULES[key]
  }
  return out as unknown as VolunteerRules
}

/** The rules that differ from the defaults (what the rules page marks as changed). */
export const changedRules = (rules: VolunteerRules): (keyof VolunteerRules)[] =>
  (Object.keys(VOLUNTEER_RULES) as (keyof VolunteerRules)[]).filter(
    (k) => JSON.stringify(rules[k]) !== JSON.stringify(VOLUNTEER_RULES[k]),
  )

export { ADJUSTER_ROLES }

/** Each rule in the words of the rules page and the audit log. */
export const RULE_LABELS: Record<keyof VolunteerRules, string> = {
  cancelBeforeHours: '免费取消时限',
  noShowLimit: '缺席次数上限',
  noShowWindowDays: '缺席统计天数',
  barDays: '暂停报名天数',
  checkOpensBeforeMinutes: '提前签到分钟数',
  checkClosesAfterMinutes: '签到截止分钟数',
  nightFromHour: '夜间开始',
  nightToHour: '夜间结束',
  starHours: '星级时长',
  teamLimit: '可加入服务队数',
  expiry: '积分有效期',
  adjustLimits: '每月调整额度',
}

const ROLE_WORDS: Record<AdjusterRole, string> = {
  partyLeader: '党小组长',
  gridChief: '网格长',
  communityStaff: '社区',
  streetStaff: '街道',
}

/** A rule's value as a person reads it: 3 小时, 100/300/600 小时, 次年年底, 网格长 奖励500 扣减200 … */
export function ruleValueText(key: keyof VolunteerRules, rules: VolunteerRules): string {
  switch (key) {
    case 'cancelBeforeHours':
      return `开始前 ${rules.cancelBeforeHours} 小时`
    case 'noShowLimit':
      return `${rules.noShowLimit} 次`
    case 'noShowWindowDays':
    case 'barDays':
      return `${rules[key]} 天`
    case 'checkOpensBeforeMinutes':
    case 'checkClosesAfterMinutes':
      return `${rules[key]} 分钟`
    case 'nightFromHour':
    case 'nightToHour':
      return `${String(rules[key]).padStart(2, '0')}:00`
    case 'starHours':
      return `${rules.starHours.join('/')} 小时`
    case 'teamLimit':
      return `${rules.teamLimit} 个`
    case 'expiry':
      return expiryText(rules.expiry)
    case 'adjustLimits':
      return ADJUSTER_ROLES.map(
        (r) => `${ROLE_WORDS[r]}奖励${rules.adjustLimits[r].grant}扣减${rules.adjustLimits[r].deduct}`,
      ).join('，')
  }
}

/** 次年年底 / 获得后 365 天 / 按本环境的设置 */
export function expiryText(rule: VolunteerRules['expiry']): string {
  if (!rule) return '按本环境的设置'
  if (rule.kind === 'days') return `获得后 ${rule.days} 天`
  return rule.yearsAfter === 0 ? '当年年底' : rule.yearsAfter === 1 ? '次年年底' : `${rule.yearsAfter} 年后的年底`
}

/** What changed between two versions of the rules, one phrase each (the audit entry's note). */
export const rulesChangeNote = (before: VolunteerRules, after: VolunteerRules): string =>
  (Object.keys(RULE_LABELS) as (keyof VolunteerRules)[])
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${RULE_LABELS[k]}：${ruleValueText(k, before)} → ${ruleValueText(k, after)}`)
    .join('；') || '未改动'

/** The no-show window as a bar's reason says it: 近一年 / 近 90 天. */
export const noShowWindowText = (days: number): string => (days === 365 ? '近一年' : `近 ${days} 天`)
