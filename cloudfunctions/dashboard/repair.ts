/**
 * The dashboard's period figures repaired (docs/data.md "Counters", `unitStats`): one unit-period at a time, the
 * unit's figures recounted from the records with the pure recount (core/dashboard/events.ts eventsFrom →
 * core/dashboard/stats.ts statsFor, the definition of every figure), compared with what its document and reach shards
 * hold, and mended where they drifted; the drift is logged and returned.
 *
 * The walk: this month's and this week's periods (of the firing that starts a walk), each over every grid, then every
 * community, then every street, by unit id. A grid is recounted from its own records (notices to it or its
 * buildings, receipts of its households, its patrols, its care persons' missed checks, and its residents' points
 * and volunteering — activities, duty shifts, isolation tasks — wherever they did it). A community or street sums
 * its children's figures (repaired before it in the walk: a household or a resident with a home counts in one grid)
 * and adds what only it counts: the notices to it or any unit under it, urgent ones to it exactly, and the
 * volunteering of people with no home its community paid for (recounted over all their records of the period).
 *
 * Bounded and resumable: a firing takes REPAIR_STEPS unit-periods from where the last stopped, kept in the
 * `repairCursors` document `unitStats`; a walk done starts again with the periods of the firing.
 *
 * Figures move while it runs. A step reads the held figures first, then the records, and mends in a transaction that
 * reads them again: any change in between moved them (every change moves its figures in its own transaction), so
 * the step is left `busy` for the next walk instead of writing a recount of another moment. A mend writes the
 * recount whole into the period document and zeroes the unit's reach shards. The distinct markers (`statMarks`) are
 * left as they are.
 */
import { accountId } from '../../core/ids'
import { eventsFrom, type StatRecords } from '../../core/dashboard/events'
import {
  addStats,
  beijingDay,
  noStats,
  periodBounds,
  periodsOf,
  statsFor,
  statsOf,
  STAT_FIGURES,
  type StatFigures,
} from '../../core/dashboard/stats'
import type { RepairCursorDoc, UnitStatsDoc } from '../../core/model'
import { ancestorAt, type Unit } from '../../core/units'
import type { Data } from '../../server/data'
import { statIdsOf } from '../../server/unit-stats'

/** Unit-periods per firing (each: its records, and a transaction when wrong). */
export const REPAIR_STEPS = 20
/** The walk's cursor document. */
export const CURSOR_ID = 'unitStats'
const LEVELS = ['grid', 'community', 'street'] as const
type WalkLevel = (typeof LEVELS)[number]
/** Figures a community or street takes as the sum of its children. */
const SUMMED = STAT_FIGURES.filter((f) => f !== 'notices' && f !== 'urgentNotices' && f !== 'urgentHere')

export interface StatMend {
  unitId: string
  period: string
  /** the recount minus what was held, per figure that drifted */
  drift: Partial<StatFigures>
}
export interface StatsRepairReport {
  /** unit-periods compared */
  checked: number
  wrong: number
  mended: StatMend[]
  /** unit-periods whose figures moved while they were read (left for the next walk) */
  busy: number
  /** where the walk stands after this firing: the period and level it is at, or done */
  next: { period: string; level: WalkLevel; after: string } | null
}

/** A unit's held figures: its period document plus its reach shards. */
async function heldOf(read: (ids: string[]) => Promise<UnitStatsDoc[]>, unitId: string, period: string) {
  const docs = await read(statIdsOf(unitId, period))
  return { docs, figures: docs.reduce((s, d) => addStats(s, statsOf(d)), noStats()) }
}

const same = (a: StatFigures, b: StatFigures) => STAT_FIGURES.every((f) => a[f] === b[f])

