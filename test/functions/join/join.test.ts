/**
 * Joining a grid, through the real wx-server-sdk in the local cloud: an invite, a claimed room, the building
 * head's or grid chief's decision, and leaving. New visitors are fresh openids nobody in the demo carries.
 */
import type { ClaimView, InviteTarget, InviteView, MeResult } from '../../../core/contract'
import type { ErrorCode } from '../../../core/envelope'
import type { AuditDoc, ClaimDoc, InviteDoc, PersonDoc } from '../../../core/model'
import { ancestorAt, type Unit } from '../../../core/units'
import { localPhoneOf } from '../../../emulator/functions/openapi'
import { holderOf as holderIn, residentCast, unitOf } from '../../demo'
import { data, exactly, startJoinCloud, type JoinCloud } from '../harness/join-cloud'

jest.setTimeout(120_000)

let g: JoinCloud
beforeAll(async () => {
  g = await startJoinCloud()
})
afterAll(async () => {
  await g?.close()
})

const refused = (code: ErrorCode) => expect.objectContaining({ ok: false, code })

const unit = (id: string) => unitOf(g.demo, id)
const holderOf = (role: string, unitId: string) => holderIn(g.demo, role, unitId)
const openidOf = (p: PersonDoc) => p.openid as string
const householdsIn = (microId: string) => g.demo.units.filter((u) => u.level === 'household' && u.parentId === microId)

// the demo's resident persona lives in grid 1 with their own building head; the grid chief persona leads grid 2
let gridId: string
let microId: string
let otherMicroId: string
let head: string
let otherHead: string
let chief: string
let partyLeader: string
let foreignChief: string
let staff: string
beforeAll(() => {
  ;({ gridId, microId, otherMicroId, head, otherHead, chief, partyLeader, foreignChief, staff } = residentCast(g.demo))
  expect(g.persona('buildingHead')._id).toBe(holderOf('buildingHead', microId)._id)
  expect(g.persona('gridChief').roles.find((r) => r.role === 'gridChief')?.unitId).not.toBe(gridId)
})

const join = <T>(openid: string, action: string, payload: unknown, fromGroup?: string) =>
  g.act<T>(openid, 'join', action, payload, fromGroup)
const me = async (openid: string) => data(await g.act<MeResult>(openid, 'grid', 'me', {}))

let visitors = 0
const visitor = () => `o_visitor_${++visitors}_${Date.now()}`
let phones = 0
const newPhone = () => `199${String(10_000_000 + ++phones).slice(-8)}`

const invite = async (openid: string, unitId: string) =>
  data(await join<InviteView>(openid, 'createInvite', { unitId })).token

const claim = (openid: string, token: string | undefined, home: Unit, fields: { name?: string; phone?: string } = {}) =>
  join<ClaimView>(openid, 'claimHousehold', {
    ...(token ? { token } : {}),
    microgridId: home.parentId,
    entrance: home.entrance,
    room: home.room,
    name: fields.name ?? '新居民',
    phone: fields.phone ?? newPhone(),
  })

