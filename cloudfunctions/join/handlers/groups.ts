/** join.bindGroup, unbindGroup, gridGroups: a grid's WeChat group chats, keyed by the platform's openGId. */
import type { GroupView, ParsedPayload } from '../../../core/contract'
import type { GroupDoc } from '../../../core/model'
import type { Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import { joinStore } from '../../../server/join-store'
import type { Repository } from '../../../server/repository'
import type { ActionDef } from '../../../server/router'
import { iso, ref, validInvite } from '../views'

async function groupViews(groups: readonly GroupDoc[], repo: Repository): Promise<GroupView[]> {
  const grids = new Map((await repo.units(groups.map((g) => g.gridId))).map((u) => [u._id, u]))
  return groups.flatMap((g) => {
    const grid = grids.get(g.gridId)
    return grid ? [{ groupId: g._id, grid: ref(grid), boundAt: iso(g.boundAt) }] : []
  })
}

export const bindGroup: ActionDef<ParsedPayload<'join', 'bindGroup'>, GroupView> = {
  async handle({ payload, caller, repo, group }) {
    const card = await validInvite(payload.token, 'bindGroup')
    // the group comes only from the platform's decryption of getGroupEnterInfo, never from the payload
    if (!group) throw new AppError('GROUP_UNKNOWN')
    const grid = await repo.unit(card.unitId)
    if (!grid || grid.retired || grid.level !== 'grid') throw new AppError('INVITE_INVALID')

    const { bound } = await joinStore().bind({
      _id: group.openGId,
      gridId: grid._id,
      gridPath: grid.path,
      boundBy: caller.person?._id ?? caller.openid ?? '',
      boundAt: new Date(),
    })
    // opened again, or a second member opening the same card: the binding stands, nothing changes
    if (bound.gridId !== grid._id) throw new AppError('GROUP_BOUND_ELSEWHERE')
    return { groupId: bound._id, grid: ref(grid), boundAt: iso(bound.boundAt) }
  },
}

export const unbindGroup: ActionDef<ParsedPayload<'join', 'unbindGroup'>, { groupId: string }> = {
  // that grid's chief or community staff: the permission is checked over the grid the group is bound to
  target: async (p) => (await joinStore().group(p.groupId))?.gridId ?? null,
  async handle({ payload }) {
    await joinStore().unbind(payload.groupId)
    return { groupId: payload.groupId }
  },
}

export const gridGroups: ActionDef<ParsedPayload<'join', 'gridGroups'>, GroupView[]> = {
  target: (p) => p.gridId,
  async handle({ target, repo }) {
    const groups = await joinStore().groupsOf((target as Unit)._id)
    return groupViews(
      groups.sort((a, b) => +new Date(a.boundAt) - +new Date(b.boundAt)),
      repo,
    )
  },
}
