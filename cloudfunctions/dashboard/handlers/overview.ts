/**
 * dashboard.overview (数据看板): a street's, community's or grid's figures for this week or month against the last,
 * and those of one page of its child units (DASHBOARD_PAGE, sibling order after `cursor`). Every figure is a counter
 * read by id — the unit's and each child's unitStats (this period, the last, this week, the standing `open`),
 * unitCounters and requestCounters (this month and the last), and the ancestors' week stats (whether an urgent
 * notice was over them) — in one query per collection: the documents read are those of the page, never of the
 * subtree, so a street's dashboard costs what a grid's does (test/functions/dashboard/overview.test.ts counts them).
 */
import { DASHBOARD_PAGE, type DashboardFigures } from '../../../core/contract'
import { figuresFrom } from '../../../core/dashboard/figures'
import {
  addStats,
  momentBefore,
  monthKey,
  noStats,
  periodLabel,
  periodOf,
  statsOf,
  type StatFigures,
} from '../../../core/dashboard/stats'
import { figuresOf } from '../../../core/grid/counters'
import { isSiblingCursor } from '../../../core/grid/siblings'
import { requestCounterId, unitStatsId } from '../../../core/ids'
import type { RequestCounterDoc, UnitCounterDoc } from '../../../core/model'
import { pathIds, type Unit } from '../../../core/units'
import { noFigures } from '../../../server/data/request-counters'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { OPEN_PERIOD, statIdsOf } from '../../../server/unit-stats'
import { byId, unitRef } from '../../../server/views'

const DASHBOARD_LEVELS = new Set(['street', 'community', 'grid'])

export const overview: Action<'dashboard', 'overview'> = {
  target: (payload) => payload.unitId,
  async handle({ data, payload, target: unit }) {
    if (!unit || unit.retired) throw new AppError('NOT_FOUND')
    if (!DASHBOARD_LEVELS.has(unit.level)) throw new AppError('DASHBOARD_LEVEL')
    const { cursor, period } = payload
    if (cursor !== undefined && !isSiblingCursor(unit._id, cursor)) {
      throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请刷新后再试')
    }
    const now = new Date()
    const before = momentBefore(period, now)
    const ancestorIds = pathIds(unit.path).slice(0, -1)
    const [ancestors, page] = await Promise.all([
      data.units.byIds(ancestorIds),
      unit.level === 'grid'
        ? Promise.resolve({ rows: [] as Unit[], more: false })
        : data.units.childrenPage(unit._id, cursor, DASHBOARD_PAGE),
    ])
    const shown = [unit, ...page.rows].map((u) => u._id)
    const cur = periodOf(period, now)
    const prev = periodOf(period, before)
    const week = periodOf('week', now)
    const month = monthKey(now)
    const lastMonth = monthKey(momentBefore('month', now))
    // each unit's period documents with their reach shards (server/unit-stats.ts statIdsOf): the unit's this period,
    // the last and this week; each child's this period and this week; the standing figures; the ancestors' week
    const statIds = [
      ...[cur, prev, week].flatMap((p) => statIdsOf(unit._id, p)),
      ...page.rows.flatMap((c) => [cur, week].flatMap((p) => statIdsOf(c._id, p))),
      ...shown.map((id) => unitStatsId(id, OPEN_PERIOD)),
      ...ancestorIds.map((id) => unitStatsId(id, week)),
    ]
    const [stats, counters, requests] = await Promise.all([
      data.unitStats.byIds([...new Set(statIds)]),
      data.unitCounters.byIds(shown),
      data.requestCounters.byIds(
        shown.flatMap((id) => [
          requestCounterId(id, month),
          ...(id === unit._id ? [requestCounterId(id, lastMonth)] : []),
        ]),
      ),
    ])
    const sums = new Map<string, StatFigures>()
    for (const d of stats) {
      const key = unitStatsId(d.unitId, d.period)
      sums.set(key, addStats(sums.get(key) ?? noStats(), statsOf(d)))
    }
    const countersById = byId<UnitCounterDoc>(counters)
    const requestsById = byId<RequestCounterDoc>(requests)
    const standing = byId(stats.filter((d) => d.period === OPEN_PERIOD))
    const stat = (id: string, p: string): StatFigures | undefined => sums.get(unitStatsId(id, p))
    const urgentAbove = ancestorIds.reduce((n, id) => n + statsOf(stat(id, week)).urgentHere, 0)

    const figuresOfUnit = (id: string, p: string, m: string, urgentOver: number): DashboardFigures => {
      const c = figuresOf(countersById.get(id))
      const r = requestsById.get(requestCounterId(id, m))
      return figuresFrom({
        stats: stat(id, p),
        week: stat(id, week),
        urgentOver,
        households: c.households,
        reachable: c.reachable,
        month: m,
        requests: r ?? noFigures(),
        decisionsOpen: standing.get(unitStatsId(id, OPEN_PERIOD))?.decisionsOpen ?? 0,
      })
    }
    const unitUrgent = urgentAbove + statsOf(stat(unit._id, week)).urgentHere
    const ancestorsById = byId(ancestors)
    const previous = figuresOfUnit(unit._id, prev, period === 'month' ? lastMonth : month, unitUrgent)
    return {
      unit: {
        ...unitRef(unit),
        path: ancestorIds.flatMap((id) => {
          const a = ancestorsById.get(id)
          return a ? [unitRef(a)] : []
        }),
      },
      period,
      label: periodLabel(period, now),
      previousLabel: periodLabel(period, before),
      figures: figuresOfUnit(unit._id, cur, month, unitUrgent),
      previous: { ...previous, unreachedUrgent: 0 },
      children: page.rows.map((c) => ({
        ...unitRef(c),
        figures: figuresOfUnit(c._id, cur, month, unitUrgent + statsOf(stat(c._id, week)).urgentHere),
      })),
      ...(page.more && page.rows.length ? { nextCursor: page.rows[page.rows.length - 1].siblingKey } : {}),
    }
  },
}
