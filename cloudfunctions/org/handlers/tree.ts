/**
 * org.tree: one level of the tree (组织架构 opens at the caller's unit and goes down a level at a time): the unit
 * with its counts and the units above it, and one page of its child units (ORG_PAGE, in sibling order after
 * `cursor`, retired ones included and marked), each with its counts and how many child units it has.
 *
 * Cost (reads): the units above it by id (at most 3) + one range of `siblingKey` (≤ ORG_PAGE + 1) + the unit's
 * and the page's counters by id + one aggregate over `parentId_1` counting the children of the page's rows (it
 * examines those, never what lies below them). The unit's own children are not counted (they are the pages):
 * a community of 80 grids, or a street of 2,000 buildings, costs what a community of 25 grids does.
 */
import { ORG_PAGE, type OrgUnit } from '../../../core/contract'
import { figuresOf } from '../../../core/grid/counters'
import { pathIds, type Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import { childCursor } from '../../../server/paging'
import type { Action } from '../../../server/router'
import { byId, unitRef } from '../../../server/views'

/** Levels whose children are listed: a micro-grid's are households (counted, never listed). */
const lists = (u: Unit): boolean => u.level !== 'microgrid' && u.level !== 'household'

export const tree: Action<'org', 'tree'> = {
  target: (payload) => payload.unitId,
  async handle({ payload, target: unit, data }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const cursor = childCursor(unit._id, payload.cursor)
    const ancestorIds = pathIds(unit.path).slice(0, -1)
    const [ancestors, page] = await Promise.all([
      data.units.byIds(ancestorIds),
      lists(unit) ? data.units.childrenPage(unit._id, cursor, ORG_PAGE, true) : { rows: [], more: false },
    ])
    const shown = [unit, ...page.rows]
    const [counters, childCounts] = await Promise.all([
      data.unitCounters.byIds(shown.map((u) => u._id)).then(byId),
      data.units.childCounts(page.rows.filter(lists).map((u) => u._id)),
    ])
    const row = (u: Unit): OrgUnit => {
      const f = figuresOf(counters.get(u._id))
      return {
        ...unitRef(u),
        wartime: Boolean(u.wartime),
        retired: Boolean(u.retired),
        households: f.households,
        residents: f.residents,
        children: childCounts.get(u._id) ?? 0,
      }
    }
    const above = byId(ancestors)
    const { children: _pages, ...own } = row(unit)
    return {
      unit: {
        ...own,
        path: ancestorIds.flatMap((id) => {
          const a = above.get(id)
          return a ? [unitRef(a)] : []
        }),
      },
      children: page.rows.map(row),
      ...(page.more && page.rows.length ? { nextCursor: page.rows[page.rows.length - 1].siblingKey } : {}),
    }
  },
}
