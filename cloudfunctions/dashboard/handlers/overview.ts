/**
 * dashboard.overview (数据看板): a street's, community's or grid's figures for this week or month against the last,
 * and those of one page of its child units (DASHBOARD_PAGE, sibling order after `cursor`). Every figure is a counter
 * read by id (server/dashboard-figures.ts readFigures, the reading the reports function shares) — the unit's and
 * each child's unitStats (this period, the last, this week, the standing `open`), unitCounters and requestCounters
 * (this month and the last), and the ancestors' week stats (whether an urgent notice was over them) — in one query
 * per collection: the documents read are those of the page, never of the subtree, so a street's dashboard costs
 * what a grid's does (test/functions/dashboard/overview.test.ts counts them).
 */
import { DASHBOARD_PAGE, type DashboardFigures } from '../../../core/contract'
import { momentBefore, periodLabel } from '../../../core/dashboard/stats'
import type { Unit } from '../../../core/units'
import { readFigures } from '../../../server/dashboard-figures'
import { AppError } from '../../../server/errors'
import { childCursor } from '../../../server/paging'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'

const DASHBOARD_LEVELS = new Set(['street', 'community', 'grid'])

export const overview: Action<'dashboard', 'overview'> = {
  target: (payload) => payload.unitId,
  async handle({ data, payload, target: unit }) {
    if (!unit || unit.retired) throw new AppError('NOT_FOUND')
    if (!DASHBOARD_LEVELS.has(unit.level)) throw new AppError('DASHBOARD_LEVEL')
    const { period } = payload
    const cursor = childCursor(unit._id, payload.cursor)
    const now = new Date()
    const page =
      unit.level === 'grid'
        ? { rows: [] as Unit[], more: false }
        : await data.units.childrenPage(unit._id, cursor, DASHBOARD_PAGE)
    const read = await readFigures(data, { unit, kind: period, at: now, others: page.rows })
    return {
      unit: { ...unitRef(unit), path: read.ancestors.map(unitRef) },
      period,
      label: periodLabel(period, now),
      previousLabel: periodLabel(period, momentBefore(period, now)),
      figures: read.figures,
      previous: read.previous,
      children: page.rows.map((c) => ({ ...unitRef(c), figures: read.others.get(c._id) as DashboardFigures })),
      ...(page.more && page.rows.length ? { nextCursor: page.rows[page.rows.length - 1].siblingKey } : {}),
    }
  },
}
