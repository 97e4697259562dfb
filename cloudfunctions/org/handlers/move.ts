/**
 * org.moveUnit: a grid to another community, or a micro-grid (building) to another grid, of the same street.
 * Ids stay; the paths of the unit and of everything under it are rewritten, and so is the homePath of every
 * person living there (and of their notice subscriptions), and the unitPaths of notices published to units under
 * it, so households, residents, their messages and their history follow the building (server/tree-store.ts).
 */
import type { Payload, Result } from '../../../core/contract'
import { allows, PERMISSIONS } from '../../../core/permissions'
import { ancestorAt, childPath, isWithin, LEVEL_LABELS } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { ActionDef } from '../../../server/router'
import { createTreeStore, type StoredUnit, type TreeStore } from '../../../server/tree-store'
import { PARENT_LEVEL, nameTaken } from './names'

/** Finishes moves a crash interrupted at or under `unit` (deepest first), and returns the unit as it now is. */
async function finishPendingMoves(store: TreeStore, unit: StoredUnit): Promise<StoredUnit> {
  const pending = (await store.unitsUnder(unit.path, false)).filter((u) => u.moving)
  pending.sort((a, b) => b.path.length - a.path.length)
  for (const u of pending) {
    const fresh = await store.unit(u._id)
    if (fresh?.moving) await store.moveSubtree(fresh, fresh.moving)
  }
  return pending.length ? ((await store.unit(unit._id)) as StoredUnit) : unit
}

export const moveUnit: ActionDef<Payload<'org', 'moveUnit'>, Result<'org', 'moveUnit'>> = {
  target: (payload) => payload.unitId,
  async handle({ payload, caller, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const store = createTreeStore()
    const unit = await finishPendingMoves(store, target)
    if (unit.level !== 'grid' && unit.level !== 'microgrid') {
      throw new AppError('INVALID_MOVE', '只能移动网格或楼栋')
    }
    const parent = await store.unit(payload.newParentId)
    // the new place must be inside the caller's scope too
    if (parent && !allows(PERMISSIONS['org.moveUnit'], caller.grants, parent.path)) throw new AppError('FORBIDDEN')
    if (!parent) throw new AppError('NOT_FOUND', '目标位置不存在')
    if (parent.level !== PARENT_LEVEL[unit.level]) {
      throw new AppError(
        'INVALID_MOVE',
        `${LEVEL_LABELS[unit.level]}只能移到${LEVEL_LABELS[PARENT_LEVEL[unit.level] ?? 'street']}下`,
      )
    }
    if (isWithin(parent.path, unit.path)) throw new AppError('INVALID_MOVE', '不能移到自己下面')
    if (ancestorAt(parent.path, 'street') !== ancestorAt(unit.path, 'street')) {
      throw new AppError('INVALID_MOVE', '只能在同一街道内移动')
    }
    if (parent.retired) throw new AppError('INVALID_MOVE', `“${parent.name}”已撤销`)
    if (unit.retired) throw new AppError('INVALID_MOVE', `“${unit.name}”已撤销`)
    if (unit.parentId === parent._id) return { moved: 0, people: 0 }
    if (await nameTaken(store, unit.level, unit.name, parent, unit._id)) {
      throw new AppError('INVALID_MOVE', `那里已有名为“${unit.name}”的${LEVEL_LABELS[unit.level]}，请先改名`)
    }
    return store.moveSubtree(unit, {
      fromPath: unit.path,
      toPath: childPath(parent.path, unit._id),
      parentId: parent._id,
    })
  },
}