/** A grid's figures of a period, from its records. */
async function recountGrid(data: Data, grid: Unit, period: string): Promise<StatFigures> {
  const { from, to } = periodBounds(period)
  const [units, residents] = await Promise.all([
    data.units.under(grid.path, true),
    data.people.residentsUnder(grid.path),
  ])
  const ids = residents.map((p) => p._id)
  const targets = [grid._id, ...units.filter((u) => u.level === 'microgrid').map((u) => u._id)]
  const [notices, receipts, patrols, careAlerts, transfers, signups, shiftSignups, isolationTasks] = await Promise.all([
    data.notices.publishedToBetween(targets, from, to),
    data.receipts.ofGridBetween(grid._id, from, to),
    data.patrols.ofGridBetween(grid._id, from, to),
    data.careAlerts.underBetween(grid.path, beijingDay(from), beijingDay(to)),
    data.transfers.ofAccountsBetween(
      ids.map((id) => accountId({ kind: 'person', id })),
      from,
      to,
    ),
    data.signups.earnedOfPeople(ids, from, to),
    data.shiftSignups.earnedOfPeople(ids, from, to),
    data.isolationTasks.doneByBetween(ids, from, to),
  ])
  const receiptNotices = await data.notices.byIds([...new Set(receipts.map((r) => r.noticeId))])
  const records: StatRecords = {
    notices,
    receipts,
    patrols,
    careAlerts,
    transfers,
    signups,
    shiftSignups,
    isolationTasks,
    people: residents,
    households: new Map(units.filter((u) => u.level === 'household').map((u) => [u._id, u.path])),
    urgency: new Map(receiptNotices.map((n) => [n._id, n.urgency === 'urgent'])),
  }
  return statsOf(statsFor(eventsFrom(records)).get(`${grid._id}_${period}`))
}

/** A community's or street's figures of a period: its children's, plus what only it counts. */
async function recountAbove(data: Data, unit: Unit, period: string): Promise<StatFigures> {
  const { from, to } = periodBounds(period)
  const below = await data.units.under(unit.path, false)
  const children = below.filter((u) => u.parentId === unit._id && !u.retired)
  const childDocs = await data.unitStats.byIds(children.flatMap((c) => statIdsOf(c._id, period)))
  const summed = childDocs.reduce((s, d) => addStats(s, statsOf(d)), noStats())
  const out = noStats()
  for (const f of SUMMED) out[f] = summed[f]
  // the notices to it or any unit under it (a notice counts once however many of its targets are there)
  const targets = [unit, ...below].filter((u) => u.level !== 'household').map((u) => u._id)
  const notices = await data.notices.publishedToBetween(targets, from, to)
  const own = statsOf(statsFor(eventsFrom({ notices })).get(`${unit._id}_${period}`))
  out.notices = own.notices
  out.urgentNotices = own.urgentNotices
  out.urgentHere = own.urgentHere
  if (unit.level === 'community') {
    const homeless = await homelessVolunteering(data, unit, from, to, period)
    out.volunteerMinutes += homeless.volunteerMinutes
    out.activeVolunteers += homeless.activeVolunteers
  }
  return out
}

/** The volunteering a community paid for of people with no home (counted in the community only), over all their
 * records of the period (a person is one active volunteer of the period, where first counted). */
async function homelessVolunteering(data: Data, community: Unit, from: Date, to: Date, period: string) {
  const [signups, seats, tasks] = await Promise.all([
    data.signups.earnedInCommunity(community._id, from, to),
    data.shiftSignups.earnedUnder(community.path, from, to),
    data.isolationTasks.doneUnderBetween(community.path, from, to),
  ])
  const ids = [
    ...new Set([
      ...signups.map((s) => s.personId),
      ...seats.map((s) => s.personId),
      ...tasks.flatMap((t) => (t.holderId ? [t.holderId] : [])),
    ]),
  ]
  const people = (await data.people.byIds(ids)).filter((p) => !p.homePath)
  if (!people.length) return noStats()
  const who = people.map((p) => p._id)
  const [allSignups, allSeats, allTasks] = await Promise.all([
    data.signups.earnedOfPeople(who, from, to),
    data.shiftSignups.earnedOfPeople(who, from, to),
    data.isolationTasks.doneByBetween(who, from, to),
  ])
  // the communities that paid them
  const paying = new Set([
    ...allSignups.map((s) => s.communityId),
    ...allSeats.map((s) => s.communityId),
    ...allTasks.map((t) => t.communityId || (ancestorAt(t.gridPath, 'community') ?? '')),
  ])
  const communities = await data.units.byIds([...paying].filter(Boolean))
  const events = eventsFrom({
    people,
    signups: allSignups,
    shiftSignups: allSeats,
    isolationTasks: allTasks,
    communities: new Map(communities.map((c) => [c._id, c.path])),
  })
  return statsOf(statsFor(events).get(`${community._id}_${period}`))
}

