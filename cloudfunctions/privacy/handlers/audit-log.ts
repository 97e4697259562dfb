/** privacy.auditLog: the unmasked reads under a community (or a grid in it), newest first, for community staff. */
import type { AuditEntry, ParsedPayload, PrivacyApi } from '../../../core/contract'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { AppError } from '../../../server/errors'
import { privacyStore } from '../../../server/privacy-store'
import type { ActionDef } from '../../../server/router'
import { iso } from '../json'

export const auditLog: ActionDef<ParsedPayload<'privacy', 'auditLog'>, PrivacyApi['auditLog']['result']> = {
  target: (payload) => payload.unitId,
  async handle({ payload, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const { page, pageSize } = payload
    const store = privacyStore()
    const { total, rows } = await store.auditUnder(unit.path, page * pageSize, pageSize)
    // names as stored now: someone deleted since shows as 已注销居民, however they were called at the time
    const ids = rows.flatMap((e) => [e.actorId, ...e.subjectIds])
    const claimIds = rows.flatMap((e) => e.claimIds ?? [])
    const [people, claims] = await Promise.all([store.people(ids), claimIds.length ? store.claims(claimIds) : []])
    const names = new Map(people.map((p) => [p._id, p.name]))
    // a deleted claimant's claim keeps no name
    const claimants = new Map(claims.map((c) => [c._id, c.name || DELETED_NAME]))
    return {
      total,
      page,
      pageSize,
      rows: rows.map(
        (e): AuditEntry => ({
          _id: e._id,
          actorId: e.actorId,
          actorName: names.get(e.actorId) ?? e.actorName,
          action: e.action,
          unitId: e.unitId,
          unitPath: e.unitPath,
          at: iso(e.at),
          subjects: [
            ...e.subjectIds.map((id) => ({ id, name: names.get(id) ?? DELETED_NAME })),
            ...(e.claimIds ?? []).map((id) => ({ id, name: claimants.get(id) ?? DELETED_NAME })),
          ],
        }),
      ),
    }
  },
}
