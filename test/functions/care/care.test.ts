/**
 * The care function through the real SDK in the local cloud over the demo community: community staff mark a resident
 * as a care person and name their team (四包一); helpers make the daily check (once per helper per day, a second an
 * update, concurrent ones counted once); grid chiefs and staff list them, helpers their own; the missed-check timer
 * raises one alert per person per day however often it runs; unmarking keeps the history and ends the team's access.
 * Refusals: roles, scope, outsiders (NOT_FOUND), bad helpers and malformed payloads (nothing written).
 */
import type { CareDetail, CareMineRow, CareRow, FoundPerson } from '../../../core/contract'
import { careDayOf, cutoffOf } from '../../../core/care/days'
import { EMPTY_TEAM } from '../../../core/care/team'
import type { Envelope } from '../../../core/envelope'
import type {
  AuditDoc,
  CareAlertDoc,
  CareCheckDoc,
  CarePersonDoc,
  PersonDoc,
  UnitCounterDoc,
} from '../../../core/model'
import type { Role } from '../../../core/roles'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(180_000)

let g: FunctionsCloud
let serial = 0
let staff: PersonDoc
let chief: PersonDoc
let otherChief: PersonDoc
let buildingHead: PersonDoc
let partyLeader: PersonDoc
let helperA: PersonDoc
let helperB: PersonDoc
let outsider: PersonDoc
let gridId: string

const act = async <T>(p: PersonDoc, action: string, payload: unknown) =>
  (await g.cloud.callFunction('care', { action, payload }, { openid: p.openid as string })).result as Envelope<T>
async function ok<T>(p: PersonDoc, action: string, payload: unknown): Promise<T> {
  const res = await act<T>(p, action, payload)
  if (!res.ok) throw new Error(`${action} as ${p._id}: ${res.code} ${res.message}`)
  return res.data
}
const code = async (p: PersonDoc, action: string, payload: unknown) => {
  const res = await act(p, action, payload)
  return res.ok ? 'ok' : res.code
}
const fire = (at: Date) =>
  g.cloud.callFunction('care', { Type: 'Timer', TriggerName: 'missedChecks', Time: at.toISOString() }, { openid: '' })

const households = () =>
  g.demo.units.filter(
    (u) => u.level === 'household' && isWithin(u.path, (g.demo.units.find((x) => x._id === gridId) as Unit).path),
  )
async function person(role: Role, unitId?: string, home?: Unit): Promise<PersonDoc> {
  const k = ++serial
  const p: PersonDoc = {
    _id: `care_t_${k}`,
    openid: `o_care_t_${k}`,
    name: `关爱测试${k}`,
    phone: `1390003${String(k).padStart(4, '0')}`,
    ...(home ? { householdId: home._id, homePath: home.path } : {}),
    roles: [{ role, unitId: unitId ?? (home as Unit)._id }],
    createdAt: new Date(),
  }
  await g.cloud.seed({ people: [p] })
  return p
}
const resident = (n: number) => person('resident', undefined, households()[n])
const docs = async <T>(name: string): Promise<T[]> => ((await g.dump())[name] ?? []) as T[]
const careOf = async (id: string) => (await docs<CarePersonDoc>('carePersons')).find((c) => c._id === id)
const counter = async (id: string) => (await docs<UnitCounterDoc>('unitCounters')).find((c) => c._id === id)?.care
const team = (t: Partial<Record<'cadre' | 'gridWorker' | 'police' | 'doctor', string>>) => ({
  cadre: t.cadre ?? null,
  gridWorker: t.gridWorker ?? null,
  police: t.police ?? null,
  doctor: t.doctor ?? null,
})

beforeAll(async () => {
  g = await startFunctionsCloud(['care', 'grid'], { timers: false })
  const res = g.persona('resident')
  gridId = ancestorAt(res.homePath as string, 'grid') as string
  const micro = g.demo.units.find((u) => u._id === households()[0].parentId) as Unit
  staff = await person('communityStaff', 'c1')
  chief = await person('gridChief', gridId)
  otherChief = await person('gridChief', g.demo.units.find((u) => u.level === 'grid' && u._id !== gridId)?._id)
  buildingHead = await person('buildingHead', micro._id)
  partyLeader = await person('partyLeader', gridId)
  helperA = await resident(5)
  helperB = await resident(6)
  outsider = await resident(7)
})
afterAll(async () => {
  await g?.close()
})

