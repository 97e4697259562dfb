/**
 * A leader's decision on a claim, as the writes it makes. The function reads the claim and the people inside its
 * transaction and hands them here: the compare of compare-and-set (only a pending claim is decided), then who the
 * approved claimant becomes.
 */
import type { ClaimDoc, PersonDoc } from '../model'
import type { Unit } from '../units'
import { movingInto } from './household'

export interface Verdict {
  approve: boolean
  /** Why a rejection: shown to the claimant. */
  reason?: string
  /** The deciding leader's person id. */
  decidedBy: string
  household: Pick<Unit, '_id' | 'path'>
  at: Date
}

/** Only a pending claim is decided: a second decider finds it decided and is refused. */
export const isPending = (claim: ClaimDoc | null): claim is ClaimDoc => claim !== null && claim.status === 'pending'

export type Rejection = Required<Pick<ClaimDoc, 'status' | 'reason' | 'decidedBy' | 'decidedAt'>>
export type Approval = Required<Pick<ClaimDoc, 'status' | 'personId' | 'decidedBy' | 'decidedAt'>>

export const rejection = (v: Verdict): Rejection => ({
  status: 'rejected',
  reason: v.reason ?? '',
  decidedBy: v.decidedBy,
  decidedAt: v.at,
})

export const approval = (v: Verdict, personId: string): Approval => ({
  status: 'approved',
  personId,
  decidedBy: v.decidedBy,
  decidedAt: v.at,
})

/** Who an approved claimant becomes in the household. */
export type Arrival =
  /** Already known by their openid (a leader living elsewhere, a resident moving house): they move in. */
  | { kind: 'move'; personId: string; patch: ReturnType<typeof movingInto> }
  /** The imported member with their name and phone: the openid attaches to that record. */
  | { kind: 'attach'; personId: string; patch: ReturnType<typeof movingInto> & { openid: string } }
  /** Nobody yet: a new person. */
  | { kind: 'add'; doc: Omit<PersonDoc, '_id'> }

/**
 * `claimant`: the person carrying the claim's openid, as read now; `twin`: the imported member found before the
 * transaction, as read now (null when gone). A twin that meanwhile got an openid or left the household is not
 * taken: a new person is added instead.
 */
export function arrivalOf(claim: ClaimDoc, v: Verdict, claimant: PersonDoc | null, twin: PersonDoc | null): Arrival {
  if (claimant) return { kind: 'move', personId: claimant._id, patch: movingInto(claimant.roles, v.household) }
  if (twin && !twin.openid && twin.householdId === v.household._id) {
    return {
      kind: 'attach',
      personId: twin._id,
      patch: { ...movingInto(twin.roles, v.household), openid: claim.openid },
    }
  }
  const home = movingInto([], v.household)
  return {
    kind: 'add',
    doc: {
      openid: claim.openid,
      name: claim.name,
      phone: claim.phone,
      householdId: home.householdId,
      homePath: home.homePath,
      roles: home.roles,
      createdAt: v.at,
    },
  }
}
