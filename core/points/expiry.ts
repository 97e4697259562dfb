/**
 * When earned points expire, and which are shown as expiring soon. The rule is configurable per environment
 * (POINTS_EXPIRY, docs/deploy.md): by default points expire at the end of the year after the one they were
 * earned in (Beijing time), e.g. earned 2026-03-05 → expire 2027-12-31 24:00; or after a number of days.
 */
import type { Lot } from './ledger'

export type ExpiryRule = { kind: 'endOfYear'; yearsAfter: number } | { kind: 'days'; days: number }

export const DEFAULT_EXPIRY_RULE: ExpiryRule = { kind: 'endOfYear', yearsAfter: 1 }
/** How far ahead a person is told that points will expire. */
export const EXPIRY_NOTICE_DAYS = 60

const DAY_MS = 86_400_000
const BEIJING_OFFSET_MS = 8 * 3_600_000

/**
 * The rule from its written form: 'end-of-year+N' (N ≥ 0 years after the year of earning) or 'days:N' (N ≥ 1);
 * empty or absent → the default; anything else → null (a misconfigured environment is refused, not guessed).
 */
export function parseExpiryRule(text: string | undefined): ExpiryRule | null {
  const t = (text ?? '').trim()
  if (!t) return DEFAULT_EXPIRY_RULE
  const year = /^end-of-year\+(\d{1,2})$/.exec(t)
  if (year) return { kind: 'endOfYear', yearsAfter: Number(year[1]) }
  const days = /^days:(\d{1,5})$/.exec(t)
  if (days && Number(days[1]) >= 1) return { kind: 'days', days: Number(days[1]) }
  return null
}

/** When points earned at `at` expire under the rule. */
export function expiresAt(at: Date, rule: ExpiryRule): Date {
  if (rule.kind === 'days') return new Date(+at + rule.days * DAY_MS)
  const year = new Date(+at + BEIJING_OFFSET_MS).getUTCFullYear() + rule.yearsAfter
  // midnight that starts 1 January of the next year, Beijing time
  return new Date(Date.UTC(year + 1, 0, 1) - BEIJING_OFFSET_MS)
}

/** Lots whose expiry has come (due to be posted back to the pool) and what stays. */
export function dueLots(lots: readonly Lot[], now: Date): { due: Lot[]; kept: Lot[] } {
  const due = lots.filter((l) => +new Date(l.expiresAt) <= +now)
  return { due, kept: lots.filter((l) => +new Date(l.expiresAt) > +now) }
}

/** The earliest lot that expires within the notice window, shown ahead; null when none does. */
export function expiringSoon(
  lots: readonly Lot[],
  now: Date,
  aheadDays = EXPIRY_NOTICE_DAYS,
): { amount: number; at: Date } | null {
  const horizon = +now + aheadDays * DAY_MS
  const soon = lots
    .filter((l) => l.amount > 0 && +new Date(l.expiresAt) > +now && +new Date(l.expiresAt) <= horizon)
    .sort((a, b) => +new Date(a.expiresAt) - +new Date(b.expiresAt))[0]
  return soon ? { amount: soon.amount, at: new Date(soon.expiresAt) } : null
}
