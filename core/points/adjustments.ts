/**
 * Leaders' grants and deductions (积分奖励 / 扣减): only with a written reason, and within what the leader's role may
 * move in one Beijing month. A leader holding several roles over the resident gets the widest of them. The limits
 * are the resident's community's (points.updateRules; the defaults in ./rules.ts until its staff change them).
 */
import type { Role } from '../roles'
import { beijingMonth } from './months'
import { VOLUNTEER_RULES } from './rules'

export type Direction = 'grant' | 'deduct'

/** Points per Beijing month a role may grant and deduct in total: a community's table (default ./rules.ts). */
export type MonthlyLimits = Partial<Record<Role, { grant: number; deduct: number }>>
export const MONTHLY_LIMITS: MonthlyLimits = VOLUNTEER_RULES.adjustLimits

/** The shortest reason (in characters, trimmed) that says why. */
export const REASON_MIN = 4

export interface Used {
  month: string
  granted: number
  deducted: number
}

/** The widest limits among these roles (zero when none may adjust). */
export function limitsFor(
  roles: readonly Role[],
  table: MonthlyLimits = MONTHLY_LIMITS,
): { grant: number; deduct: number } {
  let grant = 0
  let deduct = 0
  for (const r of roles) {
    const l = table[r]
    if (l) {
      grant = Math.max(grant, l.grant)
      deduct = Math.max(deduct, l.deduct)
    }
  }
  return { grant, deduct }
}

/** Whether a reason says why (at least REASON_MIN characters once trimmed). */
export const reasonGiven = (reason: string): boolean => [...reason.trim()].length >= REASON_MIN

/** What a leader with these roles may still grant and deduct in the month of `at`. */
export function remainingThisMonth(
  roles: readonly Role[],
  used: Used | undefined,
  at: Date,
  table: MonthlyLimits = MONTHLY_LIMITS,
): { grant: number; deduct: number } {
  const limits = limitsFor(roles, table)
  const now = used?.month === beijingMonth(at) ? used : { granted: 0, deducted: 0 }
  return { grant: Math.max(0, limits.grant - now.granted), deduct: Math.max(0, limits.deduct - now.deducted) }
}

export type AdjustCheck =
  | { ok: true; used: Used; remaining: { grant: number; deduct: number } }
  | { ok: false; code: 'POINTS_REASON_REQUIRED' | 'POINTS_LIMIT_EXCEEDED'; detail?: string }

/**
 * Whether a leader with these roles (over the resident) may move `amount` this way at `at`, given what they moved
 * this month (`used`, from another month counts as nothing): what they will have used, and what is left.
 */
export function checkAdjustment(input: {
  roles: readonly Role[]
  direction: Direction
  amount: number
  reason: string
  used: Used | undefined
  at: Date
  /** the resident's community's limits (default MONTHLY_LIMITS) */
  limits?: MonthlyLimits
}): AdjustCheck {
  if (!reasonGiven(input.reason)) return { ok: false, code: 'POINTS_REASON_REQUIRED' }
  const month = beijingMonth(input.at)
  const used = input.used?.month === month ? input.used : { month, granted: 0, deducted: 0 }
  const limits = limitsFor(input.roles, input.limits)
  const next =
    input.direction === 'grant'
      ? { ...used, granted: used.granted + input.amount }
      : { ...used, deducted: used.deducted + input.amount }
  const over = input.direction === 'grant' ? next.granted > limits.grant : next.deducted > limits.deduct
  if (over) {
    const left = input.direction === 'grant' ? limits.grant - used.granted : limits.deduct - used.deducted
    return {
      ok: false,
      code: 'POINTS_LIMIT_EXCEEDED',
      detail: `本月还可${input.direction === 'grant' ? '奖励' : '扣减'} ${Math.max(0, left)} 分`,
    }
  }
  return {
    ok: true,
    used: next,
    remaining: { grant: limits.grant - next.granted, deduct: limits.deduct - next.deducted },
  }
}
