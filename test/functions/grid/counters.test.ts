/**
 * Unit counters through the real functions in the local cloud: after random sequences of joins (claim, then
 * approve or reject or leave pending), leaves, deletions, moves of buildings, and units created and retired, every
 * counter equals the recount from the records (countersFor), as after an import and the same file imported again;
 * a counter broken on purpose is found and mended by
 * grid's repairCounters timer.
 */
import cloudSdk from 'wx-server-sdk'
import fc from 'fast-check'
import type { ClaimView, InviteView } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { countersFor, FIGURES, figuresOf } from '../../../core/grid/counters'
import type { ClaimDoc, PersonDoc, UnitCounterDoc } from '../../../core/model'
import type { Unit } from '../../../core/units'
import { residentCast, unitOf } from '../../demo'
import { buildFunctions } from '../../../scripts/build-functions'
import { data } from '../harness/join-cloud'
import { startOrgCloud, type OrgCloud } from '../harness/org-cloud'

jest.setTimeout(600_000)

let g: OrgCloud
beforeAll(async () => {
  await buildFunctions(['join', 'privacy'])
  g = await startOrgCloud()
})
afterAll(async () => {
  await g?.close()
})

const act = async <T>(openid: string, fn: string, action: string, payload: unknown) =>
  (await g.cloud.callFunction(fn, { action, payload }, { openid })).result as Envelope<T>

/** Every counter against the recount from the records: the differences (none when they agree). */
async function drift(): Promise<string[]> {
  const dump = await g.dump()
  const recount = countersFor(dump.units as Unit[], dump.people as PersonDoc[], dump.claims as ClaimDoc[])
  const held = new Map((dump.unitCounters as UnitCounterDoc[]).map((c) => [c._id, c]))
  const out: string[] = []
  for (const [id, want] of recount) {
    const have = held.get(id)
    for (const f of FIGURES) {
      if (figuresOf(have)[f] !== want[f]) out.push(`${id}.${f}: held ${figuresOf(have)[f]}, recount ${want[f]}`)
    }
    if (have && have.path !== want.path) out.push(`${id}.path: held ${have.path}, recount ${want.path}`)
  }
  return out
}

type Step =
  | { kind: 'join'; home: number; decision: 'approve' | 'reject' | 'pending' }
  | { kind: 'leave'; who: number }
  | { kind: 'delete'; who: number }
  | { kind: 'move'; building: number }
  | { kind: 'unit' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('join' as const),
    home: fc.nat(40),
    decision: fc.constantFrom('approve' as const, 'reject' as const, 'pending' as const),
  }),
  fc.record({ kind: fc.constant('leave' as const), who: fc.nat(20) }),
  fc.record({ kind: fc.constant('delete' as const), who: fc.nat(20) }),
  fc.record({ kind: fc.constant('move' as const), building: fc.nat(2) }),
  fc.constant({ kind: 'unit' as const }),
)

