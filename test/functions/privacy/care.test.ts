/**
 * Care (关爱对象, 四包一) in privacy.exportMyData and privacy.requestDeletion, through the real wx-server-sdk in the
 * local cloud. A person who is a care person and also helps another finds their care record (flags, note, team),
 * the team they sit on and the checks they made in their export, and read in plain Chinese on 导出我的数据. After
 * their deletion the other's team has their seat empty (the grid chief's list and page show the gap), their checks
 * keep the day under 已注销居民, their own care record goes with its checks and alerts, and unitCounters.care drops
 * with their flags in one transaction: cut off at any step and asked again, a deletion ends as one that never
 * stopped, and at every cut the count equals a recount of the flags.
 */
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))
jest.mock('@tarojs/components', () => ({}))
jest.mock('../../../src/ui/nutui', () => ({}))

import cloudSdk from 'wx-server-sdk'
import { anonymise } from '../../../cloudfunctions/privacy/anonymise'
import { careDayOf } from '../../../core/care/days'
import type { CareDetail, CareRow, MyData } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { careAlertId } from '../../../core/ids'
import type { CareAlertDoc, CareCheckDoc, CarePersonDoc, PersonDoc, UnitCounterDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { createData } from '../../../server/data'
import { describeMyData } from '../../../src/components/my-data-view'
import { dyingAt } from '../harness/dying-data'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(600_000)

let g: FunctionsCloud
let serial = 0
let staff: PersonDoc
let chief: PersonDoc
let gridId: string
let gridPath: string

const call = async <T>(fn: string, p: PersonDoc, action: string, payload: unknown = {}) =>
  data((await g.cloud.callFunction(fn, { action, payload }, { openid: p.openid as string })).result as Envelope<T>)
const care = <T>(p: PersonDoc, action: string, payload: unknown) => call<T>('care', p, action, payload)
const privacy = <T>(p: PersonDoc, action: string, payload: unknown = {}) => call<T>('privacy', p, action, payload)

const homes = () => g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, gridPath))
async function person(role: Role, unitId?: string, home?: Unit): Promise<PersonDoc> {
  const k = ++serial
  const p: PersonDoc = {
    _id: `care_pv_${String(k).padStart(3, '0')}`,
    openid: `o_care_pv_${k}`,
    name: `关爱隐私${k}`,
    phone: `1390004${String(k).padStart(4, '0')}`,
    ...(home ? { householdId: home._id, homePath: home.path } : {}),
    roles: [{ role, unitId: unitId ?? (home as Unit)._id }],
    createdAt: new Date(),
  }
  await g.cloud.seed({ people: [p] })
  return p
}
const resident = (n: number) => person('resident', undefined, homes()[n % homes().length])
const team = (t: Partial<Record<'cadre' | 'gridWorker' | 'police' | 'doctor', string>>) => ({
  cadre: t.cadre ?? null,
  gridWorker: t.gridWorker ?? null,
  police: t.police ?? null,
  doctor: t.doctor ?? null,
})

beforeAll(async () => {
  g = await startFunctionsCloud(['care', 'privacy'], { timers: false })
  gridPath = g.persona('resident').homePath as string
  gridId = ancestorAt(gridPath, 'grid') as string
  gridPath = (g.demo.units.find((u) => u._id === gridId) as Unit).path
  staff = await person('communityStaff', 'c1')
  chief = await person('gridChief', gridId)
})
afterAll(async () => {
  await g?.close()
})

interface Story {
  /** a care person who also sits on another's team */
  x: PersonDoc
  /** the other care person, whom x helps */
  y: PersonDoc
  /** x's own helper */
  h: PersonDoc
  day: string
}

