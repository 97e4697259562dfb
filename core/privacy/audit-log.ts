/**
 * privacy.auditLog (审计日志) as community staff read it: every actor and subject by their name as stored now, so
 * someone deleted since shows as 已注销居民, however they were called at the time.
 */
import type { AuditEntry } from '../contract'
import { DELETED_NAME } from '../grid/phone-visibility'
import type { AuditDoc, ClaimDoc, PersonDoc } from '../model'
import { json } from './export'

/** Whose names the entries need: people (actors and subjects) and the claims of visitors. */
export const namesNeeded = (entries: readonly AuditDoc[]): { personIds: string[]; claimIds: string[] } => ({
  personIds: entries.flatMap((e) => [e.actorId, ...e.subjectIds]),
  claimIds: entries.flatMap((e) => e.claimIds ?? []),
})

/** The entries with names: `people` and `claims` as loaded for namesNeeded(entries). */
export function auditEntries(
  entries: readonly AuditDoc[],
  people: readonly Pick<PersonDoc, '_id' | 'name'>[],
  claims: readonly Pick<ClaimDoc, '_id' | 'name'>[],
): AuditEntry[] {
  const names = new Map(people.map((p) => [p._id, p.name]))
  // a deleted claimant's claim keeps no name
  const claimants = new Map(claims.map((c) => [c._id, c.name || DELETED_NAME]))
  return entries.map(
    (e): AuditEntry => ({
      ...json({
        _id: e._id,
        actorId: e.actorId,
        actorName: names.get(e.actorId) ?? e.actorName,
        action: e.action,
        unitId: e.unitId,
        unitPath: e.unitPath,
        at: e.at,
      }),
      subjects: [
        ...e.subjectIds.map((id) => ({ id, name: names.get(id) ?? DELETED_NAME })),
        ...(e.claimIds ?? []).map((id) => ({ id, name: claimants.get(id) ?? DELETED_NAME })),
      ],
    }),
  )
}
