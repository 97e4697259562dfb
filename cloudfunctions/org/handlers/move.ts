/**
 * org.moveUnit: a grid to another community, or a micro-grid (building) to another grid, of the same street.
 * Ids stay; the paths of the unit and of everything under it are rewritten, and so is the homePath of every
 * person living there (and of their notice subscriptions), and the unitPaths of notices published to units under
 * it, so households, residents, their messages and their history follow the building (../move-subtree.ts).
 */
import { moveRefusal, pendingMove, unmovable } from '../../../core/org/move'
import { allows, PERMISSIONS } from '../../../core/permissions'
import { LEVEL_LABELS } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { finishUnfinishedMoves, moveSubtree } from '../move-subtree'
import { nameTaken } from '../names'

export const moveUnit: Action<'org', 'moveUnit'> = {
  target: (payload) => payload.unitId,
  async handle({ payload, caller, target, data }) {
    if (!target) throw new AppError('NOT_FOUND')
    const unit = await finishUnfinishedMoves(data, target)
    const cannot = unmovable(unit)
    if (cannot) throw new AppError('INVALID_MOVE', cannot)
    const parent = await data.units.get(payload.newParentId)
    // the new place must be inside the caller's scope too
    if (parent && !allows(PERMISSIONS['org.moveUnit'], caller.grants, parent.path)) throw new AppError('FORBIDDEN')
    if (!parent) throw new AppError('NOT_FOUND', '目标位置不存在')
    const refusal = moveRefusal(unit, parent)
    if (refusal) throw new AppError('INVALID_MOVE', refusal)
    if (unit.parentId === parent._id) return { moved: 0, people: 0 }
    if (await nameTaken(data, unit.level, unit.name, parent, unit._id)) {
      throw new AppError('INVALID_MOVE', `那里已有名为“${unit.name}”的${LEVEL_LABELS[unit.level]}，请先改名`)
    }
    return moveSubtree(data, unit, pendingMove(unit, parent))
  },
}