/** x is marked 独居老人 with h as their 网格员, and is the 网格员 of y, whom they checked on today; x missed a day. */
async function story(n: number): Promise<Story> {
  const [x, y, h] = [await resident(n), await resident(n + 1), await resident(n + 2)]
  await care(staff, 'mark', { personId: x._id, flags: ['elderlyAlone'], note: '独居，腿脚不便' })
  await care(staff, 'mark', { personId: y._id, flags: ['disabled'] })
  await care(staff, 'team', { personId: x._id, team: team({ gridWorker: h._id }) })
  await care(staff, 'team', { personId: y._id, team: team({ cadre: staff._id, gridWorker: x._id }) })
  await care(x, 'check', { personId: y._id, seen: true, needs: '想买米' })
  await care(h, 'check', { personId: x._id, seen: true, temperature: 36.6 })
  const yesterday = careDayOf(new Date(Date.now() - 86_400_000))
  const alert: CareAlertDoc = {
    _id: careAlertId(x._id, yesterday),
    carePersonId: x._id,
    name: x.name,
    day: yesterday,
    homePath: x.homePath as string,
    helperIds: [h._id],
    raisedAt: new Date(),
  }
  await g.cloud.seed({ careAlerts: [alert] })
  return { x, y, h, day: careDayOf(new Date()) }
}

const stored = async () => {
  const d = await g.dump()
  return {
    people: d.people as PersonDoc[],
    carePersons: d.carePersons as CarePersonDoc[],
    careChecks: d.careChecks as CareCheckDoc[],
    careAlerts: d.careAlerts as CareAlertDoc[],
    unitCounters: d.unitCounters as UnitCounterDoc[],
  }
}

/** The care count of the grid and its community against a recount of the flags of the people living there. */
async function countsAgree(): Promise<{ grid: number; community: number }> {
  const s = await stored()
  const flagged = (path: string) =>
    s.people.filter((p) => p.homePath && isWithin(p.homePath, path) && (p.careFlags?.length ?? 0) > 0).length
  const held = (id: string) => s.unitCounters.find((c) => c._id === id)?.care ?? 0
  const communityPath = (g.demo.units.find((u) => u._id === 'c1') as Unit).path
  return { grid: held(gridId) - flagged(gridPath), community: held('c1') - flagged(communityPath) }
}

/** What a deletion of x leaves, without ids and times: what two deletions must agree on. */
async function left(st: Story) {
  const s = await stored()
  const yCare = s.carePersons.find((c) => c._id === st.y._id) as CarePersonDoc
  const byX = s.careChecks.filter((k) => k.helperId === st.x._id)
  const text = JSON.stringify([s.carePersons, s.careChecks, s.careAlerts])
  return {
    xRecord: s.carePersons.some((c) => c._id === st.x._id),
    xFlags: s.people.find((p) => p._id === st.x._id)?.careFlags ?? [],
    xChecked: s.careChecks.filter((k) => k.carePersonId === st.x._id).length,
    xAlerts: s.careAlerts.filter((a) => a.carePersonId === st.x._id).length,
    yTeam: { cadre: yCare.team.cadre?.name, gridWorker: yCare.team.gridWorker, helperIds: yCare.helperIds },
    yChecks: yCare.checks,
    byX: byX.map((k) => ({ name: k.helperName, day: k.day, seen: k.seen, needs: k.needs })),
    drift: await countsAgree(),
    traces: [st.x.name, st.x.phone].filter((t) => text.includes(t)),
  }
}

