/** org.tree: the units under a unit down to micro-grids, each with its households and residents counted. */
import type { TreeNode } from '../../../core/contract'
import { tallyTree } from '../../../core/org/tree'
import type { StoredUnit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'

export const tree: Action<'org', 'tree'> = {
  target: (payload) => payload.unitId,
  async handle({ target, data }) {
    if (!target) throw new AppError('NOT_FOUND')
    // three reads whatever the size: counting per node would be two queries for each of dozens of nodes
    const [units, homes] = await Promise.all([data.units.under(target.path, true), data.people.homesUnder(target.path)])
    const { households, residents, children } = tallyTree<StoredUnit>(target, units, homes)
    const node = (u: StoredUnit): TreeNode => ({
      ...unitRef(u),
      wartime: Boolean(u.wartime),
      retired: Boolean(u.retired),
      households: households.get(u._id) ?? 0,
      residents: residents.get(u._id) ?? 0,
      children: (children.get(u._id) ?? []).map(node),
    })
    return node(target)
  },
}
