/** privacy.auditLog: the unmasked reads under a community (or a grid in it), newest first, for community staff. */
import { auditEntries, namesNeeded } from '../../../core/privacy/audit-log'
import { AppError } from '../../../server/errors'
import { privacyStore } from '../../../server/privacy-store'
import type { Action } from '../../../server/router'

export const auditLog: Action<'privacy', 'auditLog'> = {
  target: (payload) => payload.unitId,
  async handle({ payload, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const { page, pageSize } = payload
    const store = privacyStore()
    const { total, rows } = await store.auditUnder(unit.path, page * pageSize, pageSize)
    // names as stored now (core/privacy/audit-log.ts)
    const { personIds, claimIds } = namesNeeded(rows)
    const [people, claims] = await Promise.all([store.people(personIds), claimIds.length ? store.claims(claimIds) : []])
    return { total, page, pageSize, rows: auditEntries(rows, people, claims) }
  },
}
