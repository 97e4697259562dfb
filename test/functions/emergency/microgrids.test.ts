/**
 * 战时网格 through the real wx-server-sdk against the local cloud over the demo (和平里社区 in 寒潮防冻; its third grid
 * split into 东片 by the seed, its second grid whole): a grid chief splits their grid into three with leaders from
 * the reserve force, and each leader is a building head of exactly their buildings (sees their households, nothing
 * else) until the 战时网格 is retired or gets another leader; every action refused by role and scope and for bad
 * payloads with nothing written; two splits racing for one building leave exactly one; a deleted leader shows as
 * 已注销居民 with no grant left; ending an emergency retires its 战时网格, and an end killed midway is finished by the
 * retireMicroGrids timer with no grant surviving.
 */
import cloudSdk from 'wx-server-sdk'
import type { ActionName, Result } from '../../../core/contract'
import { ERROR_MESSAGES, type Envelope, type ErrorCode } from '../../../core/envelope'
import { wartimeBuildingLockId } from '../../../core/ids'
import type { EmergencyDoc, PersonDoc, WartimeBuildingLockDoc, WartimeGridDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import { isWithin, type Unit } from '../../../core/units'
import { end } from '../../../cloudfunctions/emergency/handlers/switch'
import { loadCaller } from '../../../server/caller'
import type { Database } from '../../../server/cloud'
import { createData, type Data } from '../../../server/data'
import { DEMO_CADRE_ID, DEMO_EMERGENCY_ID, DEMO_MICROGRID_ID } from '../../../emulator/seed/emergency'
import { personaPerson } from '../../demo'
import { exactly, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(240_000)

type A = ActionName<'emergency'>
/** A refusal with its detail after the code's message. */
const refused = (code: ErrorCode, detail: string) => ({
  ok: false,
  code,
  message: `${ERROR_MESSAGES[code]}：${detail}`,
})

let g: FunctionsCloud
let serial = 0
const tap = (label = 'mg') => `${label}-${Date.now().toString(36)}-${++serial}`

const unit = (id: string): Unit => {
  const u = g.demo.units.find((x) => x._id === id)
  if (!u) throw new Error(`no unit ${id}`)
  return u
}
const buildingsOf = (gridId: string) => g.demo.units.filter((u) => u.parentId === gridId && u.level === 'microgrid')
const householdIn = (unitId: string, nth = 0) => {
  const found = g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, unit(unitId).path))[nth]
  if (!found) throw new Error(`no household #${nth} under ${unitId}`)
  return found
}
const call = async <T>(fn: string, person: PersonDoc, action: string, payload: unknown) => {
  if (!person.openid) throw new Error(`${person._id} has no openid`)
  return (await g.cloud.callFunction(fn, { action, payload }, { openid: person.openid })).result as Envelope<T>
}
const act = <K extends A>(p: PersonDoc, action: K, payload: unknown) =>
  call<Result<'emergency', K>>('emergency', p, action, payload)