describe('marking and the team', () => {
  it('staff mark a resident: the care record, their flags and the care count above their home move together', async () => {
    const p = await resident(1)
    const before = await counter(gridId)
    const d = await ok<CareDetail>(staff, 'mark', {
      personId: p._id,
      flags: ['elderlyAlone', 'disabled'],
      note: '独居',
    })
    expect(d).toMatchObject({ active: true, flags: ['elderlyAlone', 'disabled'], note: '独居', canEdit: true })
    expect(await counter(gridId)).toBe((before ?? 0) + 1)
    const stored = (await docs<PersonDoc>('people')).find((x) => x._id === p._id)
    expect(stored?.careFlags).toEqual(['elderlyAlone', 'disabled'])
    const audit = (await docs<AuditDoc>('audit')).filter(
      (a) => a.action === 'care.mark' && a.subjectIds.includes(p._id),
    )
    expect(audit).toHaveLength(1)
    expect(audit[0].note).toContain('独居老人')
    // marking again with the same flags counts nothing more
    await ok(staff, 'mark', { personId: p._id, flags: ['disabled', 'elderlyAlone'], note: '独居' })
    expect(await counter(gridId)).toBe((before ?? 0) + 1)
  })

  it('only staff over the home mark or name a team; nothing is written when refused', async () => {
    const p = await resident(2)
    const payload = { personId: p._id, flags: ['isolated'] }
    for (const who of [chief, buildingHead, partyLeader, helperA])
      expect(await code(who, 'mark', payload)).toBe('FORBIDDEN')
    const otherStaff = await person('communityStaff', 'c2')
    expect(await code(otherStaff, 'mark', payload)).toBe('FORBIDDEN')
    expect(await code(staff, 'mark', { personId: p._id, flags: ['nope'] })).toBe('INVALID_PAYLOAD')
    expect(await code(staff, 'mark', { ...payload, note: 'x'.repeat(201) })).toBe('INVALID_PAYLOAD')
    expect(await careOf(p._id)).toBeUndefined()
    expect(await code(staff, 'team', { personId: p._id, team: team({ cadre: helperA._id }) })).toBe('CARE_NOT_MARKED')
  })

  it('a team holds joined people of the community, each once, never the care person', async () => {
    const p = await resident(3)
    await ok(staff, 'mark', { personId: p._id, flags: ['chronicIllness'] })
    const far = await person(
      'resident',
      undefined,
      g.demo.units.find((u) => u.level === 'household' && u.path.includes('/c2/')),
    )
    for (const t of [
      team({ cadre: helperA._id, gridWorker: helperA._id }),
      team({ doctor: p._id }),
      team({ police: far._id }),
      team({ police: 'no-such-person' }),
    ])
      expect(await code(staff, 'team', { personId: p._id, team: t })).toBe('CARE_HELPER_INVALID')
    expect((await careOf(p._id))?.helperIds).toEqual([])
    const d = await ok<CareDetail>(staff, 'team', {
      personId: p._id,
      team: team({ cadre: staff._id, gridWorker: helperA._id, doctor: helperB._id }),
    })
    expect(d.team.gridWorker).toMatchObject({ name: helperA.name, phone: helperA.phone })
    expect(d.team.police).toBeNull()
    expect((await careOf(p._id))?.helperIds.sort()).toEqual([staff._id, helperA._id, helperB._id].sort())
  })

  it('the picker finds joined people of the community by name: residents and its staff', async () => {
    const found = await ok<{ rows: FoundPerson[] }>(staff, 'findPeople', { unitId: 'c1', name: '关爱测试' })
    const ids = found.rows.map((r) => r.personId)
    expect(ids).toEqual(expect.arrayContaining([helperA._id, staff._id]))
    expect(found.rows.find((r) => r.personId === helperA._id)?.where).toMatch(/\*\*\*/)
    expect(await code(chief, 'findPeople', { unitId: 'c1', name: '关' })).toBe('FORBIDDEN')
  })
})

