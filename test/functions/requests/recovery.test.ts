/**
 * A call killed right after its transaction, and its retry, over the local cloud: the handler runs in this process
 * on a data layer that dies after a given number of commits (every later call throws, as a function stopped by a
 * timeout or a crash would), then the same tap is sent again, through the function.
 * - Merge: the survivor's timeline says what it took in (合并了 1 件重复诉求); the duplicate's crowd follows the
 *   survivor in transactions of at most FOLLOWERS_IN_TX rows, the survivor's followerCount always equal to its rows;
 *   the retry adds only what is missing and tells the duplicate's reporter once.
 * - Patrol: the patrol and every finding's request are written together or not at all (a refusal at the second
 *   finding leaves nothing), and a retry after the commit finishes the photos and the messages, reporting nothing
 *   twice.
 */
import cloudSdk from 'wx-server-sdk'
import { requestsPayloads, type RequestView } from '../../../core/contract/requests'
import { findingRequestId, patrolDayId, requestCounterId, requestFollowerId } from '../../../core/ids'
import type {
  PatrolDayDoc,
  PatrolDoc,
  PersonDoc,
  RequestEventDoc,
  RequestFollowerDoc,
  UploadDoc,
} from '../../../core/model'
import { beijingMonth } from '../../../core/points/months'
import { patrolDayOf } from '../../../core/requests/patrol'
import { act } from '../../../cloudfunctions/requests/handlers/act'
import { logPatrol } from '../../../cloudfunctions/requests/handlers/patrols'
import { finishMerge, FOLLOWERS_IN_TX } from '../../../cloudfunctions/requests/move'
import { loadCaller } from '../../../server/caller'
import type { Database } from '../../../server/cloud'
import { createData, type Data } from '../../../server/data'
import type { TxData } from '../../../server/data/tx'
import { personaPerson } from '../../demo'
import { gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(240_000)
// in this process the platform's openapi is not reachable (the local cloud serves it to functions only): the text
// check a handler run here asks passes; what the function itself checks is unchanged
jest.mock('../../../server/content-check', () => ({ checkText: async () => {} }))

let c: RequestsCloud
let resident: PersonDoc
let chief: PersonDoc
let party: PersonDoc
let gridId: string

beforeAll(async () => {
  c = await startRequestsCloud()
  resident = personaPerson(c.demo, 'resident')
  gridId = gridOf(resident)
  chief = c.holder('gridChief', gridId)
  party = c.holder('partyLeader', gridId)
})
afterAll(async () => {
  await c?.close()
})

/**
 * The data layer the function builds, over the local cloud, that dies once `commits` transactions have committed;
 * `followerWrites` holds, per committed transaction, how many follower rows it wrote.
 */
function dying(commits = Infinity): { data: Data; followerWrites: number[] } {
  const real = createData(cloudSdk.database() as unknown as Database)
  const followerWrites: number[] = []
  let left = commits
  const alive = () => {
    if (left <= 0) throw new Error('killed after its commit')
  }
  const counting = (tx: TxData, count: () => void): TxData =>
    new Proxy(tx, {
      get: (t, name: keyof TxData) =>
        name === 'requestFollowers'
          ? {
              ...t.requestFollowers,
              set: (id: string, doc: Omit<RequestFollowerDoc, '_id'>) => {
                count()
                return t.requestFollowers.set(id, doc)
              },
            }
          : t[name],
    })
  const data = new Proxy(real, {
    get(target, key: keyof Data) {
      if (key === 'transaction')
        return async <T>(work: (tx: TxData) => Promise<T>) => {
          alive()
          let rows = 0
          const out = await target.transaction((tx) => {
            rows = 0
            return work(counting(tx, () => rows++))
          })
          followerWrites.push(rows)
          left--
          return out
        }
      const repo = target[key] as unknown as Record<string, unknown>
      return new Proxy(repo, {
        get(r, method: string) {
          const f = r[method]
          return typeof f === 'function'
            ? (...args: unknown[]) => {
                alive()
                return (f as (...a: unknown[]) => unknown).apply(r, args)
              }
            : f
        },
      })
    },
  })
  return { data, followerWrites }
}

const report = async (p: PersonDoc, description: string) =>
  (
    await c.ok<{ id: string }>(p, 'report', {
      tapId: newTap('report'),
      category: 'hazard',
      description,
      place: { kind: 'household', unitId: p.householdId },
    })
  ).id
const followersOf = async (requestId: string) =>
  ((await c.collections(['requestFollowers'])).requestFollowers as RequestFollowerDoc[]).filter(
    (f) => f.requestId === requestId,
  )
const toldTo = (p: PersonDoc) => c.outbox().filter((m) => m.touser === p.openid).length

describe('merge', () => {
  it('moves a crowd onto the survivor within each transaction’s budget, finishes on retry, tells the reporter once', async () => {
    const survivor = await report(resident, '消防通道被电动车堵住了')
    const reporter = await c.newResident(c.residentsUnder(gridId)[2].householdId as string, '重复反映人')
    await c.subscribe(reporter)
    const dup = await report(reporter, '楼下消防通道停满了电动车')
    // the duplicate's crowd (2½ transactions' worth), one of whom follows the survivor already
    const crowd = Array.from({ length: 2 * FOLLOWERS_IN_TX + 30 }, (_, i) => `rq_mcrowd_${i}`)
    const since = new Date(Date.now() - 60_000)
    const row = (requestId: string, personId: string) => ({
      _id: requestFollowerId(requestId, personId),
      requestId,
      personId,
      kind: 'follower' as const,
      since,
      requestUpdatedAt: since,
    })
    const [s0, d0] = [await c.request(survivor), await c.request(dup)]
    await c.cloud.seed({
      requestFollowers: [...crowd.map((p) => row(dup, p)), row(survivor, crowd[0])],
      requests: [
        { ...s0, followerCount: s0.followerCount + 1 },
        { ...d0, followerCount: d0.followerCount + crowd.length },
      ],
    })
    const everyone = new Set([resident._id, reporter._id, ...crowd])

    const payload = requestsPayloads.act.parse({ id: dup, move: 'merge', into: survivor, tapId: newTap('merge') })
    const real = createData(cloudSdk.database() as unknown as Database)
    const caller = await loadCaller(real, chief.openid as string)
    const run = (data: Data) => act.handle({ payload, caller, data, target: null, group: null })
    const told = toldTo(reporter)

    // killed right after the merge's transaction
    const killed = dying(1)
    await expect(run(killed.data)).rejects.toThrow('killed after its commit')
    // the merge's own transaction took in a first page (one of it followed already), no more
    expect(killed.followerWrites).toHaveLength(1)
    expect(killed.followerWrites[0]).toBeGreaterThanOrEqual(FOLLOWERS_IN_TX - 1)
    expect(killed.followerWrites[0]).toBeLessThanOrEqual(FOLLOWERS_IN_TX)
    expect(await c.request(dup)).toMatchObject({ state: 'merged', mergedInto: survivor })
    const half = await c.request(survivor)
    expect((await followersOf(survivor)).length).toBe(half.followerCount)
    expect(half.followerCount).toBe(2 + killed.followerWrites[0])
    const absorbed = (await c.events(survivor)).filter((e) => e.move === 'merge')
    expect(absorbed).toEqual([
      expect.objectContaining({
        mergedFrom: [dup],
        from: { state: s0.state, level: s0.level },
        to: { state: s0.state, level: s0.level },
        actorId: chief._id,
      }),
    ])
    expect(absorbed[0].note).toMatch(/^合并了 1 件重复诉求：“楼下消防通道停满了电动车”（\d+月\d+日\d\d:\d\d反映）$/)
    expect(toldTo(reporter)).toBe(told)

    // what the retry runs first — the rest follow, page by page, each within the budget
    const pages = dying()
    await finishMerge(pages.data, await c.request(dup), survivor)
    expect(pages.followerWrites.length).toBeGreaterThanOrEqual(2)
    for (const n of pages.followerWrites) expect(n).toBeLessThanOrEqual(FOLLOWERS_IN_TX)
    const rows = await followersOf(survivor)
    expect(new Set(rows.map((f) => f.personId))).toEqual(everyone)
    expect(rows).toHaveLength(everyone.size)
    const done = await c.request(survivor)
    expect(done.followerCount).toBe(everyone.size)
    for (const f of rows)
      expect(new Date(f.requestUpdatedAt).toISOString()).toBe(new Date(done.updatedAt).toISOString())

    // the same tap again, through the function: the reporter is told, nothing is written twice
    expect(await c.act(chief, 'act', payload)).toMatchObject({ ok: true, data: { state: 'merged' } })
    expect(toldTo(reporter)).toBe(told + 1)
    expect((await c.request(survivor)).followerCount).toBe(everyone.size)

    // and again, through the function: nothing more is written or sent
    const events = await c.events(survivor)
    expect(await c.act(chief, 'act', payload)).toMatchObject({ ok: true, data: { state: 'merged' } })
    expect(await c.events(survivor)).toEqual(events)
    expect((await c.request(survivor)).followerCount).toBe(everyone.size)
    expect(await followersOf(survivor)).toHaveLength(everyone.size)
    expect(toldTo(reporter)).toBe(told + 1)
    // the reporter's list holds both: the duplicate they reported and the survivor they now follow
    const mine = await c.ok<{ rows: { id: string; relation?: string }[] }>(reporter, 'mine', {})
    expect(mine.rows.map((r) => [r.id, r.relation])).toEqual(
      expect.arrayContaining([
        [survivor, 'follower'],
        [dup, 'reporter'],
      ]),
    )
  })

  it('a second merge into the same survivor adds its own event, and tells its reporter once', async () => {
    const survivor = await report(resident, '小区东门的路灯不亮')
    const second = await c.newResident(c.residentsUnder(gridId)[3].householdId as string, '又一位反映人')
    await c.subscribe(second)
    const [a, b] = [await report(second, '东门路灯坏了'), await report(second, '东门口晚上很黑')]
    const told = toldTo(second)
    for (const dup of [a, b])
      expect(
        await c.ok<RequestView>(chief, 'act', { id: dup, move: 'merge', into: survivor, tapId: newTap('merge') }),
      ).toMatchObject({ state: 'merged', mergedInto: survivor })
    const merged = (await c.events(survivor)).filter((e): e is RequestEventDoc => e.move === 'merge')
    expect(merged.map((e) => e.mergedFrom)).toEqual([[a], [b]])
    expect(merged.map((e) => e.note)).toEqual([
      expect.stringContaining('“东门路灯坏了”'),
      expect.stringContaining('“东门口晚上很黑”'),
    ])
    // one message per merged request they reported; the survivor they now follow once
    expect(toldTo(second)).toBe(told + 2)
    expect((await followersOf(survivor)).filter((f) => f.personId === second._id)).toHaveLength(1)
    expect((await c.request(survivor)).followerCount).toBe(2)
  })
  it('follows pressed on both requests while the merge runs all end on the survivor, its count equal to its rows', async () => {
    const survivor = await report(resident, '3栋电梯经常停在半层')
    const homes = c.residentsUnder(gridId).slice(5, 11)
    const people = await Promise.all(homes.map((p, i) => c.newResident(p.householdId as string, `电梯邻居${i}`)))
    const dup = await report(people[0], '3栋电梯困人了')
    const [onDup, onSurvivor] = [people.slice(1, 4), people.slice(4)]
    const calls = await Promise.all([
      c.act(chief, 'act', { id: dup, move: 'merge', into: survivor, tapId: newTap('merge') }),
      ...onDup.map((p) => c.act(p, 'follow', { id: dup })),
      ...onSurvivor.map((p) => c.act(p, 'follow', { id: survivor })),
    ])
    expect(calls[0]).toMatchObject({ ok: true, data: { state: 'merged' } })
    // a follow of the duplicate either came first (and moved with it) or found it merged
    const followedDup = onDup.filter((_, i) => calls[1 + i].ok)
    for (const [i, r] of calls.slice(1, 1 + onDup.length).entries())
      if (!r.ok) expect({ i, code: r.code }).toEqual({ i, code: 'MOVE_NOT_ALLOWED' })
    for (const r of calls.slice(1 + onDup.length)) expect(r.ok).toBe(true)
    const rows = await followersOf(survivor)
    expect(new Set(rows.map((f) => f.personId))).toEqual(
      new Set([resident._id, people[0]._id, ...followedDup.map((p) => p._id), ...onSurvivor.map((p) => p._id)]),
    )
    expect((await c.request(survivor)).followerCount).toBe(rows.length)
  })
})

describe('patrol', () => {
  const MIN = 60_000
  const window = () => ({
    startedAt: new Date(Date.now() - 70 * MIN).toISOString(),
    endedAt: new Date(Date.now() - 10 * MIN).toISOString(),
  })
  const WATCHED = ['requests', 'requestEvents', 'requestFollowers', 'requestCounters', 'patrols', 'patrolDays']
  const snapshot = async () => JSON.stringify(await c.collections(WATCHED))

  it('a refusal at the second finding leaves nothing: no patrol, no request of the first', async () => {
    const before = await snapshot()
    const [mine, theirs] = [await c.photo(chief), await c.photo(resident)]
    const res = await c.act(chief, 'logPatrol', {
      gridId,
      tapId: newTap('patrol'),
      route: '北门—3栋—垃圾站',
      ...window(),
      findings: [
        { description: '垃圾站满溢，需要加派清运', photos: [mine], category: 'sanitation', asRequest: true },
        { description: '3栋外墙瓷砖松动', photos: [theirs], category: 'hazard', asRequest: true },
      ],
    })
    expect(res).toMatchObject({ ok: false, code: 'UPLOAD_NOT_YOURS' })
    expect(await snapshot()).toBe(before)
  })

  it('killed after its commit, a retried patrol finishes the same patrol exactly', async () => {
    await c.subscribe(party)
    const month = beijingMonth(new Date())
    const counterBefore = (await c.counter(requestCounterId(gridId, month)))?.reported ?? 0
    const [kept, lamp, bench] = [await c.photo(chief), await c.photo(chief), await c.photo(chief)]
    const raw = {
      gridId,
      tapId: newTap('patrol'),
      route: '东门—中心花园—地下车库',
      ...window(),
      findings: [
        { description: '地下车库入口的照明灯坏了两盏', photos: [lamp], category: 'repair', asRequest: true },
        { description: '单元门口有小广告，已当场清理', photos: [kept], category: 'sanitation', asRequest: false },
        { description: '中心花园的长椅断了一条腿', photos: [bench], category: 'other', asRequest: true },
      ],
    }
    const payload = requestsPayloads.logPatrol.parse(raw)
    const real = createData(cloudSdk.database() as unknown as Database)
    const caller = await loadCaller(real, chief.openid as string)
    const told = toldTo(party)
    const killed = dying(1)
    await expect(
      logPatrol.handle({ payload, caller, data: killed.data, target: c.unit(gridId), group: null }),
    ).rejects.toThrow('killed after its commit')

    // one commit holds it all: the patrol, its day marker, both findings' requests
    const patrols = (await c.collections(['patrols'])).patrols as PatrolDoc[]
    const patrol = patrols.find((p) => p.personId === chief._id && p.route === raw.route) as PatrolDoc
    const ids = [findingRequestId(patrol._id, 0), findingRequestId(patrol._id, 2)]
    expect(patrol.findings.map((f) => f.requestId ?? null)).toEqual([ids[0], null, ids[1]])
    for (const id of ids) expect(await c.request(id)).toMatchObject({ reporterId: chief._id, state: 'submitted' })
    expect((await c.counter(requestCounterId(gridId, month)))?.reported).toBe(counterBefore + 2)
    const uploads = async () =>
      new Map(((await c.collections(['uploads'])).uploads as UploadDoc[]).map((u) => [u.fileID, u]))
    // what follows the commit did not happen: the photos wait, nobody was told
    for (const f of [kept, lamp, bench]) expect((await uploads()).get(f)?.state).toBe('uploaded')
    expect(toldTo(party)).toBe(told)

    // the same tap again, through the function: the same patrol, the rest finished, nothing twice
    const markerId = patrolDayId(gridId, patrolDayOf(new Date(raw.startedAt)))
    const marker = async () =>
      ((await c.collections(['patrolDays'])).patrolDays as PatrolDayDoc[]).find((m) => m._id === markerId)
    const markerAfterCommit = (await marker())?.patrols
    for (let i = 0; i < 2; i++) {
      expect(await c.ok(chief, 'logPatrol', raw)).toEqual({ id: patrol._id, requestIds: ids })
      const u = await uploads()
      expect([kept, lamp, bench].map((f) => u.get(f)?.attachedTo?.id)).toEqual([patrol._id, ids[0], ids[1]])
      expect(toldTo(party)).toBe(told + 2)
      expect((await marker())?.patrols).toBe(markerAfterCommit)
      expect((await c.counter(requestCounterId(gridId, month)))?.reported).toBe(counterBefore + 2)
      const reported = ((await c.collections(['requests'])).requests as { _id: string }[]).filter((r) =>
        r._id.startsWith(`${patrol._id}_f`),
      )
      expect(reported.map((r) => r._id).sort()).toEqual([...ids].sort())
    }
  })
})