async function ok<K extends A>(p: PersonDoc, action: K, payload: unknown): Promise<Result<'emergency', K>> {
  const res = await act(p, action, payload)
  if (!res.ok) throw new Error(`${action} as ${p._id}: ${res.code} ${res.message}`)
  return res.data
}
const add = async (p: Omit<PersonDoc, 'createdAt'>) => {
  const doc: PersonDoc = { ...p, createdAt: new Date() }
  await g.cloud.seed({ people: [doc] })
  return doc
}
const holding = (role: Role, unitId: string) => {
  const n = ++serial
  return add({
    _id: `mg_person_${n}`,
    openid: `o_mg_${n}`,
    name: `战时测试${n}`,
    phone: `1371000${String(n).padStart(4, '0')}`,
    roles: [{ role, unitId }],
  })
}
const resident = (householdId: string) => {
  const home = unit(householdId)
  const n = ++serial
  return add({
    _id: `mg_person_${n}`,
    openid: `o_mg_${n}`,
    name: `战时居民${n}`,
    phone: `1371000${String(n).padStart(4, '0')}`,
    householdId: home._id,
    homePath: home.path,
    roles: [{ role: 'resident', unitId: home._id }],
  })
}
/** A resident of `householdId` registered in the reserve force as `kind`. */
const reserveMember = async (householdId: string, kind = 'partyMember') => {
  const p = await resident(householdId)
  await ok(p, 'register', { kind, availability: '应急期间全天' })
  return p
}
const stored = async <T>(collection: string) => ((await g.dump())[collection] ?? []) as T[]
const person = async (id: string) => (await stored<PersonDoc>('people')).find((p) => p._id === id) as PersonDoc
const wartimeGrants = (p: PersonDoc) => p.roles.filter((r) => r.wartimeGridId)
/** What the grid function lets the person read of a building's households: 'ok' or the refusal's code. */
const households = async (p: PersonDoc, unitId: string) => {
  const res = await call('grid', p, 'households', { unitId })
  return res.ok ? 'ok' : res.code
}

let staff: PersonDoc
let chief: PersonDoc
let ownChief: PersonDoc
let residentPersona: PersonDoc
let gridId: string
let firstGridId: string
let demoGridId: string

beforeAll(async () => {
  g = await startFunctionsCloud(['emergency', 'grid', 'privacy'], { timers: false })
  staff = personaPerson(g.demo, 'communityStaff')
  chief = personaPerson(g.demo, 'gridChief')
  ownChief = personaPerson(g.demo, 'gridChief', 1)
  residentPersona = personaPerson(g.demo, 'resident')
  gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  firstGridId = ownChief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  // the demo's split grid: 和平里社区's third (emulator/seed/emergency.ts)
  demoGridId = g.demo.units.filter((u) => u.level === 'grid' && u.parentId === 'c1')[2]._id
})
afterAll(async () => {
  await g?.close()
})

describe('the demo’s split grid', () => {
  it('lists 东片 over two buildings with its cadre, the building left free, and the retired one of 暴雨防汛', async () => {
    const res = await ok(staff, 'microGrids', { gridId: demoGridId })
    expect(res.emergency).toEqual({ id: DEMO_EMERGENCY_ID, name: '寒潮防冻' })
    expect(res.mayManage).toBe(true)
    expect(res.rows).toEqual([
      expect.objectContaining({
        id: DEMO_MICROGRID_ID,
        name: '东片',
        kind: 'building',
        leader: { personId: DEMO_CADRE_ID, name: '周卫国', kind: 'cadre' },
        retiredAt: null,
      }),
    ])
    const [east] = res.rows
    expect(east.buildings).toHaveLength(2)
    expect(east.households).toBe(
      res.buildings.filter((b) => b.microGridId === east.id).reduce((n, b) => n + b.households, 0),
    )
    expect(east.households).toBeGreaterThan(0)
    expect(res.buildings.filter((b) => b.microGridId === null)).toHaveLength(1)
    expect(res.retired).toEqual([expect.objectContaining({ emergencyName: '暴雨防汛', retiredByName: staff.name })])
  })

  it('lets the cadre read their buildings’ households and not the rest of the grid', async () => {
    const cadre = await person(DEMO_CADRE_ID)
    const east = (await ok(cadre, 'myMicroGrids', {})).rows
    expect(east.map((w) => w.id)).toEqual([DEMO_MICROGRID_ID])
    for (const b of east[0].buildings) expect(await households(cadre, b.id)).toBe('ok')
    const free = buildingsOf(demoGridId).find((b) => !east[0].buildings.some((x) => x.id === b._id)) as Unit
    expect(await households(cadre, free._id)).toBe('FORBIDDEN')
    expect(await households(cadre, demoGridId)).toBe('FORBIDDEN')
  })

  it('shows the cadre on 首页 of a resident of their building as 战时网格长 beside its own 楼栋长', async () => {
    const east = g.demo.units.find((u) => u._id === (buildingsOf(demoGridId)[1] as Unit)._id) as Unit
    const neighbour = await resident(householdIn(east._id)._id)
    const me = await call<Result<'grid', 'me'>>('grid', neighbour, 'me', {})
    if (!me.ok) throw new Error(me.code)
    const heads = me.data.grid?.heads ?? []
    expect(heads.filter((h) => h.role === 'buildingHead')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: DEMO_CADRE_ID, wartime: true }),
        expect.not.objectContaining({ wartime: true }),
      ]),
    )
  })
})

