/**
 * The moves the journey does not take, over the local cloud, and the lists: a reporter withdraws a request nobody
 * took yet; a handler marks it responded, rules on 紧急 (the deadlines move), completes with a photo (审核中 to the
 * handler and the reporter, hidden from a neighbour until it passes), schedules 回头看, whose failure reopens it and
 * whose pass strikes it off (销项); my requests and the inbox page without repeating or losing a row.
 */
import type { PageOf, RequestRow, RequestView } from '../../../core/contract/requests'
import { requestFollowerId } from '../../../core/ids'
import type { PersonDoc, RequestFollowerDoc } from '../../../core/model'
import { FOLLOWERS_IN_TX } from '../../../cloudfunctions/requests/move'
import { gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(240_000)

const DAY = 86_400_000
let c: RequestsCloud
let resident: PersonDoc
let neighbour: PersonDoc
let chief: PersonDoc

const byOpenid = (openid: string) => c.demo.people.find((p) => p.openid === openid) as PersonDoc

beforeAll(async () => {
  c = await startRequestsCloud()
  resident = byOpenid(c.demo.personas[0].openid)
  neighbour = byOpenid(c.demo.personas[7].openid)
  chief = byOpenid(c.demo.personas[6].openid)
})
afterAll(async () => {
  await c?.close()
})

const report = async (p: PersonDoc, over: Record<string, unknown> = {}) =>
  (
    await c.ok<{ id: string }>(p, 'report', {
      tapId: newTap('report'),
      category: 'hazard',
      description: '电动车在楼道里充电，有起火危险',
      place: { kind: 'spot', unitId: gridOf(p), label: '5栋楼道' },
      ...over,
    })
  ).id
const act = (p: PersonDoc, id: string, move: string, extra: Record<string, unknown> = {}) =>
  c.ok<RequestView>(p, 'act', { id, move, tapId: newTap(move), ...extra })

it('lets the reporter withdraw before anyone took it, and not after', async () => {
  const id = await report(resident)
  expect((await c.ok<RequestView>(resident, 'detail', { id })).moves).toContain('withdraw')
  expect(await act(resident, id, 'withdraw', { note: '已经自己解决了' })).toMatchObject({ state: 'withdrawn' })
  const taken = await report(resident)
  await act(chief, taken, 'accept')
  const view = await c.ok<RequestView>(resident, 'detail', { id: taken })
  expect(view.moves).not.toContain('withdraw')
  expect(await c.act(resident, 'act', { id: taken, move: 'withdraw', tapId: newTap('w') })).toMatchObject({
    ok: false,
    code: 'MOVE_NOT_ALLOWED',
  })
})

it('records the response, rules on 紧急 with new deadlines, and shows a completion photo to whom it may', async () => {
  const id = await report(resident, { urgent: true })
  const urgent = await c.request(id)
  expect(urgent.urgent).toBe(true)
  expect(+urgent.respondDueAt! - +urgent.createdAt).toBe(2 * 3_600_000) // 紧急: 2 h to respond
  const responded = await act(chief, id, 'respond', { note: '已电话联系，马上到场' })
  expect(responded).toMatchObject({ state: 'processing', respondedAt: expect.any(String) })
  const ruled = await act(chief, id, 'confirmUrgent', { pass: false, note: '不属于紧急情况' })
  expect(ruled).toMatchObject({ urgent: false, urgentConfirmed: false })
  const after = await c.request(id)
  expect(+after.resolveDueAt!).toBeGreaterThanOrEqual(+urgent.resolveDueAt!)

  // the image check answers only when released: until then the photo is 审核中
  c.cloud.mediaChecks.configure({ hold: true })
  const photo = await c.photo(chief)
  const done = await act(chief, id, 'complete', { note: '已劝离并张贴告示', photos: [photo] })
  const event = done.events.at(-1)
  expect(event).toMatchObject({ move: 'complete', note: '已劝离并张贴告示' })
  // 审核中: the handler sees it; a neighbour of the grid does not until the check passes
  expect(event?.photos).toHaveLength(1)
  const seen = await c.ok<RequestView>(neighbour, 'detail', { id })
  expect(seen.events.at(-1)?.photos).toEqual([])
  const uploads = (await c.collections(['uploads'])).uploads as { fileID: string; attachedTo: unknown }[]
  expect(uploads.find((u) => u.fileID === photo)?.attachedTo).toMatchObject({ kind: 'request', id })
  // the check passes it: now everyone who reads the request sees it
  c.cloud.mediaChecks.configure({ hold: false })
  expect(await c.cloud.mediaChecks.release()).toBeGreaterThanOrEqual(1)
  const shown = async () => (await c.ok<RequestView>(neighbour, 'detail', { id })).events.at(-1)?.photos.length
  for (let tries = 0; (await shown()) !== 1 && tries < 50; tries++) await c.cloud.mediaChecks.release()
  expect(await shown()).toBe(1)
})

it('回头看: a failed re-inspection reopens it where it was resolved, a passed one strikes it off', async () => {
  const id = await report(resident)
  await act(chief, id, 'accept')
  await act(chief, id, 'complete', { note: '已清理楼道' })
  await act(resident, id, 'rate', { rating: 'basic' })
  const at = new Date(Date.now() + 28 * DAY).toISOString()
  expect(await act(chief, id, 'scheduleReinspection', { reinspectAt: at })).toMatchObject({ reinspectAt: at })
  expect(await c.act(chief, 'act', { id, move: 'reinspect', tapId: newTap('r') })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
  })
  const failed = await act(chief, id, 'reinspect', { pass: false, note: '又有电动车在充电' })
  expect(failed).toMatchObject({ state: 'processing', level: 'grid', reopenCount: 1, struckOff: false })
  await act(chief, id, 'complete', { note: '再次清理并加装充电桩指引' })
  await act(resident, id, 'rate', { rating: 'satisfied' })
  await act(chief, id, 'scheduleReinspection', {})
  const passed = await act(chief, id, 'reinspect', { pass: true })
  expect(passed).toMatchObject({ state: 'rated', struckOff: true })
})

