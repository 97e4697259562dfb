/**
 * Call-ups' answer counts repaired (docs/data.md "Counters", `callUps`): each call-up's `coming`, `cannot` and
 * `assigned` recounted from its answers (three counts over index callUpId_1_answer_1_answeredAt_-1, however many
 * answered; core/emergency/reserve.ts recount says what they must be) and mended where they drifted, the drift
 * logged and returned.
 *
 * Bounded and resumable: the walk is the call-ups of the last REPAIR_DAYS days in (createdAt, _id) order (index
 * createdAt_1; answers change only while the emergency is in force); one firing takes REPAIR_CALLUPS of them from
 * where the firing before stopped (its `turn`: the timer's firing number, from its time), so every call-up comes
 * round.
 *
 * Members answer while it runs, and a changed answer moves one count to another, so equal counts before and after
 * prove nothing. A call-up is recounted only when none of its answers was given or assigned in the last
 * QUIET_MS (answers and assignments stamp their time): one being answered now is left `busy` for its next turn. A
 * mend is a transaction that writes the counts only if the call-up still holds what was read.
 */
import type { Counts } from '../../core/emergency/reserve'
import type { CallUpDoc } from '../../core/model'
import type { Data } from '../../server/data'

/** Call-ups per firing (each: four counts, and a transaction when wrong). */
export const REPAIR_CALLUPS = 50
/** How far back the walk goes. */
export const REPAIR_DAYS = 14
/** How often the timer fires (config.json), which turns its time into a turn. */
export const REPAIR_PERIOD_MS = 10 * 60_000
/** A call-up answered more recently than this is left for its next turn. */
export const QUIET_MS = 2 * 60_000
const DAY_MS = 24 * 3_600_000

export interface CallUpMend {
  callUpId: string
  emergencyId: string
  held: Counts
  recount: Counts
  /** the recount minus what it held */
  drift: Counts
}

export interface CallUpRepairReport {
  checked: number
  wrong: number
  mended: CallUpMend[]
  /** call-ups left for their next turn: answered while they were read */
  busy: number
  steps: number
  of: number
}

const countsOf = (c: Pick<CallUpDoc, 'coming' | 'cannot' | 'assigned'>): Counts => ({
  coming: c.coming,
  cannot: c.cannot,
  assigned: c.assigned,
})
const same = (a: Counts, b: Counts): boolean =>
  a.coming === b.coming && a.cannot === b.cannot && a.assigned === b.assigned

async function repairCallUp(data: Data, c: CallUpDoc, now: Date): Promise<{ mend: CallUpMend | null; busy: boolean }> {
  const since = new Date(+now - QUIET_MS)
  const [recount, changed] = await Promise.all([
    data.callUpAnswers.countsOf(c._id),
    data.callUpAnswers.changedSince(c._id, since),
  ])
  if (changed) return { mend: null, busy: true }
  const held = countsOf(c)
  if (same(held, recount)) return { mend: null, busy: false }
  const wrote = await data.transaction(async (tx) => {
    const fresh = await tx.callUps.get(c._id)
    if (!fresh || !same(countsOf(fresh), held)) return false
    await tx.callUps.update(c._id, recount)
    return true
  })
  if (!wrote) return { mend: null, busy: true }
  const drift = {
    coming: recount.coming - held.coming,
    cannot: recount.cannot - held.cannot,
    assigned: recount.assigned - held.assigned,
  }
  return { mend: { callUpId: c._id, emergencyId: c.emergencyId, held, recount, drift }, busy: false }
}

/** Repairs the call-ups made since `from`: `max` of them from the `turn`-th window of the walk. */
export async function repairCallUpCounts(
  data: Data,
  opts: { from: Date; turn?: number; max?: number; now?: Date },
): Promise<CallUpRepairReport> {
  const now = opts.now ?? new Date()
  const of = await data.callUps.countSince(opts.from)
  const max = Math.min(opts.max ?? REPAIR_CALLUPS, of)
  const start = of ? ((opts.turn ?? 0) * max) % of : 0
  const window = max ? await data.callUps.pageSince(opts.from, start, max) : []
  if (window.length < max) window.push(...(await data.callUps.pageSince(opts.from, 0, max - window.length)))
  const report: CallUpRepairReport = { checked: 0, wrong: 0, mended: [], busy: 0, steps: window.length, of }
  const seen = new Set<string>()
  for (const c of window) {
    if (seen.has(c._id)) continue
    seen.add(c._id)
    const r = await repairCallUp(data, c, now)
    if (r.busy) {
      report.busy++
      continue
    }
    report.checked++
    if (r.mend) report.mended.push(r.mend)
  }
  report.wrong = report.mended.length
  return report
}

/** The `repairCallUpCounts` timer: the call-ups of the last REPAIR_DAYS days, the window of this firing. */
export async function repairCallUpCountsTimer({
  data,
  firedAt,
}: {
  data: Data
  firedAt: Date
}): Promise<CallUpRepairReport> {
  const report = await repairCallUpCounts(data, {
    from: new Date(+firedAt - REPAIR_DAYS * DAY_MS),
    turn: Math.floor(+firedAt / REPAIR_PERIOD_MS),
    now: firedAt,
  })
  if (report.wrong) console.warn(`call-up counts: ${report.wrong} of ${report.checked} were wrong`, report.mended)
  return report
}
