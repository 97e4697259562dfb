/**
 * The `duty` function (卡口值守, issue 12): checkpoints at compound and village gates, shifts made from a template
 * over a range of days, sign-up and assignment (capacity never exceeded, never two overlapping shifts for one
 * person — core/duty/seats.ts), check-in and check-out on duty with the rotating code (core/points/attendance.ts),
 * a handover note per shift, who is on duty now, the warnings leaders watch, and points for confirmed hours.
 */
import { z } from 'zod'
import { CHECK_KINDS, type CheckKind } from './points/activities'
import { recordId, unitId } from './fields'
import { SHIFT_BOUNDS } from '../duty/shifts'
import { DUTY_POINTS } from '../duty/watch'

export { SHIFT_BOUNDS, THREE_SHIFTS } from '../duty/shifts'
export { DUTY_POINTS, WATCH_HOURS } from '../duty/watch'

/** What a checkpoint and a note may hold (pages cap their inputs with these; the function enforces them). */
export const DUTY_LIMITS = {
  name: 30,
  place: 60,
  note: 300,
  pageSize: 20,
  maxPageSize: 50,
  /** what a name search may hold (安排值守's picker) */
  search: 20,
  /** people a page of the picker answers, and the reserve members it suggests */
  found: 20,
  suggested: 20,
  /** one's own shifts a page of 我的值守 answers (each list) */
  myPage: 10,
} as const

const id = recordId
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式不对')
const cursor = z.string().min(1).max(200)
/** A create's client-made request id (src/services/duty.ts newTapId), kept for retries of the same tap. */
const tapId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不对')

const template = z
  .object({
    startHour: z.number().int().min(0).max(23),
    hours: z.number().int().min(1).max(SHIFT_BOUNDS.hours),
    capacity: z.number().int().min(1).max(SHIFT_BOUNDS.capacity),
  })
  .strict()

export const dutyPayloads = {
  /** [K] A checkpoint (卡口) at a grid's or community's gate, for an emergency or none. The same tapId creates
   * once: a retry or a double tap answers the checkpoint the first one made. */
  createCheckpoint: z
    .object({
      unitId,
      tapId,
      name: z.string().trim().min(1).max(DUTY_LIMITS.name),
      place: z.string().trim().max(DUTY_LIMITS.place).default(''),
      emergencyId: id.nullable().default(null),
    })
    .strict(),
  /** The checkpoints under a unit, paged: leaders over it, or residents of its community (to sign up). */
  checkpoints: z
    .object({
      unitId,
      cursor: cursor.optional(),
      pageSize: z.number().int().min(1).max(DUTY_LIMITS.maxPageSize).default(DUTY_LIMITS.pageSize),
    })
    .strict(),
  /** [K] Applies a template (its shifts of a day, not overlapping) to every day of [fromDay, toDay] (北京时间, at
   * most SHIFT_BOUNDS.days days × SHIFT_BOUNDS.perDay shifts); shifts already there are kept as they are. */
  addShifts: z
    .object({
      checkpointId: id,
      fromDay: day,
      toDay: day,
      template: z.array(template).min(1).max(SHIFT_BOUNDS.perDay),
    })
    .strict(),
  /** A checkpoint's shifts of one Beijing day with their seats; for its leaders also the names, who is on duty now,
   * the shifts not covered in the next 24 hours and the rate of points. */
  roster: z.object({ checkpointId: id, day }).strict(),
  /** A resident of the checkpoint's community (or its leader) takes a seat on a shift before it starts. */
  signUp: z.object({ shiftId: id }).strict(),
  /** [K] A leader puts a person of the community on a shift (until it ends). */
  assign: z.object({ shiftId: id, personId: id }).strict(),
  /** One's own sign-up before the start, or a leader's removal until the end (never after check-in). */
  cancel: z.object({ signupId: id }).strict(),
  /** The caller's shifts, paged: running and upcoming soonest first, then the last week's latest first. Without a
   * cursor, the first page of each; a cursor (nextUpcoming / nextRecent of a page) goes on with that list alone. */
  myShifts: z
    .object({
      cursor: cursor.optional(),
      pageSize: z.number().int().min(1).max(DUTY_LIMITS.maxPageSize).default(DUTY_LIMITS.myPage),
    })
    .strict(),
  /** [K] 安排值守's picker: people of the shift's checkpoint's community whose name contains the text (a keyset page);
   * on the first page, the reserve force (应急力量) who answered 到岗 to a call-up of the checkpoint's emergency come
   * first as suggestions (without a name: the suggestions alone). Phones in full only where the caller may see them. */
  findPeople: z
    .object({
      shiftId: id,
      name: z.string().trim().max(DUTY_LIMITS.search).default(''),
      cursor: cursor.optional(),
    })
    .strict(),
  /** One shift: times, the people on it, the note the shift before left, and the caller's own seat. */
  shift: z.object({ shiftId: id }).strict(),
  /** [K] The code of the minute for checking in or out at a checkpoint (shown on the phone or posted at the gate). */
  checkCode: z.object({ checkpointId: id, kind: z.enum(CHECK_KINDS) }).strict(),
  /** Checks in on one's shift at the checkpoint whose window is open now (typed code, or the QR code's text). */
  checkIn: z.object({ checkpointId: id, code: z.string().trim().min(6).max(120) }).strict(),
  checkOut: z.object({ checkpointId: id, code: z.string().trim().min(6).max(120) }).strict(),
  /** The handover note of a shift: written by someone checked in on it (or a leader), read by the next one. */
  handover: z.object({ shiftId: id, note: z.string().trim().min(1).max(DUTY_LIMITS.note) }).strict(),
  /** [K] Shifts not covered in the next 24 hours under a unit, and anyone on two overlapping shifts. */
  warnings: z.object({ unitId }).strict(),
  /** [K] After a shift ends: each person checked in earns points for the minutes on duty (once), the others are
   * marked absent; the shift is closed. */
  confirmShift: z.object({ shiftId: id }).strict(),
  /** [P] Community staff set the points per hour of duty (DUTY_POINTS bounds; default DUTY_POINTS.default). */
  updateSettings: z
    .object({ communityId: unitId, pointsPerHour: z.number().int().min(DUTY_POINTS.min).max(DUTY_POINTS.max) })
    .strict(),
}

