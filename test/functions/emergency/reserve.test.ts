/**
 * The reserve force through the real wx-server-sdk against the local cloud over the demo: residents register
 * themselves, staff register a member of their scope and list their scope's reserve by kind and skill (staff of the
 * other community refused); staff call up volunteers with a skill for an emergency — only the members it reaches see
 * it and may answer; answers change until assigned; staff see who answered what and assign a 到岗 answerer; racing
 * answers and assignments leave the call-up's counts equal to a recount of its answers; an ended emergency takes no
 * more answers.
 */
import type { CallUpAnswerDoc, CallUpDoc, PersonDoc, ReserveMemberDoc } from '../../../core/model'
import { recount } from '../../../core/emergency/reserve'
import { exactly } from '../harness/functions-cloud'
import { BLOCKED, newTap, startEmergencyCloud, type EmergencyCloud } from './cloud'

jest.setTimeout(180_000)

let g: EmergencyCloud
let staff: PersonDoc
let otherStaff: PersonDoc
let medic: PersonDoc
let driver: PersonDoc
let cadre: PersonDoc
let outsider: PersonDoc
let stranger: PersonDoc
let emergencyId: string

const medicEntry = {
  kind: 'volunteer',
  skills: ['medical'],
  skillsNote: '社区医院护士',
  availability: '工作日晚上、周末',
}

beforeAll(async () => {
  g = await startEmergencyCloud()
  staff = await g.holding('communityStaff', 'c2')
  otherStaff = await g.holding('communityStaff', 'c1')
  medic = await g.resident(g.householdUnder('g5', 0)._id)
  driver = await g.resident(g.householdUnder('g5', 1)._id)
  cadre = await g.resident(g.householdUnder('g6', 0)._id)
  outsider = await g.resident(g.householdUnder('g1', 0)._id)
  stranger = await g.resident(g.householdUnder('g5', 2)._id)
  emergencyId = (
    await g.ok(staff, 'declare', {
      unitId: 'c2',
      tapId: newTap('declare'),
      name: '疫情防控',
      level: 1,
      instructions: '请配合社区安排',
    })
  ).id
})
afterAll(async () => {
  await g?.close()
})

