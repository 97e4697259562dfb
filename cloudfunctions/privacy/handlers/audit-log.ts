/** privacy.auditLog: the unmasked reads under a community (or a grid in it), newest first, for community staff. */
import { auditEntries, namesNeeded } from '../../../core/privacy/audit-log'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'

export const auditLog: Action<'privacy', 'auditLog'> = {
  target: (payload) => payload.unitId,
  async handle({ payload, data, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const { page, pageSize } = payload
    const { total, rows } = await data.audit.under(unit.path, page * pageSize, pageSize)
    // names as stored now (core/privacy/audit-log.ts)
    const { personIds, claimIds } = namesNeeded(rows)
    const [people, claims] = await Promise.all([data.people.byIds(personIds), data.claims.byIds(claimIds)])
    return { total, page, pageSize, rows: auditEntries(rows, people, claims) }
  },
}