describe('a care person who helps another', () => {
  let st: Story
  beforeAll(async () => {
    st = await story(1)
  })

  it('finds their care record, the team they sit on and the checks they made in their export, in plain Chinese', async () => {
    const mine = await privacy<MyData>(st.x, 'exportMyData')
    expect(mine.care).toEqual({
      record: {
        flags: ['elderlyAlone'],
        note: '独居，腿脚不便',
        active: true,
        team: [{ slot: 'gridWorker', name: st.h.name }],
        checks: 1,
        history: [{ flags: ['elderlyAlone'], note: '独居，腿脚不便', by: staff.name, at: expect.any(String) }],
      },
      helping: [{ name: st.y.name, slot: 'gridWorker', active: true }],
      checksMade: [{ day: st.day, name: st.y.name, seen: true, temperature: null, needs: '想买米' }],
    })
    // nobody else's checks: h's check of x is x's record, not a check x made
    expect(mine.care?.checksMade).toHaveLength(1)

    const section = describeMyData(mine).find((s) => s.title === '关爱包联')
    expect(section?.rows.map((r) => `${r.label} ${r.value}`)).toEqual([
      '我的关爱标记 独居老人',
      '备注 独居，腿脚不便',
      `我的包联人 网格员 ${st.h.name}`,
      '上门探访 1 次',
      `我包联的 ${st.y.name} · 网格员`,
      '我的探访记录 1 次',
      `${st.day} 探访 ${st.y.name} · 见到本人 · 想买米`,
    ])
    const shown = JSON.stringify(describeMyData(mine))
    for (const internal of [st.x._id, st.y._id, 'elderlyAlone', 'gridWorker', 'true'])
      expect(shown).not.toContain(internal)

    // the helper's own export lists the one they help, not x's record
    const hs = await privacy<MyData>(st.h, 'exportMyData')
    expect(hs.care).toMatchObject({ record: null, helping: [{ name: st.x.name, slot: 'gridWorker' }] })
  })

  it('after their deletion: their seat on the team is empty for the leader, their checks stay unnamed, their record and count go', async () => {
    const before = await countsAgree()
    expect(before).toEqual({ grid: 0, community: 0 })
    expect(await privacy(st.x, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })
    expect(await left(st)).toEqual({
      xRecord: false,
      xFlags: [],
      xChecked: 0,
      xAlerts: 0,
      yTeam: { cadre: staff.name, gridWorker: null, helperIds: [staff._id] },
      yChecks: 1,
      byX: [{ name: DELETED_NAME, day: st.day, seen: true, needs: '想买米' }],
      drift: { grid: 0, community: 0 },
      traces: [],
    })
    // the grid chief sees the gap: y's team has no 网格员 any more, and x is off the list
    const d = await care<CareDetail>(chief, 'detail', { personId: st.y._id })
    expect(d.team.gridWorker).toBeNull()
    expect(d.checks).toEqual([expect.objectContaining({ helperName: DELETED_NAME, seen: true })])
    const rows: CareRow[] = []
    for (let cursor: string | null | undefined; ; ) {
      const page = await care<{ rows: CareRow[]; nextCursor: string | null }>(chief, 'list', {
        unitId: gridId,
        pageSize: 50,
        ...(cursor ? { cursor } : {}),
      })
      rows.push(...page.rows)
      cursor = page.nextCursor
      if (!cursor) break
    }
    expect(rows.find((r) => r.personId === st.y._id)?.team).toEqual([{ slot: 'cadre', name: staff.name }])
    expect(rows.map((r) => r.personId)).not.toContain(st.x._id)
    // and x's own helper no longer finds them
    const hs = await privacy<MyData>(st.h, 'exportMyData')
    expect(hs.care?.helping).toEqual([])
  })
})

describe('a deletion cut off part way', () => {
  const fresh = async (p: PersonDoc) => (await stored()).people.find((x) => x._id === p._id) as PersonDoc

  it('ends as a deletion that never stopped, wherever in its care records it was cut off; the count never drifts', async () => {
    const db = createData(cloudSdk.database())
    const ref = await story(10)
    const log: string[] = []
    await anonymise(dyingAt(0, db, log), await fresh(ref.x), DELETED_NAME)
    const expected = await left(ref)
    expect(expected).toMatchObject({ xRecord: false, xFlags: [], drift: { grid: 0, community: 0 }, traces: [] })

    const first = log.indexOf('data.carePersons.allOfHelper')
    const last = log.lastIndexOf('data.carePersons.remove')
    expect(first).toBeGreaterThan(0)
    expect(last).toBeGreaterThan(first)
    const cuts = log.flatMap((_, i) => (i >= first && i <= last + 1 ? [i] : []))
    expect(cuts.length).toBeGreaterThan(8)
    for (const [i, at] of cuts.entries()) {
      const st = await story(20 + 3 * i)
      await expect(anonymise(dyingAt(at + 1, db, []), await fresh(st.x), DELETED_NAME)).rejects.toThrow(
        `killed at ${log[at]}`,
      )
      // wherever it stopped, the care count agrees with the flags, and the flags with the care record
      const s = await stored()
      const record = s.carePersons.find((c) => c._id === st.x._id)
      const flags = s.people.find((p) => p._id === st.x._id)?.careFlags ?? []
      expect({ cut: log[at], drift: await countsAgree(), marked: !!record?.active && record.flags.length > 0 }).toEqual(
        {
          cut: log[at],
          drift: { grid: 0, community: 0 },
          marked: flags.length > 0,
        },
      )
      expect(await privacy(st.x, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })
      expect({ cut: log[at], ...(await left(st)) }).toEqual({ cut: log[at], ...expected })
    }
  })
})
