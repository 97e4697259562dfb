/**
 * grid.overview: households and residents under a unit and under each child unit of one page (OVERVIEW_PAGE, in
 * sibling order after `cursor`), with their heads. The figures come from the units' counters
 * (core/grid/counters.ts), the unit's own from its own counter: the cost is the page's (its children, their
 * counters and heads), whatever the number of children and whatever lies below them.
 */
import { OVERVIEW_PAGE, type UnitCounts } from '../../../core/contract'
import { figuresOf } from '../../../core/grid/counters'
import { headsByUnit } from '../../../core/grid/heads'
import { pathIds } from '../../../core/units'
import { viewerOf } from '../../../server/caller'
import { AppError } from '../../../server/errors'
import { childCursor } from '../../../server/paging'
import type { Data } from '../../../server/data'
import type { Action } from '../../../server/router'
import { byId, unitRef } from '../../../server/views'

/** The households and residents of each unit, from its counter (a missing counter reads as zeros). */
const countsOf = async (data: Data, ids: readonly string[]): Promise<UnitCounts[]> => {
  const counters = byId(await data.unitCounters.byIds(ids))
  return ids.map((id) => {
    const f = figuresOf(counters.get(id))
    return { households: f.households, residents: f.residents }
  })
}

export const overview: Action<'grid', 'overview'> = {
  target: (payload) => payload.unitId,
  async handle({ caller, data, payload, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const cursor = childCursor(unit._id, payload.cursor)
    const ancestorIds = pathIds(unit.path).slice(0, -1)
    const [ancestors, page] = await Promise.all([
      data.units.byIds(ancestorIds),
      data.units.childrenPage(unit._id, cursor, OVERVIEW_PAGE),
    ])
    const children = page.rows
    const shown = [unit, ...children]
    const [counts, holders] = await Promise.all([
      countsOf(
        data,
        shown.map((u) => u._id),
      ),
      data.people.holdingRolesOver(shown.map((u) => u._id)),
    ])
    const heads = headsByUnit(holders, byId(shown), viewerOf(caller))
    const ancestorsById = byId(ancestors)

    return {
      unit: {
        ...unitRef(unit),
        path: ancestorIds.flatMap((id) => {
          const a = ancestorsById.get(id)
          return a ? [unitRef(a)] : []
        }),
      },
      ...counts[0],
      heads: heads.get(unit._id) ?? [],
      children: children.map((c, i) => ({ ...unitRef(c), ...counts[i + 1], heads: heads.get(c._id) ?? [] })),
      ...(page.more && children.length ? { nextCursor: children[children.length - 1].siblingKey } : {}),
    }
  },
}
