/**
 * The `join` function, for residents and leaders alike. Residents: what an invite (or the group chat the app was
 * opened from) leads to, claiming a room, my claims, leaving my household, binding a group chat from its binding
 * card. Leaders (网格管理): invite cards and join posters, deciding claims, the grid's bound group chats.
 */
import type { ClaimView, GroupView, InviteTarget, InviteView, Payload, PosterView, UnitRef } from '../../core/contract'
import { sessionChanged } from './session'
import { call } from './transport'

export type { ClaimView, GroupView, InviteTarget, InviteView, PosterView } from '../../core/contract'
export type ClaimInput = Payload<'join', 'claimHousehold'>

// ---- residents ----

/** Without a token the transport's group context (opened from a bound group chat) leads to the grid. */
export const openInvite = (token?: string): Promise<InviteTarget> => call('join', 'openInvite', token ? { token } : {})

export const claimHousehold = (input: ClaimInput): Promise<ClaimView> => call('join', 'claimHousehold', input)

export const getMyClaims = (): Promise<ClaimView[]> => call('join', 'myClaims', {})

/** Leaving makes the person someone else to every screen: the session changes (services/session). */
export const leaveHousehold = (): Promise<{ left: UnitRef }> =>
  call('join', 'leaveHousehold', {}).then((r) => (sessionChanged(), r))

export const bindGroup = (token: string): Promise<GroupView> => call('join', 'bindGroup', { token })

// ---- leaders ----

export const createInvite = (unitId: string): Promise<InviteView> => call('join', 'createInvite', { unitId })

export const createBindCard = (gridId: string): Promise<InviteView> => call('join', 'createBindCard', { gridId })

/** 入格海报 of a grid or building: the live one (a printed poster keeps working), made on the first ask. */
export const getJoinPoster = (unitId: string): Promise<PosterView> => call('join', 'poster', { unitId })

/** A new poster in place of the live one, which stops working at once (a poster torn down or misused). */
export const renewJoinPoster = (unitId: string): Promise<PosterView> => call('join', 'poster', { unitId, renew: true })

export const getPendingClaims = (unitId: string): Promise<ClaimView[]> => call('join', 'pendingClaims', { unitId })

/** Approves, or rejects with a reason the claimant will read. */
export const decideClaim = (claimId: string, approve: boolean, reason?: string): Promise<ClaimView> =>
  call('join', 'decideClaim', { claimId, approve, ...(reason ? { reason } : {}) })

export const getGridGroups = (gridId: string): Promise<GroupView[]> => call('join', 'gridGroups', { gridId })

export const unbindGroup = (groupId: string) => call('join', 'unbindGroup', { groupId })
