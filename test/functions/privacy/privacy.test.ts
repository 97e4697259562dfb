/**
 * The `privacy` function through the real wx-server-sdk in the local cloud: a person exports everything stored
 * about them (with who has seen it), asks to be deleted and is then unknown, and community staff read the audit
 * log of unmasked reads — in which a deleted person shows as 已注销居民.
 */
import cloudSdk from 'wx-server-sdk'
import type { AuditEntry, HouseholdsResult, MeResult, MyData, PrivacyApi } from '../../../core/contract'
import { ERROR_MESSAGES, type Envelope, type ErrorCode } from '../../../core/envelope'
import type { ClaimDoc, PersonDoc } from '../../../core/model'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { buildFunctions } from '../../../scripts/build-functions'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(60_000)

let g: FunctionsCloud
const refused = (code: ErrorCode) => ({ ok: false, code, message: ERROR_MESSAGES[code] })
const data = <T>(res: Envelope<T>): T => {
  if (!res.ok) throw new Error(`refused: ${res.code}`)
  return res.data
}
const privacy = async <T>(openid: string, action: string, payload: unknown = {}) =>
  (await g.cloud.callFunction('privacy', { action, payload }, { openid })).result as Envelope<T>
const auditLog = (openid: string, payload: Record<string, unknown>) =>
  privacy<PrivacyApi['auditLog']['result']>(openid, 'auditLog', payload)

const unit = (id: string) => g.demo.units.find((u) => u._id === id) as Unit
const holderOf = (role: string, unitId: string) =>
  g.demo.people.find((p) => p.roles.some((r) => r.role === role && r.unitId === unitId)) as PersonDoc
const personDoc = async (id: string): Promise<Record<string, unknown>> =>
  ((await cloudSdk.database().collection('people').doc(id).get()) as unknown as { data: Record<string, unknown> }).data

/** The resident persona, and a neighbour who will ask to be deleted: both in g1, both signed up. */
const resident = () => g.persona('resident')
let leaving: PersonDoc
/** The grid chief of g1, whose scope contains both. */
let chief: PersonDoc
const staff = () => g.persona('communityStaff')

/** The grid chief opens 网格管理 on the page that shows `p`, as the leader would. */
async function chiefSees(p: PersonDoc): Promise<HouseholdsResult> {
  const micro = unit(p.householdId as string).parentId as string
  const res = await g.call<HouseholdsResult>(chief.openid as string, {
    action: 'households',
    payload: { unitId: micro, pageSize: 100 },
  })
  const view = data(res)
  expect(view.rows.flatMap((r) => r.members).find((m) => m.id === p._id)?.phone).toBe(p.phone)
  return view
}

beforeAll(async () => {
  await buildFunctions(['privacy'])
  g = await startFunctionsCloud()
  chief = holderOf('gridChief', 'g1')
  leaving = g.demo.people.find(
    (p) =>
      p.openid &&
      p.roles.length === 1 &&
      p.homePath &&
      isWithin(p.homePath, unit('g1').path) &&
      p.householdId !== resident().householdId &&
      g.demo.people.filter((x) => x.householdId === p.householdId).length > 1,
  ) as PersonDoc
  const claim = (i: number, p: PersonDoc, status: ClaimDoc['status']): ClaimDoc => ({
    _id: `claim-${i}`,
    openid: p.openid as string,
    personId: p._id,
    householdId: p.householdId as string,
    householdPath: p.homePath as string,
    name: p.name,
    phone: p.phone,
    status,
    decidedBy: chief._id,
    decidedAt: new Date(Date.UTC(2025, 2, 2)),
    createdAt: new Date(Date.UTC(2025, 2, 1)),
  })
  await g.cloud.seed({ claims: [claim(1, resident(), 'approved'), claim(2, leaving, 'approved')] })
})
afterAll(async () => {
  await g?.close()
})

