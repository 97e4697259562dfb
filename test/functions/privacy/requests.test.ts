/**
 * A person's requests (诉求) in privacy.exportMyData and privacy.requestDeletion, through the real wx-server-sdk in the
 * local cloud over the demo community (test/functions/harness/requests-cloud.ts): the export carries exactly the
 * requests they reported, the ones they follow and the moves they made, nobody else's; after a deletion — of a
 * resident and of a department's handler — no detail, inbox or list anyone else reads carries their name, the
 * requests stay (anonymous), their photos, follows and request messages are gone, every request's followerCount
 * equals its rows, and the counters equal a recount from the events; a deletion cut off at any step of its requests
 * and asked again ends as one that never stopped.
 */
import { REQUEST_FIGURES, type MyData, type PageOf, type RequestRow, type RequestView } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { requestCounterId } from '../../../core/ids'
import type {
  PersonDoc,
  RequestCounterDoc,
  RequestDoc,
  RequestEventDoc,
  RequestFollowerDoc,
  SubscriptionDoc,
  UploadDoc,
} from '../../../core/model'
import { add, figures, replay, scopeKeys, zeroFigures } from '../../../core/requests/rates'
import { REQUEST_TEMPLATE } from '../../../core/requests/messages'
import type { RequestFigures } from '../../../core/contract/requests'
import { anonymise } from '../../../cloudfunctions/privacy/anonymise'
import { buildFunctions } from '../../../scripts/build-functions'
import { createData } from '../../../server/data'
import cloudSdk from 'wx-server-sdk'
import { data } from '../harness/functions-cloud'
import { dyingAt } from '../harness/dying-data'
import { gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(300_000)

let c: RequestsCloud
let chief: PersonDoc
let staff: PersonDoc
let street: PersonDoc
let home: string
let grid: string

const byOpenid = (openid: string) => c.demo.people.find((p) => p.openid === openid) as PersonDoc
const privacy = async <T>(p: PersonDoc, action: string, payload: unknown = {}) =>
  data((await c.cloud.callFunction('privacy', { action, payload }, { openid: p.openid! })).result as Envelope<T>)
const act = (p: PersonDoc, id: string, move: string, extra: Record<string, unknown> = {}) =>
  c.ok<RequestView>(p, 'act', { id, move, tapId: newTap(move), ...extra })
const report = async (p: PersonDoc, description: string, photos: string[] = []) =>
  (
    await c.ok<{ id: string }>(p, 'report', {
      tapId: newTap('report'),
      category: 'repair',
      description,
      photos,
      place: { kind: 'spot', unitId: grid, label: '东门路口' },
    })
  ).id

interface Stored {
  requests: RequestDoc[]
  requestEvents: RequestEventDoc[]
  requestFollowers: RequestFollowerDoc[]
  requestCounters: RequestCounterDoc[]
  subscriptions: SubscriptionDoc[]
  uploads: UploadDoc[]
}
const stored = async () =>
  (await c.collections([
    'requests',
    'requestEvents',
    'requestFollowers',
    'requestCounters',
    'subscriptions',
    'uploads',
  ])) as unknown as Stored

const only = (x: RequestCounterDoc | RequestFigures | undefined): RequestFigures =>
  Object.fromEntries(REQUEST_FIGURES.map((f) => [f, x?.[f] ?? 0])) as RequestFigures

/**
 * What must hold of the whole store: every request is the fold of its events (the labels a deletion rewrote agree
 * on both), every counter equals the figures of the rebuilt requests summed, and every followerCount its rows.
 */
function expectConsistent(s: Stored) {
  const events = new Map<string, RequestEventDoc[]>()
  for (const e of s.requestEvents) events.set(e.requestId, [...(events.get(e.requestId) ?? []), e])
  const counted = new Map<string, RequestFigures>()
  for (const r of s.requests) {
    const rebuilt = replay(r, events.get(r._id) ?? [])
    expect({ id: r._id, fields: JSON.parse(JSON.stringify(rebuilt)) }).toEqual({
      id: r._id,
      fields: JSON.parse(JSON.stringify(r)),
    })
    for (const scope of scopeKeys(rebuilt)) {
      const id = requestCounterId(scope, rebuilt.month)
      counted.set(id, add(counted.get(id) ?? zeroFigures(), figures(rebuilt)))
    }
    const rows = s.requestFollowers.filter((f) => f.requestId === r._id).length
    expect({ id: r._id, followerCount: r.followerCount }).toEqual({ id: r._id, followerCount: rows })
  }
  const held = new Map(s.requestCounters.map((x) => [x._id, only(x)]))
  for (const id of new Set([...held.keys(), ...counted.keys()]))
    expect({ id, figures: held.get(id) ?? zeroFigures() }).toEqual({ id, figures: counted.get(id) ?? zeroFigures() })
}

/** Whatever a person's data still shows of them: none of these may hold their name or phone. */
const traces = (p: PersonDoc, seen: unknown) => {
  const text = JSON.stringify(seen)
  return [p.name, p.phone].filter((s) => s && text.includes(s))
}

beforeAll(async () => {
  await buildFunctions(['privacy'])
  c = await startRequestsCloud()
  const resident = byOpenid(c.demo.personas[0].openid)
  home = resident.householdId as string
  grid = gridOf(resident)
  chief = c.holder('gridChief', grid)
  staff = byOpenid(c.demo.personas[4].openid)
  street = c.holder('streetStaff', 's1')
})
afterAll(async () => {
  await c?.close()
})

describe('a resident and a handler of theirs', () => {
  let leaving: PersonDoc
  let neighbour: PersonDoc
  let handler: PersonDoc
  let lamp: string
  let returned: string
  let theirs: string
  let untouched: string

  beforeAll(async () => {
    leaving = await c.newResident(home, '柳如烟')
    neighbour = await c.newResident(home, '邻居')
    handler = await c.addPerson({
      _id: 'rq_privacy_cg',
      openid: 'o_rq_privacy_cg',
      name: '城管司马懿',
      phone: '13955556666',
      roles: [{ role: 'department', unitId: 's1', departmentId: 'chengguan' }],
    })
    await c.subscribe(leaving, 20)
    // the lamp: reported with a photo, followed by the neighbour, up to 城管, done there, rated
    lamp = await report(leaving, '东门路口的路灯不亮了', [await c.photo(leaving)])
    expect(await c.ok(neighbour, 'follow', { id: lamp })).toEqual({ followerCount: 2 })
    await act(chief, lamp, 'escalate', { note: '网格解决不了' })
    await act(staff, lamp, 'escalate', { note: '需要街道协调' })
    await act(street, lamp, 'dispatch', { departmentId: 'chengguan', note: '请城管报到' })
    await act(handler, lamp, 'checkIn', { note: '已报到' })
    await act(handler, lamp, 'complete', { note: '已更换灯泡', photos: [await c.photo(handler)] })
    await act(leaving, lamp, 'rate', { rating: 'satisfied', comment: '修好了' })
    // one the grid returns; one of the neighbour's they follow; one they never touched
    returned = await report(leaving, '楼下有人乱停车')
    await act(chief, returned, 'return', { reason: '不属于本网格' })
    theirs = await report(neighbour, '垃圾桶满了没人清')
    expect(await c.ok(leaving, 'follow', { id: theirs })).toEqual({ followerCount: 2 })
    untouched = await report(neighbour, '井盖松动')
  })

  it('the export carries exactly their requests, follows and moves, and nobody else’s', async () => {
    const s = await stored()
    const mine = await privacy<MyData>(leaving, 'exportMyData')
    expect(mine.requests.reported.map((r) => r.id).sort()).toEqual([lamp, returned].sort())
    expect(mine.requests.reported.find((r) => r.id === lamp)).toMatchObject({
      category: 'repair',
      description: '东门路口的路灯不亮了',
      place: { kind: 'spot', label: expect.stringContaining('东门路口') },
      state: 'rated',
      rating: 'satisfied',
      ratingComment: '修好了',
      createdAt: expect.any(String),
      resolvedAt: expect.any(String),
    })
    expect(mine.requests.reported.find((r) => r.id === returned)).toMatchObject({ state: 'returned' })
    expect(mine.requests.followed).toEqual([
      { id: theirs, category: 'repair', state: 'submitted', since: expect.any(String) },
    ])
    const acted = (p: PersonDoc) =>
      s.requestEvents
        .filter((e) => e.actorId === p._id)
        .map((e) => `${e.requestId}#${e.seq}`)
        .sort()
    expect(mine.requests.acted.map((e) => `${e.requestId}#${e.seq}`).sort()).toEqual(acted(leaving))
    expect(mine.requests.acted.map((e) => e.move).sort()).toEqual(['rate', 'report', 'report'])
    const text = JSON.stringify(mine.requests)
    for (const id of [untouched]) expect(text).not.toContain(id)
    expect(text).not.toContain('垃圾桶满了') // another's words are not theirs
    expect(text).not.toContain(neighbour.name)

    const handled = await privacy<MyData>(handler, 'exportMyData')
    expect(handled.requests).toEqual({
      reported: [],
      followed: [],
      acted: [
        expect.objectContaining({ requestId: lamp, move: 'complete', role: 'department', note: '已更换灯泡' }),
        expect.objectContaining({ requestId: lamp, move: 'checkIn', role: 'department', note: '已报到' }),
      ],
    })
  })

  it('after their deletion nobody reads their names; the requests stay, anonymous; follows, photos and messages go', async () => {
    const before = await stored()
    const count = (id: string, s: Stored) => s.requests.find((r) => r._id === id)?.followerCount
    expect(before.uploads.filter((u) => u.ownerId === leaving._id || u.ownerId === handler._id)).toHaveLength(2)
    // told while they follow: a move on the neighbour's request reaches them
    const sent = c.outbox().length
    await act(chief, theirs, 'accept')
    expect(
      c
        .outbox()
        .slice(sent)
        .map((m) => m.touser),
    ).toContain(leaving.openid)

    expect(await privacy(leaving, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })
    expect(await privacy(handler, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })

    // what other people read: the lamp's detail as each who may see it, the inboxes, the neighbour's list
    const seen: unknown[] = []
    for (const p of [chief, staff, street, neighbour]) {
      for (const id of [lamp, returned, theirs]) {
        const res = await c.act<RequestView>(p, 'detail', { id })
        if (res.ok) seen.push(res.data)
      }
    }
    for (const [p, payload] of [
      [chief, { unitId: grid, scope: 'all' }],
      [staff, { unitId: 'c1', scope: 'all' }],
      [street, { unitId: 's1', scope: 'all' }],
    ] as const)
      seen.push(await c.ok<PageOf<RequestRow>>(p, 'inbox', { ...payload, pageSize: 50 }))
    seen.push(await c.ok<PageOf<RequestRow>>(neighbour, 'mine', { pageSize: 50 }))
    expect(traces(leaving, seen)).toEqual([])
    expect(traces(handler, seen)).toEqual([])

    // the lamp stays, its reporter the deleted one, anonymous to other residents; 城管 keeps its name on the timeline
    const asChief = await c.ok<RequestView>(chief, 'detail', { id: lamp })
    expect(asChief).toMatchObject({ state: 'rated', anonymous: true, reporter: { name: DELETED_NAME, phone: '' } })
    expect(asChief.events.map((e) => [e.move, e.actorLabel])).toEqual([
      ['report', DELETED_NAME],
      ['escalate', expect.stringMatching(/^网格长 /)],
      ['escalate', expect.stringMatching(/^社区工作者 /)],
      ['dispatch', expect.stringMatching(/^街道干部 /)],
      ['checkIn', '城管'],
      ['complete', '城管'],
      ['rate', DELETED_NAME],
    ])
    // their photos went with them: the request's and the completion's
    expect(asChief.photos).toEqual([])
    expect(asChief.events.flatMap((e) => e.photos)).toEqual([])
    const asNeighbour = await c.ok<RequestView>(neighbour, 'detail', { id: lamp })
    expect(asNeighbour.reporter.name).toBe('匿名居民')

    const after = await stored()
    expect(after.requests.map((r) => r._id)).toEqual(expect.arrayContaining([lamp, returned, theirs, untouched]))
    for (const id of [lamp, returned])
      expect(after.requests.find((r) => r._id === id)).toMatchObject({
        reporterId: leaving._id,
        reporterLabel: DELETED_NAME,
        anonymous: true,
      })
    expect(traces(leaving, after.requests)).toEqual([])
    expect(traces(leaving, after.requestEvents)).toEqual([])
    expect(traces(handler, after.requestEvents)).toEqual([])
    // no row of theirs, and each count that counted them one lower
    const rowsOf = (p: PersonDoc) => after.requestFollowers.filter((f) => f.personId.includes(p._id))
    expect(rowsOf(leaving)).toEqual([])
    expect([count(lamp, after), count(theirs, after)]).toEqual([count(lamp, before)! - 1, count(theirs, before)! - 1])
    expect(count(untouched, after)).toBe(count(untouched, before))
    expect(after.subscriptions.filter((x) => x.personId === leaving._id)).toEqual([])
    expect(after.uploads.filter((u) => u.ownerId === leaving._id || u.ownerId === handler._id)).toEqual([])
    expectConsistent(after)

    // no more messages: the next move on what they followed tells the neighbour, not them
    const sentAfter = c.outbox().length
    await act(chief, theirs, 'complete', { note: '已清运' })
    const told = c
      .outbox()
      .slice(sentAfter)
      .filter((m) => m.templateId === REQUEST_TEMPLATE.id)
    expect(told.map((m) => m.touser)).not.toContain(leaving.openid)
  })
})

describe('a deletion racing the others on its requests', () => {
  it('leaves every followerCount equal to its rows, and no trace of them, whoever presses what meanwhile', async () => {
    const p = await c.newResident(home, '薛宝钗')
    await c.subscribe(p, 5)
    const own = await report(p, '楼道里的灯一闪一闪')
    const neighbours = await Promise.all([0, 1, 2, 3].map(() => c.newResident(home, '邻居')))
    const other = await report(neighbours[0], '电梯经常停在三楼')
    await c.ok(p, 'follow', { id: other })
    const rest = neighbours.slice(1)
    const [deleted, ...moves] = await Promise.all([
      privacy(p, 'requestDeletion', { confirm: true }),
      ...rest.map((n) => c.act(n, 'follow', { id: other })),
      ...rest.map((n) => c.act(n, 'follow', { id: own })),
      c.act(chief, 'act', { id: own, move: 'accept', tapId: newTap('accept') }),
      c.act(chief, 'act', { id: other, move: 'accept', tapId: newTap('accept') }),
    ])
    expect(deleted).toEqual({ deleted: true })
    expect(moves.map((m) => (m.ok ? 'ok' : m.code))).toEqual(moves.map(() => 'ok'))
    const s = await stored()
    expectConsistent(s)
    const count = (id: string) => s.requests.find((r) => r._id === id)?.followerCount
    expect([count(own), count(other)]).toEqual([rest.length, 1 + rest.length])
    expect(s.requestFollowers.filter((f) => f.personId.includes(p._id))).toEqual([])
    expect(traces(p, [s.requests, s.requestEvents])).toEqual([])
  })
})

describe('a deletion cut off part way', () => {
  /** One resident's story: a request reported with a photo and commented on, the chief's move on it, a follow. */
  async function story(name: string) {
    const p = await c.newResident(home, name)
    await c.subscribe(p, 5)
    const id = await report(p, `${name}家楼下的路灯坏了`, [await c.photo(p)])
    await act(c.holder('gridChief', grid), id, 'accept')
    await act(p, id, 'comment', { note: '晚上七点后不亮' })
    const followed = await report(await c.newResident(home, '邻居'), '小区门口积水')
    await c.ok(p, 'follow', { id: followed })
    return { p, id, followed }
  }

  /** The part of the store a deletion of `p` leaves, without ids and times: what two deletions must agree on. */
  async function left(p: PersonDoc, id: string, followed: string) {
    const s = await stored()
    const r = s.requests.find((x) => x._id === id) as RequestDoc
    const shape = (x: RequestDoc) => ({
      reporterLabel: x.reporterLabel,
      anonymous: x.anonymous,
      followerCount: x.followerCount,
      last: x.last?.actorLabel,
      state: x.state,
    })
    return {
      request: shape(r),
      // the neighbour's request they followed: one follower fewer, nothing else of it changed
      followed: (({ followerCount, state }) => ({ followerCount, state }))(
        s.requests.find((x) => x._id === followed) as RequestDoc,
      ),
      events: s.requestEvents
        .filter((e) => e.requestId === id)
        .sort((a, b) => a.seq - b.seq)
        .map((e) => [e.move, e.actorLabel, e.actorName ?? null]),
      rows: s.requestFollowers.filter((f) => f.personId.includes(p._id)).length,
      subscriptions: s.subscriptions.filter((x) => x.personId === p._id).length,
      uploads: s.uploads.filter((u) => u.ownerId === p._id).length,
      traces: traces(p, [s.requests, s.requestEvents]),
    }
  }

  /** The person as stored now (what the function reads as its caller). */
  const stillRegistered = async (p: PersonDoc) =>
    ((await c.collections(['people'])).people as PersonDoc[]).find((x) => x._id === p._id) as PersonDoc

  it('ends as a deletion that never stopped, wherever in its requests it was cut off', async () => {
    const db = createData(cloudSdk.database())
    // the reference: one deletion from start to end, its steps logged
    const ref = await story('林黛玉')
    const log: string[] = []
    await anonymise(dyingAt(0, db, log), await stillRegistered(ref.p), DELETED_NAME)
    const expected = await left(ref.p, ref.id, ref.followed)
    expect(expected).toMatchObject({ rows: 0, subscriptions: 0, uploads: 0, traces: [] })
    expect(expected.request).toMatchObject({ reporterLabel: DELETED_NAME, anonymous: true, followerCount: 0 })

    // cut off between any two steps from the one before its requests to the one after, and in the middle of the
    // first transaction of each kind (it never commits); every story has the same steps as the reference
    const first = log.indexOf('data.requests.allOfReporter')
    const last = log.indexOf('data.requestFollowers.removeOfPerson')
    expect(first).toBeGreaterThan(0)
    expect(last).toBeGreaterThan(first)
    const between = log.flatMap((op, i) => (i >= first - 1 && i <= last + 1 && !op.startsWith('tx.') ? [i] : []))
    const midway = [log.indexOf('tx.requestEvents.update', first), log.indexOf('tx.requestFollowers.update', first)]
    expect(midway.every((i) => i > first && i < last)).toBe(true)
    const cuts = [...between, ...midway]
    for (const [i, at] of cuts.entries()) {
      const { p, id, followed } = await story(`林黛玉${i}`)
      const fresh = await stillRegistered(p)
      await expect(anonymise(dyingAt(at + 1, db, []), fresh, DELETED_NAME)).rejects.toThrow(`killed at ${log[at]}`)
      // asked again, as the person does: through the function, for they are still registered
      expect(await privacy(p, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })
      expect({ cut: log[at], ...(await left(p, id, followed)) }).toEqual({ cut: log[at], ...expected })
    }
    expectConsistent(await stored())
  })
})
