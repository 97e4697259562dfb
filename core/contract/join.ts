/**
 * The `join` function: invite cards and QR codes, claiming a household, leaders' decisions, leaving, and
 * binding a grid's WeChat group chat. A call made from a group chat carries, as a TOP-LEVEL field `group` of
 * callFunction's data, the CloudID of wx.getGroupEnterInfo; the platform replaces it with the decrypted
 * `{ cloudID, data: { openGId } }` before the function runs, so the group is never taken from the client.
 */
import { z } from 'zod'
import type { ClaimStatus } from '../model'
import { displayName, mobile, recordId, unitId } from './fields'
import type { UnitRef } from './grid'

const token = z.string().min(8).max(64)

/** What a claim's door and a rejection's reason may hold (the join page and 网格管理 cap their inputs with these). */
export const CLAIM_LIMITS = { entrance: 10, room: 10, reason: 100 } as const

export const joinPayloads = {
  /** A join invite (card / QR) to a grid or one building. */
  createInvite: z.object({ unitId }).strict(),
  /**
   * The live join poster (扫码入格) of a grid or one building: a mini-program code whose `scene` is a join token.
   * Made on the first ask and handed back after; `renew: true` replaces it (the old code stops working).
   */
  poster: z.object({ unitId, renew: z.boolean().optional() }).strict(),
  /** A binding card for a grid's group chat: shared into the group, its first open from there binds the group. */
  createBindCard: z.object({ gridId: unitId }).strict(),
  /** What an invite, or the group chat the app was opened from, leads to: the grid and its buildings. */
  openInvite: z.object({ token: token.optional() }).strict(),
  /**
   * Claims a room. The invite (or the bound group the app was opened from) must lead to its grid. The phone is
   * typed (`phone`), or is the one WeChat verified (`phoneCode` of a getPhoneNumber button, 手机号快速验证): the
   * function exchanges the code itself, so a verified number never comes from the client.
   */
  claimHousehold: z
    .object({
      token: token.optional(),
      microgridId: unitId,
      entrance: z.string().trim().min(1).max(CLAIM_LIMITS.entrance),
      room: z.string().trim().min(1).max(CLAIM_LIMITS.room),
      name: displayName,
      phone: mobile.optional(),
      phoneCode: z.string().min(1).max(128).optional(),
    })
    .strict()
    .refine((p) => (p.phone === undefined) !== (p.phoneCode === undefined), {
      message: '手机号应为 11 位数字',
      path: ['phone'],
    }),
  /** The caller's own claims, newest first (pending, and decided ones with the reason). */
  myClaims: z.object({}).strict(),
  /** Claims waiting under a grid or micro-grid. */
  pendingClaims: z.object({ unitId }).strict(),
  decideClaim: z
    .object({ claimId: recordId, approve: z.boolean(), reason: z.string().trim().max(CLAIM_LIMITS.reason).optional() })
    .strict()
    .refine((p) => p.approve || (p.reason ?? '').length > 0, { message: '拒绝时请填写原因', path: ['reason'] }),
  /** Leaves the caller's household; access through it ends at once. */
  leaveHousehold: z.object({}).strict(),
  /** Binds the group chat the binding card was opened from (top-level `group`) to the card's grid. */
  bindGroup: z.object({ token }).strict(),
  /** Unbinds a group from its grid (that grid's chief or community staff). */
  unbindGroup: z.object({ groupId: z.string().min(1).max(128) }).strict(),
  /** The groups bound to a grid. */
  gridGroups: z.object({ gridId: unitId }).strict(),
}

export interface InviteView {
  token: string
  kind: 'join' | 'bindGroup'
  unit: UnitRef
  expiresAt: string
}

export interface PosterView {
  /** The join token the code carries as its `scene` (at most 32 characters). */
  token: string
  unit: UnitRef
  /** Where the unit is, as the poster prints it: 和平里社区 · 第一网格 (for a building, its grid too). */
  place: string
  /** A temporary URL of the code's image (PNG or JPEG), to show, save and print. */
  imageUrl: string
  createdAt: string
  expiresAt: string
}

export interface InviteTarget {
  grid: UnitRef & { community: UnitRef; street: UnitRef }
  /** Buildings one may claim a room in (one, for a building's invite). */
  buildings: UnitRef[]
  /** How the target was found. */
  via: 'invite' | 'group'
}

export interface ClaimView {
  id: string
  status: ClaimStatus
  door: string
  household: UnitRef
  name: string
  /** In full for the claimant and for the leaders deciding. */
  phone: string
  reason?: string
  createdAt: string
  decidedAt?: string
}

export interface GroupView {
  groupId: string
  grid: UnitRef
  boundAt: string
}

export interface JoinApi {
  createInvite: { payload: z.input<typeof joinPayloads.createInvite>; result: InviteView }
  poster: { payload: z.input<typeof joinPayloads.poster>; result: PosterView }
  createBindCard: { payload: z.input<typeof joinPayloads.createBindCard>; result: InviteView }
  openInvite: { payload: z.input<typeof joinPayloads.openInvite>; result: InviteTarget }
  claimHousehold: { payload: z.input<typeof joinPayloads.claimHousehold>; result: ClaimView }
  myClaims: { payload: z.input<typeof joinPayloads.myClaims>; result: ClaimView[] }
  pendingClaims: { payload: z.input<typeof joinPayloads.pendingClaims>; result: ClaimView[] }
  decideClaim: { payload: z.input<typeof joinPayloads.decideClaim>; result: ClaimView }
  leaveHousehold: { payload: z.input<typeof joinPayloads.leaveHousehold>; result: { left: UnitRef } }
  bindGroup: { payload: z.input<typeof joinPayloads.bindGroup>; result: GroupView }
  unbindGroup: { payload: z.input<typeof joinPayloads.unbindGroup>; result: { groupId: string } }
  gridGroups: { payload: z.input<typeof joinPayloads.gridGroups>; result: GroupView[] }
}
