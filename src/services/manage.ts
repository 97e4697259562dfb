/** What leaders do in 网格管理: invite residents, decide claims, bind the grid's group chats; and the audit log. */
import type { AuditEntry, ClaimView, GroupView, InviteView } from '../../core/contract'
import { call } from './transport'

export type { AuditEntry, ClaimView, GroupView, InviteView } from '../../core/contract'

export const createInvite = (unitId: string): Promise<InviteView> => call('join', 'createInvite', { unitId })

export const createBindCard = (gridId: string): Promise<InviteView> => call('join', 'createBindCard', { gridId })

export const getPendingClaims = (unitId: string): Promise<ClaimView[]> => call('join', 'pendingClaims', { unitId })

/** Approves, or rejects with a reason the claimant will read. */
export const decideClaim = (claimId: string, approve: boolean, reason?: string): Promise<ClaimView> =>
  call('join', 'decideClaim', { claimId, approve, ...(reason ? { reason } : {}) })

export const getGridGroups = (gridId: string): Promise<GroupView[]> => call('join', 'gridGroups', { gridId })

export const unbindGroup = (groupId: string) => call('join', 'unbindGroup', { groupId })

export interface AuditPage {
  total: number
  page: number
  pageSize: number
  rows: AuditEntry[]
}

/** The audit log of a community (or a grid in it), newest first. */
export const getAuditLog = (unitId: string, page: number, pageSize = 20): Promise<AuditPage> =>
  call('privacy', 'auditLog', { unitId, page, pageSize })
