/**
 * The dashboard's period figures repaired (docs/data.md "Counters", `unitStats`): one unit-period at a time, the
 * unit's figures recounted from the records with the pure recount (core/dashboard/events.ts eventsFrom →
 * core/dashboard/stats.ts statsFor, the definition of every figure), compared with what its document and reach shards
 * hold, and mended where they drifted; the drift is logged and returned.
 *
 * The walk: this month's and this week's periods (of the firing that starts a walk), and before them a month or week
 * that has ended since the last walk started (SETTLE_MS after its end: a 收到 is counted by the notices function's
 * countAcks timer within a minute, with its own time, so the period that just ended can still move for a minute;
 * the last walk read it while it was open), each over every grid, then every community, then every street, by unit
 * id. Each ended period is thus walked once more when it is final, which the reports (周例会, 月通报) read. A grid is recounted from its own records (notices to it or its
 * buildings, receipts of its households, its patrols, its care persons' missed checks, and its residents' points
 * and volunteering — activities, duty shifts, isolation tasks — wherever they did it). A community or street sums
 * its children's figures (repaired before it in the walk: a household or a resident with a home counts in one grid),
 * read a page of children at a time as reports.generate does, and adds what only it counts: the notices to it or any
 * unit under it (one prefix range of their `unitPaths`, never a list of the units under it: a street of 930 grids
 * has about 260,000), urgent ones to it exactly, and the volunteering of people with no home its community paid for
 * (recounted over all their records of the period). A step thus reads its own records and its children's figures,
 * never the subtree.
 *
 * Bounded and resumable: a firing takes REPAIR_STEPS unit-periods from where the last stopped, kept in the
 * `repairCursors` document `unitStats`; a walk done starts again with the periods of the firing.
 *
 * Figures move while it runs. A step reads the held figures first, then the records, and mends in a transaction that
 * reads them again: any change in between moved them (every change moves its figures in its own transaction), so
 * the step is left `busy` for the next walk instead of writing a recount of another moment. A mend writes the
 * recount whole into the period document and zeroes the unit's reach shards.
 *
 * The distinct markers (`statMarks`, server/unit-stats.ts): a marker says a household or person was counted in a
 * period in its units, so a second 收到 or shift of theirs counts nothing. The recount makes the markers it would
 * leave (core/dashboard/stats.ts `recount`); a grid's are compared with those held for it (its households reached,
 * its residents' volunteering; index period_1_unitIds_1), a community's with those of the people with no home it
 * counts (by id: so none of these is found extra). A marker missing here (none, or one counted in other units: the
 * next 收到 would count the household again) or naming other units too is written in the mend's transaction; one the
 * recount does not make (the household's next 收到 would count nothing) is removed after it. Every marker is created with a move of its unit's figures, so the figures read again in the
 * transaction also say the markers did not move. A receipt reads its markers before its transaction: one that read
 * a marker the repair then removes counts nothing, and the next walk finds the household uncounted and mends both.
 */
import { accountId } from '../../core/ids'
import { eventsFrom, type StatRecords } from '../../core/dashboard/events'
import {
  addStats,
  beijingDay,
  noStats,
  periodBounds,
  periodsOf,
  previousPeriod,
  recount,
  statsFor,
  statsOf,
  STAT_FIGURES,
  type StatFigures,
  type StatMark,
} from '../../core/dashboard/stats'
import { statMarkId } from '../../core/ids'
import type { RepairCursorDoc, StatMarkDoc, UnitStatsDoc } from '../../core/model'
import { ancestorAt, type Unit } from '../../core/units'
import type { Data } from '../../server/data'
import { childPages } from '../../server/paging'
import { statIdsOf } from '../../server/unit-stats'

/** Unit-periods per firing (each: its records, and a transaction when wrong). */
export const REPAIR_STEPS = 20
/** The walk's cursor document. */
export const CURSOR_ID = 'unitStats'
/** How long after its end a period is final (countAcks counts a 收到 within a minute, with the 收到's time). */
export const SETTLE_MS = 5 * 60_000
/** Children per page when summing a community's or street's (as reports.generate reads the tree). */
const CHILD_PAGE = 100
const LEVELS = ['grid', 'community', 'street'] as const
type WalkLevel = (typeof LEVELS)[number]
/** Figures a community or street takes as the sum of its children. */
const SUMMED = STAT_FIGURES.filter((f) => f !== 'notices' && f !== 'urgentNotices' && f !== 'urgentHere')

