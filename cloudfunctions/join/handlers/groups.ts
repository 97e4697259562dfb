/** join.bindGroup, unbindGroup, gridGroups: a grid's WeChat group chats, keyed by the platform's openGId. */
import { groupId } from '../../../core/ids'
import { byBoundAt, isBindableGrid } from '../../../core/join/group'
import type { Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { iso, unitRef } from '../../../server/views'
import { validInvite } from '../entry'
import { groupViews } from '../views'

export const bindGroup: Action<'join', 'bindGroup'> = {
  async handle({ payload, caller, data, group }) {
    const card = await validInvite(data, payload.token, 'bindGroup')
    // the group comes only from the platform's decryption of getGroupEnterInfo, never from the payload
    if (!group) throw new AppError('GROUP_UNKNOWN')
    const grid = await data.units.get(card.unitId)
    if (!isBindableGrid(grid)) throw new AppError('INVITE_INVALID')

    const { bound } = await data.groups.bind({
      _id: groupId(group.openGId),
      gridId: grid._id,
      gridPath: grid.path,
      boundBy: caller.person?._id ?? caller.openid ?? '',
      boundAt: new Date(),
    })
    // opened again, or a second member opening the same card: the binding stands, nothing changes
    if (bound.gridId !== grid._id) throw new AppError('GROUP_BOUND_ELSEWHERE')
    return { groupId: bound._id, grid: unitRef(grid), boundAt: iso(bound.boundAt) }
  },
}

export const unbindGroup: Action<'join', 'unbindGroup'> = {
  // that grid's chief or community staff: the permission is checked over the grid the group is bound to
  target: async (p, data) => (await data.groups.get(p.groupId))?.gridId ?? null,
  async handle({ payload, data }) {
    await data.groups.unbind(payload.groupId)
    return { groupId: payload.groupId }
  },
}

export const gridGroups: Action<'join', 'gridGroups'> = {
  target: (p) => p.gridId,
  async handle({ target, data }) {
    const groups = await data.groups.ofGrid((target as Unit)._id)
    return groupViews(data, groups.sort(byBoundAt))
  },
}