describe('register and the reserve list', () => {
  it('a resident registers themself, sees their entry, and registering again updates it', async () => {
    const first = await g.ok(medic, 'register', medicEntry)
    expect(first).toMatchObject({
      personId: medic._id,
      name: medic.name,
      kind: 'volunteer',
      skills: ['medical'],
      place: { id: medic.householdId, level: 'household' },
      registeredByName: medic.name,
    })
    const again = await g.ok(medic, 'register', { ...medicEntry, availability: '随时' })
    expect(again.availability).toBe('随时')
    expect((await g.ok(medic, 'mine', {})).member).toMatchObject({ availability: '随时', kind: 'volunteer' })
    await g.ok(driver, 'register', { kind: 'volunteer', skills: ['driving'], availability: '周末' })
    await g.ok(outsider, 'register', { kind: 'volunteer', skills: ['medical'], availability: '周末' })
  })

  it('staff register a member of their scope; staff of the other community may not', async () => {
    expect(await g.act(otherStaff, 'register', { personId: cadre._id, kind: 'cadre', availability: '全天' })).toEqual(
      exactly('FORBIDDEN'),
    )
    expect(await g.stored<ReserveMemberDoc>('reserveMembers')).not.toContainEqual(
      expect.objectContaining({ personId: cadre._id }),
    )
    const entry = await g.ok(staff, 'register', { personId: cadre._id, kind: 'cadre', availability: '全天' })
    expect(entry).toMatchObject({ personId: cadre._id, kind: 'cadre', registeredByName: staff.name })
    expect(await g.act(staff, 'register', { personId: 'no-such-person', kind: 'cadre', availability: '全天' })).toEqual(
      exactly('NOT_FOUND'),
    )
  })

  it('lists the scope’s reserve, filtered by kind and skill, with the total', async () => {
    const all = await g.ok(staff, 'reserve', { unitId: 'c2' })
    expect(all.total).toBe(3)
    expect(all.rows.map((r) => r.personId).sort()).toEqual([medic._id, driver._id, cadre._id].sort())
    const medics = await g.ok(staff, 'reserve', { unitId: 'c2', kind: 'volunteer', skill: 'medical' })
    expect(medics.rows.map((r) => r.personId)).toEqual([medic._id])
    expect((await g.ok(staff, 'reserve', { unitId: 'g6' })).rows.map((r) => r.personId)).toEqual([cadre._id])
    const paged = await g.ok(staff, 'reserve', { unitId: 'c2', pageSize: 2 })
    expect(paged.rows).toHaveLength(2)
    expect(paged.nextCursor).toBe('2')
    expect(await g.act(otherStaff, 'reserve', { unitId: 'c2' })).toEqual(exactly('FORBIDDEN'))
    expect(await g.act(medic, 'reserve', { unitId: 'c2' })).toEqual(exactly('FORBIDDEN'))
  })

  it.each([
    ['an unknown kind', { kind: 'soldier', availability: '周末' }],
    ['an unknown skill', { kind: 'volunteer', skills: ['flying'], availability: '周末' }],
    ['a skill twice', { kind: 'volunteer', skills: ['medical', 'medical'], availability: '周末' }],
    ['no availability', { kind: 'volunteer', availability: ' ' }],
  ])('refuses %s', async (_what, payload) => {
    expect(await g.act(stranger, 'register', payload)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })
})

describe('call-ups, answers and assignments', () => {
  let callUpId: string

  it('calls up volunteers with medical skill under the first grid: only the medic is reached', async () => {
    const res = await g.ok(staff, 'callUp', {
      emergencyId,
      unitId: 'g5',
      tapId: newTap('callup'),
      kinds: ['volunteer'],
      skills: ['medical'],
      message: '今晚 7 点到社区服务站集合，协助核酸采样',
    })
    callUpId = res.id
    expect(res.reached).toBe(1)
    const mine = await g.ok(medic, 'mine', {})
    expect(mine.callUps).toEqual([
      expect.objectContaining({
        id: callUpId,
        emergencyName: '疫情防控',
        myAnswer: null,
        assignment: null,
        ended: false,
      }),
    ])
    // (the outsider lives under the demo's own emergency and may see its call-up, never this one)
    for (const p of [driver, cadre, outsider])
      expect((await g.ok(p, 'mine', {})).callUps.filter((c) => c.emergencyId === emergencyId)).toEqual([])
    expect(await g.act(driver, 'answer', { callUpId, answer: 'coming' })).toEqual(exactly('CALLUP_NOT_FOR_YOU'))
    expect(await g.act(outsider, 'answer', { callUpId, answer: 'coming' })).toEqual(exactly('CALLUP_NOT_FOR_YOU'))
    expect(await g.act(stranger, 'answer', { callUpId, answer: 'coming' })).toEqual(exactly('RESERVE_NOT_MEMBER'))
  })

  it('refuses a call-up outside the emergency, over the other community, or with risky words', async () => {
    const base = { emergencyId, tapId: newTap('callup'), kinds: ['volunteer'], message: '集合' }
    expect(await g.act(otherStaff, 'callUp', { ...base, unitId: 'g5' })).toEqual(exactly('FORBIDDEN'))
    expect(await g.act(otherStaff, 'callUp', { ...base, unitId: 'g1' })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    expect(await g.act(staff, 'callUp', { ...base, unitId: 'g5', message: BLOCKED })).toMatchObject({
      ok: false,
      code: 'CONTENT_RISKY',
    })
    expect(await g.act(staff, 'callUp', { ...base, unitId: 'g5', kinds: [] })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    expect(await g.act(staff, 'callUp', { ...base, emergencyId: 'no-such', unitId: 'g5' })).toEqual(
      exactly('NOT_FOUND'),
    )
    const made = (await g.stored<CallUpDoc>('callUps')).filter((c) => c.emergencyId === emergencyId)
    expect(made.map((c) => c._id)).toEqual([callUpId])
  })

  it('the medic answers, changes the answer, and staff see who answered what', async () => {
    const coming = await g.ok(medic, 'answer', { callUpId, answer: 'coming' })
    expect(coming).toMatchObject({ myAnswer: 'coming', coming: 1, cannot: 0 })
    const cannot = await g.ok(medic, 'answer', { callUpId, answer: 'cannot', note: '今晚值夜班' })
    expect(cannot).toMatchObject({ myAnswer: 'cannot', myNote: '今晚值夜班', coming: 0, cannot: 1 })
    expect(await g.act(staff, 'assign', { callUpId, personId: medic._id, place: '东门采样点' })).toEqual(
      exactly('CALLUP_NOT_COMING'),
    )
    await g.ok(medic, 'answer', { callUpId, answer: 'coming' })
    const seen = await g.ok(staff, 'callUpDetail', { callUpId })
    expect(seen.callUp).toMatchObject({ coming: 1, cannot: 0, assigned: 0 })
    expect(seen.answers.rows).toEqual([
      expect.objectContaining({ personId: medic._id, answer: 'coming', assignment: null }),
    ])
    expect((await g.ok(staff, 'callUpDetail', { callUpId, answer: 'cannot' })).answers.rows).toEqual([])
    expect(await g.act(otherStaff, 'callUpDetail', { callUpId })).toEqual(exactly('FORBIDDEN'))
    expect((await g.ok(staff, 'callUps', { emergencyId, unitId: 'c2' })).rows.map((c) => c.id)).toEqual([callUpId])
  })

  it('staff assign the medic to a place; the answer is then fixed, and the medic sees where', async () => {
    const building = g.demo.units.find((u) => u.level === 'microgrid' && u.parentId === 'g5')
    if (!building) throw new Error('no building in g1')
    expect(await g.act(staff, 'assign', { callUpId, personId: medic._id, place: '东门', unitId: 'g1' })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    expect(await g.act(otherStaff, 'assign', { callUpId, personId: medic._id, place: '东门' })).toEqual(
      exactly('FORBIDDEN'),
    )
    const assigned = await g.ok(staff, 'assign', {
      callUpId,
      personId: medic._id,
      place: '东门采样点',
      unitId: building._id,
    })
    expect(assigned.assignment).toMatchObject({
      place: '东门采样点',
      unit: { id: building._id, name: building.name, level: 'microgrid' },
      byName: staff.name,
    })
    // moved to another place: still one assigned
    await g.ok(staff, 'assign', { callUpId, personId: medic._id, place: '西门采样点' })
    expect((await g.ok(staff, 'callUpDetail', { callUpId })).callUp).toMatchObject({ coming: 1, assigned: 1 })
    expect(await g.act(medic, 'answer', { callUpId, answer: 'cannot' })).toEqual(exactly('CALLUP_ASSIGNED'))
    const mine = (await g.ok(medic, 'mine', {})).callUps[0]
    expect(mine).toMatchObject({ myAnswer: 'coming', assignment: { place: '西门采样点', unit: null } })
  })

  it('racing answers and assignments leave the counts equal to a recount of the answers', async () => {
    const members = await Promise.all(Array.from({ length: 8 }, (_, i) => g.resident(g.householdUnder('g7', i)._id)))
    await Promise.all(members.map((m) => g.ok(m, 'register', { kind: 'partyMember', availability: '全天' })))
    const { id } = await g.ok(staff, 'callUp', {
      emergencyId,
      unitId: 'g7',
      tapId: newTap('callup'),
      kinds: ['partyMember'],
      message: '到小区东门集合',
    })
    // every member answers twice at once (到岗 and 不能到), while staff try to assign each of them
    const results = await Promise.all(
      members.flatMap((m) => [
        g.act(m, 'answer', { callUpId: id, answer: 'coming' }),
        g.act(m, 'answer', { callUpId: id, answer: 'cannot' }),
        g.act(staff, 'assign', { callUpId: id, personId: m._id, place: '东门' }),
      ]),
    )
    for (const r of results) if (!r.ok) expect(['CALLUP_NOT_COMING', 'CALLUP_ASSIGNED']).toContain(r.code)
    const answers = (await g.stored<CallUpAnswerDoc>('callUpAnswers')).filter((a) => a.callUpId === id)
    expect(answers).toHaveLength(members.length)
    const stored = (await g.stored<CallUpDoc>('callUps')).find((c) => c._id === id) as CallUpDoc
    expect({ coming: stored.coming, cannot: stored.cannot, assigned: stored.assigned }).toEqual(recount(answers))
    for (const a of answers) if (a.assignment) expect(a.answer).toBe('coming')
  })

  it('an ended emergency takes no more call-ups or answers; the call-up stays on the member’s page for the record', async () => {
    await g.ok(staff, 'end', { id: emergencyId })
    expect(await g.act(medic, 'answer', { callUpId, answer: 'coming' })).toEqual(exactly('EMERGENCY_ENDED'))
    expect(
      await g.act(staff, 'callUp', {
        emergencyId,
        unitId: 'g5',
        tapId: newTap('late'),
        kinds: ['volunteer'],
        message: '集合',
      }),
    ).toEqual(exactly('EMERGENCY_ENDED'))
    expect(await g.act(staff, 'assign', { callUpId, personId: medic._id, place: '北门' })).toEqual(
      exactly('EMERGENCY_ENDED'),
    )
    expect((await g.ok(medic, 'mine', {})).callUps[0]).toMatchObject({ id: callUpId, ended: true })
  })
})