/** Compares one unit-period with its recount and mends it if nothing moved meanwhile. */
async function repairOne(
  data: Data,
  unit: Unit,
  level: WalkLevel,
  period: string,
  now: Date,
): Promise<{ mend: StatMend | null; busy: boolean }> {
  const held = await heldOf((ids) => data.unitStats.byIds(ids), unit._id, period)
  const recount = level === 'grid' ? await recountGrid(data, unit, period) : await recountAbove(data, unit, period)
  if (same(held.figures, recount)) return { mend: null, busy: false }
  const wrote = await data.transaction(async (tx) => {
    const ids = statIdsOf(unit._id, period)
    const docs = await Promise.all(ids.map((id) => tx.unitStats.get(id)))
    const fresh = docs.reduce((s, d) => addStats(s, statsOf(d)), noStats())
    if (!same(fresh, held.figures)) return false
    const [main, ...shards] = docs
    await tx.unitStats.set(ids[0], {
      ...(main?.decisionsOpen !== undefined ? { decisionsOpen: main.decisionsOpen } : {}),
      ...recount,
      unitId: unit._id,
      period,
      updatedAt: now,
    })
    for (const [i, s] of shards.entries())
      if (s && (s.reached || s.urgentReached)) {
        const { _id: _, ...shard } = s
        await tx.unitStats.set(ids[i + 1], { ...shard, reached: 0, urgentReached: 0, updatedAt: now })
      }
    return true
  })
  if (!wrote) return { mend: null, busy: true }
  const drift: Partial<StatFigures> = {}
  for (const f of STAT_FIGURES) if (recount[f] !== held.figures[f]) drift[f] = recount[f] - held.figures[f]
  return { mend: { unitId: unit._id, period, drift }, busy: false }
}

/** A new walk: the periods of `at` (this month, this week), from the first grid. */
const newWalk = (at: Date): RepairCursorDoc => ({
  _id: CURSOR_ID,
  periods: periodsOf(at),
  at: 0,
  level: 'grid',
  after: '',
  startedAt: at,
  updatedAt: at,
})

/**
 * Repairs up to `steps` unit-periods from where the cursor stopped (a new walk over the periods of `now` when there
 * is none, or the last one ended), and saves where it stopped.
 */
export async function repairStats(data: Data, opts: { now?: Date; steps?: number } = {}): Promise<StatsRepairReport> {
  const now = opts.now ?? new Date()
  const steps = opts.steps ?? REPAIR_STEPS
  const report: StatsRepairReport = { checked: 0, wrong: 0, mended: [], busy: 0, next: null }
  let cursor = (await data.repairCursors.get(CURSOR_ID)) ?? newWalk(now)
  if (cursor.at >= cursor.periods.length) cursor = newWalk(now)
  let done = 0
  walk: while (cursor.at < cursor.periods.length) {
    const period = cursor.periods[cursor.at]
    const page = await data.units.atLevelAfter(cursor.level, cursor.after, Math.max(1, steps - done))
    for (const unit of page) {
      if (done >= steps) break walk
      if (!unit.retired) {
        const r = await repairOne(data, unit, cursor.level, period, now)
        report.checked++
        if (r.mend) report.mended.push(r.mend)
        if (r.busy) report.busy++
      }
      cursor = { ...cursor, after: unit._id }
      done++
    }
    if (done >= steps && page.length) {
      // the page may have been the level's last: the next firing finds nothing after it and moves on
      break
    }
    // the level is done: the next level up, or the next period
    const next = LEVELS.indexOf(cursor.level) + 1
    cursor =
      next < LEVELS.length
        ? { ...cursor, level: LEVELS[next], after: '' }
        : { ...cursor, at: cursor.at + 1, level: 'grid', after: '' }
  }
  await data.repairCursors.put({ ...cursor, updatedAt: now })
  report.wrong = report.mended.length
  report.next =
    cursor.at < cursor.periods.length
      ? { period: cursor.periods[cursor.at], level: cursor.level, after: cursor.after }
      : null
  return report
}

/** The `repairStats` timer: the next REPAIR_STEPS unit-periods of the walk; drift logged. */
export async function repairStatsTimer({ data, firedAt }: { data: Data; firedAt: Date }): Promise<StatsRepairReport> {
  const report = await repairStats(data, { now: firedAt })
  if (report.wrong) console.warn(`unit stats: ${report.wrong} of ${report.checked} were wrong`, report.mended)
  return report
}
