/**
 * requests.updateSettings through the real wx-server-sdk against the local cloud over the demo: community staff set
 * their community's categories and limits, street staff their street's departments, holidays and 调休; what is left
 * out keeps what is stored; the result is validated whole (every problem named, nothing written); each change is one
 * audit entry; reports and deadlines follow at once; every role allowed and refused; hostile payloads.
 */
import type { SettingsView } from '../../../core/contract/requests'
import type { AuditDoc, PersonDoc, RequestSettingsDoc } from '../../../core/model'
import { ancestorAt } from '../../../core/units'
import { personaPerson } from '../../demo'
import { exactly } from '../harness/functions-cloud'
import { newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(180_000)

let g: RequestsCloud
let resident: PersonDoc
let staff: PersonDoc
let otherStaff: PersonDoc
let street: PersonDoc
let chief: PersonDoc
let dept: PersonDoc
let communityId: string
let streetId: string

const stored = async (id: string) =>
  ((await g.dump()).requestSettings as RequestSettingsDoc[]).find((d) => d._id === id) ?? null
const audits = async () => ((await g.dump()).audit as AuditDoc[]).filter((a) => a.action === 'requests.updateSettings')
const update = (person: PersonDoc, payload: object) => g.act<SettingsView>(person, 'updateSettings', payload)

beforeAll(async () => {
  g = await startRequestsCloud()
  resident = personaPerson(g.demo, 'resident')
  communityId = ancestorAt(resident.homePath as string, 'community') as string
  streetId = ancestorAt(resident.homePath as string, 'street') as string
  staff = personaPerson(g.demo, 'communityStaff')
  street = personaPerson(g.demo, 'streetStaff')
  dept = personaPerson(g.demo, 'department')
  chief = g.holder('gridChief', ancestorAt(resident.homePath as string, 'grid') as string)
  const other = g.demo.units.find((u) => u.level === 'community' && u._id !== communityId)
  otherStaff = g.holder('communityStaff', other?._id as string)
})
afterAll(async () => {
  await g?.close()
})

describe('the community’s half', () => {
  it('switches categories off and sets limits; reports and deadlines follow at once; one audit entry', async () => {
    const view = await g.ok<SettingsView>(staff, 'updateSettings', {
      scope: 'community',
      unitId: communityId,
      disabled: ['enterprise'],
      limits: { repair: { respondHours: 2, resolveHours: 12, basis: 'calendar' } },
      urgentHours: 1,
    })
    expect(view.categories.find((c) => c.id === 'enterprise')?.enabled).toBe(false)
    expect(view.categories.find((c) => c.id === 'repair')?.limits).toEqual({
      respondHours: 2,
      resolveHours: 12,
      basis: 'calendar',
    })
    expect(view).toMatchObject({ communityId, urgentHours: 1, editable: { community: true, street: false } })
    expect(await stored(communityId)).toMatchObject({
      level: 'community',
      disabled: ['enterprise'],
      urgentHours: 1,
      updatedBy: staff._id,
    })
    const [entry] = await audits()
    expect(entry).toMatchObject({ actorId: staff._id, unitId: communityId, subjectIds: [] })
    expect(entry.note).toContain('停用类别：企业服务')
    expect(entry.note).toContain('维修 响应 2 小时、办结 12 小时（自然时）')

    // a resident of the community reads them, and reports as they say
    const read = await g.ok<SettingsView>(resident, 'settings', { unitId: resident.householdId })
    expect(read.categories.find((c) => c.id === 'enterprise')?.enabled).toBe(false)
    const building = g.unit(resident.householdId as string).parentId as string
    const report = (category: string) =>
      g.act<{ id: string }>(resident, 'report', {
        tapId: newTap('report'),
        category,
        description: '单元门的闭门器坏了',
        place: { kind: 'building', unitId: building },
      })
    expect(await report('enterprise')).toEqual(exactly('REQUEST_CATEGORY_OFF'))
    const filed = await report('repair')
    if (!filed.ok) throw new Error(filed.code)
    const r = await g.request(filed.data.id)
    expect(+new Date(r.respondDueAt as Date) - +new Date(r.createdAt)).toBe(2 * 3_600_000)
    expect(+new Date(r.resolveDueAt as Date) - +new Date(r.createdAt)).toBe(12 * 3_600_000)
  })

  it('keeps what a later change leaves out', async () => {
    await g.ok(staff, 'updateSettings', { scope: 'community', unitId: communityId, autoCloseDays: 10 })
    expect(await stored(communityId)).toMatchObject({ disabled: ['enterprise'], urgentHours: 1, autoCloseDays: 10 })
    await g.ok(staff, 'updateSettings', { scope: 'community', unitId: communityId, disabled: [] })
    const view = await g.ok<SettingsView>(staff, 'settings', { unitId: communityId })
    expect(view.categories.every((c) => c.enabled)).toBe(true)
    expect(view).toMatchObject({ autoCloseDays: 10, urgentHours: 1 })
    expect(await audits()).toHaveLength(3)
  })

  it('sets what an errand earns its volunteer, within its bounds, and logs it in words', async () => {
    expect((await g.ok<SettingsView>(staff, 'settings', { unitId: communityId })).errandPoints).toBe(10)
    const view = await g.ok<SettingsView>(staff, 'updateSettings', {
      scope: 'community',
      unitId: communityId,
      errandPoints: 25,
    })
    expect(view.errandPoints).toBe(25)
    expect(await stored(communityId)).toMatchObject({ errandPoints: 25 })
    expect(JSON.stringify((await audits()).at(-1))).toContain('跑腿代购每件 25 积分')
    const before = await audits()
    for (const errandPoints of [0, 101, 2.5, '20'])
      expect(
        await g.act(staff, 'updateSettings', { scope: 'community', unitId: communityId, errandPoints }),
      ).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(await audits()).toEqual(before)
    expect(await stored(communityId)).toMatchObject({ errandPoints: 25 })
  })
})

describe('the street’s half', () => {
  it('sets departments, holidays and 调休 workdays', async () => {
    const departments = [
      { id: 'chengguan', name: '城管', reportInHours: 12 },
      { id: 'huanwei', name: '环卫', reportInHours: 24 },
      { id: 'xiaofang', name: ' 消防 ', reportInHours: 6 },
    ]
    const view = await g.ok<SettingsView>(street, 'updateSettings', {
      scope: 'street',
      unitId: streetId,
      departments,
      holidays: ['2027-01-01', '2026-12-31', '2027-01-01'],
      workdays: ['2027-01-03'],
    })
    expect(view.departments).toEqual(departments.map((d) => ({ ...d, name: d.name.trim() })))
    expect(view).toMatchObject({
      streetId,
      holidays: ['2026-12-31', '2027-01-01'],
      workdays: ['2027-01-03'],
      editable: { street: true },
    })
    expect(await stored(streetId)).toMatchObject({ level: 'street', updatedBy: street._id })
    expect((await audits()).find((a) => a.unitId === streetId)?.note).toContain('消防（报到 6 小时）')
  })

  it('validates the whole: a new workday that is a stored holiday is refused, every problem named', async () => {
    const before = await stored(streetId)
    const auditsBefore = (await audits()).length
    const res = await update(street, { scope: 'street', unitId: streetId, workdays: ['2027-01-01', '2027-01-05'] })
    expect(res).toMatchObject({ ok: false, code: 'REQUEST_SETTINGS_INVALID' })
    const reasons = (res as { issues?: { reason: string }[] }).issues?.map((i) => i.reason) ?? []
    expect(reasons).toEqual(
      expect.arrayContaining(['调休上班日“2027-01-05”不是周末', '“2027-01-01”不能既是节假日又是上班日']),
    )
    expect(await stored(streetId)).toEqual(before)
    expect(await audits()).toHaveLength(auditsBefore)
  })
})

describe('who may change which half', () => {
  it.each([
    ['community staff, their community', true, () => staff, () => ({ scope: 'community', unitId: communityId })],
    [
      'community staff, another community',
      false,
      () => otherStaff,
      () => ({ scope: 'community', unitId: communityId }),
    ],
    ['street staff, a community’s half', false, () => street, () => ({ scope: 'community', unitId: communityId })],
    ['street staff, the street', true, () => street, () => ({ scope: 'street', unitId: streetId })],
    ['community staff, the street', false, () => staff, () => ({ scope: 'street', unitId: streetId })],
    ['a grid chief', false, () => chief, () => ({ scope: 'community', unitId: communityId })],
    ['城管', false, () => dept, () => ({ scope: 'street', unitId: streetId })],
    ['a resident', false, () => resident, () => ({ scope: 'community', unitId: communityId })],
  ])('as %s: allowed %s', async (_who, allowed, person, target) => {
    const half = target()
    const fields = half.scope === 'community' ? { reinspectWeeks: 6 } : { holidays: ['2027-02-17'] }
    const res = await update(person(), { ...half, ...fields })
    if (allowed) expect(res.ok).toBe(true)
    else expect(res).toEqual(exactly('FORBIDDEN'))
  })
})

describe('hostile and malformed settings', () => {
  it.each([
    [
      'every category off',
      { disabled: ['errand', 'repair', 'sanitation', 'dispute', 'hazard', 'help', 'enterprise', 'other'] },
      'REQUEST_SETTINGS_INVALID',
    ],
    [
      'a response longer than the resolution',
      { limits: { repair: { respondHours: 48, resolveHours: 24, basis: 'calendar' } } },
      'REQUEST_SETTINGS_INVALID',
    ],
    ['a category that does not exist', { disabled: ['bribe'] }, 'INVALID_PAYLOAD'],
    [
      'limits of an unknown category',
      { limits: { bribe: { respondHours: 1, resolveHours: 2, basis: 'calendar' } } },
      'INVALID_PAYLOAD',
    ],
    [
      'a limit beyond 60 days',
      { limits: { repair: { respondHours: 1, resolveHours: 2000, basis: 'calendar' } } },
      'INVALID_PAYLOAD',
    ],
    [
      'an unknown basis',
      { limits: { repair: { respondHours: 1, resolveHours: 2, basis: 'lunar' } } },
      'INVALID_PAYLOAD',
    ],
    [
      'the street’s fields in the community’s half',
      { departments: [{ id: 'x1', name: '某部门', reportInHours: 1 }] },
      'INVALID_PAYLOAD',
    ],
    ['nothing to save', {}, 'INVALID_PAYLOAD'],
    ['a field of its own', { owner: 'me' }, 'INVALID_PAYLOAD'],
  ])('refuses %s, writing nothing', async (_what, fields, code) => {
    const before = await stored(communityId)
    const n = (await audits()).length
    const res = await update(staff, { scope: 'community', unitId: communityId, ...fields })
    expect(res).toMatchObject({ ok: false, code })
    expect(await stored(communityId)).toEqual(before)
    expect(await audits()).toHaveLength(n)
  })

  it.each([
    [
      'two departments with one id',
      {
        departments: [
          { id: 'chengguan', name: '城管', reportInHours: 1 },
          { id: 'chengguan', name: '城管二', reportInHours: 1 },
        ],
      },
      'REQUEST_SETTINGS_INVALID',
    ],
    ['no department at all', { departments: [] }, 'INVALID_PAYLOAD'],
    [
      'a department id with capitals',
      { departments: [{ id: 'ChengGuan', name: '城管', reportInHours: 1 }] },
      'INVALID_PAYLOAD',
    ],
    ['a day that is not one', { holidays: ['2027-02-30'] }, 'REQUEST_SETTINGS_INVALID'],
    ['a badly written day', { holidays: ['tomorrow'] }, 'INVALID_PAYLOAD'],
    ['the street half aimed at a community', { unitId: 'c1' }, 'INVALID_PAYLOAD'],
  ])('refuses %s for the street, writing nothing', async (_what, fields, code) => {
    const before = await stored(streetId)
    const res = await update(street, { scope: 'street', unitId: streetId, holidays: ['2027-02-18'], ...fields })
    expect(res).toMatchObject({ ok: false, code })
    expect(await stored(streetId)).toEqual(before)
  })
})
