/** Views the join handlers share: unit refs, claims as the client sees them, and where an invite or group leads. */
import type { ClaimView, InviteTarget, UnitRef } from '../../core/contract'
import type { ClaimDoc, InviteDoc } from '../../core/model'
import { ancestorAt, doorLabel, type Unit } from '../../core/units'
import { AppError } from '../../server/errors'
import { joinStore } from '../../server/join-store'
import type { Repository } from '../../server/repository'
import type { OpenedFromGroup } from '../../server/router'

export const ref = (u: Unit): UnitRef => ({ id: u._id, name: u.name, level: u.level })

export const iso = (d: Date | string): string => new Date(d).toISOString()

/** Buildings in the order people name them: 3栋 before 12栋. */
const byName = (a: Unit, b: Unit): number => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })

const usable = (u: Unit | null): u is Unit => u !== null && !u.retired

/** A join invite or binding card that is still good (exists, is of this kind, not revoked, has not expired). */
export async function validInvite(token: string, kind: InviteDoc['kind']): Promise<InviteDoc> {
  const invite = await joinStore().invite(token)
  if (!invite || invite.kind !== kind || invite.revokedAt || new Date(invite.expiresAt).getTime() <= Date.now()) {
    throw new AppError('INVITE_INVALID')
  }
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
export async function entryOf(token: string | undefined, group: OpenedFromGroup | null, repo: Repository) {
  if (token) {
    const invite = await validInvite(token, 'join')
    const unit = await repo.unit(invite.unitId)
    if (!usable(unit) || (unit.level !== 'grid' && unit.level !== 'microgrid')) throw new AppError('INVITE_INVALID')
    return { unit, via: 'invite' } satisfies Entry
  }
  const bound = group ? await joinStore().group(group.openGId) : null
  const grid = bound ? await repo.unit(bound.gridId) : null
  if (!usable(grid)) throw new AppError('GROUP_UNKNOWN')
  return { unit: grid, via: 'group' } satisfies Entry
}

export async function targetOf(entry: Entry, repo: Repository): Promise<InviteTarget> {
  const { unit } = entry
  const [streetId, communityId, gridId] = ['street', 'community', 'grid'].map((l) =>
    ancestorAt(unit.path, l as Unit['level']),
  )
  const ancestors = new Map((await repo.units([streetId, communityId, gridId] as string[])).map((u) => [u._id, u]))
  const [street, community, grid] = [streetId, communityId, gridId].map((id) => ancestors.get(id ?? ''))
  if (!street || !community || !usable(grid ?? null)) throw new AppError('INVITE_INVALID')
  const buildings =
    unit.level === 'microgrid'
      ? [unit]
      : (await repo.childUnits(unit._id)).filter((u) => u.level === 'microgrid' && !u.retired).sort(byName)
  return {
    grid: { ...ref(grid as Unit), community: ref(community), street: ref(street) },
    buildings: buildings.map(ref),
    via: entry.via,
  }
}

/** Claims as their claimant and their deciders see them (the phone is theirs to see in full). */
export async function claimViews(claims: readonly ClaimDoc[], repo: Repository): Promise<ClaimView[]> {
  const homes = new Map((await repo.units(claims.map((c) => c.householdId))).map((u) => [u._id, u]))
  return claims.map((c) => {
    const home = homes.get(c.householdId)
    const view: ClaimView = {
      id: c._id,
      status: c.status,
      door: home ? doorLabel(home) : '',
      household: home ? ref(home) : { id: c.householdId, name: '', level: 'household' },
      name: c.name,
      phone: c.phone,
      createdAt: iso(c.createdAt),
    }
    if (c.reason) view.reason = c.reason
    if (c.decidedAt) view.decidedAt = iso(c.decidedAt)
    return view
  })
}