describe('a grid chief splits their grid into three', () => {
  const made: string[] = []
  const leaders: PersonDoc[] = []

  it('offers the reserve force of the community as leaders, not its merchant staff', async () => {
    const res = await ok(chief, 'microGridCandidates', { gridId, pageSize: 50 })
    expect(res.rows.length).toBeGreaterThan(0)
    expect(res.rows.map((r) => r.kind)).not.toContain('merchantStaff')
    expect(res.rows).toEqual(expect.arrayContaining([expect.objectContaining({ personId: DEMO_CADRE_ID })]))
    expect(JSON.stringify(res.rows)).not.toMatch(/1[3-9]\d{9}/)
  })

  it('draws one 战时网格 per building, each leader a building head of exactly theirs', async () => {
    const buildings = buildingsOf(gridId)
    expect(buildings).toHaveLength(3)
    const kinds = ['cadre', 'partyMember', 'volunteer']
    for (const [i, b] of buildings.entries()) {
      const leader = await reserveMember(householdIn(gridId, i)._id, kinds[i])
      const view = await ok(chief, 'createMicroGrid', {
        gridId,
        tapId: tap(),
        name: `${b.name}战时网格`,
        kind: 'building',
        buildingIds: [b._id],
        leaderId: leader._id,
      })
      expect(view).toEqual(
        expect.objectContaining({
          name: `${b.name}战时网格`,
          leader: expect.objectContaining({ personId: leader._id }),
        }),
      )
      made.push(view.id)
      leaders.push(leader)
      expect(wartimeGrants(await person(leader._id))).toEqual([
        { role: 'buildingHead', unitId: b._id, wartimeGridId: view.id },
      ])
    }
    for (const [i, b] of buildings.entries()) {
      expect(await households(leaders[i], b._id)).toBe('ok')
      expect(await households(leaders[i], buildings[(i + 1) % 3]._id)).toBe('FORBIDDEN')
    }
    const list = await ok(chief, 'microGrids', { gridId })
    expect(list.rows.map((w) => w.id).sort()).toEqual([...made].sort())
    expect(list.buildings.every((b) => b.microGridId !== null)).toBe(true)
  })

  it('answers a retried tap with the same one, writing nothing twice', async () => {
    const b = buildingsOf(gridId)[0]._id
    const retired = await ok(chief, 'microGrids', { gridId })
    const first = retired.rows.find((w) => w.buildings.some((x) => x.id === b)) as { id: string }
    // the first split's tap is not known here: a retry of a new one over a free building shows the rule instead
    await ok(chief, 'retireMicroGrid', { id: first.id })
    const payload = { gridId, tapId: tap(), name: '重试', kind: 'lane', buildingIds: [b], leaderId: leaders[0]._id }
    const [one, two] = [await ok(chief, 'createMicroGrid', payload), await ok(chief, 'createMicroGrid', payload)]
    expect(two.id).toBe(one.id)
    expect((await stored<WartimeGridDoc>('wartimeGrids')).filter((w) => w.name === '重试')).toHaveLength(1)
    expect(wartimeGrants(await person(leaders[0]._id))).toEqual([
      { role: 'buildingHead', unitId: b, wartimeGridId: one.id },
    ])
    made[0] = one.id
  })

  it('refuses a building already in one, nothing written', async () => {
    const before = (await stored<WartimeGridDoc>('wartimeGrids')).length
    const res = await act(chief, 'createMicroGrid', {
      gridId,
      tapId: tap(),
      name: '重复',
      kind: 'lane',
      buildingIds: [buildingsOf(gridId)[0]._id],
      leaderId: leaders[1]._id,
    })
    expect(res).toEqual(exactly('MICROGRID_BUILDING_TAKEN'))
    expect(await stored<WartimeGridDoc>('wartimeGrids')).toHaveLength(before)
  })

  it('shows the leader its page with their phone and the grid chief may manage it; others learn nothing', async () => {
    const detail = await ok(leaders[0], 'microGrid', { id: made[0] })
    expect(detail).toEqual(expect.objectContaining({ mine: true, mayManage: false, leaderPhone: leaders[0].phone }))
    expect(detail.buildingCounts).toHaveLength(1)
    expect((await ok(chief, 'microGrid', { id: made[0] })).mayManage).toBe(true)
    expect(await act(leaders[1], 'microGrid', { id: made[0] })).toEqual(exactly('NOT_FOUND'))
    expect(await act(ownChief, 'microGrid', { id: made[0] })).toEqual(exactly('NOT_FOUND'))
  })

  it('renames one and moves its leader: the old one’s powers go, the new one’s come, in one step', async () => {
    const renamed = await ok(chief, 'renameMicroGrid', { id: made[0], name: '东巷', kind: 'lane' })
    expect(renamed).toEqual(expect.objectContaining({ name: '东巷', kind: 'lane' }))
    const next = await reserveMember(householdIn(gridId, 5)._id, 'volunteer')
    const moved = await ok(chief, 'changeMicroGridLeader', { id: made[0], leaderId: next._id })
    expect(moved.leader.personId).toBe(next._id)
    const b = buildingsOf(gridId)[0]._id
    expect(wartimeGrants(await person(leaders[0]._id))).toEqual([])
    expect(wartimeGrants(await person(next._id))).toEqual([{ role: 'buildingHead', unitId: b, wartimeGridId: made[0] }])
    expect(await households(leaders[0], b)).toBe('FORBIDDEN')
    expect(await households(next, b)).toBe('ok')
    leaders[0] = next
  })

  it('retires one: its leader loses the building, the record stays, the building is free again', async () => {
    const b = buildingsOf(gridId)[2]._id
    const retired = await ok(chief, 'retireMicroGrid', { id: made[2] })
    expect(retired.retiredAt).not.toBeNull()
    expect(retired.retiredByName).toBe(chief.name)
    expect(wartimeGrants(await person(leaders[2]._id))).toEqual([])
    expect(await households(leaders[2], b)).toBe('FORBIDDEN')
    expect((await ok(leaders[2], 'myMicroGrids', {})).rows).toEqual([])
    const lock = (await stored<WartimeBuildingLockDoc>('wartimeBuildingLocks')).find(
      (l) => l._id === wartimeBuildingLockId(b),
    )
    expect(lock?.activeId).toBeNull()
    // retired: kept for the record, no longer changed; retiring again answers it as it stands
    expect(await act(chief, 'renameMicroGrid', { id: made[2], name: '再改', kind: 'lane' })).toEqual(
      exactly('MICROGRID_RETIRED'),
    )
    expect((await ok(chief, 'retireMicroGrid', { id: made[2] })).retiredAt).toBe(retired.retiredAt)
    expect((await ok(chief, 'microGrids', { gridId })).retired.map((w) => w.id)).toContain(made[2])
  })

  it('two splits racing for the same building: exactly one wins, and only its leader holds it', async () => {
    const b = buildingsOf(gridId)[2]._id
    const racers = await Promise.all([0, 1, 2, 3].map((i) => reserveMember(householdIn(gridId, 10 + i)._id)))
    const results = await Promise.all(
      racers.map((leader, i) =>
        act(i % 2 ? staff : chief, 'createMicroGrid', {
          gridId,
          tapId: tap('race'),
          name: `抢${i}`,
          kind: 'courtyard',
          buildingIds: [b],
          leaderId: leader._id,
        }),
      ),
    )
    const won = results.filter((r) => r.ok)
    expect(won).toHaveLength(1)
    for (const r of results.filter((x) => !x.ok)) expect(r).toEqual(exactly('MICROGRID_BUILDING_TAKEN'))
    const winner = won[0].ok ? won[0].data : null
    const holders = await Promise.all(racers.map((r) => person(r._id)))
    expect(holders.filter((p) => wartimeGrants(p).length).map((p) => p._id)).toEqual([winner?.leader.personId])
    const active = (await stored<WartimeGridDoc>('wartimeGrids')).filter(
      (w) => !w.retiredAt && w.buildingIds.includes(b),
    )
    expect(active.map((w) => w.name)).toEqual([winner?.name])
  })
})

