/** org.tree: the units under a unit down to micro-grids, each with its households and residents counted. */
import type { Payload, TreeNode } from '../../../core/contract'
import { pathIds } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { ActionDef } from '../../../server/router'
import { createTreeStore, type StoredUnit } from '../../../server/tree-store'
import { byName, ref } from '../../grid/unit-views'

export const tree: ActionDef<Payload<'org', 'tree'>, TreeNode> = {
  target: (payload) => payload.unitId,
  async handle({ target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const store = createTreeStore()
    // three reads whatever the size: counting per node would be two queries for each of dozens of nodes
    const [units, homes] = await Promise.all([store.unitsUnder(target.path, true), store.homesUnder(target.path)])
    const households = new Map<string, number>()
    const residents = new Map<string, number>()
    const countUp = (counts: Map<string, number>, path: string) => {
      for (const id of pathIds(path)) counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    const children = new Map<string, StoredUnit[]>()
    for (const u of units) {
      if (u.level === 'household') countUp(households, u.path)
      else if (u._id !== target._id && u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u])
    }
    for (const home of homes) countUp(residents, home)

    const node = (u: StoredUnit): TreeNode => ({
      ...ref(u),
      wartime: Boolean(u.wartime),
      retired: Boolean(u.retired),
      households: households.get(u._id) ?? 0,
      residents: residents.get(u._id) ?? 0,
      children: (children.get(u._id) ?? []).sort(byName).map(node),
    })
    return node(target)
  },
}
