/**
 * The bootstrap plan (首次开通): a fresh environment's street, its community and the first staff member — the
 * caller, with a new person record or their own one gaining the role — and the one audit entry that records it.
 * The guard (the configured secret, no staff yet, once) and the writing are the org function's.
 */
import type { AuditDoc, PersonDoc } from '../model'
import type { RoleGrant } from '../roles'
import { childPath, rootPath, type Unit } from '../units'

/** A configured secret shorter than this counts as none: it could be guessed. */
export const MIN_SECRET_LENGTH = 16

export interface BootstrapRequest {
  streetName: string
  communityName: string
  /** The staff member's name and phone, for a new person record. */
  name: string
  phone: string
  role: 'communityStaff' | 'streetStaff'
}

export interface BootstrapPlan {
  street: Unit
  community: Unit
  /** The staff role: over the street for street staff, over the community for community staff. */
  grant: RoleGrant
  /** The caller as a person: a new record, or theirs with the staff role added. */
  person: PersonDoc
}

/** Ids chosen up front (a unit's path contains its id). */
export interface BootstrapIds {
  street: string
  community: string
  /** Used only when the caller has no person record yet. */
  person: string
}

export function planBootstrap(
  request: BootstrapRequest,
  caller: { openid: string; person: PersonDoc | null },
  ids: BootstrapIds,
  now: Date,
): BootstrapPlan {
  const street: Unit = {
    _id: ids.street,
    level: 'street',
    name: request.streetName,
    parentId: null,
    path: rootPath(ids.street),
  }
  const community: Unit = {
    _id: ids.community,
    level: 'community',
    name: request.communityName,
    parentId: street._id,
    path: childPath(street.path, ids.community),
  }
  const grant: RoleGrant = { role: request.role, unitId: request.role === 'streetStaff' ? street._id : community._id }
  // someone who already has a person record (they joined as a resident) keeps it and gains the role
  const person: PersonDoc = caller.person
    ? { ...caller.person, roles: [...caller.person.roles, grant] }
    : {
        _id: ids.person,
        openid: caller.openid,
        name: request.name,
        phone: request.phone,
        roles: [grant],
        createdAt: now,
      }
  return { street, community, grant, person }
}

/** The audit entry of the bootstrap (its _id is core/ids.ts BOOTSTRAP_AUDIT_ID): who became staff, where. */
export const bootstrapAudit = (plan: BootstrapPlan, at: Date): Omit<AuditDoc, '_id'> => ({
  actorId: plan.person._id,
  actorName: plan.person.name,
  action: 'org.bootstrap',
  subjectIds: [plan.person._id],
  unitId: plan.community._id,
  unitPath: plan.community.path,
  at,
})