describe('privacy.exportMyData', () => {
  it('gives a resident everything stored about them: person (no openid), household, claims', async () => {
    const me = resident()
    const mine = data(await privacy<MyData>(me.openid as string, 'exportMyData'))
    expect(mine.person).toEqual({
      _id: me._id,
      name: me.name,
      phone: me.phone,
      householdId: me.householdId,
      homePath: me.homePath,
      roles: me.roles,
      createdAt: me.createdAt.toISOString(),
      ...(me.volunteer ? { volunteer: true } : {}),
      ...(me.careFlags ? { careFlags: me.careFlags } : {}),
    })
    expect(JSON.stringify(mine)).not.toContain(me.openid as string)
    expect(mine.household).toEqual({ _id: me.householdId, name: unit(me.householdId as string).name })
    expect(mine.claims).toEqual([
      expect.objectContaining({ _id: 'claim-1', status: 'approved', createdAt: '2025-03-01T00:00:00.000Z' }),
    ])
    expect(Date.now() - Date.parse(mine.exportedAt)).toBeLessThan(60_000)
  })

  it('lists who has seen their data in full: the grid chief’s read shows up, a neighbour’s view does not', async () => {
    const me = resident()
    const before = data(await privacy<MyData>(me.openid as string, 'exportMyData')).seenBy.length
    await chiefSees(me)
    await g.call(leaving.openid as string, { action: 'neighbours', payload: {} })
    const after = data(await privacy<MyData>(me.openid as string, 'exportMyData')).seenBy
    expect(after).toHaveLength(before + 1)
    expect(after[0]).toEqual({ actorName: chief.name, action: 'grid.households', at: expect.any(String) })
    expect(Date.now() - Date.parse(after[0].at)).toBeLessThan(60_000)
  })

  it('lists the leaders who saw their claim in full before they joined', async () => {
    const me = resident()
    const micro = unit(me.householdId as string).parentId as string
    await g.cloud.seed({
      audit: [
        {
          _id: 'audit-my-claim',
          actorId: chief._id,
          actorName: chief.name,
          action: 'join.pendingClaims',
          subjectIds: [],
          claimIds: ['claim-1'],
          unitId: micro,
          unitPath: unit(micro).path,
          at: new Date(Date.UTC(2025, 2, 1, 8)),
        },
      ],
    })
    const seen = data(await privacy<MyData>(me.openid as string, 'exportMyData')).seenBy
    expect(seen).toContainEqual({ actorName: chief.name, action: 'join.pendingClaims', at: '2025-03-01T08:00:00.000Z' })
  })

  it('refuses a WeChat user who has not joined', async () => {
    expect(await privacy('o_demo_visitor_3', 'exportMyData')).toEqual(refused('NOT_REGISTERED'))
  })
})

describe('privacy.auditLog', () => {
  it('shows community staff the reads under their community, newest first, with the people shown', async () => {
    await chiefSees(resident())
    const head = holderOf('buildingHead', unit(resident().householdId as string).parentId as string)
    await g.call(head.openid as string, { action: 'neighbours', payload: {} })

    const log = data(await auditLog(staff().openid as string, { unitId: 'c1', pageSize: 100 }))
    expect(log.total).toBeGreaterThanOrEqual(2)
    const times = log.rows.map((e) => Date.parse(e.at))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    const [newest, previous] = log.rows
    expect(newest).toMatchObject({ actorId: head._id, actorName: head.name, action: 'grid.neighbours' })
    expect(previous).toMatchObject({ actorId: chief._id, actorName: chief.name, action: 'grid.households' })
    expect(previous.subjects).toContainEqual({ id: resident()._id, name: resident().name })
    for (const e of log.rows) expect(isWithin(e.unitPath, unit('c1').path)).toBe(true)
  })

  it('narrows to a grid, and pages', async () => {
    const all = data(await auditLog(staff().openid as string, { unitId: 'g1', pageSize: 100 }))
    expect(all.rows.every((e) => ancestorAt(e.unitPath, 'grid') === 'g1')).toBe(true)
    const first = data(await auditLog(staff().openid as string, { unitId: 'g1', pageSize: 1 }))
    const second = data(await auditLog(staff().openid as string, { unitId: 'g1', page: 1, pageSize: 1 }))
    expect(first.total).toBe(all.total)
    expect([...first.rows, ...second.rows].map((e) => e._id)).toEqual(all.rows.slice(0, 2).map((e) => e._id))
  })

  it.each<[string, () => string, string, ErrorCode]>([
    ['a grid chief, for their grid', () => chief.openid as string, 'g1', 'FORBIDDEN'],
    ['a building head', () => g.persona('buildingHead').openid as string, 'g1', 'FORBIDDEN'],
    ['a resident', () => resident().openid as string, 'c1', 'FORBIDDEN'],
    ['community staff, for the other community', () => staff().openid as string, 'c2', 'FORBIDDEN'],
    ['community staff, for a unit that does not exist', () => staff().openid as string, 'c404', 'NOT_FOUND'],
    ['a WeChat user who has not joined', () => 'o_demo_visitor_1', 'c1', 'NOT_REGISTERED'],
  ])('refuses %s', async (_name, openid, unitId, code) => {
    expect(await auditLog(openid(), { unitId })).toEqual(refused(code))
  })

  it('names a visitor’s claim shown in full by its claimant, and a wiped one as 已注销居民', async () => {
    const micro = unit(resident().householdId as string).parentId as string
    const home = g.demo.units.find((u) => u.level === 'household' && u.parentId === micro) as Unit
    const visitorClaim = (id: string, name: string): ClaimDoc => ({
      _id: id,
      openid: id === 'claim-v1' ? 'o_demo_visitor_2' : '',
      householdId: home._id,
      householdPath: home.path,
      name,
      phone: name ? '13912345678' : '',
      status: 'pending',
      createdAt: new Date(),
    })
    const head = holderOf('buildingHead', micro)
    await g.cloud.seed({
      claims: [visitorClaim('claim-v1', '赵新来'), visitorClaim('claim-v2', '')],
      audit: [
        {
          _id: 'audit-claims',
          actorId: head._id,
          actorName: head.name,
          action: 'join.pendingClaims',
          subjectIds: [],
          claimIds: ['claim-v1', 'claim-v2'],
          unitId: micro,
          unitPath: unit(micro).path,
          at: new Date(),
        },
      ],
    })
    const log = data(await auditLog(staff().openid as string, { unitId: 'c1', pageSize: 100 }))
    expect(log.rows.find((e) => e._id === 'audit-claims')?.subjects).toEqual([
      { id: 'claim-v1', name: '赵新来' },
      { id: 'claim-v2', name: DELETED_NAME },
    ])
  })

  it('reading the log writes nothing to it', async () => {
    const before = data(await auditLog(staff().openid as string, { unitId: 'c1' })).total
    await auditLog(staff().openid as string, { unitId: 'c1' })
    expect(data(await auditLog(staff().openid as string, { unitId: 'c1' })).total).toBe(before)
  })
})

