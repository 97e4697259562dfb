/**
 * The `duty` function as pages see it (卡口值守, issue 12): checkpoints and their shifts, signing up and cancelling,
 * a leader's assignment, my shifts, one shift with the note the shift before left, checking in and out with the
 * checkpoint's code, handover notes, the roster with who is on duty now and what is not covered, the warnings of a
 * scope, and confirming a finished shift's hours. Who may do what is decided on the cloud.
 */
import type { DutyApi, ShiftTemplatePayload } from '../../core/contract'
import { call } from './transport'

export type {
  CheckpointCard,
  DutyCandidate,
  DutyCheckCode,
  DutyPerson,
  DutyStatus,
  DutyWarnings,
  MyShift,
  Roster,
  ShiftDetail,
  ShiftRow,
  ShiftTemplatePayload,
} from '../../core/contract'
export { DUTY_LIMITS, DUTY_POINTS, DUTY_STATUS_LABELS, SHIFT_BOUNDS, THREE_SHIFTS } from '../../core/contract'

type R<A extends keyof DutyApi> = DutyApi[A]['result']

// ---- leaders: setting up ----

/**
 * A fresh id for one create tap: a retry of the same tap sends it again, so the cloud makes one checkpoint. Keep it
 * while the same form is being sent; make a new one once it is made.
 */
export const newTapId = (): string =>
  `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}`

/** A checkpoint under a grid or community; the same `tapId` answers the checkpoint it made first. */
export const createCheckpoint = (
  unitId: string,
  name: string,
  place: string,
  tapId: string,
): Promise<R<'createCheckpoint'>> => call('duty', 'createCheckpoint', { unitId, name, place, tapId })

/** The checkpoints under a unit, newest first; the next page with `nextCursor`. */
export const getCheckpoints = (unitId: string, cursor?: string): Promise<R<'checkpoints'>> =>
  call('duty', 'checkpoints', { unitId, ...(cursor ? { cursor } : {}) })

/** Shifts of a template on every day of [fromDay, toDay] (北京时间); shifts already there are kept. */
export const addShifts = (
  checkpointId: string,
  fromDay: string,
  toDay: string,
  template: readonly ShiftTemplatePayload[],
): Promise<R<'addShifts'>> => call('duty', 'addShifts', { checkpointId, fromDay, toDay, template: [...template] })

export const assignToShift = (shiftId: string, personId: string): Promise<R<'assign'>> =>
  call('duty', 'assign', { shiftId, personId })

/** 安排值守's picker: people of the checkpoint's community named so (a page), the reserve force called up first. */
export const findPeopleForShift = (shiftId: string, name: string, cursor?: string): Promise<R<'findPeople'>> =>
  call('duty', 'findPeople', { shiftId, name, ...(cursor ? { cursor } : {}) })

export const getCheckCode = (checkpointId: string, kind: 'in' | 'out'): Promise<R<'checkCode'>> =>
  call('duty', 'checkCode', { checkpointId, kind })

export const getDutyWarnings = (unitId: string): Promise<R<'warnings'>> => call('duty', 'warnings', { unitId })

export const confirmShift = (shiftId: string): Promise<R<'confirmShift'>> => call('duty', 'confirmShift', { shiftId })

// ---- everyone: the roster, seats, on duty ----

/** A checkpoint's day: shifts and seats (leaders also see names, who is on duty now and what is not covered). */
export const getRoster = (checkpointId: string, day: string): Promise<R<'roster'>> =>
  call('duty', 'roster', { checkpointId, day })

export const signUpForShift = (shiftId: string): Promise<R<'signUp'>> => call('duty', 'signUp', { shiftId })

export const cancelSeat = (signupId: string): Promise<R<'cancel'>> => call('duty', 'cancel', { signupId })

/** 我的值守: the first page of each list, or (a cursor of one) the next page of that list. */
export const getMyShifts = (cursor?: string): Promise<R<'myShifts'>> =>
  call('duty', 'myShifts', cursor ? { cursor } : {})

export const getShift = (shiftId: string): Promise<R<'shift'>> => call('duty', 'shift', { shiftId })

/** Checks in (or out) with the 6 digits typed, or the text of the checkpoint's QR code as scanned. */
export const checkInOnDuty = (checkpointId: string, code: string, kind: 'in' | 'out'): Promise<R<'checkIn'>> =>
  call('duty', kind === 'in' ? 'checkIn' : 'checkOut', { checkpointId, code })

export const writeHandover = (shiftId: string, note: string): Promise<R<'handover'>> =>
  call('duty', 'handover', { shiftId, note })