describe('refusals: role, scope, payload — nothing written', () => {
  const valid = async () => ({
    gridId,
    tapId: tap(),
    name: '西院',
    kind: 'courtyard',
    buildingIds: [buildingsOf(gridId)[1]._id],
    leaderId: DEMO_CADRE_ID,
  })

  it.each([
    ['the chief of another grid', () => personaPerson(g.demo, 'gridChief', 1)],
    ['a building head of the grid', () => holding('buildingHead', buildingsOf(gridId)[0]._id)],
    ['its party leader', () => holding('partyLeader', gridId)],
    ['a resident of the grid', () => resident(householdIn(gridId)._id)],
    ['staff of the other community', () => holding('communityStaff', 'c2')],
  ])('refuses %s', async (_who, make) => {
    const p = await make()
    const res = await act(p, 'createMicroGrid', await valid())
    expect(res).toEqual(exactly('FORBIDDEN'))
  })

  it('refuses visitors', async () => {
    const res = (await g.cloud.callFunction(
      'emergency',
      { action: 'createMicroGrid', payload: await valid() },
      { openid: 'o_nobody' },
    )) as { result: Envelope<unknown> }
    expect(res.result).toEqual(exactly('NOT_REGISTERED'))
  })

  it.each([
    ['no name', { name: '' }],
    ['a name too long', { name: '长'.repeat(21) }],
    ['an unknown kind', { kind: 'street' }],
    ['the same building twice', { buildingIds: ['x', 'x'] }],
    ['too many buildings', { buildingIds: Array.from({ length: 31 }, (_, i) => `b${i}`) }],
    ['a bad tap', { tapId: 'x' }],
    ['an unknown field', { extra: 1 }],
  ])('refuses %s', async (_what, patch) => {
    const res = await act(chief, 'createMicroGrid', { ...(await valid()), ...patch })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })

  it('refuses a building of another grid, a community as the grid, and leaders not eligible', async () => {
    const before = await g.dump()
    const other = buildingsOf(firstGridId)[0]._id
    expect(await act(chief, 'createMicroGrid', { ...(await valid()), buildingIds: [other] })).toEqual(
      refused('INVALID_PAYLOAD', '只能选择这个网格里的楼栋'),
    )
    expect(await act(staff, 'createMicroGrid', { ...(await valid()), gridId: 'c1' })).toEqual(
      refused('INVALID_PAYLOAD', '战时网格只能在网格里划分'),
    )
    const merchant = await reserveMember(householdIn(gridId, 20)._id, 'merchantStaff')
    expect(await act(chief, 'createMicroGrid', { ...(await valid()), leaderId: merchant._id })).toEqual(
      refused('MICROGRID_LEADER_INVALID', '临时负责人应是下沉干部、双报到党员或志愿者'),
    )
    const plain = await resident(householdIn(gridId, 21)._id)
    expect(await act(chief, 'createMicroGrid', { ...(await valid()), leaderId: plain._id })).toEqual(
      refused('MICROGRID_LEADER_INVALID', '没有找到这名应急力量'),
    )
    const elsewhere = await reserveMember(householdIn('c2')._id, 'cadre')
    expect(await act(chief, 'createMicroGrid', { ...(await valid()), leaderId: elsewhere._id })).toEqual(
      refused('MICROGRID_LEADER_INVALID', '这名应急力量不在本次应急的范围内'),
    )
    const after = await g.dump()
    expect(after.wartimeGrids).toEqual(before.wartimeGrids)
    expect(after.wartimeBuildingLocks).toEqual(before.wartimeBuildingLocks)
  })

  it('refuses a grid chief every action on another grid’s 战时网格', async () => {
    const other = personaPerson(g.demo, 'gridChief', 1)
    expect(await act(other, 'microGrids', { gridId })).toEqual(exactly('FORBIDDEN'))
    expect(await act(other, 'microGridCandidates', { gridId })).toEqual(exactly('FORBIDDEN'))
    expect(await act(chief, 'renameMicroGrid', { id: DEMO_MICROGRID_ID, name: 'x', kind: 'lane' })).toEqual(
      exactly('FORBIDDEN'),
    )
    expect(await act(chief, 'retireMicroGrid', { id: DEMO_MICROGRID_ID })).toEqual(exactly('FORBIDDEN'))
    expect(await act(chief, 'changeMicroGridLeader', { id: DEMO_MICROGRID_ID, leaderId: DEMO_CADRE_ID })).toEqual(
      exactly('FORBIDDEN'),
    )
    expect(await act(residentPersona, 'microGrids', { gridId: firstGridId })).toEqual(exactly('FORBIDDEN'))
  })
})