describe('unit counters', () => {
  // first, on the demo as seeded: the random sequences below may reach every household of the grid
  it('count a household reachable once when two claims into it are approved at the same moment', async () => {
    const { gridId, chief } = residentCast(g.demo)
    const dump = await g.dump()
    const people = dump.people as PersonDoc[]
    // households of the chief's grid where nobody has joined through WeChat yet: each approval would reach it
    const unreached = (dump.units as Unit[]).filter(
      (u) =>
        u.level === 'household' &&
        !u.retired &&
        u.path.includes(`/${gridId}/`) &&
        !people.some((p) => p.householdId === u._id && p.openid),
    )
    expect(unreached.length).toBeGreaterThanOrEqual(4)
    const token = data(await act<InviteView>(chief, 'join', 'createInvite', { unitId: gridId })).token
    let n = 0
    const claim = async (home: Unit) =>
      data(
        await act<ClaimView>(`o_twice_${++n}`, 'join', 'claimHousehold', {
          token,
          microgridId: home.parentId,
          entrance: home.entrance,
          room: home.room,
          name: `同户${n}`,
          phone: `197${String(10_000_000 + n).slice(-8)}`,
        }),
      ).id
    for (const home of unreached.slice(0, 4)) {
      const ids = [await claim(home), await claim(home)]
      // both approvals read the household before either writes: only one of them may make it reachable
      const decided = await Promise.all(
        ids.map((claimId) => act(chief, 'join', 'decideClaim', { claimId, approve: true })),
      )
      expect(decided.map((d) => d.ok)).toEqual([true, true])
    }
    expect(await drift()).toEqual([])
  })

  it('equal a recount from the records after random joins, leaves, deletions, moves and unit changes', async () => {
    expect(await drift()).toEqual([])
    const cast = residentCast(g.demo)
    const { gridId, chief, staff } = cast
    const otherGrid = g.demo.units.find((u) => u.level === 'grid' && u.parentId === 'c1' && u._id !== gridId) as Unit
    const buildings = g.demo.units.filter((u) => u.parentId === gridId).map((u) => u._id)
    const homes = g.demo.units.filter((u) => u.level === 'household' && buildings.includes(u.parentId as string))
    const where = new Map(buildings.map((b) => [b, gridId]))
    const joined: string[] = []
    let visitors = 0
    let names = 0

    const run = async (s: Step) => {
      if (s.kind === 'join') {
        const home = homes[s.home % homes.length]
        const openid = `o_counted_${++visitors}`
        const token = data(await act<InviteView>(chief, 'join', 'createInvite', { unitId: gridId })).token
        const claimed = await act<ClaimView>(openid, 'join', 'claimHousehold', {
          token,
          microgridId: home.parentId,
          entrance: home.entrance,
          room: home.room,
          name: `新居民${++names}`,
          phone: `198${String(10_000_000 + names).slice(-8)}`,
        })
        // a building moved out of the chief's grid cannot be claimed through this invite: nothing is written
        if (!claimed.ok || s.decision === 'pending') return
        const decider = where.get(home.parentId as string) === gridId ? chief : staff
        const payload = { claimId: claimed.data.id, approve: s.decision === 'approve', reason: '信息不符' }
        const decided = data(await act(decider, 'join', 'decideClaim', payload))
        if (decided && s.decision === 'approve') joined.push(openid)
      } else if ((s.kind === 'leave' || s.kind === 'delete') && joined.length) {
        const [openid] = joined.splice(s.who % joined.length, 1)
        if (s.kind === 'leave') data(await act(openid, 'join', 'leaveHousehold', {}))
        else data(await act(openid, 'privacy', 'requestDeletion', { confirm: true }))
      } else if (s.kind === 'move') {
        const building = buildings[s.building % buildings.length]
        const to = where.get(building) === gridId ? otherGrid._id : gridId
        data(await act(staff, 'org', 'moveUnit', { unitId: building, newParentId: to }))
        where.set(building, to)
      } else if (s.kind === 'unit') {
        const made = data(
          await act<{ id: string }>(staff, 'org', 'createUnit', {
            parentId: otherGrid._id,
            level: 'microgrid',
            name: `临时楼院${++names}`,
            wartime: true,
          }),
        )
        data(await act(staff, 'org', 'retireUnit', { unitId: made.id }))
      }
    }

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 8 }), async (steps) => {
        for (const s of steps) await run(s)
        expect(await drift()).toEqual([])
      }),
      { numRuns: 12 },
    )
    // the buildings go home, so the tests after this one find the grid as the demo made it
    for (const [building, at] of where) {
      if (at !== gridId) data(await act(staff, 'org', 'moveUnit', { unitId: building, newParentId: gridId }))
    }
    expect(await drift()).toEqual([])
  })

  it('equal the recount after a roster import, and still after the same file is imported again', async () => {
    const street = g.holder('streetStaff').openid as string
    const file = data(await g.org<{ url: string }>(street, 'exportRoster', { communityId: 'c1' }))
    const content = await g.fetchFile(file.url)
    const target = data(
      await g.org<{ id: string }>(street, 'createUnit', { parentId: 's1', name: '导入社区', level: 'community' }),
    ).id
    for (let round = 0; round < 2; round++) {
      data(await g.org(street, 'importRoster', { communityId: target, fileID: await g.upload(content) }))
      expect(await drift()).toEqual([])
    }
    const [counter] = ((await g.dump()).unitCounters as UnitCounterDoc[]).filter((c) => c._id === target)
    expect(counter.households).toBeGreaterThan(100)
  })

  it('keep a claim approved into a building that is being moved off the old grid: refused until the move is done', async () => {
    const { gridId, chief, staff } = residentCast(g.demo)
    const db = cloudSdk.database()
    const dump = await g.dump()
    const units = dump.units as Unit[]
    const otherGrid = units.find((u) => u.level === 'grid' && u.parentId === 'c1' && u._id !== gridId) as Unit
    const building = units.find((u) => u.level === 'microgrid' && u.parentId === gridId && !u.retired) as Unit
    const home = units.find((u) => u.level === 'household' && u.parentId === building._id && !u.retired) as Unit
    const token = data(await act<InviteView>(chief, 'join', 'createInvite', { unitId: gridId })).token
    const claimId = data(
      await act<ClaimView>('o_mid_move', 'join', 'claimHousehold', {
        token,
        microgridId: building._id,
        entrance: home.entrance,
        room: home.room,
        name: '搬迁中',
        phone: '19612345678',
      }),
    ).id

    // a move of the building to the other grid, stopped after its first transaction (the record, marked counted,
    // and the building's figures shifted from the old grid to the new), before any path was rewritten
    const toPath = `${otherGrid.path}${building._id}/`
    const counters = db.collection('unitCounters')
    const held = ((await counters.doc(building._id).get()) as unknown as { data: UnitCounterDoc }).data
    const _ = db.command
    const shift = (id: string, sign: number) =>
      counters.doc(id).update({
        data: Object.fromEntries(FIGURES.map((f) => [f, _.inc(sign * held[f])])),
      })
    await shift(gridId, -1)
    await shift(otherGrid._id, 1)
    await db
      .collection('units')
      .doc(building._id)
      .update({ data: { moving: { fromPath: building.path, toPath, parentId: otherGrid._id, counted: true } } })

    const midway = await act(staff, 'join', 'decideClaim', { claimId, approve: true })
    expect(midway).toMatchObject({ ok: false, code: 'UNIT_MOVING' })
    // the move, repeated, finishes what was recorded; then the claim goes through and counts where the building is
    data(await act(staff, 'org', 'moveUnit', { unitId: building._id, newParentId: otherGrid._id }))
    expect(await act(staff, 'join', 'decideClaim', { claimId, approve: true })).toMatchObject({ ok: true })
    expect(await drift()).toEqual([])
  })

  it('repairCounters finds a counter made wrong on purpose, says by how much, and mends it', async () => {
    const { gridId } = residentCast(g.demo)
    const db = cloudSdk.database()
    // a new building nobody lives in yet has no counter (it reads as zeros): that is right, not drift
    const grid = unitOf(g.demo, gridId)
    await g.cloud.seed({
      units: [
        {
          _id: 'empty-building',
          level: 'microgrid',
          name: '新建空楼',
          parentId: gridId,
          path: `${grid.path}empty-building/`,
        },
      ],
    })
    const counter = db.collection('unitCounters').doc(gridId)
    const held = ((await counter.get()) as unknown as { data: UnitCounterDoc }).data
    await counter.update({ data: { residents: held.residents + 7, joined: held.joined - 2 } })
    expect(await drift()).toEqual([
      `${gridId}.residents: held ${held.residents + 7}, recount ${held.residents}`,
      `${gridId}.joined: held ${held.joined - 2}, recount ${held.joined}`,
    ])

    const event = { Type: 'Timer', TriggerName: 'repairCounters', Time: new Date().toISOString(), Message: '' }
    const fire = async () =>
      data(
        (await g.cloud.callFunction('grid', event, { openid: '' })).result as Envelope<{
          wrong: number
          checked: number
          keys: number
          mended: { unitId: string; drift: Record<string, number> }[]
        }>,
      )
    const report = await fire()
    expect(report.mended).toEqual([{ unitId: gridId, drift: { residents: -7, joined: 2 } }])
    expect(report.wrong).toBe(1)
    // the building written without a sibling key (as before keys existed) gets one: the grid's pages list it
    expect(report.keys).toBe(1)
    const [mendedBuilding] = ((await g.dump()).units as Unit[]).filter((u) => u._id === 'empty-building')
    expect(mendedBuilding.siblingKey).toBe(`${gridId}/新建空楼/empty-building`)
    // every street, community, grid and building was compared
    const counted = ((await g.dump()).units as Unit[]).filter((u) => u.level !== 'household')
    expect(report.checked).toBe(counted.length)
    expect(await drift()).toEqual([])

    // a second run finds nothing left to mend
    expect(await fire()).toMatchObject({ wrong: 0, keys: 0 })
  })
})
