/**
 * The dashboard's one writer of period figures (数据看板, issue 13 item 3): handlers call these INSIDE the
 * transaction of the change they count, so a figure and its history never disagree. Each adds the change's delta
 * (core/dashboard/stats.ts moveOf) to the month's and the ISO week's `unitStats` of every street, community and
 * grid on its path; a distinct figure (households reached, active volunteers) moves only when its marker
 * (core/ids.ts statMarkId, one per key and period) is new, so a second receipt or shift of the same household or
 * person in the period counts nothing.
 *
 * Requests (a 收到 in a flash crowd pays them, docs/benchmarks.md): a figure document is moved by one increment
 * without a read (db.command.inc, TxCollection.incrementIfExists), created whole (set) only when the increment found
 * none — a twin's create meanwhile makes that set conflict, so none is lost or overwritten. A marker is read and set
 * in the transaction, except for a receipt whose caller read the markers before its transaction (`receiptMarkIdsOf`,
 * passed as `seen`, reach-ledger's precheck): markers are never removed, so one seen is final and moves nothing, and
 * one not seen is created (add) — it is refused when another transaction created it since the pre-read (a conflict,
 * or a duplicate turned into one, StatMarkTaken), and the round runs again from a fresh pre-read. A first 收到 of an
 * urgent notice in a fresh period thus writes 2 or 4 markers and 6 documents (3 units × 2 periods) in as many
 * requests, instead of reading each of them first.
 */
import {
  addStats,
  isZeroStats,
  moveOf,
  periodsOf,
  statsOf,
  statUnitsOf,
  urgentTargetsOf,
  type StatEvent,
  type StatFigures,
} from '../core/dashboard/stats'
import { statMarkId, unitStatsId, unitStatsShardId } from '../core/ids'
import { REACH_SHARDS, shardOf } from '../core/notices/reach'
import type { StatMarkDoc } from '../core/model'
import type { Transfer } from '../core/points/ledger'
import type { TxData } from './data'
import { isDuplicate } from './data/query'

/** The markers a receipt may create, to be read before its transaction and passed to `countInTx` as `seen`. */
export function receiptMarkIdsOf(event: Extract<StatEvent, { kind: 'receipt' }>): string[] {
  const m = moveOf(event)
  return periodsOf(event.at).flatMap((period) =>
    (m.distinct ?? []).map(({ figure, key }) => statMarkId(period, figure, key)),
  )
}

/** What a caller read before its transaction: the markers (of `receiptMarkIdsOf`) that existed then. */
export interface StatsSeen {
  marks: ReadonlySet<string>
}

/**
 * A marker the caller did not see before its transaction exists now (another transaction created it in between):
 * a conflict, so data.transaction runs the round again, and its pre-read sees the marker.
 */
export class StatMarkTaken extends Error {
  constructor(id: string) {
    super(`database transaction conflict: the stat marker ${id} was created by another transaction`)
  }
}

/** Moves what one recorded thing counts (a notice published, a household reached, volunteering attended, points,
 * a patrol, a missed care check), inside the caller's transaction. `seen`: the markers read before it (receipts). */
export async function countInTx(tx: TxData, event: StatEvent, seen?: StatsSeen): Promise<void> {
  const m = moveOf(event)
  const here = event.kind === 'notice' ? urgentTargetsOf(event) : []
  for (const period of periodsOf(event.at)) {
    const d: Partial<StatFigures> = { ...m.delta }
    for (const { figure, key } of m.distinct ?? []) {
      const id = statMarkId(period, figure, key)
      const mark = { period, figure, key, unitIds: m.unitIds, at: event.at }
      if (seen) {
        if (seen.marks.has(id)) continue
        await addMarkInTx(tx, id, mark)
      } else {
        if (await tx.statMarks.get(id)) continue
        await tx.statMarks.set(id, mark)
      }
      d[figure] = (d[figure] ?? 0) + 1
    }
    if (event.kind === 'receipt') {
      // households reached go to the household's shard: a burst of 收到 over a street collides 1 in 16
      if (!isZeroStats(d))
        for (const id of m.unitIds) await addInTx(tx, id, period, d, event.at, shardOf(event.householdId))
      continue
    }
    const sums = new Map<string, Partial<StatFigures>>()
    if (!isZeroStats(d)) for (const id of m.unitIds) sums.set(id, d)
    for (const id of here) sums.set(id, { ...(sums.get(id) ?? {}), urgentHere: (sums.get(id)?.urgentHere ?? 0) + 1 })
    for (const [unitId, delta] of sums) await addInTx(tx, unitId, period, delta, event.at)
  }
}

