/**
 * The dashboard's reading of figures (数据看板 and 周例会 / 月通报, issue 13): a unit's figures of a period and the
 * one before, and those of other units for the period (the dashboard's page of children, a report's batch of grids),
 * every figure a counter read by id — unitStats (with their reach shards, server/unit-stats.ts statIdsOf),
 * unitCounters, requestCounters — in one query per collection (per 100 ids), shaped by core/dashboard/figures.ts
 * figuresFrom. One route: dashboard.overview and the reports function both read here, so a report's figures are the
 * dashboard's.
 *
 * `at` is the moment whose periods are read: now for the dashboard; a moment inside a report's period
 * (core/reports/period.ts momentOf) for a report. Requests are counted per month they were reported in: a week
 * reads its moment's month.
 */
import type { DashboardFigures } from '../core/contract/dashboard'
import { figuresFrom } from '../core/dashboard/figures'
import {
  addStats,
  momentBefore,
  monthKey,
  noStats,
  periodOf,
  statsOf,
  type PeriodKind,
  type StatFigures,
} from '../core/dashboard/stats'
import { figuresOf } from '../core/grid/counters'
import { rates } from '../core/requests/rates'
import { requestCounterId, unitStatsId } from '../core/ids'
import type { RequestCounterDoc, UnitCounterDoc, UnitStatsDoc } from '../core/model'
import { pathIds, type Unit } from '../core/units'
import type { Data } from './data'
import { noFigures } from './data/request-counters'
import { OPEN_PERIOD, statIdsOf } from './unit-stats'
import { byId } from './views'

export interface FigureRead {
  unit: Unit
  kind: PeriodKind
  at: Date
  /** more units whose figures of the period are read with the unit's (the dashboard's page of its children) */
  others: readonly Unit[]
}

export interface FiguresRead {
  figures: DashboardFigures
  /** the period before (its households not reached this week: 0) */
  previous: DashboardFigures
  /** each other unit's figures of the period, by id */
  others: Map<string, DashboardFigures>
  /** the unit's ancestors, street first (those that exist) */
  ancestors: Unit[]
}

/** Sums each unit-period's documents (the period document and its reach shards) by unitStatsId. */
const sumsOf = (stats: readonly UnitStatsDoc[]): Map<string, StatFigures> => {
  const sums = new Map<string, StatFigures>()
  for (const d of stats) {
    const key = unitStatsId(d.unitId, d.period)
    sums.set(key, addStats(sums.get(key) ?? noStats(), statsOf(d)))
  }
  return sums
}

interface Read {
  sums: Map<string, StatFigures>
  counters: Map<string, UnitCounterDoc>
  requests: Map<string, RequestCounterDoc>
  standing: Map<string, UnitStatsDoc>
}

const figuresOfUnit = (r: Read, id: string, p: string, week: string, m: string, urgentOver: number) => {
  const c = figuresOf(r.counters.get(id))
  return figuresFrom({
    stats: r.sums.get(unitStatsId(id, p)),
    week: r.sums.get(unitStatsId(id, week)),
    urgentOver,
    households: c.households,
    reachable: c.reachable,
    month: m,
    requests: r.requests.get(requestCounterId(id, m)) ?? noFigures(),
    decisionsOpen: r.standing.get(unitStatsId(id, OPEN_PERIOD))?.decisionsOpen ?? 0,
  })
}

/**
 * The unit's figures of the period holding `at` and of the one before, and each other unit's of the period: the
 * unit's period documents (this period, the last, this week), each other's (this period, this week), the standing
 * figures of all, the ancestors' week (whether an urgent notice was over them), the counters of all, the requests
 * of the month (and the last month's for the unit). Nothing else: what lies below the units is never read.
 */
export async function readFigures(data: Data, read: FigureRead): Promise<FiguresRead> {
  const { unit, kind, at, others } = read
  const before = momentBefore(kind, at)
  const ancestorIds = pathIds(unit.path).slice(0, -1)
  const shown = [unit, ...others].map((u) => u._id)
  const cur = periodOf(kind, at)
  const prev = periodOf(kind, before)
  const week = periodOf('week', at)
  const month = monthKey(at)
  const lastMonth = monthKey(momentBefore('month', at))
  const statIds = [
    ...[cur, prev, week].flatMap((p) => statIdsOf(unit._id, p)),
    ...others.flatMap((c) => [cur, week].flatMap((p) => statIdsOf(c._id, p))),
    ...shown.map((id) => unitStatsId(id, OPEN_PERIOD)),
    ...ancestorIds.map((id) => unitStatsId(id, week)),
  ]
  const [ancestors, stats, counters, requests] = await Promise.all([
    data.units.byIds(ancestorIds),
    data.unitStats.byIds([...new Set(statIds)]),
    data.unitCounters.byIds(shown),
    data.requestCounters.byIds(
      shown.flatMap((id) => [
        requestCounterId(id, month),
        ...(id === unit._id ? [requestCounterId(id, lastMonth)] : []),
      ]),
    ),
  ])
  const r: Read = {
    sums: sumsOf(stats),
    counters: byId<UnitCounterDoc>(counters),
    requests: byId<RequestCounterDoc>(requests),
    standing: byId(stats.filter((d) => d.period === OPEN_PERIOD)),
  }
  const urgentHere = (id: string) => statsOf(r.sums.get(unitStatsId(id, week))).urgentHere
  const urgentAbove = ancestorIds.reduce((n, id) => n + urgentHere(id), 0)
  const unitUrgent = urgentAbove + urgentHere(unit._id)
  const previous = figuresOfUnit(r, unit._id, prev, week, kind === 'month' ? lastMonth : month, unitUrgent)
  const ancestorsById = byId(ancestors)
  return {
    figures: figuresOfUnit(r, unit._id, cur, week, month, unitUrgent),
    previous: { ...previous, unreachedUrgent: 0 },
    others: new Map(
      others.map((c) => [c._id, figuresOfUnit(r, c._id, cur, week, month, unitUrgent + urgentHere(c._id))]),
    ),
    ancestors: ancestorIds.flatMap((id) => {
      const a = ancestorsById.get(id)
      return a ? [a] : []
    }),
  }
}

/**
 * The figures of a batch of units for the period holding `at` (a report's grids): their period documents, counters
 * and month's requests, one query per collection per 100 ids. Households not reached this week are not read (0).
 */
export async function periodFigures(
  data: Data,
  units: readonly Unit[],
  kind: PeriodKind,
  at: Date,
): Promise<Map<string, { figures: DashboardFigures; onTime: number | null }>> {
  const ids = units.map((u) => u._id)
  const cur = periodOf(kind, at)
  const month = monthKey(at)
  const [stats, counters, requests] = await Promise.all([
    data.unitStats.byIds([
      ...ids.flatMap((id) => statIdsOf(id, cur)),
      ...ids.map((id) => unitStatsId(id, OPEN_PERIOD)),
    ]),
    data.unitCounters.byIds(ids),
    data.requestCounters.byIds(ids.map((id) => requestCounterId(id, month))),
  ])
  const r: Read = {
    sums: sumsOf(stats),
    counters: byId<UnitCounterDoc>(counters),
    requests: byId<RequestCounterDoc>(requests),
    standing: byId(stats.filter((d) => d.period === OPEN_PERIOD)),
  }
  return new Map(
    ids.map((id) => [
      id,
      {
        figures: figuresOfUnit(r, id, cur, cur, month, 0),
        // 按时办结率 (core/requests/rates.ts onTime), which the dashboard's figures do not carry
        onTime: rates(r.requests.get(requestCounterId(id, month)) ?? noFigures()).onTime,
      },
    ]),
  )
}
