/** Where a join call leads: a card that still opens, and the grid or building the caller may join through it. */
import type { InviteTarget } from '../../core/contract'
import { groupId } from '../../core/ids'
import { inUse, opensInto } from '../../core/join/entry'
import { opens } from '../../core/join/invite'
import type { InviteDoc } from '../../core/model'
import type { Unit } from '../../core/units'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import type { OpenedFromGroup } from '../../server/router'

/** A join invite or binding card that still opens (core/join/invite.ts `opens`), else INVITE_INVALID. */
export async function validInvite(data: Data, token: string, kind: InviteDoc['kind']): Promise<InviteDoc> {
  const invite = await data.invites.get(token)
  if (!opens(invite, kind, new Date())) throw new AppError('INVITE_INVALID')
  return invite
}

export interface Entry {
  /** The grid, or the one building, the caller may claim a room in. */
  unit: Unit
  via: InviteTarget['via']
}

/**
 * Where the caller may join: the invite's grid or building when a token is given, else the grid the group chat
 * the app was opened from is bound to (never a group the client names: only the platform's decrypted one).
 */
export async function entryOf(data: Data, token: string | undefined, group: OpenedFromGroup | null): Promise<Entry> {
  if (token) {
    const invite = await validInvite(data, token, 'join')
    const unit = await data.units.get(invite.unitId)
    if (!opensInto(unit)) throw new AppError('INVITE_INVALID')
    return { unit, via: 'invite' }
  }
  const bound = group ? await data.groups.get(groupId(group.openGId)) : null
  const grid = bound ? await data.units.get(bound.gridId) : null
  if (!inUse(grid)) throw new AppError('GROUP_UNKNOWN')
  return { unit: grid, via: 'group' }
}
