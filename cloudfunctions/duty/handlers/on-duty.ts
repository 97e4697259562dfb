/**
 * On duty: the checkpoint's code of the minute (core/points/attendance.ts, keyed by the checkpoint's secret), checking
 * in and out on one's own shift within its window, the handover note, and the leader's confirmation of a finished
 * shift, which pays each person checked in once (server/points-ledger.ts postTransfer under core/ids.ts dutyEarnId)
 * and adds the minutes to their volunteer totals (the `volunteers` document 志愿时长 are read from).
 */
import {
  acceptsCode,
  attendedSpan,
  checkCode as codeOf,
  checkQrText,
  codeFrom,
  codeValidUntil,
  isCheckOpen,
  minuteOf,
  type CheckKind,
} from '../../../core/points/attendance'
import { dutyPoints } from '../../../core/duty/watch'
import { dutyEarnId } from '../../../core/ids'
import type { ShiftSignupDoc } from '../../../core/model'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { postTransfer } from '../../../server/points-ledger'
import type { Action } from '../../../server/router'
import { addVolunteerTime, rankedWhere } from '../../../server/volunteer-totals'
import { iso } from '../../../server/views'
import { checkpointOr404, checkpointUnit, communityRules, freshRow, leads, shiftOr404, shiftUnit } from '../access'

export const checkCode: Action<'duty', 'checkCode'> = {
  target: (p, data) => checkpointUnit(data, p.checkpointId),
  async handle({ payload, data }) {
    const c = await checkpointOr404(data, payload.checkpointId)
    const now = new Date()
    const code = codeOf(c.secret, payload.kind, minuteOf(now))
    return {
      kind: payload.kind,
      code,
      qr: checkQrText(c._id, payload.kind, code),
      validUntil: iso(codeValidUntil(now)),
    }
  },
}

async function checkSelf(data: Data, caller: Caller, checkpointId: string, text: string, kind: CheckKind) {
  const person = caller.person
  if (!person) throw new AppError('NOT_REGISTERED')
  const c = await checkpointOr404(data, checkpointId)
  const now = new Date()
  const { rules } = await communityRules(data, c.communityId)
  const field = kind === 'in' ? 'checkInAt' : 'checkOutAt'
  // the caller's seat whose window is open now and not yet checked (the earliest, when two adjacent ones are)
  const open = (await data.shiftSignups.activeAt(c._id, person._id))
    .filter((s) => isCheckOpen(s, kind, now, rules) && !s[field])
    .sort((a, b) => +a.startAt - +b.startAt)
  const seat = open[0]
  if (!seat) throw new AppError('DUTY_NO_OPEN_SHIFT')
  const code = codeFrom(text, c._id, kind)
  if (!code || !acceptsCode(c.secret, kind, code, now)) throw new AppError('DUTY_CODE_WRONG')
  await data.transaction(async (tx) => {
    const s = await tx.shiftSignups.get(seat._id)
    if (!s || s.status !== 'active') throw new AppError('DUTY_NOT_SIGNED_UP')
    if (kind === 'out' && !s.checkInAt) throw new AppError('CHECKIN_NOT_IN')
    if (s[field]) return
    await tx.shiftSignups.update(s._id, { [field]: now, updatedAt: now })
  })
  return freshRow(data, caller, c, seat.shiftId)
}

export const checkIn: Action<'duty', 'checkIn'> = {
  handle: ({ payload, caller, data }) => checkSelf(data, caller, payload.checkpointId, payload.code, 'in'),
}

export const checkOut: Action<'duty', 'checkOut'> = {
  handle: ({ payload, caller, data }) => checkSelf(data, caller, payload.checkpointId, payload.code, 'out'),
}

export const handover: Action<'duty', 'handover'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const { shift, checkpoint: c } = await shiftOr404(data, payload.shiftId)
    const seat = await data.shiftSignups.get(`${shift._id}_${person._id}`)
    const onIt = !!seat && seat.status !== 'cancelled' && !!seat.checkInAt
    if (!onIt && !leads(caller, c)) throw new AppError('DUTY_NOT_CHECKED_IN')
    const now = new Date()
    await data.transaction(async (tx) => {
      if (!(await tx.shifts.get(shift._id))) throw new AppError('NOT_FOUND')
      await tx.shifts.update(shift._id, {
        handover: { note: payload.note, by: person._id, byName: person.name, at: now },
      })
    })
    return freshRow(data, caller, c, shift._id)
  },
}

type Settled = { kind: 'earned'; points: number } | { kind: 'absent' } | { kind: 'skipped' }

/** Settles one seat of a finished shift, exactly once: re-read in the transaction, paid under its own transfer id. */
async function settle(
  data: Data,
  signupId: string,
  shift: { startAt: Date; endAt: Date },
  checkpointName: string,
  pointsPerHour: number,
  actorId: string,
  now: Date,
): Promise<Settled> {
  const first = await data.shiftSignups.get(signupId)
  if (!first) return { kind: 'skipped' }
  const [person] = await data.people.byIds([first.personId])
  const where = rankedWhere(person?.homePath, first.communityId)
  return data.transaction(async (tx): Promise<Settled> => {
    const s: ShiftSignupDoc | null = await tx.shiftSignups.get(signupId)
    if (!s || s.status !== 'active') return { kind: 'skipped' }
    if (!s.checkInAt) {
      await tx.shiftSignups.update(s._id, { status: 'absent', updatedAt: now })
      return { kind: 'absent' }
    }
    const { minutes } = attendedSpan(shift, s)
    const points = dutyPoints(minutes, pointsPerHour)
    if (points > 0) {
      await postTransfer(tx, {
        id: dutyEarnId(s._id),
        from: { kind: 'pool', id: s.communityId },
        to: { kind: 'person', id: s.personId },
        amount: points,
        kind: 'earn',
        reason: `卡口值守：${checkpointName}`,
        ref: { kind: 'duty', id: s._id },
        actorId,
        at: now,
      })
    }
    await tx.shiftSignups.update(s._id, { status: 'earned', minutes, points, earnedAt: now, updatedAt: now })
    await addVolunteerTime(tx, { id: s.personId, name: s.name }, where, minutes, points, now)
    return { kind: 'earned', points }
  })
}

export const confirmShift: Action<'duty', 'confirmShift'> = {
  target: (p, data) => shiftUnit(data, p.shiftId),
  async handle({ payload, caller, data }) {
    const { shift, checkpoint: c } = await shiftOr404(data, payload.shiftId)
    const now = new Date()
    if (+now < +shift.endAt) throw new AppError('DUTY_NOT_ENDED')
    const { pointsPerHour } = await communityRules(data, c.communityId)
    const seats = (await data.shiftSignups.ofShifts([shift._id])).filter((s) => s.status === 'active')
    let earned = 0
    let points = 0
    let absent = 0
    // one by one: every earn moves the same pool account, so parallel ones would only collide
    for (const s of seats) {
      const r = await settle(data, s._id, shift, c.name, pointsPerHour, caller.person?._id ?? '', now)
      if (r.kind === 'earned') {
        earned++
        points += r.points
      } else if (r.kind === 'absent') absent++
    }
    const confirmedAt = await data.transaction(async (tx) => {
      const current = await tx.shifts.get(shift._id)
      if (!current) throw new AppError('NOT_FOUND')
      if (current.confirmedAt) return current.confirmedAt
      await tx.shifts.update(shift._id, { confirmedAt: now })
      return now
    })
    return { earned, points, absent, confirmedAt: iso(confirmedAt) }
  },
}