it('pages my requests and the grid inbox without repeating or losing a row', async () => {
  const fresh = await c.newResident(resident.householdId as string, '新居民')
  const ids: string[] = []
  for (let i = 0; i < 5; i++) ids.push(await report(fresh, { description: `第${i + 1}件：楼道灯不亮` }))
  const seen: string[] = []
  let cursor: string | null | undefined
  do {
    const page: PageOf<RequestRow> = await c.ok(fresh, 'mine', { pageSize: 2, ...(cursor ? { cursor } : {}) })
    expect(page.rows.length).toBeLessThanOrEqual(2)
    seen.push(...page.rows.map((r) => r.id))
    cursor = page.nextCursor
  } while (cursor)
  // newest change first: the last reported leads
  expect(seen).toEqual([...ids].reverse())

  const inbox: string[] = []
  cursor = undefined
  do {
    const page: PageOf<RequestRow> = await c.ok(chief, 'inbox', {
      unitId: gridOf(resident),
      pageSize: 7,
      ...(cursor ? { cursor } : {}),
    })
    inbox.push(...page.rows.map((r) => r.id))
    cursor = page.nextCursor
  } while (cursor)
  expect(new Set(inbox).size).toBe(inbox.length)
  expect(inbox).toEqual(expect.arrayContaining(ids))
  const overdue = await c.ok<PageOf<RequestRow>>(chief, 'inbox', {
    unitId: gridOf(resident),
    scope: 'all',
    overdue: true,
  })
  expect(overdue.rows.every((r) => r.overdue)).toBe(true)
})

it('moves every follower of a crowded request to its latest change, beyond what one transaction writes', async () => {
  const id = await report(resident)
  const since = new Date(Date.now() - 60_000)
  const crowd = Array.from({ length: FOLLOWERS_IN_TX + 20 }, (_, i) => ({
    _id: requestFollowerId(id, `rq_crowd_${i}`),
    requestId: id,
    personId: `rq_crowd_${i}`,
    kind: 'follower',
    since,
    requestUpdatedAt: since,
  }))
  await c.cloud.seed({ requestFollowers: crowd })
  const moved = await act(chief, id, 'accept')
  const rows = ((await c.collections(['requestFollowers'])).requestFollowers as RequestFollowerDoc[]).filter(
    (f) => f.requestId === id,
  )
  expect(rows).toHaveLength(crowd.length + 1)
  for (const f of rows) expect(new Date(f.requestUpdatedAt).toISOString()).toBe(moved.updatedAt)
})