describe('the whole join flow', () => {
  it('invite → open → claim → the building head sees it pending → approves → the resident sees their grid', async () => {
    const token = await invite(chief, gridId)
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/)

    const newcomer = visitor()
    const target = data(await join<InviteTarget>(newcomer, 'openInvite', { token }))
    expect(target.via).toBe('invite')
    expect(target.grid).toMatchObject({ id: gridId, name: unit(gridId).name, level: 'grid' })
    expect(target.grid.community.id).toBe(unit(gridId).parentId)
    expect(target.buildings.map((b) => b.id).sort()).toEqual(
      g.demo.units
        .filter((u) => u.parentId === gridId)
        .map((u) => u._id)
        .sort(),
    )

    const home = householdsIn(microId)[0]
    const phone = newPhone()
    const claimed = data(await claim(newcomer, token, home, { name: '林小满', phone }))
    expect(claimed).toMatchObject({ status: 'pending', door: home.name, name: '林小满', phone })
    expect(claimed.household).toEqual({ id: home._id, name: home.name, level: 'household' })
    expect(data(await join<ClaimView[]>(newcomer, 'myClaims', {}))).toEqual([claimed])

    const pending = data(await join<ClaimView[]>(head, 'pendingClaims', { unitId: microId }))
    expect(pending).toContainEqual(claimed)

    const approved = data(await join<ClaimView>(head, 'decideClaim', { claimId: claimed.id, approve: true }))
    expect(approved).toMatchObject({ id: claimed.id, status: 'approved' })
    expect(approved.decidedAt).toEqual(expect.any(String))
    expect(data(await join<ClaimView[]>(head, 'pendingClaims', { unitId: microId }))).not.toContainEqual(
      expect.objectContaining({ id: claimed.id }),
    )

    const mine = await me(newcomer)
    expect(mine.person).toMatchObject({ name: '林小满', phone })
    expect(mine.roles).toEqual([{ role: 'resident', unitId: home._id, unitName: home.name, level: 'household' }])
    expect(mine.household?.door).toBe(home.name)
    expect(mine.household?.members.map((m) => m.name)).toContain('林小满')
    expect(mine.grid?.id).toBe(gridId)
    expect(mine.grid?.microgrid?.id).toBe(microId)
    expect(mine.grid?.heads.map((h) => h.role)).toEqual(['gridChief', 'partyLeader', 'buildingHead'])
    expect(mine.grid?.heads.map((h) => h.personId)).toEqual([
      holderOf('gridChief', gridId)._id,
      holderOf('partyLeader', gridId)._id,
      holderOf('buildingHead', microId)._id,
    ])
  })

  it('attaches the openid to the imported resident with the same name and phone instead of adding a person', async () => {
    const home = householdsIn(microId).find((h) =>
      g.demo.people.some((p) => p.householdId === h._id && !p.openid),
    ) as Unit
    const imported = g.demo.people.find((p) => p.householdId === home._id && !p.openid) as PersonDoc
    const newcomer = visitor()
    const claimed = data(await claim(newcomer, await invite(head, microId), home, imported))
    const before = (await g.dump()).people.length
    data(await join(chief, 'decideClaim', { claimId: claimed.id, approve: true }))

    const people = (await g.dump()).people as PersonDoc[]
    expect(people).toHaveLength(before)
    expect(people.find((p) => p._id === imported._id)?.openid).toBe(newcomer)
    expect((await me(newcomer)).person?.id).toBe(imported._id)
  })

  it('turns a claim by someone already known (a leader living elsewhere) into their household, keeping their roles', async () => {
    const home = householdsIn(microId)[1]
    const claimed = data(await claim(foreignChief, await invite(chief, gridId), home))
    data(await join(head, 'decideClaim', { claimId: claimed.id, approve: true }))
    const mine = await me(foreignChief)
    expect(mine.person?.id).toBe(g.persona('gridChief')._id)
    expect(mine.household?.id).toBe(home._id)
    expect(mine.roles.map((r) => r.role).sort()).toEqual(['gridChief', 'resident'])
    expect(mine.roles.filter((r) => r.role === 'resident')).toEqual([expect.objectContaining({ unitId: home._id })])
  })
})

describe('rejecting', () => {
  it('tells the claimant why, in myClaims', async () => {
    const newcomer = visitor()
    const claimed = data(await claim(newcomer, await invite(chief, gridId), householdsIn(microId)[2]))
    expect(await join(head, 'decideClaim', { claimId: claimed.id, approve: false })).toEqual(refused('INVALID_PAYLOAD'))
    data(await join(head, 'decideClaim', { claimId: claimed.id, approve: false, reason: '户主不认识申请人' }))
    const [mine] = data(await join<ClaimView[]>(newcomer, 'myClaims', {}))
    expect(mine).toMatchObject({ id: claimed.id, status: 'rejected', reason: '户主不认识申请人' })
    expect((await me(newcomer)).person).toBeNull()
    // a rejected claim is no longer pending: the visitor may claim again
    expect((await claim(newcomer, await invite(chief, gridId), householdsIn(microId)[2])).ok).toBe(true)
  })
})

