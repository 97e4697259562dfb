/**
 * The dashboard's one writer of period figures (数据看板, issue 13 item 3): handlers call these INSIDE the
 * transaction of the change they count, so a figure and its history never disagree. Each adds the change's delta
 * (core/dashboard/stats.ts moveOf) to the month's and the ISO week's `unitStats` of every street, community and
 * grid on its path; a distinct figure (households reached, active volunteers) moves only when its marker
 * (core/ids.ts statMarkId, one per key and period) is new, so a second receipt or shift of the same household or
 * person in the period counts nothing. Every document is read and written whole (get + set): racing changes
 * conflict and retry, none is lost. Safe to run again: the transaction re-reads what it moves.
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
import type { Transfer } from '../core/points/ledger'
import type { TxData } from './data'

/** Moves what one recorded thing counts (a notice published, a household reached, volunteering attended, points,
 * a patrol, a missed care check), inside the caller's transaction. */
export async function countInTx(tx: TxData, event: StatEvent): Promise<void> {
  const m = moveOf(event)
  const here = event.kind === 'notice' ? urgentTargetsOf(event) : []
  for (const period of periodsOf(event.at)) {
    const d: Partial<StatFigures> = { ...m.delta }
    for (const { figure, key } of m.distinct ?? []) {
      const id = statMarkId(period, figure, key)
      if (await tx.statMarks.get(id)) continue
      await tx.statMarks.set(id, { period, figure, key, unitIds: m.unitIds, at: event.at })
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

async function addInTx(
  tx: TxData,
  unitId: string,
  period: string,
  delta: Partial<StatFigures>,
  at: Date,
  shard?: number,
) {
  const id = shard === undefined ? unitStatsId(unitId, period) : unitStatsShardId(unitId, period, shard)
  const held = await tx.unitStats.get(id)
  await tx.unitStats.set(id, {
    ...(held?.decisionsOpen !== undefined ? { decisionsOpen: held.decisionsOpen } : {}),
    ...addStats(statsOf(held), delta),
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
