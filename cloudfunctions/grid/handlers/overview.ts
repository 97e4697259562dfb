/**
 * grid.overview: households and residents under a unit and under each of its child units, with their heads. The
 * figures come from the units' counters (core/grid/counters.ts): as many documents as there are children, whatever
 * lies below them.
 */
import type { UnitCounts } from '../../../core/contract'
import { figuresOf } from '../../../core/grid/counters'
import { headsByUnit } from '../../../core/grid/heads'
import { byName } from '../../../core/grid/order'
import { pathIds } from '../../../core/units'
import { viewerOf } from '../../../server/caller'
import { AppError } from '../../../server/errors'
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
  async handle({ caller, data, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const ancestorIds = pathIds(unit.path).slice(0, -1)
    const [ancestors, children] = await Promise.all([data.units.byIds(ancestorIds), data.units.childrenOf(unit._id)])
    children.sort(byName)
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
    }
  },
}
