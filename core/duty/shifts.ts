/**
 * Shift templates (班次模板) applied to a range of Beijing days: which shifts a checkpoint gets. Pure; the handler
 * writes them with core/ids.ts shiftId(checkpointId, startAt), so applying a template twice creates nothing new.
 */
import { shiftId } from '../ids'
import type { CheckpointDoc, ShiftDoc } from '../model'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const BEIJING_OFFSET_MS = 8 * HOUR

/** How much one call may create: at most this many days × this many shifts a day. */
export const SHIFT_BOUNDS = { days: 31, perDay: 6, capacity: 20, hours: 24 } as const

/** One shift of the day: starts at `startHour`:00 北京时间 and lasts `hours` (16 + 8 ends at the next midnight). */
export interface ShiftTemplate {
  startHour: number
  hours: number
  capacity: number
}

/** The usual 24-hour gate: three 8-hour shifts (00–08, 08–16, 16–24), two people each. */
export const THREE_SHIFTS: readonly ShiftTemplate[] = [
  { startHour: 0, hours: 8, capacity: 2 },
  { startHour: 8, hours: 8, capacity: 2 },
  { startHour: 16, hours: 8, capacity: 2 },
]

export interface PlannedShift {
  startAt: Date
  endAt: Date
  capacity: number
}

/** The UTC moment of Beijing midnight starting `day` (YYYY-MM-DD). */
export const beijingMidnight = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS)

/** The Beijing day (YYYY-MM-DD) a moment falls on. */
export const beijingDayOf = (at: Date): string => new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 10)

export type TemplateProblem = 'days' | 'order' | 'overlap' | 'tooMany'

/**
 * Why a template over [fromDay, toDay] cannot be applied, or null. Its shifts must not overlap one another (a
 * person could then hold two at once at the same gate) and the range is bounded.
 */
export function templateProblem(
  template: readonly ShiftTemplate[],
  fromDay: string,
  toDay: string,
): TemplateProblem | null {
  const from = +beijingMidnight(fromDay)
  const to = +beijingMidnight(toDay)
  if (!(to >= from)) return 'order'
  if ((to - from) / DAY + 1 > SHIFT_BOUNDS.days) return 'days'
  if (template.length === 0 || template.length > SHIFT_BOUNDS.perDay) return 'tooMany'
  const spans = [...template].sort((a, b) => a.startHour - b.startHour)
  for (let i = 1; i < spans.length; i++) {
    if (spans[i - 1].startHour + spans[i - 1].hours > spans[i].startHour) return 'overlap'
  }
  // the last shift of a day may run past midnight, but not into the next day's first one
  const last = spans[spans.length - 1]
  if (last.startHour + last.hours > 24 + spans[0].startHour) return 'overlap'
  return null
}

/** Every shift of the template on every day of [fromDay, toDay], in order of start. */
export function planShifts(template: readonly ShiftTemplate[], fromDay: string, toDay: string): PlannedShift[] {
  const out: PlannedShift[] = []
  for (let day = +beijingMidnight(fromDay); day <= +beijingMidnight(toDay); day += DAY) {
    for (const t of template) {
      const startAt = new Date(day + t.startHour * HOUR)
      out.push({ startAt, endAt: new Date(+startAt + t.hours * HOUR), capacity: t.capacity })
    }
  }
  return out.sort((a, b) => +a.startAt - +b.startAt)
}

/** A planned shift of a checkpoint as stored, empty (its id from shiftId(checkpoint, startAt): created once). */
export const newShift = (
  checkpoint: Pick<CheckpointDoc, '_id' | 'unitPath' | 'communityId'>,
  p: PlannedShift,
  createdAt: Date,
): ShiftDoc => ({
  _id: shiftId(checkpoint._id, p.startAt),
  checkpointId: checkpoint._id,
  unitPath: checkpoint.unitPath,
  communityId: checkpoint.communityId,
  startAt: p.startAt,
  endAt: p.endAt,
  capacity: p.capacity,
  filled: 0,
  free: p.capacity,
  handover: null,
  confirmedAt: null,
  createdAt,
})
