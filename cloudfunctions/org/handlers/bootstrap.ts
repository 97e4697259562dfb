/**
 * org.bootstrap (首次开通): a fresh environment has no staff, and every way of adding people needs staff, so the
 * first street or community staff member is made here, once. Written for a hostile caller: the secret lives only
 * in the function's environment (BOOTSTRAP_SECRET, docs/deploy.md) and is compared in constant time; without one
 * configured, or once anyone holds a staff role, or once it ran, it is refused; a refusal writes nothing (it goes
 * to the function's log) and the one success is an audit entry. The staff member is the caller, by their openid.
 *
 * The audit entry has a fixed _id and is written in the same transaction as the street, the community and the
 * staff member: two racing calls conflict on that one document, the loser retries, finds it and writes nothing,
 * so at most one bootstrap ever lands — and it stays on record for community staff to review.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { BOOTSTRAP_AUDIT_ID } from '../../../core/ids'
import { bootstrapAudit, MIN_SECRET_LENGTH, planBootstrap, type BootstrapPlan } from '../../../core/org/bootstrap'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'
import { newPersonId, newUnitId } from '../new-ids'

/** Equal in time independent of where they differ (and of their lengths: both are hashed first). */
const sameSecret = (given: string, configured: string): boolean =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(configured).digest())

const refuse = (openid: string | null, code: 'BOOTSTRAP_CLOSED' | 'BOOTSTRAP_SECRET_WRONG' | 'BOOTSTRAP_USED') => {
  console.warn(`[org.bootstrap] refused ${code} for openid ${openid ?? '(none)'}`)
  return new AppError(code)
}

/** Whether anyone holds a staff role, or the bootstrap ran already. */
const used = async (data: Data): Promise<boolean> => {
  const [staff, done] = await Promise.all([data.people.anyStaff(), data.audit.exists(BOOTSTRAP_AUDIT_ID)])
  return staff || done
}

/** Writes the plan unless the bootstrap ran already: false then, and nothing was written. */
const write = (data: Data, plan: BootstrapPlan): Promise<boolean> =>
  // a racing bootstrap conflicts on the marker at the write; the transaction retries, and the re-read stops it
  data.transaction(async (tx) => {
    if (await tx.audit.get(BOOTSTRAP_AUDIT_ID)) return false
    const { _id: streetId, ...street } = plan.street
    const { _id: communityId, ...community } = plan.community
    const { _id: personId, ...person } = plan.person
    await tx.units.set(streetId, street)
    await tx.units.set(communityId, community)
    await tx.people.set(personId, person)
    await tx.audit.set(BOOTSTRAP_AUDIT_ID, bootstrapAudit(plan, new Date()))
    return true
  })

export const bootstrap: Action<'org', 'bootstrap'> = {
  async handle({ payload, caller, data }) {
    const configured = process.env.BOOTSTRAP_SECRET ?? ''
    if (configured.length < MIN_SECRET_LENGTH) throw refuse(caller.openid, 'BOOTSTRAP_CLOSED')
    if (!sameSecret(payload.secret, configured)) throw refuse(caller.openid, 'BOOTSTRAP_SECRET_WRONG')
    const openid = caller.openid
    if (!openid) throw refuse(caller.openid, 'BOOTSTRAP_CLOSED')
    if (await used(data)) throw refuse(openid, 'BOOTSTRAP_USED')

    const ids = { street: newUnitId(), community: newUnitId(), person: newPersonId() }
    const plan = planBootstrap(payload, { openid, person: caller.person }, ids, new Date())
    if (!(await write(data, plan))) throw refuse(openid, 'BOOTSTRAP_USED')
    console.info(`[org.bootstrap] ${payload.role} ${plan.person._id} over ${plan.grant.unitId} for openid ${openid}`)
    return { street: unitRef(plan.street), community: unitRef(plan.community), role: payload.role }
  },
}
