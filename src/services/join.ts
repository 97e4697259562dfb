/** Joining a grid as a resident: what an invite (or the group chat the app was opened from) leads to, claiming a
 * room, my claims, leaving my household, and binding a group chat from its binding card. */
import type { ClaimView, GroupView, InviteTarget, Payload, UnitRef } from '../../core/contract'
import { call } from './transport'

export type { ClaimView, GroupView, InviteTarget } from '../../core/contract'
export type ClaimInput = Payload<'join', 'claimHousehold'>

/** Sub-package pages (app.config.ts). An invite card opens JOIN_PAGE?token=…; a mini-program code passes scene=…. */
export const JOIN_PAGE = '/pages/join/index'
export const CLAIMS_PAGE = '/pages/join/claims/index'

/** Without a token the transport's group context (opened from a bound group chat) leads to the grid. */
export const openInvite = (token?: string): Promise<InviteTarget> => call('join', 'openInvite', token ? { token } : {})

export const claimHousehold = (input: ClaimInput): Promise<ClaimView> => call('join', 'claimHousehold', input)

export const myClaims = (): Promise<ClaimView[]> => call('join', 'myClaims', {})

export const leaveHousehold = (): Promise<{ left: UnitRef }> => call('join', 'leaveHousehold', {})

export const bindGroup = (token: string): Promise<GroupView> => call('join', 'bindGroup', { token })
