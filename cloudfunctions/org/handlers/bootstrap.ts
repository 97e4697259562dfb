/**
 * org.bootstrap (首次开通): a fresh environment has no staff, and every way of adding people needs staff, so the
 * first street or community staff member is made here, once. Written for a hostile caller: the secret lives only
 * in the function's environment (BOOTSTRAP_SECRET, docs/deploy.md) and is compared in constant time; without one
 * configured, or once anyone holds a staff role, or once it ran, it is refused; a refusal writes nothing (it goes
 * to the function's log) and the one success is an audit entry. The staff member is the caller, by their openid.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ParsedPayload, Result } from '../../../core/contract'
import type { PersonDoc } from '../../../core/model'
import { childPath, rootPath, type Unit } from '../../../core/units'
import { createBootstrapStore } from '../../../server/bootstrap-store'
import { AppError } from '../../../server/errors'
import type { ActionDef } from '../../../server/router'
import { newUnitId } from './units'

/** A secret shorter than this is treated as none: it could be guessed. */
export const MIN_SECRET_LENGTH = 16

/** Equal in time independent of where they differ (and of their lengths: both are hashed first). */
const sameSecret = (given: string, configured: string): boolean =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(configured).digest())

const refuse = (openid: string | null, code: 'BOOTSTRAP_CLOSED' | 'BOOTSTRAP_SECRET_WRONG' | 'BOOTSTRAP_USED') => {
  console.warn(`[org.bootstrap] refused ${code} for openid ${openid ?? '(none)'}`)
  return new AppError(code)
}

export const bootstrap: ActionDef<ParsedPayload<'org', 'bootstrap'>, Result<'org', 'bootstrap'>> = {
  async handle({ payload, caller }) {
    const configured = process.env.BOOTSTRAP_SECRET ?? ''
    if (configured.length < MIN_SECRET_LENGTH) throw refuse(caller.openid, 'BOOTSTRAP_CLOSED')
    if (!sameSecret(payload.secret, configured)) throw refuse(caller.openid, 'BOOTSTRAP_SECRET_WRONG')
    const openid = caller.openid
    if (!openid) throw refuse(caller.openid, 'BOOTSTRAP_CLOSED')
    const store = createBootstrapStore()
    if (await store.anyStaff()) throw refuse(openid, 'BOOTSTRAP_USED')

    const streetId = newUnitId()
    const street: Unit = {
      _id: streetId,
      level: 'street',
      name: payload.streetName,
      parentId: null,
      path: rootPath(streetId),
    }
    const communityId = newUnitId()
    const community: Unit = {
      _id: communityId,
      level: 'community',
      name: payload.communityName,
      parentId: streetId,
      path: childPath(street.path, communityId),
    }
    const grant = { role: payload.role, unitId: payload.role === 'streetStaff' ? streetId : communityId }
    // someone who already has a person record (they joined as a resident) keeps it and gains the role
    const person: PersonDoc = caller.person
      ? { ...caller.person, roles: [...caller.person.roles, grant] }
      : {
          _id: `p${randomBytes(8).toString('hex')}`,
          openid,
          name: payload.name,
          phone: payload.phone,
          roles: [grant],
          createdAt: new Date(),
        }
    const done = await store.bootstrap({ street, community, person })
    if (!done) throw refuse(openid, 'BOOTSTRAP_USED')
    console.info(`[org.bootstrap] ${payload.role} ${person._id} over ${grant.unitId} for openid ${openid}`)
    const ref = (u: Unit) => ({ id: u._id, name: u.name, level: u.level })
    return { street: ref(street), community: ref(community), role: payload.role }
  },
}