export type ShiftTemplatePayload = z.output<typeof template>

export interface CheckpointCard {
  id: string
  name: string
  place: string
  unit: { id: string; name: string }
  emergencyId: string | null
  createdAt: string
}

export type DutyStatus = 'active' | 'cancelled' | 'earned' | 'absent'
export const DUTY_STATUS_LABELS: Record<DutyStatus, string> = {
  active: '已报名',
  cancelled: '已取消',
  earned: '已确认',
  absent: '缺岗',
}

export interface DutyPerson {
  signupId: string
  personId: string
  name: string
  status: DutyStatus
  assigned: boolean
  checkInAt: string | null
  checkOutAt: string | null
  minutes: number | null
  points: number | null
}

export interface ShiftRow {
  id: string
  checkpointId: string
  startAt: string
  endAt: string
  capacity: number
  filled: number
  confirmedAt: string | null
  handover: { note: string; by: string; at: string } | null
  /** Only for the checkpoint's leaders. */
  people: DutyPerson[] | null
  /** The caller's own seat on it. */
  mine: DutyPerson | null
}

export interface Roster {
  checkpoint: CheckpointCard
  day: string
  shifts: ShiftRow[]
  leader: boolean
  /** Leaders only (empty otherwise). */
  onDutyNow: { name: string; shiftId: string; checkInAt: string }[]
  uncovered: { shiftId: string; startAt: string; endAt: string; free: number }[]
  pointsPerHour: number
}

export interface MyShift {
  shift: ShiftRow
  checkpoint: CheckpointCard
}

/** One person the picker answers. */
export interface DutyCandidate {
  personId: string
  name: string
  /** 3栋2单元*** (room masked), or the role they hold (第1网格网格长) */
  where: string
  /** In full where the caller leads over their home (audited), else masked (138****0001); '' when none is known. */
  phone: string
  /** Answered 到岗 to a call-up of this checkpoint's emergency (应急力量). */
  reserve: boolean
  /** Already has a seat on this shift. */
  onShift: boolean
}

export interface DutyFound {
  /** First page only: the reserve force called up for the emergency, answered 到岗. */
  suggestions: DutyCandidate[]
  rows: DutyCandidate[]
  nextCursor: string | null
}

export interface MyShiftsPage {
  upcoming: MyShift[]
  recent: MyShift[]
  /** the cursor of the next page of each list (null: no more) */
  nextUpcoming: string | null
  nextRecent: string | null
}

export interface ShiftDetail {
  shift: ShiftRow
  checkpoint: CheckpointCard
  /** The note left by the shift that ended when this one began. */
  previousHandover: { note: string; by: string; at: string } | null
  checkIn: { opensAt: string; closesAt: string }
  checkOut: { opensAt: string; closesAt: string }
  leader: boolean
}

export interface DutyCheckCode {
  kind: CheckKind
  code: string
  qr: string
  validUntil: string
}

export interface DutyWarnings {
  uncovered: { shiftId: string; checkpoint: string; startAt: string; endAt: string; free: number }[]
  overlaps: { personId: string; name: string; shifts: { checkpoint: string; startAt: string; endAt: string }[] }[]
  /** true when more shifts were due than one call reads (the list shows the soonest) */
  more: boolean
}

export interface DutyApi {
  createCheckpoint: { payload: z.input<typeof dutyPayloads.createCheckpoint>; result: CheckpointCard }
  checkpoints: {
    payload: z.input<typeof dutyPayloads.checkpoints>
    result: { rows: CheckpointCard[]; nextCursor: string | null }
  }
  addShifts: { payload: z.input<typeof dutyPayloads.addShifts>; result: { created: number; kept: number } }
  roster: { payload: z.input<typeof dutyPayloads.roster>; result: Roster }
  signUp: { payload: z.input<typeof dutyPayloads.signUp>; result: ShiftRow }
  assign: { payload: z.input<typeof dutyPayloads.assign>; result: ShiftRow }
  cancel: { payload: z.input<typeof dutyPayloads.cancel>; result: ShiftRow }
  myShifts: { payload: z.input<typeof dutyPayloads.myShifts>; result: MyShiftsPage }
  findPeople: { payload: z.input<typeof dutyPayloads.findPeople>; result: DutyFound }
  shift: { payload: z.input<typeof dutyPayloads.shift>; result: ShiftDetail }
  checkCode: { payload: z.input<typeof dutyPayloads.checkCode>; result: DutyCheckCode }
  checkIn: { payload: z.input<typeof dutyPayloads.checkIn>; result: ShiftRow }
  checkOut: { payload: z.input<typeof dutyPayloads.checkOut>; result: ShiftRow }
  handover: { payload: z.input<typeof dutyPayloads.handover>; result: ShiftRow }
  warnings: { payload: z.input<typeof dutyPayloads.warnings>; result: DutyWarnings }
  confirmShift: {
    payload: z.input<typeof dutyPayloads.confirmShift>
    result: { earned: number; points: number; absent: number; confirmedAt: string }
  }
  updateSettings: { payload: z.input<typeof dutyPayloads.updateSettings>; result: { pointsPerHour: number } }
}