describe('who may see and decide a claim', () => {
  let claimed: ClaimView
  beforeAll(async () => {
    claimed = data(await claim(visitor(), await invite(chief, gridId), householdsIn(microId)[3]))
  })

  it.each<[string, () => string, () => string]>([
    ['a building head of another building', () => otherHead, () => microId],
    ['a building head of another building, for the grid', () => otherHead, () => gridId],
    ['the grid chief of another grid', () => foreignChief, () => microId],
    ['the party leader of the grid (not a decider)', () => partyLeader, () => gridId],
    ['a resident of the building', () => openidOf(g.persona('resident')), () => microId],
  ])('refuses %s: cannot list it nor decide it', async (_name, who, unitId) => {
    expect(await join(who(), 'pendingClaims', { unitId: unitId() })).toEqual(exactly('FORBIDDEN'))
    expect(await join(who(), 'decideClaim', { claimId: claimed.id, approve: true })).toEqual(exactly('FORBIDDEN'))
  })

  it('refuses a visitor who has not joined, and a claim that does not exist', async () => {
    expect(await join(visitor(), 'pendingClaims', { unitId: microId })).toEqual(exactly('NOT_REGISTERED'))
    expect(await join(head, 'decideClaim', { claimId: 'nope', approve: true })).toEqual(exactly('NOT_FOUND'))
  })

  it('shows it to the grid chief of that grid and to community staff, and lets the grid chief decide', async () => {
    expect(data(await join<ClaimView[]>(chief, 'pendingClaims', { unitId: gridId }))).toContainEqual(claimed)
    expect(data(await join<ClaimView[]>(staff, 'pendingClaims', { unitId: unit(gridId).parentId }))).toContainEqual(
      claimed,
    )
    const decided = data(await join<ClaimView>(chief, 'decideClaim', { claimId: claimed.id, approve: true }))
    expect(decided.status).toBe('approved')
  })

  it('refuses to decide twice, and leaves the first decision as it was', async () => {
    expect(await join(head, 'decideClaim', { claimId: claimed.id, approve: false, reason: '晚了' })).toEqual(
      exactly('CLAIM_DECIDED'),
    )
    const docs = (await g.dump()).claims as { _id: string; status: string; reason?: string }[]
    expect(docs.find((c) => c._id === claimed.id)).toMatchObject({ status: 'approved' })
    expect(docs.find((c) => c._id === claimed.id)?.reason).toBeUndefined()
  })
})

describe('claimants’ phones in full are audited', () => {
  const auditOf = async (action: string): Promise<AuditDoc[]> =>
    ((await g.dump()).audit as AuditDoc[] | undefined)?.filter((e) => e.action === action) ?? []

  it('writes one entry per list of pending claims, naming each visitor’s claim; an empty list writes none', async () => {
    const home = householdsIn(otherMicroId)[2]
    const pending = data(await claim(visitor(), await invite(chief, gridId), home))
    const before = await auditOf('join.pendingClaims')
    const listed = data(await join<ClaimView[]>(otherHead, 'pendingClaims', { unitId: otherMicroId }))
    expect(listed.map((c) => c.phone)).toContain(pending.phone)
    const written = (await auditOf('join.pendingClaims')).filter((e) => !before.some((b) => b._id === e._id))
    expect(written).toHaveLength(1)
    expect(written[0]).toMatchObject({
      actorId: holderOf('buildingHead', otherMicroId)._id,
      unitId: otherMicroId,
      unitPath: unit(otherMicroId).path,
      subjectIds: [],
    })
    expect(written[0].claimIds).toEqual(listed.map((c) => c.id))

    // deciding shows the phone once more: the claim while rejected, the person once approved
    const rejected = data(
      await join<ClaimView>(otherHead, 'decideClaim', { claimId: pending.id, approve: false, reason: '不符' }),
    )
    const [onReject] = (await auditOf('join.decideClaim')).filter((e) => e.claimIds?.includes(rejected.id))
    expect(onReject).toMatchObject({ actorId: holderOf('buildingHead', otherMicroId)._id, unitId: home._id })

    const again = data(await claim(visitor(), await invite(chief, gridId), home))
    data(await join<ClaimView>(otherHead, 'decideClaim', { claimId: again.id, approve: true }))
    const claimDoc = ((await g.dump()).claims as ClaimDoc[]).find((c) => c._id === again.id) as ClaimDoc
    const onApprove = (await auditOf('join.decideClaim')).filter((e) => e.subjectIds.includes(claimDoc.personId ?? '-'))
    expect(onApprove).toHaveLength(1)
    expect(onApprove[0]).toMatchObject({ subjectIds: [claimDoc.personId], unitId: home._id })
    expect(onApprove[0].claimIds).toBeUndefined()

    const quiet = (await auditOf('join.pendingClaims')).length
    expect(data(await join<ClaimView[]>(otherHead, 'pendingClaims', { unitId: otherMicroId }))).toEqual([])
    expect(await auditOf('join.pendingClaims')).toHaveLength(quiet)
  })
})