describe('who sees a care person', () => {
  let p: PersonDoc
  beforeAll(async () => {
    p = await resident(4)
    await ok(staff, 'mark', { personId: p._id, flags: ['pregnant'] })
    await ok(staff, 'team', { personId: p._id, team: team({ gridWorker: helperA._id }) })
  })

  it('the team, the grid chief and staff open the page; building head, party leader, other chiefs and residents do not', async () => {
    for (const who of [helperA, chief, staff])
      expect((await ok<CareDetail>(who, 'detail', { personId: p._id })).flags).toEqual(['pregnant'])
    expect((await ok<CareDetail>(helperA, 'detail', { personId: p._id })).mySlot).toBe('gridWorker')
    for (const who of [buildingHead, partyLeader, otherChief, helperB, outsider])
      expect(await code(who, 'detail', { personId: p._id })).toBe('NOT_FOUND')
  })

  it('every read that shows flags is in the audit log', async () => {
    await ok(chief, 'detail', { personId: p._id })
    await ok(chief, 'list', { unitId: gridId })
    await ok(helperA, 'mine', {})
    const mine = (await docs<AuditDoc>('audit')).filter((a) => a.subjectIds.includes(p._id))
    expect(new Set(mine.map((a) => a.action))).toEqual(
      new Set(['care.mark', 'care.team', 'care.detail', 'care.list', 'care.mine']),
    )
  })

  it('lists are for grid chiefs and staff over the unit, paged', async () => {
    const first = await ok<{ rows: CareRow[]; nextCursor: string | null }>(chief, 'list', {
      unitId: gridId,
      pageSize: 2,
    })
    expect(first.rows).toHaveLength(2)
    expect(first.nextCursor).not.toBeNull()
    const second = await ok<{ rows: CareRow[] }>(chief, 'list', {
      unitId: gridId,
      pageSize: 2,
      cursor: first.nextCursor,
    })
    expect(second.rows.map((r) => r.personId)).not.toContain(first.rows[0].personId)
    for (const who of [buildingHead, partyLeader, helperA])
      expect(await code(who, 'list', { unitId: gridId })).toBe('FORBIDDEN')
    expect(await code(otherChief, 'list', { unitId: gridId })).toBe('FORBIDDEN')
  })
})

describe('the daily check', () => {
  let p: PersonDoc
  beforeAll(async () => {
    p = await resident(8)
    await ok(staff, 'mark', { personId: p._id, flags: ['isolated'] })
    await ok(staff, 'team', { personId: p._id, team: team({ gridWorker: helperA._id, doctor: helperB._id }) })
  })

  it('a helper checks once a day: a second check updates the record and counts nothing', async () => {
    await ok(helperA, 'check', { personId: p._id, seen: true, temperature: 36.8, needs: '' })
    const d = await ok<CareDetail>(helperA, 'check', { personId: p._id, seen: true, temperature: 37.2, needs: '买菜' })
    expect(d.checks.filter((k) => k.helperName === helperA.name)).toHaveLength(1)
    expect(d.checks[0]).toMatchObject({ temperature: 37.2, needs: '买菜', slot: 'gridWorker' })
    expect((await careOf(p._id))?.checks).toBe(1)
    const mine = await ok<{ rows: CareMineRow[] }>(helperA, 'mine', {})
    expect(mine.rows.find((r) => r.personId === p._id)).toMatchObject({ mineToday: true, checkedToday: true })
    expect(
      (await ok<{ rows: CareMineRow[] }>(helperB, 'mine', {})).rows.find((r) => r.personId === p._id),
    ).toMatchObject({
      mineToday: false,
      checkedToday: true,
    })
  })

  it('ten racing checks of one helper on one day count once', async () => {
    const before = (await careOf(p._id))?.checks ?? 0
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        act(helperB, 'check', { personId: p._id, seen: i % 2 === 0, needs: `第${i}次` }),
      ),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect((await careOf(p._id))?.checks).toBe(before + 1)
    const day = careDayOf(new Date())
    expect(
      (await docs<CareCheckDoc>('careChecks')).filter(
        (k) => k.carePersonId === p._id && k.helperId === helperB._id && k.day === day,
      ),
    ).toHaveLength(1)
  })

  it('only the team checks; bad temperatures are refused and nothing is written', async () => {
    expect(await code(chief, 'check', { personId: p._id, seen: true })).toBe('CARE_NOT_HELPER')
    expect(await code(outsider, 'check', { personId: 'no-such-person', seen: true })).toBe('NOT_FOUND')
    const before = (await docs<CareCheckDoc>('careChecks')).length
    for (const temperature of [34.9, 42.1, '37'])
      expect(await code(helperA, 'check', { personId: p._id, seen: true, temperature })).toBe('INVALID_PAYLOAD')
    expect(await code(helperA, 'check', { personId: p._id, seen: true, needs: 'x'.repeat(201) })).toBe(
      'INVALID_PAYLOAD',
    )
    expect((await docs<CareCheckDoc>('careChecks')).length).toBe(before)
  })
})

