/**
 * Attendance: the check-in (and check-out) code that changes every minute, its QR text, the windows in which
 * checking is open, and the minutes a sign-up counts. Pure: the handler gives the activity's secret and the time.
 */
import { VOLUNTEER_RULES, type VolunteerRules } from './rules'
import { hmacSha256 } from './sha256'

export type CheckKind = 'in' | 'out'

const MINUTE = 60_000

/** The minute number of a moment (minutes since the epoch). */
export const minuteOf = (at: Date): number => Math.floor(at.getTime() / MINUTE)

/** The 6-digit code of one minute: HMAC-SHA-256(secret, "<kind>:<minute>") truncated as HOTP does (RFC 4226). */
export function checkCode(secret: string, kind: CheckKind, minute: number): string {
  const mac = hmacSha256(secret, `${kind}:${minute}`)
  const offset = mac[mac.length - 1] & 0x0f
  const bin = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]
  return String(bin % 1_000_000).padStart(6, '0')
}

/** The QR code's text: what wx.scanCode hands back, and the check-in action accepts like the 6 digits. */
export const checkQrText = (activityId: string, kind: CheckKind, code: string): string =>
  `wgt-check:${kind}:${activityId}:${code}`

/** The 6 digits a volunteer sent: typed, or read from the QR code (which must be for this activity and kind). */
export function codeFrom(text: string, activityId: string, kind: CheckKind): string | null {
  const typed = text.trim()
  if (/^\d{6}$/.test(typed)) return typed
  const m = /^wgt-check:(in|out):([^:]+):(\d{6})$/.exec(typed)
  return m && m[1] === kind && m[2] === activityId ? m[3] : null
}

/** Whether a code is this minute's or the previous minute's (shown just before it changed). */
export function acceptsCode(secret: string, kind: CheckKind, code: string, now: Date): boolean {
  const minute = minuteOf(now)
  return code === checkCode(secret, kind, minute) || code === checkCode(secret, kind, minute - 1)
}

/** When the current code stops being accepted: the end of the next minute. */
export const codeValidUntil = (now: Date): Date => new Date((minuteOf(now) + 2) * MINUTE)

/** The community's check window: how long before the anchor it opens and after it closes. */
export type CheckRules = Pick<VolunteerRules, 'checkOpensBeforeMinutes' | 'checkClosesAfterMinutes'>

/** Check-in opens shortly before the start and closes after it (by default 30 min and 1 h); check-out the same
 * around the end. */
export function checkWindow(
  activity: { startAt: Date; endAt: Date },
  kind: CheckKind,
  rules: CheckRules = VOLUNTEER_RULES,
): { opensAt: Date; closesAt: Date } {
  const anchor = (kind === 'in' ? activity.startAt : activity.endAt).getTime()
  return {
    opensAt: new Date(anchor - rules.checkOpensBeforeMinutes * MINUTE),
    closesAt: new Date(anchor + rules.checkClosesAfterMinutes * MINUTE),
  }
}

export const isCheckOpen = (
  activity: { startAt: Date; endAt: Date },
  kind: CheckKind,
  now: Date,
  rules: CheckRules = VOLUNTEER_RULES,
): boolean => {
  const { opensAt, closesAt } = checkWindow(activity, kind, rules)
  return now >= opensAt && now <= closesAt
}

/**
 * The stretch of time a sign-up counts: from check-in to check-out, bounded by the activity's time; nothing
 * without both. An organiser's adjustment replaces the length (from the counted start, or the activity's start).
 */
export function attendedSpan(
  activity: { startAt: Date; endAt: Date },
  row: { checkInAt?: Date; checkOutAt?: Date; adjusted?: { minutes: number } },
): { from: Date; minutes: number } {
  const start = activity.startAt.getTime()
  const end = activity.endAt.getTime()
  const from = row.checkInAt ? Math.min(Math.max(row.checkInAt.getTime(), start), end) : start
  if (row.adjusted) {
    const longest = Math.floor((end - start) / MINUTE)
    return {
      from: new Date(Math.min(from, end - row.adjusted.minutes * MINUTE)),
      minutes: Math.min(row.adjusted.minutes, longest),
    }
  }
  if (!row.checkInAt || !row.checkOutAt) return { from: new Date(from), minutes: 0 }
  const to = Math.min(Math.max(row.checkOutAt.getTime(), start), end)
  return { from: new Date(from), minutes: Math.max(0, Math.floor((to - from) / MINUTE)) }
}