describe('手机号快速验证: a phone WeChat verified', () => {
  const claimWith = (openid: string, token: string, home: Unit, phone: { phone?: string; phoneCode?: string }) =>
    join<ClaimView>(openid, 'claimHousehold', {
      token,
      microgridId: home.parentId,
      entrance: home.entrance,
      room: home.room,
      name: '验证居民',
      ...phone,
    })

  it('stores the number the function got for the code, never one from the client', async () => {
    const who = visitor()
    const home = householdsIn(microId)[5]
    const made = data(await claimWith(who, await invite(chief, gridId), home, { phoneCode: `code-${who}` }))
    expect(made.phone).toBe(localPhoneOf(who))
    const doc = ((await g.dump()).claims as ClaimDoc[]).find((c) => c._id === made.id)
    expect(doc?.phone).toBe(localPhoneOf(who))
    // the leader deciding sees that same number
    expect(data(await join<ClaimView[]>(head, 'pendingClaims', { unitId: microId }))).toContainEqual(made)
  })

  it('refuses a spent code, and a claim with both or neither of phone and code, writing nothing', async () => {
    const home = householdsIn(microId)[6]
    const token = await invite(chief, gridId)
    const first = visitor()
    data(await claimWith(first, token, home, { phoneCode: `once-${first}` }))
    const before = await g.dump()
    const second = visitor()
    expect(await claimWith(second, token, home, { phoneCode: `once-${first}` })).toEqual(exactly('PHONE_CODE_INVALID'))
    expect(await claimWith(second, token, home, { phone: newPhone(), phoneCode: `both-${second}` })).toEqual(
      refused('INVALID_PAYLOAD'),
    )
    expect(await claimWith(second, token, home, {})).toEqual(refused('INVALID_PAYLOAD'))
    expect((await g.dump()).claims).toEqual(before.claims)
  })

  it('keeps the code unspent when the claim is refused before the exchange (no such room)', async () => {
    const who = visitor()
    const token = await invite(chief, gridId)
    const home = householdsIn(microId)[7]
    const noRoom = { ...home, room: '9999' }
    expect(await claimWith(who, token, noRoom, { phoneCode: `kept-${who}` })).toEqual(refused('ROOM_NOT_FOUND'))
    expect(data(await claimWith(who, token, home, { phoneCode: `kept-${who}` })).phone).toBe(localPhoneOf(who))
  })
})

describe('two leaders deciding at once', () => {
  it.each([
    ['both approve', true, true],
    ['one approves, one rejects', true, false],
  ])('%s: exactly one wins, the other is told it was decided', async (_name, a, b) => {
    const newcomer = visitor()
    const home = householdsIn(otherMicroId)[0]
    const claimed = data(await claim(newcomer, await invite(chief, gridId), home))
    const decide = (who: string, approve: boolean) =>
      join<ClaimView>(who, 'decideClaim', { claimId: claimed.id, approve, ...(approve ? {} : { reason: '不符' }) })
    const results = await Promise.all([decide(otherHead, a), decide(chief, b)])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual([exactly('CLAIM_DECIDED')])

    const winner = results.find((r) => r.ok) as { data: ClaimView }
    const dump = await g.dump()
    const people = (dump.people as PersonDoc[]).filter((p) => p.openid === newcomer)
    expect(people).toHaveLength(winner.data.status === 'approved' ? 1 : 0)
    expect((dump.claims as { _id: string; status: string }[]).find((c) => c._id === claimed.id)?.status).toBe(
      winner.data.status,
    )
  })
})