async function addMarkInTx(tx: TxData, id: string, mark: Omit<StatMarkDoc, '_id'>): Promise<void> {
  try {
    await tx.statMarks.add({ _id: id, ...mark })
  } catch (e) {
    // created since the pre-read: committed before this transaction began (a duplicate), or after (a conflict)
    if (isDuplicate(e)) throw new StatMarkTaken(id)
    throw e
  }
}

async function addInTx(
  tx: TxData,
  unitId: string,
  period: string,
  delta: Partial<StatFigures>,
  at: Date,
  shard?: number,
) {
  const id = shard === undefined ? unitStatsId(unitId, period) : unitStatsShardId(unitId, period, shard)
  const by = Object.fromEntries(Object.entries(delta).filter(([, n]) => n)) as Partial<StatFigures>
  if (await tx.unitStats.incrementIfExists(id, by, { updatedAt: at })) return
  // none yet: created whole (a twin's create since this transaction began makes this set conflict)
  await tx.unitStats.set(id, {
    ...addStats(statsOf(null), delta),
    unitId,
    period,
    ...(shard === undefined ? {} : { shard }),
    updatedAt: at,
  })
}

/** The ids of a unit's period document and its reach shards (read them all and sum: `sumStats`). */
export const statIdsOf = (unitId: string, period: string): string[] => [
  unitStatsId(unitId, period),
  ...Array.from({ length: REACH_SHARDS }, (_, s) => unitStatsShardId(unitId, period, s)),
]

/** The standing period that holds figures that are not of a month or week (open council decisions). */
export const OPEN_PERIOD = 'open'

/**
 * For the council (三长议事): moves the open decisions of the grid a decision belongs to, and of its community and
 * street, by `delta` (+1 when a decision that needs work is taken, −1 when it is done or dropped), inside the
 * transaction that changes the decision. `unitPath`: the grid's (or any unit's) path.
 */
export async function moveOpenDecisionsInTx(tx: TxData, unitPath: string, delta: number, at: Date): Promise<void> {
  if (!delta) return
  for (const unitId of statUnitsOf(unitPath)) {
    const id = unitStatsId(unitId, OPEN_PERIOD)
    const held = await tx.unitStats.get(id)
    await tx.unitStats.set(id, {
      ...statsOf(held),
      decisionsOpen: Math.max(0, (held?.decisionsOpen ?? 0) + delta),
      unitId,
      period: OPEN_PERIOD,
      updatedAt: at,
    })
  }
}

export { dayMoment } from '../core/dashboard/stats'

/**
 * Volunteering attended (an activity, a shift, an isolation task): its minutes and the person among the period's
 * active volunteers, counted where they are ranked (their home's grid and community, core server/volunteer-totals).
 */
export async function countVolunteerInTx(
  tx: TxData,
  personId: string,
  where: { gridId: string; communityId: string },
  minutes: number,
  at: Date,
): Promise<void> {
  const community = where.communityId ? await tx.units.get(where.communityId) : null
  if (!community) return
  const homePath = where.gridId ? `${community.path}${where.gridId}/` : community.path
  await countInTx(tx, { kind: 'volunteer', at, homePath, personId, minutes })
}

/** A posted transfer's points earned (earn, grant) or redeemed (redeem, less refunds) by a resident, where they
 * live now (a person with no home counts nowhere). */
export async function countPointsInTx(tx: TxData, t: Transfer): Promise<void> {
  const earned = (t.kind === 'earn' || t.kind === 'grant') && t.to.kind === 'person' ? t.amount : 0
  const redeemed =
    t.kind === 'redeem' && t.from.kind === 'person'
      ? t.amount
      : t.kind === 'refund' && t.to.kind === 'person'
        ? -t.amount
        : 0
  if (!earned && !redeemed) return
  const person = await tx.people.get(earned || t.kind === 'refund' ? t.to.id : t.from.id)
  if (!person?.homePath) return
  await countInTx(tx, { kind: 'points', at: t.at, homePath: person.homePath, earned, redeemed })
}
