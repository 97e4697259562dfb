/** The `privacy` cloud function: a person's own data (export, deletion) and the audit log of unmasked reads
 * (core/contract/privacy.ts). */
import { createMain } from '../../server/router'
import { auditLog } from './handlers/audit-log'
import { exportMyData, requestDeletion } from './handlers/my-data'

export const main = createMain('privacy', { exportMyData, requestDeletion, auditLog })