describe('claims that cannot be made', () => {
  it('refuses a room that does not exist, naming the problem', async () => {
    const token = await invite(chief, gridId)
    const home = householdsIn(microId)[4]
    expect(await claim(visitor(), token, { ...home, room: '9999' })).toEqual(exactly('ROOM_NOT_FOUND'))
    expect(await claim(visitor(), token, { ...home, entrance: '9单元' })).toEqual(exactly('ROOM_NOT_FOUND'))
    expect(await claim(visitor(), token, { ...home, parentId: 'c1-b404' })).toEqual(exactly('ROOM_NOT_FOUND'))
  })

  it('finds the room however the door is typed (2 or 2单元, 0502 or 502室)', async () => {
    const home = householdsIn(microId)[5]
    const res = await join<ClaimView>(visitor(), 'claimHousehold', {
      token: await invite(chief, gridId),
      microgridId: microId,
      entrance: (home.entrance as string).replace('单元', ''),
      room: `0${home.room}室`,
      name: '周到',
      phone: newPhone(),
    })
    expect(data(res).household.id).toBe(home._id)
  })

  it('refuses a second pending claim by the same visitor', async () => {
    const newcomer = visitor()
    const token = await invite(chief, gridId)
    data(await claim(newcomer, token, householdsIn(microId)[6]))
    expect(await claim(newcomer, token, householdsIn(microId)[7])).toEqual(exactly('CLAIM_PENDING'))
    expect(data(await join<ClaimView[]>(newcomer, 'myClaims', {}))).toHaveLength(1)
  })

  it('keeps one pending claim when the same visitor claims twice at the same moment', async () => {
    const newcomer = visitor()
    const token = await invite(chief, gridId)
    const results = await Promise.all([
      claim(newcomer, token, householdsIn(microId)[11]),
      claim(newcomer, token, householdsIn(microId)[12]),
      claim(newcomer, token, householdsIn(microId)[13]),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual([exactly('CLAIM_PENDING'), exactly('CLAIM_PENDING')])
    expect(data(await join<ClaimView[]>(newcomer, 'myClaims', {}))).toHaveLength(1)
  })

  it('refuses a member claiming their own household', async () => {
    const resident = g.persona('resident')
    const res = await claim(openidOf(resident), await invite(chief, gridId), unit(resident.householdId as string))
    expect(res).toEqual(exactly('ALREADY_JOINED'))
  })

  it('keeps a building invite to its building, and a grid invite to its grid', async () => {
    const buildingToken = await invite(head, microId)
    expect(await claim(visitor(), buildingToken, householdsIn(otherMicroId)[1])).toEqual(refused('FORBIDDEN'))
    const otherGridHome = g.demo.units.find(
      (u) =>
        u.level === 'household' && ancestorAt(u.path, 'grid') !== gridId && ancestorAt(u.path, 'community') === 'c1',
    ) as Unit
    expect(await claim(visitor(), await invite(chief, gridId), otherGridHome)).toEqual(refused('FORBIDDEN'))
    const target = data(await join<InviteTarget>(visitor(), 'openInvite', { token: buildingToken }))
    expect(target.buildings.map((b) => b.id)).toEqual([microId])
    expect(target.grid.id).toBe(gridId)
  })

  it('refuses a token that expired, that never existed, or that is a binding card', async () => {
    const expired: InviteDoc = {
      _id: 'expired-token-0001',
      kind: 'join',
      unitId: gridId,
      createdBy: holderOf('gridChief', gridId)._id,
      createdAt: new Date(Date.now() - 8 * 86_400_000),
      expiresAt: new Date(Date.now() - 86_400_000),
    }
    await g.cloud.seed({ invites: [expired] })
    const bindToken = data(await join<InviteView>(chief, 'createBindCard', { gridId })).token
    for (const token of [expired._id, 'never-minted-token', bindToken]) {
      expect(await join(visitor(), 'openInvite', { token })).toEqual(exactly('INVITE_INVALID'))
      expect(await claim(visitor(), token, householdsIn(microId)[8])).toEqual(exactly('INVITE_INVALID'))
    }
  })

  it('refuses to open nothing: no token and not opened from a bound group', async () => {
    expect(await join(visitor(), 'openInvite', {})).toEqual(exactly('GROUP_UNKNOWN'))
    expect(await claim(visitor(), undefined, householdsIn(microId)[8])).toEqual(exactly('GROUP_UNKNOWN'))
  })
})

describe('who may invite', () => {
  it('gives invites a week and binding cards a day', async () => {
    const now = Date.now()
    const inv = data(await join<InviteView>(partyLeader, 'createInvite', { unitId: gridId }))
    expect(inv).toMatchObject({ kind: 'join', unit: { id: gridId, level: 'grid' } })
    expect(Date.parse(inv.expiresAt) - now).toBeGreaterThan(6.9 * 86_400_000)
    const card = data(await join<InviteView>(chief, 'createBindCard', { gridId }))
    expect(card.kind).toBe('bindGroup')
    expect(Date.parse(card.expiresAt) - now).toBeLessThan(86_400_000 + 60_000)
    expect(card.token).not.toBe(inv.token)
  })

  it.each<[string, () => string, string, () => string, ErrorCode]>([
    ['a resident', () => openidOf(g.persona('resident')), 'createInvite', () => microId, 'FORBIDDEN'],
    ['a building head, for the whole grid', () => head, 'createInvite', () => gridId, 'FORBIDDEN'],
    ['a grid chief, for another grid', () => foreignChief, 'createInvite', () => gridId, 'FORBIDDEN'],
    ['a building head, a binding card', () => head, 'createBindCard', () => gridId, 'FORBIDDEN'],
    ['a party leader, a binding card', () => partyLeader, 'createBindCard', () => gridId, 'FORBIDDEN'],
    ['a visitor', () => 'o_nobody', 'createInvite', () => gridId, 'NOT_REGISTERED'],
    ['community staff, to the community itself', () => staff, 'createInvite', () => 'c1', 'INVALID_PAYLOAD'],
    ['community staff, a binding card for a building', () => staff, 'createBindCard', () => microId, 'INVALID_PAYLOAD'],
  ])('refuses %s', async (_name, who, action, unitId, code) => {
    const payload = action === 'createInvite' ? { unitId: unitId() } : { gridId: unitId() }
    expect(await join(who(), action, payload)).toEqual(refused(code))
  })
})

describe('leaving', () => {
  it('removes the household and the resident role at once: the next calls no longer see it', async () => {
    const newcomer = visitor()
    const home = householdsIn(otherMicroId)[2]
    const claimed = data(await claim(newcomer, await invite(chief, gridId), home))
    data(await join(otherHead, 'decideClaim', { claimId: claimed.id, approve: true }))
    expect((await me(newcomer)).household?.id).toBe(home._id)
    expect((await g.act(newcomer, 'grid', 'neighbours', {})).ok).toBe(true)

    expect(data(await join(newcomer, 'leaveHousehold', {}))).toEqual({
      left: { id: home._id, name: home.name, level: 'household' },
    })
    const after = await me(newcomer)
    expect(after.household).toBeNull()
    expect(after.roles).toEqual([])
    expect(after.grid).toBeNull()
    // anything that needs the resident role is refused at once
    expect(await g.act(newcomer, 'grid', 'neighbours', {})).toEqual(exactly('FORBIDDEN'))
    expect(await join(newcomer, 'leaveHousehold', {})).toEqual(exactly('FORBIDDEN'))
    const person = ((await g.dump()).people as PersonDoc[]).find((p) => p.openid === newcomer) as PersonDoc
    expect(person).not.toHaveProperty('householdId')
    expect(person).not.toHaveProperty('homePath')
  })

  it('refuses a visitor who has not joined', async () => {
    expect(await join(visitor(), 'leaveHousehold', {})).toEqual(exactly('NOT_REGISTERED'))
  })
})

describe('refusals write nothing', () => {
  it('leaves every collection exactly as it was', async () => {
    const token = await invite(chief, gridId)
    const pendingOwner = visitor()
    const pending = data(await claim(pendingOwner, token, householdsIn(microId)[9]))
    const before = await g.dump()
    await Promise.all([
      claim(visitor(), token, { ...householdsIn(microId)[9], room: '9999' }),
      claim(pendingOwner, token, householdsIn(microId)[10]),
      claim(visitor(), 'expired-token-0001', householdsIn(microId)[10]),
      claim(openidOf(g.persona('resident')), token, unit(g.persona('resident').householdId as string)),
      join(otherHead, 'decideClaim', { claimId: pending.id, approve: true }),
      join(foreignChief, 'decideClaim', { claimId: pending.id, approve: false, reason: 'x' }),
      join(head, 'decideClaim', { claimId: pending.id, approve: false }),
      join(openidOf(g.persona('resident')), 'createInvite', { unitId: microId }),
      join(staff, 'createInvite', { unitId: 'c1' }),
      join(visitor(), 'leaveHousehold', {}),
      join(visitor(), 'openInvite', { token: 'never-minted-token' }),
    ])
    expect(await g.dump()).toEqual(before)
  })
})
