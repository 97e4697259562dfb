/**
 * join.claimHousehold, myClaims, pendingClaims, decideClaim: a resident claims a room, a leader decides. The
 * leader sees each claimant's phone in full: pendingClaims and decideClaim write an audit entry naming the claims.
 */
import type { ClaimView, ParsedPayload } from '../../../core/contract'
import type { ClaimDoc } from '../../../core/model'
import { sameEntrance, sameRoom } from '../../../core/join/invite'
import { isWithin, type Unit } from '../../../core/units'
import { recordRead, type ReadRecord } from '../../../server/audit'
import type { Caller } from '../../../server/caller'
import { AppError } from '../../../server/errors'
import { joinStore } from '../../../server/join-store'
import { verifiedPhone } from '../../../server/phone-number'
import { privacyStore } from '../../../server/privacy-store'
import type { ActionDef } from '../../../server/router'
import { claimViews, entryOf } from '../views'

export const claimHousehold: ActionDef<ParsedPayload<'join', 'claimHousehold'>, ClaimView> = {
  async handle({ payload, caller, repo, group }) {
    const store = joinStore()
    const openid = caller.openid
    if (!openid) throw new AppError('NOT_REGISTERED')
    const entry = await entryOf(payload.token, group, repo)

    const micro = await repo.unit(payload.microgridId)
    if (!micro || micro.retired || micro.level !== 'microgrid') throw new AppError('ROOM_NOT_FOUND')
    // a grid's invite (or group) leads to its buildings; a building's invite to that building only
    if (!isWithin(micro.path, entry.unit.path)) throw new AppError('FORBIDDEN', '这个邀请不能加入该楼栋')
    const home = (await store.householdsOf(micro._id)).find(
      (h) => sameEntrance(h.entrance ?? '', payload.entrance) && sameRoom(h.room ?? '', payload.room),
    )
    if (!home) throw new AppError('ROOM_NOT_FOUND')

    if (caller.person?.householdId === home._id) throw new AppError('ALREADY_JOINED')

    // exchanged last: a code is single use, so a claim refused above leaves it for the next try
    const phone = payload.phoneCode ? await verifiedPhone(payload.phoneCode) : (payload.phone as string)
    const claim = await store.addClaim({
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
    return (await claimViews([claim], repo))[0]
  },
}

export const myClaims: ActionDef<ParsedPayload<'join', 'myClaims'>, ClaimView[]> = {
  async handle({ caller, repo }) {
    return caller.openid ? claimViews(await joinStore().claimsOf(caller.openid), repo) : []
  },
}

/** A leader saw these claims with the claimants' phones in full: the person where known, else the claim. */
const auditClaims = (caller: Caller, action: ReadRecord['action'], unit: Unit, claims: readonly ClaimDoc[]) =>
  recordRead(privacyStore(), caller, {
    action,
    unit,
    subjectIds: claims.flatMap((c) => (c.personId ? [c.personId] : [])),
    claimIds: claims.filter((c) => !c.personId).map((c) => c._id),
  })

export const pendingClaims: ActionDef<ParsedPayload<'join', 'pendingClaims'>, ClaimView[]> = {
  target: (p) => p.unitId,
  async handle({ target, repo, caller }) {
    const claims = await joinStore().pendingClaimsUnder((target as Unit).path)
    await auditClaims(caller, 'join.pendingClaims', target as Unit, claims)
    return claimViews(claims, repo)
  },
}

export const decideClaim: ActionDef<ParsedPayload<'join', 'decideClaim'>, ClaimView> = {
  // the permission is checked over the claimed household: its building head, grid chief or community
  target: async (p) => (await joinStore().claim(p.claimId))?.householdId ?? null,
  async handle({ payload, caller, repo, target }) {
    const store = joinStore()
    const household = target as Unit
    const claim = await store.claim(payload.claimId)
    if (!claim) throw new AppError('NOT_FOUND')
    if (claim.status !== 'pending') throw new AppError('CLAIM_DECIDED')

    // queries cannot run inside the transaction: find who the claimant may already be first
    const [claimant, members] = payload.approve
      ? await Promise.all([store.personByOpenid(claim.openid), store.householdMembers(household._id)])
      : [null, []]
    const twin = members.find((m) => !m.openid && m.name === claim.name && m.phone === claim.phone) ?? null

    const outcome = await store.decide({
      claimId: claim._id,
      approve: payload.approve,
      reason: payload.reason,
      decidedBy: caller.person?._id ?? '',
      household,
      claimant,
      twin,
    })
    if (!outcome.ok) throw new AppError('CLAIM_DECIDED')
    // the answer shows the claimant's phone in full once more (their person id when approved)
    await auditClaims(caller, 'join.decideClaim', household, [outcome.claim])
    return (await claimViews([outcome.claim], repo))[0]
  },
}
