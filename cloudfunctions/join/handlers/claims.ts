/**
 * join.claimHousehold, myClaims, pendingClaims, decideClaim: a resident claims a room, a leader decides. The
 * leader sees each claimant's phone in full: pendingClaims and decideClaim write an audit entry naming the claims.
 */
import { roomIn, twinOf } from '../../../core/join/claim'
import { isPending } from '../../../core/join/decision'
import { isClaimableBuilding } from '../../../core/join/entry'
import type { ClaimDoc } from '../../../core/model'
import { isWithin, type Unit } from '../../../core/units'
import { recordRead, type ReadRecord } from '../../../server/audit'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { verifiedPhone } from '../../../server/phone-number'
import type { Action } from '../../../server/router'
import { decide } from '../decide'
import { entryOf } from '../entry'
import { fileClaim } from '../file-claim'
import { claimViews } from '../views'

export const claimHousehold: Action<'join', 'claimHousehold'> = {
  async handle({ payload, caller, data, group }) {
    const openid = caller.openid
    if (!openid) throw new AppError('NOT_REGISTERED')
    const entry = await entryOf(data, payload.token, group)

    const micro = await data.units.get(payload.microgridId)
    if (!isClaimableBuilding(micro)) throw new AppError('ROOM_NOT_FOUND')
    // a grid's invite (or group) leads to its buildings; a building's invite to that building only
    if (!isWithin(micro.path, entry.unit.path)) throw new AppError('FORBIDDEN', '这个邀请不能加入该楼栋')
    const home = roomIn(await data.units.householdsOf(micro._id), payload.entrance, payload.room)
    if (!home) throw new AppError('ROOM_NOT_FOUND')

    if (caller.person?.householdId === home._id) throw new AppError('ALREADY_JOINED')

    // exchanged last: a code is single use, so a claim refused above leaves it for the next try
    const phone = payload.phoneCode ? await verifiedPhone(payload.phoneCode) : (payload.phone as string)
    const claim = await fileClaim(data, {
      openid,
      householdId: home._id,
      householdPath: home.path,
      name: payload.name,
      phone,
      status: 'pending',
      createdAt: new Date(),
    })
    // one pending claim per visitor, also when they claim twice at the same moment
    if (!claim) throw new AppError('CLAIM_PENDING')
    return (await claimViews(data, [claim]))[0]
  },
}

export const myClaims: Action<'join', 'myClaims'> = {
  async handle({ caller, data }) {
    return caller.openid ? claimViews(data, await data.claims.of(caller.openid)) : []
  },
}

/** A leader saw these claims with the claimants' phones in full: the person where known, else the claim. */
const auditClaims = (
  data: Data,
  caller: Caller,
  action: ReadRecord['action'],
  unit: Unit,
  claims: readonly ClaimDoc[],
) =>
  recordRead(data, caller, {
    action,
    unit,
    subjectIds: claims.flatMap((c) => (c.personId ? [c.personId] : [])),
    claimIds: claims.filter((c) => !c.personId).map((c) => c._id),
  })

export const pendingClaims: Action<'join', 'pendingClaims'> = {
  target: (p) => p.unitId,
  async handle({ target, data, caller }) {
    const claims = await data.claims.pendingUnder((target as Unit).path)
    await auditClaims(data, caller, 'join.pendingClaims', target as Unit, claims)
    return claimViews(data, claims)
  },
}

export const decideClaim: Action<'join', 'decideClaim'> = {
  // the permission is checked over the claimed household: its building head, grid chief or community
  target: async (p, data) => (await data.claims.get(p.claimId))?.householdId ?? null,
  async handle({ payload, caller, data, target }) {
    const household = target as Unit
    const claim = await data.claims.get(payload.claimId)
    if (!claim) throw new AppError('NOT_FOUND')
    if (!isPending(claim)) throw new AppError('CLAIM_DECIDED')

    // queries cannot run inside the transaction: find who the claimant may already be first
    const [claimant, members] = payload.approve
      ? await Promise.all([data.people.byOpenid(claim.openid), data.people.inHousehold(household._id)])
      : [null, []]

    const decided = await decide(data, {
      claimId: claim._id,
      verdict: { approve: payload.approve, reason: payload.reason, decidedBy: caller.person?._id ?? '', household },
      claimant,
      twin: twinOf(members, claim),
    })
    if (!decided) throw new AppError('CLAIM_DECIDED')
    // the answer shows the claimant's phone in full once more (their person id when approved)
    await auditClaims(data, caller, 'join.decideClaim', household, [decided])
    return (await claimViews(data, [decided]))[0]
  },
}