export interface StatMend {
  unitId: string
  period: string
  /** the recount minus what was held, per figure that drifted */
  drift: Partial<StatFigures>
  /** markers that disagreed with the recount (written, moved to the recount's units, or removed), when any did */
  marks?: MarkDrift
}
export interface MarkDrift {
  /** counted by the recount here, no marker of this unit: written */
  missing: string[]
  /** a marker of this unit that names other units than the recount's: rewritten */
  moved: string[]
  /** a marker the recount does not make: removed */
  extra: string[]
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

interface Recount {
  figures: StatFigures
  /** the markers the recount leaves in this unit for the period */
  marks: StatMark[]
}

const marksIn = (marks: readonly StatMark[], unitId: string, period: string) =>
  marks.filter((m) => m.period === period && m.unitIds.includes(unitId))

/** A grid's figures of a period, from its records. */
async function recountGrid(data: Data, grid: Unit, period: string): Promise<Recount> {
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
  const counted = recount(eventsFrom(records))
  return {
    figures: statsOf(counted.stats.get(`${grid._id}_${period}`)),
    marks: marksIn(counted.marks, grid._id, period),
  }
}

/** A community's or street's figures of a period: its children's, plus what only it counts. */
async function recountAbove(data: Data, unit: Unit, period: string): Promise<Recount> {
  const { from, to } = periodBounds(period)
  // its children's figures, a page of children at a time (retired units and households left out)
  let summed = noStats()
  for await (const children of childPages(data, unit._id, CHILD_PAGE)) {
    const docs = await data.unitStats.byIds(children.flatMap((c) => statIdsOf(c._id, period)))
    summed = docs.reduce((s, d) => addStats(s, statsOf(d)), summed)
  }
  const out = noStats()
  for (const f of SUMMED) out[f] = summed[f]
  // the notices to it or any unit under it (a notice counts once however many of its targets are there)
  const notices = await data.notices.publishedUnderBetween(unit.path, from, to)
  const own = statsOf(statsFor(eventsFrom({ notices })).get(`${unit._id}_${period}`))
  out.notices = own.notices
  out.urgentNotices = own.urgentNotices
  out.urgentHere = own.urgentHere
  if (unit.level !== 'community') return { figures: out, marks: [] }
  const homeless = await homelessVolunteering(data, unit, from, to, period)
  out.volunteerMinutes += homeless.figures.volunteerMinutes
  out.activeVolunteers += homeless.figures.activeVolunteers
  return { figures: out, marks: homeless.marks }
}

/** The volunteering a community paid for of people with no home (counted in the community only), over all their
 * records of the period (a person is one active volunteer of the period, where first counted). */
async function homelessVolunteering(
  data: Data,
  community: Unit,
  from: Date,
  to: Date,
  period: string,
): Promise<Recount> {
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
  if (!people.length) return { figures: noStats(), marks: [] }
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
  const counted = recount(events)
  return {
    figures: statsOf(counted.stats.get(`${community._id}_${period}`)),
    marks: marksIn(counted.marks, community._id, period),
  }
}

const sameUnits = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((u, i) => u === b[i])

/**
 * The held markers against the recount's: a grid's are all those held for it (by unit and period), a community's
 * those of the people with no home it counts (by id: their other markers are the grids').
 */
async function markDrift(data: Data, unit: Unit, level: WalkLevel, period: string, want: readonly StatMark[]) {
  const wanted = new Map(want.map((m) => [statMarkId(m.period, m.figure, m.key), m]))
  if (level === 'street') return { drift: null, wanted, held: new Map<string, StatMarkDoc>() }
  const heldDocs =
    level === 'grid' ? await data.statMarks.ofUnit(unit._id, period) : await data.statMarks.byIds([...wanted.keys()])
  const held = new Map(heldDocs.map((m) => [m._id, m]))
  const drift: MarkDrift = { missing: [], moved: [], extra: [] }
  for (const [id, m] of wanted) {
    const h = held.get(id)
    if (!h) drift.missing.push(id)
    else if (!sameUnits(h.unitIds, m.unitIds)) drift.moved.push(id)
  }
  for (const id of held.keys()) if (!wanted.has(id)) drift.extra.push(id)
  const none = !drift.missing.length && !drift.moved.length && !drift.extra.length
  return { drift: none ? null : drift, wanted, held }
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
  const counted = level === 'grid' ? await recountGrid(data, unit, period) : await recountAbove(data, unit, period)
  const recount = counted.figures
  const marks = await markDrift(data, unit, level, period, counted.marks)
  const figuresRight = same(held.figures, recount)
  if (figuresRight && !marks.drift) return { mend: null, busy: false }
  const wrote = await data.transaction(async (tx) => {
    const ids = statIdsOf(unit._id, period)
    const docs = await Promise.all(ids.map((id) => tx.unitStats.get(id)))
    const fresh = docs.reduce((s, d) => addStats(s, statsOf(d)), noStats())
    if (!same(fresh, held.figures)) return false
    // the markers the recount leaves, where missing or counted elsewhere (a 收到 racing to create one conflicts)
    for (const id of [...(marks.drift?.missing ?? []), ...(marks.drift?.moved ?? [])]) {
      const { period: p, figure, key, unitIds, at } = marks.wanted.get(id) as StatMark
      await tx.statMarks.set(id, { period: p, figure, key, unitIds, at })
    }
    if (figuresRight) return true
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
  // markers the recount does not make: removed after the figures are right (no transaction removes; see above)
  for (const id of marks.drift?.extra ?? []) await data.statMarks.remove(id)
  const drift: Partial<StatFigures> = {}
  for (const f of STAT_FIGURES) if (recount[f] !== held.figures[f]) drift[f] = recount[f] - held.figures[f]
  return { mend: { unitId: unit._id, period, drift, ...(marks.drift ? { marks: marks.drift } : {}) }, busy: false }
}

/**
 * The periods of a walk starting at `at`: the month and week that ended (and settled) since the last walk started at
 * `last` (it read them while they were open), then this month and this week. The first walk: this month and week.
 */
export function walkPeriods(at: Date, last: Date | null): string[] {
  const ended = last
    ? (['month', 'week'] as const)
        .map((kind) => previousPeriod(kind, at))
        .filter((p) => {
          const settled = +periodBounds(p).to + SETTLE_MS
          return settled <= +at && settled > +last
        })
    : []
  // one that ended less than SETTLE_MS ago waits for the next walk (this one's start is after the last's)
  return [...ended, ...periodsOf(at)]
}

/** A new walk: the periods of `at` (see walkPeriods), from the first grid. */
const newWalk = (at: Date, last: Date | null = null): RepairCursorDoc => ({
  _id: CURSOR_ID,
  periods: walkPeriods(at, last),
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
  const saved = await data.repairCursors.get(CURSOR_ID)
  let cursor = saved ?? newWalk(now)
  if (cursor.at >= cursor.periods.length) cursor = newWalk(now, saved ? new Date(saved.startedAt) : null)
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