describe('privacy.requestDeletion', () => {
  it.each([{}, { confirm: false }, { confirm: 'yes' }])('asks for confirm: true (%j)', async (payload) => {
    const res = await privacy(leaving.openid as string, 'requestDeletion', payload)
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect((await personDoc(leaving._id)).name).toBe(leaving.name)
  })

  it('anonymises the person in place; their openid is then unknown; the audit log names them 已注销居民', async () => {
    await chiefSees(leaving)
    const seen = data(await privacy<MyData>(leaving.openid as string, 'exportMyData')).seenBy
    expect(seen.map((s) => s.actorName)).toContain(chief.name)

    expect(await privacy(leaving.openid as string, 'requestDeletion', { confirm: true })).toEqual({
      ok: true,
      data: { deleted: true },
    })

    const doc = await personDoc(leaving._id)
    expect(doc).toEqual({
      _id: leaving._id,
      name: DELETED_NAME,
      phone: '',
      roles: [],
      createdAt: leaving.createdAt,
      deletedAt: expect.any(Date),
      ...(leaving.volunteer ? { volunteer: true } : {}),
    })
    const claims = (await cloudSdk.database().collection('claims').where({ _id: 'claim-2' }).get()) as unknown as {
      data: ClaimDoc[]
    }
    expect(claims.data[0]).toMatchObject({ name: '', phone: '', openid: '', status: 'approved' })
    expect(JSON.stringify(claims.data[0])).not.toContain(leaving.phone)

    // the same WeChat user is now a stranger
    expect(await privacy(leaving.openid as string, 'exportMyData')).toEqual(refused('NOT_REGISTERED'))
    expect(await privacy(leaving.openid as string, 'requestDeletion', { confirm: true })).toEqual(
      refused('NOT_REGISTERED'),
    )
    const me = (await g.call<MeResult>(leaving.openid as string, { action: 'me', payload: {} })) as Envelope<MeResult>
    expect(data(me)).toEqual({ person: null, roles: [], household: null, grid: null })

    // gone from the household the leaders see, still in the history as 已注销居民
    const view = await g.call<HouseholdsResult>(chief.openid as string, {
      action: 'households',
      payload: { unitId: 'g1', pageSize: 100 },
    })
    const row = data(view).rows.find((r) => r.id === leaving.householdId)
    expect(row?.members.map((m) => m.id)).not.toContain(leaving._id)

    const log = data(await auditLog(staff().openid as string, { unitId: 'g1', pageSize: 100 }))
    const about = log.rows.filter((e: AuditEntry) => e.subjects.some((s) => s.id === leaving._id))
    expect(about.length).toBeGreaterThan(0)
    for (const e of about) {
      expect(e.subjects.find((s) => s.id === leaving._id)?.name).toBe(DELETED_NAME)
    }
    expect(JSON.stringify(log)).not.toContain(leaving.name)
  })

  it('drops a deleted leader’s name from the entries they wrote, keeping their id', async () => {
    const head = holderOf('buildingHead', 'c1-b2')
    await g.call(head.openid as string, { action: 'neighbours', payload: {} })
    data(await privacy(head.openid as string, 'requestDeletion', { confirm: true }))
    const log = data(await auditLog(staff().openid as string, { unitId: 'c1-b2', pageSize: 100 }))
    const theirs = log.rows.filter((e) => e.actorId === head._id)
    expect(theirs.length).toBeGreaterThan(0)
    for (const e of theirs) expect(e.actorName).toBe(DELETED_NAME)
    const raw = (await cloudSdk.database().collection('audit').where({ actorId: head._id }).get()) as unknown as {
      data: { actorName: string }[]
    }
    expect(raw.data.map((e) => e.actorName)).toEqual(raw.data.map(() => DELETED_NAME))
    // and they no longer hold the building: it has no head until the community names one
    expect(await g.call(head.openid as string, { action: 'overview', payload: { unitId: 'c1-b2' } })).toEqual(
      refused('NOT_REGISTERED'),
    )
  })
})
