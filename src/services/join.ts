/** Joining a grid as a resident: what an invite (or the group chat the app was opened from) leads to, claiming a
 * room, my claims, leaving my household, and binding a group chat from its binding card. */
import type { ClaimView, GroupView, InviteTarget, Payload, PosterView, UnitRef } from '../../core/contract'
import { sessionChanged } from './session'
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

/** Leaving makes the person someone else to every screen: the session changes (services/session). */
export const leaveHousehold = (): Promise<{ left: UnitRef }> =>
  call('join', 'leaveHousehold', {}).then((r) => (sessionChanged(), r))

export const bindGroup = (token: string): Promise<GroupView> => call('join', 'bindGroup', { token })

export type { PosterView } from '../../core/contract'

/** 入格海报 of a grid or building: the live one (a printed poster keeps working), made on the first ask. */
export const getJoinPoster = (unitId: string): Promise<PosterView> => call('join', 'poster', { unitId })

/** A new poster in place of the live one, which stops working at once (a poster torn down or misused). */
export const renewJoinPoster = (unitId: string): Promise<PosterView> => call('join', 'poster', { unitId, renew: true })