describe('a deleted leader', () => {
  it('loses every grant and shows as 已注销居民 on the 战时网格 they led', async () => {
    const b = buildingsOf(gridId)[1]._id
    const live = (await ok(chief, 'microGrids', { gridId })).rows.find((w) => w.buildings.some((x) => x.id === b))
    if (!live) throw new Error('no 战时网格 over the second building')
    const leader = await person(live.leader.personId)
    const res = await call('privacy', leader, 'requestDeletion', { confirm: true })
    expect(res.ok).toBe(true)
    expect((await person(leader._id)).roles).toEqual([])
    const detail = await ok(chief, 'microGrid', { id: live.id })
    expect(detail.leader.name).toBe('已注销居民')
    expect(detail.leaderPhone).toBe('')
    const doc = (await stored<WartimeGridDoc>('wartimeGrids')).find((w) => w._id === live.id)
    expect(doc?.leader.name).toBe('已注销居民')
    expect(doc?.leader.kind).toBeDefined()
  })
})

describe('ending the emergency', () => {
  /** The data layer the function builds, over the local cloud, that dies once `commits` transactions committed. */
  function dying(commits: number): Data {
    const real = createData(cloudSdk.database() as unknown as Database)
    let left = commits
    return new Proxy(real, {
      get(target, key: keyof Data) {
        if (key === 'transaction')
          return async (...args: Parameters<Data['transaction']>) => {
            if (left <= 0) throw new Error('killed')
            const out = await target.transaction(...args)
            left--
            return out
          }
        return target[key]
      },
    })
  }

  it('retires every 战时网格 of the community, and an end killed midway is finished by the timer', async () => {
    // 春晖社区: an emergency of its own, and a 战时网格 over each of its buildings (more than one batch)
    const c2Staff = await holding('communityStaff', 'c2')
    const { id: emergencyId } = await ok(c2Staff, 'declare', {
      unitId: 'c2',
      tapId: tap('declare'),
      name: '寒潮防冻',
      level: 3,
      instructions: '关好门窗。',
    })
    const grids = g.demo.units.filter((u) => u.level === 'grid' && u.parentId === 'c2')
    const leader = await reserveMember(householdIn('c2', 3)._id, 'volunteer')
    const made: string[] = []
    for (const grid of grids)
      for (const b of buildingsOf(grid._id)) {
        const w = await ok(c2Staff, 'createMicroGrid', {
          gridId: grid._id,
          tapId: tap(),
          name: b.name,
          kind: 'building',
          buildingIds: [b._id],
          leaderId: leader._id,
        })
        made.push(w.id)
      }
    expect(made.length).toBeGreaterThan(10)
    expect(wartimeGrants(await person(leader._id))).toHaveLength(made.length)

    // the end runs here on a data layer that dies after its own transaction and three retirements
    const data = dying(4)
    const caller = await loadCaller(createData(cloudSdk.database() as unknown as Database), c2Staff.openid)
    const target = unit('c2')
    await expect(end.handle({ payload: { id: emergencyId }, caller, data, target, group: null })).rejects.toThrow(
      'killed',
    )
    const half = (await stored<WartimeGridDoc>('wartimeGrids')).filter((w) => made.includes(w._id))
    expect(half.filter((w) => w.retiredAt)).toHaveLength(3)
    const e = (await stored<EmergencyDoc>('emergencies')).find((x) => x._id === emergencyId)
    expect(e).toEqual(expect.objectContaining({ wartimeRetiring: true }))
    expect(e?.endedAt).not.toBeNull()
    expect(wartimeGrants(await person(leader._id))).toHaveLength(made.length - 3)

    // the timer (as the platform fires it) finishes: every one retired, no grant left, the flag cleared
    const fired = (await g.cloud.callFunction(
      'emergency',
      { Type: 'Timer', TriggerName: 'retireMicroGrids', Time: new Date().toISOString(), Message: '' },
      { openid: '' },
    )) as { result: Envelope<{ finished: number }> }
    expect(fired.result).toEqual({ ok: true, data: { finished: 1 } })
    const after = (await stored<WartimeGridDoc>('wartimeGrids')).filter((w) => made.includes(w._id))
    expect(after.every((w) => w.retiredAt && w.retiredByName === c2Staff.name)).toBe(true)
    expect(wartimeGrants(await person(leader._id))).toEqual([])
    expect((await stored<EmergencyDoc>('emergencies')).find((x) => x._id === emergencyId)?.wartimeRetiring).toBe(false)
    const locks = await stored<WartimeBuildingLockDoc>('wartimeBuildingLocks')
    expect(locks.filter((l) => l.activeId && made.includes(l.activeId))).toEqual([])
    // nothing may be drawn there any more
    expect(
      await act(c2Staff, 'createMicroGrid', {
        gridId: grids[0]._id,
        tapId: tap(),
        name: '晚了',
        kind: 'building',
        buildingIds: [buildingsOf(grids[0]._id)[0]._id],
        leaderId: leader._id,
      }),
    ).toEqual(exactly('MICROGRID_NO_EMERGENCY'))
  })

  it('ending the demo’s emergency retires 东片 at once: the cadre heads nothing any more', async () => {
    await ok(staff, 'end', { id: DEMO_EMERGENCY_ID })
    const cadre = await person(DEMO_CADRE_ID)
    expect(wartimeGrants(cadre)).toEqual([])
    expect((await ok(cadre, 'myMicroGrids', {})).rows).toEqual([])
    const list = await ok(staff, 'microGrids', { gridId: demoGridId })
    expect(list.rows).toEqual([])
    expect(list.emergency).toBeNull()
    expect(list.mayManage).toBe(false)
    expect(list.retired.map((w) => w.id)).toContain(DEMO_MICROGRID_ID)
    const b = list.retired.find((w) => w.id === DEMO_MICROGRID_ID)?.buildings[0].id as string
    expect(await households(cadre, b)).toBe('FORBIDDEN')
  })
})
