/**
 * Patrols (巡查台账) through the real wx-server-sdk against the local cloud over the demo: a grid chief logs a patrol
 * whose findings marked asRequest become requests in the same call (through the report path: reporter, place,
 * first event, counters), once for a retried tap; the grid's log pages newest first; the community sees which of its
 * grids were patrolled on a day, one page of grids at a time, from the day markers (its cost does not grow with the
 * patrols logged); every role allowed and refused; hostile payloads write nothing.
 */
import type { PatrolsView } from '../../../core/contract/requests'
import { findingRequestId, patrolDayId, requestCounterId } from '../../../core/ids'
import type { PatrolDayDoc, PatrolDoc, PersonDoc, UploadDoc } from '../../../core/model'
import { beijingMonth } from '../../../core/points/months'
import { patrolDayOf } from '../../../core/requests/patrol'
import { ancestorAt } from '../../../core/units'
import { personaPerson } from '../../demo'
import { exactly } from '../harness/functions-cloud'
import { BLOCKED, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(180_000)

let g: RequestsCloud
let chief: PersonDoc
let party: PersonDoc
let staff: PersonDoc
let head: PersonDoc
let resident: PersonDoc
let otherChief: PersonDoc
let street: PersonDoc
let dept: PersonDoc
let gridId: string
let communityId: string

const MIN = 60_000
/** The Beijing day every patrol of this suite starts on: the day of two hours ago, so that a run just after
 * midnight (Beijing) still logs its patrols, which started up to 110 minutes earlier, on one day. */
const DAY = patrolDayOf(new Date(Date.now() - 120 * MIN))
const DAY_ENDS = Date.parse(`${DAY}T00:00:00+08:00`) + 24 * 60 * MIN
const today = () => DAY
/** A patrol's times: started `minutesAgo` minutes ago (held to DAY's last minute when it started after it, and
 * ending that much sooner), lasting `minutes`. */
const window = (minutesAgo = 70, minutes = 60) => {
  const start = minutesAgo > 0 ? Math.min(Date.now() - minutesAgo * MIN, DAY_ENDS - MIN) : Date.now() - minutesAgo * MIN
  return { startedAt: new Date(start).toISOString(), endedAt: new Date(start + minutes * MIN).toISOString() }
}
const stored = async <T>(collection: string) => (await g.dump())[collection] as T[]

beforeAll(async () => {
  g = await startRequestsCloud()
  resident = personaPerson(g.demo, 'resident')
  gridId = ancestorAt(resident.homePath as string, 'grid') as string
  communityId = ancestorAt(resident.homePath as string, 'community') as string
  chief = g.holder('gridChief', gridId)
  party = g.holder('partyLeader', gridId)
  staff = personaPerson(g.demo, 'communityStaff')
  head = personaPerson(g.demo, 'buildingHead')
  otherChief = personaPerson(g.demo, 'gridChief', 0)
  street = personaPerson(g.demo, 'streetStaff')
  dept = personaPerson(g.demo, 'department')
})
afterAll(async () => {
  await g?.close()
})

describe('requests.logPatrol', () => {
  it('logs a patrol, and each finding marked as a request becomes one, reported by the chief at the grid', async () => {
    const month = beijingMonth(new Date())
    const before = await g.counter(requestCounterId(gridId, month))
    const markerBefore = (await stored<PatrolDayDoc>('patrolDays')).find((m) => m._id === patrolDayId(gridId, today()))
    const [kept, reported] = [await g.photo(chief), await g.photo(chief)]
    const tapId = newTap('patrol')
    const res = await g.ok<{ id: string; requestIds: string[] }>(chief, 'logPatrol', {
      gridId,
      tapId,
      route: '东门—中心花园—地下车库',
      ...window(),
      findings: [
        { description: '单元门口有小广告，已当场清理', photos: [kept], category: 'sanitation', asRequest: false },
        {
          description: '地下车库入口的照明灯坏了两盏',
          photos: [reported],
          category: 'repair',
          asRequest: true,
          spot: '地下车库入口',
        },
        { description: '中心花园的长椅断了一条腿', photos: [], category: 'other', asRequest: true },
      ],
    })
    expect(res.requestIds).toEqual([findingRequestId(res.id, 1), findingRequestId(res.id, 2)])

    const [lamp, bench] = await Promise.all(res.requestIds.map((id) => g.request(id)))
    expect(lamp).toMatchObject({
      reporterId: chief._id,
      gridId,
      category: 'repair',
      state: 'submitted',
      level: 'grid',
      place: { kind: 'spot', unitId: gridId, label: `${g.unit(gridId).name} · 地下车库入口` },
      photos: [reported],
    })
    // no spot written: the patrol's route says where
    expect(bench.place.label).toBe(`${g.unit(gridId).name} · 东门—中心花园—地下车库`)
    expect((await g.events(lamp._id)).map((e) => [e.seq, e.move, e.actorId])).toEqual([[1, 'report', chief._id]])

    const patrol = (await stored<PatrolDoc>('patrols')).find((p) => p._id === res.id) as PatrolDoc
    expect(patrol).toMatchObject({ gridId, communityId, personId: chief._id, personName: chief.name, day: today() })
    expect(patrol.findings.map((f) => f.requestId ?? null)).toEqual([null, ...res.requestIds])
    const marker = (await stored<PatrolDayDoc>('patrolDays')).find((m) => m._id === patrolDayId(gridId, today()))
    expect(marker).toMatchObject({
      patrols: (markerBefore?.patrols ?? 0) + 1,
      lastPatrolId: res.id,
      lastBy: chief.name,
    })

    // the photos live with what they belong to: the kept one with the patrol, the reported one with its request
    const uploads = await stored<UploadDoc>('uploads')
    expect(uploads.find((u) => u.fileID === kept)?.attachedTo?.id).toBe(res.id)
    expect(uploads.find((u) => u.fileID === reported)?.attachedTo?.id).toBe(lamp._id)
    // the counters moved with the reports, as for any report
    expect((await g.counter(requestCounterId(gridId, month)))?.reported).toBe((before?.reported ?? 0) + 2)
  })

  it('answers a retried tap with the same patrol and requests, writing nothing again', async () => {
    const tapId = newTap('patrol')
    const payload = {
      gridId,
      tapId,
      route: '北侧围墙',
      ...window(50, 30),
      findings: [{ description: '围墙裂缝又变宽了', photos: [], category: 'hazard', asRequest: true }],
    }
    const first = await g.ok<{ id: string; requestIds: string[] }>(party, 'logPatrol', payload)
    const counts = async () => {
      const d = await g.dump()
      const marker = (d.patrolDays as PatrolDayDoc[]).find((m) => m._id === patrolDayId(gridId, today()))
      return [d.patrols.length, d.requests.length, d.requestEvents.length, marker?.patrols]
    }
    const was = await counts()
    const again = await Promise.all(
      [1, 2].map(() => g.ok<{ id: string; requestIds: string[] }>(party, 'logPatrol', payload)),
    )
    expect(again).toEqual([first, first])
    expect(await counts()).toEqual(was)
  })

  it.each([
    ['the grid chief', true, () => chief],
    ['the grid’s party leader', true, () => party],
    ['the community’s staff', true, () => staff],
    ['a building head of the grid', false, () => head],
    ['a resident of the grid', false, () => resident],
    ['the chief of another grid', false, () => otherChief],
    ['the street’s staff', false, () => street],
    ['城管', false, () => dept],
  ])('as %s: allowed %s', async (_who, allowed, person) => {
    const before = (await stored<PatrolDoc>('patrols')).length
    const res = await g.act(person(), 'logPatrol', { gridId, tapId: newTap('role'), route: '小区主路', ...window() })
    if (allowed) expect(res.ok).toBe(true)
    else expect(res).toEqual(exactly('FORBIDDEN'))
    expect((await stored<PatrolDoc>('patrols')).length).toBe(before + (allowed ? 1 : 0))
  })

  it('refuses what cannot be true or is not the chief’s, and writes nothing', async () => {
    const base = { gridId, route: '小区主路', ...window(), findings: [] }
    const before = await g.dump()
    const refused = async (person: PersonDoc, payload: object) =>
      (await g.act(person, 'logPatrol', { ...base, tapId: newTap('bad'), ...payload })) as {
        ok: boolean
        code?: string
      }
    const finding = { description: '发现问题', photos: [], category: 'other', asRequest: true }

    const late = new Date(Date.now() - 10 * MIN).toISOString()
    const early = new Date(Date.now() - 60 * MIN).toISOString()
    expect((await refused(chief, { startedAt: late, endedAt: early })).code).toBe('PATROL_TIMES_INVALID')
    expect((await refused(chief, { ...window(-30, 20) })).code).toBe('PATROL_TIMES_INVALID')
    expect((await refused(chief, { ...window(9 * 24 * 60, 60) })).code).toBe('PATROL_TIMES_INVALID')
    // a risky word anywhere refuses the whole patrol before any finding is reported
    const risky = { findings: [finding, { ...finding, description: `有人在这里${BLOCKED}` }] }
    expect((await refused(chief, risky)).code).toBe('CONTENT_RISKY')
    expect((await refused(chief, { route: `${BLOCKED}路线` })).code).toBe('CONTENT_RISKY')
    // another's photo, kept or reported
    const theirs = await g.photo(party)
    expect((await refused(chief, { findings: [{ ...finding, asRequest: false, photos: [theirs] }] })).ok).toBe(false)
    expect((await refused(chief, { findings: [{ ...finding, photos: [theirs] }] })).ok).toBe(false)
    // the payload itself
    expect((await refused(chief, { findings: Array.from({ length: 11 }, () => finding) })).code).toBe('INVALID_PAYLOAD')
    expect((await refused(chief, { personId: staff._id })).code).toBe('INVALID_PAYLOAD')
    expect((await refused(chief, { route: '' })).code).toBe('INVALID_PAYLOAD')
    expect((await refused(chief, { tapId: 'short' })).code).toBe('INVALID_PAYLOAD')
    expect((await refused(chief, { findings: [{ ...finding, category: 'bribe' }] })).code).toBe('INVALID_PAYLOAD')
    // not a grid, no such grid
    expect((await refused(staff, { gridId: communityId })).code).toBe('INVALID_PAYLOAD')
    expect((await refused(chief, { gridId: 'g-none' })).code).toBe('NOT_FOUND')

    const after = await g.dump()
    for (const c of ['patrols', 'patrolDays', 'requests', 'requestEvents', 'requestCounters'])
      expect({ c, n: after[c].length }).toEqual({ c, n: before[c].length })
  })
})

describe('requests.patrols', () => {
  it('pages a grid’s log newest first, each patrol once, up to the end of the day asked', async () => {
    const all: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 50; pages++) {
      const page = await g.ok<PatrolsView>(chief, 'patrols', {
        unitId: gridId,
        day: today(),
        pageSize: 2,
        ...(cursor ? { cursor } : {}),
      })
      if (page.kind !== 'grid') throw new Error('a grid answers its log')
      all.push(...page.rows.map((r) => r.id))
      expect(page.rows.length).toBeLessThanOrEqual(2)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    const held = (await stored<PatrolDoc>('patrols'))
      .filter((p) => p.gridId === gridId && p.day <= today())
      .sort((a, b) => +new Date(b.startedAt) - +new Date(a.startedAt) || (a._id < b._id ? 1 : -1))
    expect(all).toEqual(held.map((p) => p._id))

    // an earlier day: the log as it stood at its end
    const yesterday = patrolDayOf(new Date(DAY_ENDS - 36 * 60 * MIN))
    const then = await g.ok<PatrolsView>(chief, 'patrols', { unitId: gridId, day: yesterday, pageSize: 50 })
    if (then.kind !== 'grid') throw new Error('a grid answers its log')
    expect(then.rows.map((r) => r.id)).toEqual(
      held
        .filter((p) => p.day <= yesterday)
        .map((p) => p._id)
        .slice(0, 50),
    )

    // the first page shows the latest patrol's findings with the requests they became and their photos
    const first = await g.ok<PatrolsView>(chief, 'patrols', { unitId: gridId, day: today() })
    if (first.kind !== 'grid') throw new Error('a grid answers its log')
    const withRequests = first.rows.find((r) => r.findings.some((f) => f.requestId))
    expect(withRequests?.gridName).toBe(g.unit(gridId).name)
    expect(withRequests?.findings.find((f) => f.requestId)?.requestId).toMatch(/_f\d+$/)
  })

  it('shows the community which of its grids were patrolled on the day, a page of grids at a time', async () => {
    const grids: PatrolsView[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const page = await g.ok<PatrolsView>(staff, 'patrols', {
        unitId: communityId,
        day: today(),
        pageSize: 3,
        ...(cursor ? { cursor } : {}),
      })
      if (page.kind !== 'community') throw new Error('a community answers its grids')
      grids.push(page)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    const rows = grids.flatMap((p) => (p.kind === 'community' ? p.grids : []))
    const ofCommunity = g.demo.units.filter((u) => u.level === 'grid' && u.parentId === communityId)
    expect(rows.map((r) => r.gridId).sort()).toEqual(ofCommunity.map((u) => u._id).sort())
    expect(grids.length).toBe(Math.ceil(ofCommunity.length / 3))
    // the markers as stored say it: 第1网格 (this suite's patrols and the morning's) and 第2网格 (the morning's)
    const markers = (await stored<PatrolDayDoc>('patrolDays')).filter((m) => m.day === today())
    for (const r of rows) {
      const m = markers.find((x) => x.gridId === r.gridId)
      expect(r).toMatchObject({ patrolled: !!m, patrols: m?.patrols ?? 0, lastBy: m?.lastBy ?? null })
    }
    expect(rows.filter((r) => r.patrolled).length).toBeGreaterThanOrEqual(2)
    expect(rows.filter((r) => !r.patrolled).length).toBeGreaterThanOrEqual(1)
    // a day nobody patrolled
    const empty = await g.ok<PatrolsView>(staff, 'patrols', { unitId: communityId, day: '2026-01-01', pageSize: 50 })
    expect(empty.kind === 'community' && empty.grids.every((r) => !r.patrolled)).toBe(true)
  })

  it('reads the same number of documents for the community however many patrols were logged', async () => {
    const cost = async () => {
      g.cloud.queryStats({ reset: true })
      await g.ok(staff, 'patrols', { unitId: communityId, day: today() })
      return g.cloud.queryStats().examined
    }
    const before = await cost()
    for (let i = 0; i < 4; i++) {
      await g.ok(chief, 'logPatrol', { gridId, tapId: newTap('cost'), route: '小区主路', ...window(40 + i, 5) })
    }
    expect(await cost()).toBe(before)
  })

  it.each([
    ['the grid chief, its log', true, () => chief, () => gridId],
    ['a party leader, the log', true, () => party, () => gridId],
    ['the community, a grid’s log', true, () => staff, () => gridId],
    ['the street, the community’s grids', true, () => street, () => communityId],
    ['another grid’s chief', false, () => otherChief, () => gridId],
    ['a grid chief, the community’s grids', false, () => chief, () => communityId],
    ['a building head, the grid', false, () => head, () => gridId],
    ['a resident', false, () => resident, () => gridId],
    ['城管', false, () => dept, () => communityId],
  ])('as %s: allowed %s', async (_who, allowed, person, unitId) => {
    const res = await g.act(person(), 'patrols', { unitId: unitId(), day: today() })
    if (allowed) expect(res.ok).toBe(true)
    else expect(res).toEqual(exactly('FORBIDDEN'))
  })

  it('refuses a foreign cursor, a building, a bad day', async () => {
    const res = (p: object) => g.act(staff, 'patrols', { unitId: communityId, day: today(), ...p })
    expect((await res({ cursor: 'other-community/000/x' })).ok).toBe(false)
    expect((await g.act(chief, 'patrols', { unitId: gridId, day: today(), cursor: 'not-a-cursor' })).ok).toBe(false)
    const building = g.unit(resident.householdId as string).parentId as string
    expect(await g.act(head, 'patrols', { unitId: building, day: today() })).toMatchObject({ code: 'INVALID_PAYLOAD' })
    expect(await res({ day: '2026-13-01' })).toMatchObject({ code: 'INVALID_PAYLOAD' })
    expect(await res({ pageSize: 500 })).toMatchObject({ code: 'INVALID_PAYLOAD' })
  })
})
