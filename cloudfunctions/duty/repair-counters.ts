/**
 * Duty shifts' seat counts repaired (docs/data.md "Counters", `shifts`): each shift's `filled` and `free` recounted
 * from its sign-ups (core/duty/recount.ts) and mended where they drifted, with the drift logged and returned.
 *
 * Bounded and resumable: the walk is the shifts starting from yesterday (Beijing) on, in (startAt, _id) order (index
 * startAt_1); one firing takes REPAIR_SHIFTS of them from where the firing before stopped (its `turn`: the timer's
 * firing number, from its time), so every shift comes round. The walk is counted each firing, so shifts added since
 * only move the window.
 *
 * Seats are taken while it runs. A mend is one transaction that reads the shift again and each of its sign-ups the
 * step saw by id: it writes only if the shift still holds what the step read and no sign-up changed — any seat change
 * writes the shift's `filled` with its sign-up, so a change in between is seen (a new sign-up moves `filled`; one
 * that went as it came is cancelled and counts nothing) and the step is left `busy` for its next turn.
 */
import { beijingDayOf, beijingMidnight } from '../../core/duty/shifts'
import { seatCountsOf, seatDrift, type SeatCounts } from '../../core/duty/recount'
import type { ShiftDoc } from '../../core/model'
import type { Data } from '../../server/data'

/** Shifts per firing (each: its sign-ups, and a transaction when wrong). */
export const REPAIR_SHIFTS = 60
/** How often the timer fires (config.json), which turns its time into a turn. */
export const REPAIR_PERIOD_MS = 10 * 60_000
const DAY_MS = 24 * 3_600_000

export interface ShiftMend {
  shiftId: string
  checkpointId: string
  /** what the shift held, and the recount */
  held: SeatCounts
  recount: SeatCounts
  /** the recount minus what it held */
  drift: SeatCounts
}

export interface DutyRepairReport {
  /** shifts compared */
  checked: number
  wrong: number
  mended: ShiftMend[]
  /** shifts left for their next turn: a seat changed while they were read */
  busy: number
  /** shifts taken this firing, of how many the walk has */
  steps: number
  of: number
}

/** One shift: its counts against a recount of its sign-ups; mended if still as read. */
async function repairShift(data: Data, shift: ShiftDoc): Promise<{ mend: ShiftMend | null; busy: boolean }> {
  const seats = await data.shiftSignups.ofShifts([shift._id])
  const held = { filled: shift.filled, free: shift.free }
  const recount = seatCountsOf(shift.capacity, seats)
  const drift = seatDrift(held, recount)
  if (!drift) return { mend: null, busy: false }
  const wrote = await data.transaction(async (tx) => {
    const fresh = await tx.shifts.get(shift._id)
    if (!fresh || fresh.filled !== shift.filled || fresh.free !== shift.free || fresh.capacity !== shift.capacity)
      return false
    for (const s of seats) {
      const now = await tx.shiftSignups.get(s._id)
      if (!now || now.status !== s.status) return false
    }
    await tx.shifts.update(shift._id, { filled: recount.filled, free: recount.free })
    return true
  })
  if (!wrote) return { mend: null, busy: true }
  return { mend: { shiftId: shift._id, checkpointId: shift.checkpointId, held, recount, drift }, busy: false }
}

/**
 * Repairs the shifts starting from `fromDay` (Beijing) on: `max` of them from the `turn`-th window of the walk (turn
 * 0 starts at the first; a walk shorter than `max` is taken whole, each shift once).
 */
export async function repairDutyCounters(
  data: Data,
  opts: { fromDay: string; turn?: number; max?: number },
): Promise<DutyRepairReport> {
  const from = beijingMidnight(opts.fromDay)
  const of = await data.shifts.countFrom(from)
  const max = Math.min(opts.max ?? REPAIR_SHIFTS, of)
  const start = of ? ((opts.turn ?? 0) * max) % of : 0
  const window = max ? await data.shifts.pageFrom(from, start, max) : []
  // the window runs past the end of the walk: it goes on from its beginning
  if (window.length < max) window.push(...(await data.shifts.pageFrom(from, 0, max - window.length)))
  const report: DutyRepairReport = { checked: 0, wrong: 0, mended: [], busy: 0, steps: window.length, of }
  const seen = new Set<string>()
  for (const shift of window) {
    if (seen.has(shift._id)) continue
    seen.add(shift._id)
    const r = await repairShift(data, shift)
    report.checked++
    if (r.mend) report.mended.push(r.mend)
    if (r.busy) report.busy++
  }
  report.wrong = report.mended.length
  return report
}

/** The `repairCounters` timer: the shifts from yesterday (Beijing) on, the window of this firing; drift logged. */
export async function repairCountersTimer({ data, firedAt }: { data: Data; firedAt: Date }): Promise<DutyRepairReport> {
  const report = await repairDutyCounters(data, {
    fromDay: beijingDayOf(new Date(+firedAt - DAY_MS)),
    turn: Math.floor(+firedAt / REPAIR_PERIOD_MS),
  })
  if (report.wrong) console.warn(`duty shifts: ${report.wrong} of ${report.checked} were wrong`, report.mended)
  return report
}