describe('the missed daily check', () => {
  it('after yesterday’s cutoff, one alert per unchecked person, however often the timer runs; a check closes it', async () => {
    const day = careDayOf(new Date(Date.now() - 86_400_000))
    const dayBefore = careDayOf(new Date(Date.now() - 2 * 86_400_000))
    const [a, b] = [await resident(9), await resident(10)]
    const care = (x: PersonDoc, lastCheckDay: string): CarePersonDoc => ({
      _id: x._id,
      personId: x._id,
      name: x.name,
      householdId: x.householdId as string,
      homePath: x.homePath as string,
      communityId: 'c1',
      flags: ['elderlyAlone'],
      note: '',
      active: true,
      activeSince: new Date(Date.now() - 5 * 86_400_000),
      team: { ...EMPTY_TEAM, gridWorker: { personId: helperA._id, name: helperA.name } },
      helperIds: [helperA._id],
      lastCheckDay,
      checks: 1,
      lastAlertDay: '',
      openAlertDay: '',
      alerts: 0,
      history: [],
      updatedAt: new Date(),
      createdAt: new Date(),
    })
    await g.cloud.seed({ carePersons: [care(a, dayBefore), care(b, day)] })
    const at = new Date(+cutoffOf(day) + 60_000)
    const [first, second] = [await fire(at), await fire(at)]
    expect((first.result as Envelope<{ raised: number }>).ok).toBe(true)
    expect(second.result as Envelope<{ raised: number; day: string }>).toMatchObject({
      ok: true,
      data: { raised: 0, day },
    })
    const alerts = (await docs<CareAlertDoc>('careAlerts')).filter((x) => [a._id, b._id].includes(x.carePersonId))
    expect(alerts.map((x) => [x.carePersonId, x.day])).toEqual([[a._id, day]])
    expect((await careOf(a._id))?.alerts).toBe(1)
    // the helper and the grid chief see it; the list filters it
    expect(
      (await ok<{ rows: CareMineRow[] }>(helperA, 'mine', {})).rows.find((r) => r.personId === a._id)?.missedDay,
    ).toBe(day)
    const missed = await ok<{ rows: CareRow[] }>(chief, 'list', { unitId: gridId, filter: 'missed', pageSize: 50 })
    expect(missed.rows.map((r) => r.personId)).toContain(a._id)
    expect(missed.rows.map((r) => r.personId)).not.toContain(b._id)
    await ok(helperA, 'check', { personId: a._id, seen: true })
    expect((await careOf(a._id))?.openAlertDay).toBe('')
  })
})

describe('unmarking', () => {
  it('clearing every flag ends the team’s access and the count; the record and its history stay for staff', async () => {
    const p = await resident(11)
    await ok(staff, 'mark', { personId: p._id, flags: ['disabled'] })
    await ok(staff, 'team', { personId: p._id, team: team({ gridWorker: helperA._id }) })
    const before = await counter(gridId)
    const d = await ok<CareDetail>(staff, 'mark', { personId: p._id, flags: [], note: '已康复' })
    expect(d).toMatchObject({ active: false, flags: [] })
    expect(d.history.map((h) => h.flags)).toEqual([[], ['disabled']])
    expect(await counter(gridId)).toBe((before ?? 0) - 1)
    expect(await code(helperA, 'detail', { personId: p._id })).toBe('NOT_FOUND')
    expect(await code(helperA, 'check', { personId: p._id, seen: true })).toBe('NOT_FOUND')
    expect((await ok<{ rows: CareMineRow[] }>(helperA, 'mine', {})).rows.map((r) => r.personId)).not.toContain(p._id)
  })
})
