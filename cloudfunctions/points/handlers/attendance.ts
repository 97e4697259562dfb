/**
 * Attendance: the organiser's code of the minute (points.checkCode), volunteers checking in and out with it, the
 * organiser's sheet (points.attendance), marking and adjusting rows, and confirming the sheet, which earns.
 */
import type { AttendanceRow, CheckCodeResult, MySignup } from '../../../core/contract'
import type { ActivityDoc, SignupDoc } from '../../../core/model'
import {
  acceptsCode,
  attendedSpan,
  checkCode,
  checkQrText,
  checkWindow,
  codeFrom,
  codeValidUntil,
  isCheckOpen,
  minuteOf,
  type CheckKind,
} from '../../../core/points/attendance'
import { pointsEarned } from '../../../core/points/earning'
import type { VolunteerRules } from '../../../core/points/rules'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { iso } from '../../../server/views'
import { activityCard, activityOr404, mineOf, organisedBy } from './activities-views'
import { earnOne } from './attendance-earn'
import { rulesFor } from './rules'

const CHECK_LABEL: Record<CheckKind, string> = { in: '签到', out: '签退' }

/** A Beijing clock time for messages: 12月5日 09:30. */
const beijingTime = (d: Date): string => {
  const b = new Date(d.getTime() + 8 * 3_600_000)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${two(b.getUTCHours())}:${two(b.getUTCMinutes())}`
}

/** A row of the sheet; its points by the role's rule under the community's night hours. */
export function attendanceRow(a: ActivityDoc, s: SignupDoc, rules: VolunteerRules): AttendanceRow {
  const span = attendedSpan(a, s)
  const earned = s.earnedAt !== undefined
  return {
    signupId: s._id,
    personId: s.personId,
    name: s.name,
    roleIndex: s.roleIndex,
    roleName: a.roles[s.roleIndex]?.name ?? '',
    status: s.status,
    checkInAt: s.checkInAt ? iso(s.checkInAt) : null,
    checkOutAt: s.checkOutAt ? iso(s.checkOutAt) : null,
    minutes: earned ? (s.minutes ?? 0) : span.minutes,
    adjusted: s.adjusted
      ? { minutes: s.adjusted.minutes, reason: s.adjusted.reason, by: s.adjusted.byName, at: iso(s.adjusted.at) }
      : null,
    points: earned ? (s.points ?? 0) : pointsEarned(a.roles[s.roleIndex].rule, span.from, span.minutes, rules),
    earned,
  }
}

export const checkCodeOf: Action<'points', 'checkCode'> = {
  async handle({ payload, caller, data }): Promise<CheckCodeResult> {
    const a = await organisedBy(data, caller, payload.activityId)
    const now = new Date()
    const rules = await rulesFor(data, a.communityId)
    const code = checkCode(a.secret, payload.kind, minuteOf(now))
    const window = checkWindow(a, payload.kind, rules)
    return {
      kind: payload.kind,
      code,
      qr: checkQrText(a._id, payload.kind, code),
      validUntil: iso(codeValidUntil(now)),
      open: isCheckOpen(a, payload.kind, now, rules) && a.status === 'open',
      opensAt: iso(window.opensAt),
      closesAt: iso(window.closesAt),
    }
  },
}

/** Sets check-in or check-out on a confirmed sign-up, once (a repeat keeps the first time). */
async function mark(data: Data, s: SignupDoc, kind: CheckKind, by: string, now: Date): Promise<SignupDoc> {
  return data.transaction(async (tx) => {
    const current = await tx.signups.get(s._id)
    if (!current || current.status !== 'confirmed') throw new AppError('CHECKIN_NOT_SIGNED_UP')
    if (kind === 'out' && !current.checkInAt) throw new AppError('CHECKIN_NOT_IN')
    const field = kind === 'in' ? 'checkInAt' : 'checkOutAt'
    if (current[field]) return current
    await tx.signups.update(s._id, { [field]: now, checkedBy: by })
    return { ...current, [field]: now, checkedBy: by }
  })
}

async function checkSelf(
  data: Data,
  caller: Caller,
  activityId: string,
  text: string,
  kind: CheckKind,
): Promise<{ signups: MySignup[]; at: string }> {
  const person = caller.person
  if (!person) throw new AppError('NOT_REGISTERED')
  const a = await activityOr404(data, activityId)
  const now = new Date()
  if (a.status !== 'open') throw new AppError('ACTIVITY_CONFIRMED')
  // the check window of the activity's community
  const rules = await rulesFor(data, a.communityId)
  if (!isCheckOpen(a, kind, now, rules)) {
    const w = checkWindow(a, kind, rules)
    throw new AppError(
      'CHECKIN_CLOSED',
      `${CHECK_LABEL[kind]}时间为 ${beijingTime(w.opensAt)} 至 ${beijingTime(w.closesAt)}`,
    )
  }
  const code = codeFrom(text, a._id, kind)
  if (!code || !acceptsCode(a.secret, kind, code, now)) throw new AppError('CHECKIN_CODE_WRONG')
  const mine = (await data.signups.mineOf(a._id, person._id)).filter((s) => s.status === 'confirmed')
  if (mine.length === 0) throw new AppError('CHECKIN_NOT_SIGNED_UP')
  for (const s of mine) await mark(data, s, kind, person._id, now)
  return { signups: await mineOf(data, a, person._id), at: iso(now) }
}

export const checkIn: Action<'points', 'checkIn'> = {
  handle: ({ payload, caller, data }) => checkSelf(data, caller, payload.activityId, payload.code, 'in'),
}

export const checkOut: Action<'points', 'checkOut'> = {
  handle: ({ payload, caller, data }) => checkSelf(data, caller, payload.activityId, payload.code, 'out'),
}

export const attendance: Action<'points', 'attendance'> = {
  async handle({ payload, caller, data }) {
    const a = await organisedBy(data, caller, payload.activityId)
    const [rows, total, checkedIn, rules] = await Promise.all([
      data.signups.sheet(a._id, payload.page * payload.pageSize, payload.pageSize),
      data.signups.countSheet(a._id),
      data.signups.countCheckedIn(a._id),
      rulesFor(data, a.communityId),
    ])
    return {
      activity: activityCard(a),
      rows: rows.map((s) => attendanceRow(a, s, rules)),
      total,
      page: payload.page,
      pageSize: payload.pageSize,
      checkedIn,
      confirmedAt: a.confirmedAt ? iso(a.confirmedAt) : null,
    }
  },
}

/** The sign-up and its activity, when the caller organises it and the sheet is not confirmed yet. */
async function organisedRow(data: Data, caller: Caller, signupId: string): Promise<{ a: ActivityDoc; s: SignupDoc }> {
  const s = await data.signups.get(signupId)
  if (!s) throw new AppError('NOT_FOUND')
  const a = await organisedBy(data, caller, s.activityId)
  if (a.status !== 'open') throw new AppError('ACTIVITY_CONFIRMED')
  return { a, s }
}

export const markAttendance: Action<'points', 'markAttendance'> = {
  async handle({ payload, caller, data }) {
    const { a, s } = await organisedRow(data, caller, payload.signupId)
    const row = await mark(data, s, payload.kind, caller.person?._id ?? '', new Date())
    return attendanceRow(a, row, await rulesFor(data, a.communityId))
  },
}

export const adjustAttendance: Action<'points', 'adjustAttendance'> = {
  async handle({ payload, caller, data }) {
    const { a, s } = await organisedRow(data, caller, payload.signupId)
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const adjusted = {
      minutes: payload.minutes,
      reason: payload.reason,
      by: person._id,
      byName: person.name,
      at: new Date(),
    }
    const row = await data.transaction(async (tx) => {
      const current = await tx.signups.get(s._id)
      if (!current || current.status !== 'confirmed') throw new AppError('CHECKIN_NOT_SIGNED_UP')
      if (current.earnedAt) throw new AppError('ACTIVITY_CONFIRMED')
      await tx.signups.update(s._id, { adjusted })
      return { ...current, adjusted }
    })
    return attendanceRow(a, row, await rulesFor(data, a.communityId))
  },
}

/** How long one confirmation may walk the sheet before it answers; a second one finishes the rest. */
const CONFIRM_BUDGET_MS = 40_000

export const confirmAttendance: Action<'points', 'confirmAttendance'> = {
  async handle({ payload, caller, data }) {
    const a = await organisedBy(data, caller, payload.activityId)
    const now = new Date()
    const pending = await data.signups.confirmedOf(a._id)
    // after the end; or, once it has started, when every row is settled (checked out, or adjusted with a reason)
    const settled = pending.every((s) => s.earnedAt || s.checkOutAt || s.adjusted)
    if (now < a.endAt && !(now >= a.startAt && settled)) throw new AppError('ACTIVITY_NOT_ENDED')
    const actorId = caller.person?._id ?? ''
    const rules = await rulesFor(data, a.communityId)
    const started = Date.now()
    let earned = 0
    let points = 0
    let noShows = 0
    let left = 0
    // one by one: every earn moves the same pool account, so parallel ones would only collide
    for (const s of pending) {
      if (Date.now() - started > CONFIRM_BUDGET_MS) {
        left++
        continue
      }
      const r = await earnOne(data, a, s._id, actorId, now, rules)
      if (r.kind === 'earned') {
        earned++
        points += r.points
      } else if (r.kind === 'noShow') noShows++
    }
    let confirmedAt = a.confirmedAt ?? now
    if (left === 0 && a.status === 'open') {
      confirmedAt = await data.transaction(async (tx) => {
        const current = await tx.activities.get(a._id)
        if (current?.confirmedAt) return current.confirmedAt
        await tx.activities.update(a._id, { status: 'confirmed', confirmedAt: now, confirmedBy: actorId })
        return now
      })
    }
    return { earned, points, noShows, remaining: left, confirmedAt: iso(confirmedAt) }
  },
}
