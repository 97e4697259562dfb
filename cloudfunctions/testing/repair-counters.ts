/**
 * The testing rounds' counters repaired (docs/data.md "Counters", `testingCounters`): each building's 16 shards
 * recounted from its slots' bookings (core/testing/coverage.ts shardRecount), then each unit above the buildings
 * (from the round's scope down) summed from its buildings' shards; what was wrong is mended, logged and returned with
 * its drift (recount minus held). Bounded and resumable: the walk is a list of steps — every planned building of the
 * rounds from yesterday on, then each round's roll-up — of which one firing takes REPAIR_STEPS, starting where the
 * firing before stopped (the `turn`: the timer's firing number, from its time), so every step comes round again.
 *
 * Rounds are live while it runs. Coverage counters only ever grow (a booking or a done adds, a move inside a building
 * adds nothing and a household never leaves its building), so a step reads the shards, then the records, then the
 * shards again: unchanged, nothing was written in between and the recount is of the same moment; changed, the step is
 * left `busy` for its next turn. A mend is a transaction that writes the shard only if it still holds what was read.
 */
import { REACH_SHARDS } from '../../core/notices/reach'
import { beijingDayOf } from '../../core/duty/shifts'
import { testingCounterId } from '../../core/ids'
import type { TestingRoundDoc } from '../../core/model'
import { deltaOf, isNone, NONE, sameCounted, shardRecount, unitsAbove, type Counted } from '../../core/testing/coverage'
import type { Data } from '../../server/data'

/** Steps (a building, or a round's roll-up) per firing. */
export const REPAIR_STEPS = 40
/** The most rounds of the last days one firing looks at. */
export const REPAIR_ROUNDS = 100
/** How often the timer fires (config.json), which turns its time into a turn. */
export const REPAIR_PERIOD_MS = 10 * 60_000
const DAY_MS = 24 * 3_600_000

export interface TestingMend {
  roundId: string
  unitId: string
  shard: number
  /** the recount minus what the shard held */
  drift: Counted
}
export interface TestingRepairReport {
  /** shards compared */
  checked: number
  wrong: number
  mended: TestingMend[]
  /** steps left for their next turn: something was booked or done while they read */
  busy: number
  /** steps taken, of how many there are */
  steps: number
  of: number
}

interface Outcome {
  checked: number
  mended: TestingMend[]
  busy: boolean
}

const same = (a: readonly Counted[] | undefined, b: readonly Counted[] | undefined): boolean =>
  (a ?? []).every((c, s) => sameCounted(c, b?.[s] ?? NONE))

/** Writes each shard of `unitId` whose recount differs from what was read, if it still holds that. */
async function mendShards(
  data: Data,
  roundId: string,
  unitId: string,
  held: readonly Counted[],
  want: readonly Counted[],
): Promise<Outcome> {
  const mended: TestingMend[] = []
  let busy = false
  for (let shard = 0; shard < REACH_SHARDS; shard++) {
    const was = held[shard] ?? NONE
    const now = want[shard] ?? NONE
    if (sameCounted(was, now)) continue
    const id = testingCounterId(roundId, unitId, shard)
    const wrote = await data.transaction(async (tx) => {
      const cur = await tx.testingCounters.get(id)
      if (!sameCounted(cur ? { booked: cur.booked, done: cur.done } : NONE, was)) return false
      await tx.testingCounters.set(id, { roundId, unitId, shard, booked: now.booked, done: now.done })
      return true
    })
    if (wrote) mended.push({ roundId, unitId, shard, drift: deltaOf(was, now) })
    else busy = true
  }
  return { checked: REACH_SHARDS, mended, busy }
}

/** One building: its shards against a recount of its slots' bookings. */
async function repairBuilding(data: Data, round: TestingRoundDoc, buildingId: string): Promise<Outcome> {
  const before = (await data.testingCounters.shardsOf(round._id, [buildingId])).get(buildingId) ?? []
  const slots = await data.testingSlots.ofBuilding(round._id, buildingId)
  const bookings = (await Promise.all(slots.map((s) => data.testingBookings.ofSlot(s._id)))).flat()
  const after = (await data.testingCounters.shardsOf(round._id, [buildingId])).get(buildingId) ?? []
  if (!same(before, after)) return { checked: 0, mended: [], busy: true }
  return mendShards(data, round._id, buildingId, before, shardRecount(bookings, REACH_SHARDS))
}

/** A round's units above its buildings: each shard the sum of its buildings' (as they stand now). */
async function rollUp(data: Data, round: TestingRoundDoc): Promise<Outcome> {
  const buildings = await data.units.byIds(round.planned.map((p) => p.buildingId))
  const above = unitsAbove(
    round.scopePath,
    buildings.map((b) => ({ id: b._id, path: b.path })),
  )
  const out: Outcome = { checked: 0, mended: [], busy: false }
  for (const [unitId, under] of above) {
    const before = (await data.testingCounters.shardsOf(round._id, [unitId])).get(unitId) ?? []
    const kids = await data.testingCounters.shardsOf(round._id, under)
    const after = (await data.testingCounters.shardsOf(round._id, [unitId])).get(unitId) ?? []
    if (!same(before, after)) {
      out.busy = true
      continue
    }
    const want = Array.from({ length: REACH_SHARDS }, (_x, s) =>
      under.reduce((sum, b) => {
        const c = kids.get(b)?.[s] ?? NONE
        return { booked: sum.booked + c.booked, done: sum.done + c.done }
      }, NONE as Counted),
    )
    const r = await mendShards(data, round._id, unitId, before, want)
    out.checked += r.checked
    out.mended.push(...r.mended)
    out.busy ||= r.busy
  }
  return out
}

/**
 * Repairs the counters of the rounds from `fromDay` on: `max` steps from the `turn`-th window of the walk (turn 0
 * starts at its first step; a walk shorter than `max` is taken whole, each step once).
 */
export async function repairTestingCounters(
  data: Data,
  opts: { fromDay: string; turn?: number; max?: number },
): Promise<TestingRepairReport> {
  const rounds = await data.testingRounds.fromDay(opts.fromDay, REPAIR_ROUNDS)
  const steps = rounds.flatMap((round) => [
    ...round.planned.map((p) => ({ round, buildingId: p.buildingId as string | null })),
    { round, buildingId: null },
  ])
  const max = Math.min(opts.max ?? REPAIR_STEPS, steps.length)
  const start = steps.length ? ((opts.turn ?? 0) * max) % steps.length : 0
  const report: TestingRepairReport = { checked: 0, wrong: 0, mended: [], busy: 0, steps: max, of: steps.length }
  for (let k = 0; k < max; k++) {
    const { round, buildingId } = steps[(start + k) % steps.length]
    const r = buildingId ? await repairBuilding(data, round, buildingId) : await rollUp(data, round)
    report.checked += r.checked
    report.mended.push(...r.mended.filter((m) => !isNone(m.drift)))
    if (r.busy) report.busy++
  }
  report.wrong = report.mended.length
  return report
}

/** The `repairCounters` timer: the rounds from yesterday (Beijing) on, the window of this firing; drift logged. */
export async function repairCountersTimer({
  data,
  firedAt,
}: {
  data: Data
  firedAt: Date
}): Promise<TestingRepairReport> {
  const report = await repairTestingCounters(data, {
    fromDay: beijingDayOf(new Date(+firedAt - DAY_MS)),
    turn: Math.floor(+firedAt / REPAIR_PERIOD_MS),
  })
  if (report.wrong)
    console.warn(`testing counters: ${report.wrong} of ${report.checked} shards were wrong`, report.mended)
  return report
}
