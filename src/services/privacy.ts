/**
 * The `privacy` function. A person's own data: export it all (PIPL Art. 45) and ask to have it deleted (Art. 47);
 * and, for staff, the audit log of who read residents' data in full.
 */
import type { AuditEntry, MyData } from '../../core/contract'
import { sessionChanged } from './session'
import { call } from './transport'

export type { AuditEntry, MyData } from '../../core/contract'

export const exportMyData = (): Promise<MyData> => call('privacy', 'exportMyData', {})

/** Irreversible: the caller must have confirmed it in the UI first. The session changes (services/session). */
export const requestDeletion = (): Promise<{ deleted: true }> =>
  call('privacy', 'requestDeletion', { confirm: true }).then((r) => (sessionChanged(), r))

export interface AuditPage {
  total: number
  page: number
  pageSize: number
  rows: AuditEntry[]
}

/** The audit log of a community (or a grid in it), newest first. */
export const getAuditLog = (unitId: string, page: number, pageSize = 20): Promise<AuditPage> =>
  call('privacy', 'auditLog', { unitId, page, pageSize })
