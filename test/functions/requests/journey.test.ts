/**
 * The journey through the real wx-server-sdk against the local cloud over the demo community: a resident
 * reports a broken street lamp with a photo; a neighbour sees it among the duplicate hints and presses 我也遇到了; the
 * grid chief escalates to the community, the community to the street, the street blows the whistle for 城管, which
 * reports in (报到) and marks it done; the reporter rates 不满意 and it reopens with 城管; on the second completion
 * 满意 closes it. Every step is on the timeline with actor and time; both residents were told at each change of
 * state; the counters of grid, community, street and 城管 say what happened.
 */
import {
  REQUEST_FIGURES,
  type PageOf,
  type RequestFigures,
  type RequestRow,
  type RequestView,
  type SimilarRow,
} from '../../../core/contract/requests'
import { departmentScopeKey, requestCounterId } from '../../../core/ids'
import type { PersonDoc, RequestCounterDoc } from '../../../core/model'
import { beijingMonth } from '../../../core/points/months'
import { REQUEST_TEMPLATE } from '../../../core/requests/messages'
import { exactly } from '../harness/functions-cloud'
import { gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(240_000)

let c: RequestsCloud
let reporter: PersonDoc
let neighbour: PersonDoc
let chief: PersonDoc
let staff: PersonDoc
let streetStaff: PersonDoc
let chengguan: PersonDoc

const byOpenid = (openid: string) => c.demo.people.find((p) => p.openid === openid) as PersonDoc

beforeAll(async () => {
  c = await startRequestsCloud()
  reporter = byOpenid(c.demo.personas[0].openid)
  neighbour = byOpenid(c.demo.personas[7].openid)
  chief = byOpenid(c.demo.personas[6].openid)
  staff = byOpenid(c.demo.personas[4].openid)
  streetStaff = c.holder('streetStaff', 's1')
  // 城管's staff member: the department role over the street, for 城管, living elsewhere (no home in the area)
  chengguan = await c.addPerson({
    _id: 'rq_chengguan',
    openid: 'o_rq_chengguan',
    name: '城管队员赵强',
    phone: '13911112222',
    roles: [{ role: 'department', unitId: 's1', departmentId: 'chengguan' }],
  })
  for (const p of [reporter, neighbour, chief]) await c.subscribe(p, 20)
  // the handlers without a home of their own accept messages through requests.subscribe, once per message
  for (const p of [staff, streetStaff, chengguan])
    for (let i = 1; i <= 3; i++) expect(await c.ok(p, 'subscribe', {})).toEqual({ remaining: i })
  expect(gridOf(reporter)).toBe(gridOf(neighbour))
  expect(chief.roles).toContainEqual({ role: 'gridChief', unitId: gridOf(reporter) })
})
afterAll(async () => {
  await c?.close()
})

const act = (p: PersonDoc, id: string, move: string, extra: Record<string, unknown> = {}) =>
  c.ok<RequestView>(p, 'act', { id, move, tapId: newTap(move), ...extra })
/** What moved in a counter: the figures that changed, by how much. */
const delta = (a: RequestCounterDoc | null, b: RequestCounterDoc | null): Partial<RequestFigures> =>
  Object.fromEntries(
    REQUEST_FIGURES.flatMap((f) => {
      const d = (b?.[f] ?? 0) - (a?.[f] ?? 0)
      return d ? [[f, d]] : []
    }),
  )
const told = (p: PersonDoc, from: number) =>
  c
    .outbox()
    .slice(from)
    .filter((m) => m.touser === p.openid && m.templateId === REQUEST_TEMPLATE.id)

it('runs from report to 满意, every step on the timeline, both residents told, the counters in step', async () => {
  const grid = gridOf(reporter)
  const photo = await c.photo(reporter)
  const month = beijingMonth(new Date())
  const scopes = [grid, 'c1', 's1', departmentScopeKey('s1', 'chengguan')]
  const before = await Promise.all(scopes.map((k) => c.counter(requestCounterId(k, month))))
  const sent0 = c.outbox().length
  const { id } = await c.ok<{ id: string }>(reporter, 'report', {
    tapId: newTap('report'),
    category: 'repair',
    description: '小区东门路口的路灯不亮了，晚上很黑，老人出门不方便',
    photos: [photo],
    place: { kind: 'spot', unitId: grid, label: '东门路口路灯' },
  })
  // the grid's chief is told there is a new request to handle
  expect(told(chief, sent0).map((m) => m.data.phrase2.value)).toEqual(['待处理'])
  expect(told(chief, sent0)[0].page).toBe(`requests/detail/index?id=${id}`)

  // the neighbour writes about the same lamp and sees it among the hints: no reporter named
  const hints = await c.ok<{ rows: SimilarRow[] }>(neighbour, 'similar', { category: 'repair', unitId: grid })
  const hint = hints.rows.find((r) => r.id === id)
  expect(hint).toMatchObject({ title: expect.stringContaining('路灯不亮'), following: false, followerCount: 1 })
  expect(JSON.stringify(hints)).not.toContain(reporter.name)
  expect(await c.ok(neighbour, 'follow', { id })).toEqual({ followerCount: 2 })
  expect(await c.act(neighbour, 'follow', { id })).toEqual(exactly('ALREADY_FOLLOWING'))

  // grid → community → street → 城管
  let view = await act(chief, id, 'escalate', { note: '路灯归市政管，网格解决不了' })
  expect(view).toMatchObject({ level: 'community', state: 'submitted' })
  expect(view.moves).not.toContain('escalate') // the grid no longer owns it
  view = await act(staff, id, 'escalate', { note: '需要街道协调' })
  expect(view).toMatchObject({ level: 'street', state: 'submitted' })
  expect(await c.ok<RequestView>(streetStaff, 'detail', { id })).toMatchObject({
    moves: expect.arrayContaining(['dispatch', 'accept', 'return']),
  })
  view = await act(streetStaff, id, 'dispatch', { departmentId: 'chengguan', note: '请城管一日内报到' })
  expect(view).toMatchObject({ level: 'department', department: { id: 'chengguan', name: '城管' } })
  // 城管 sees it in its own inbox, soonest due first
  const inbox = await c.ok<PageOf<RequestRow>>(chengguan, 'inbox', { unitId: 's1', departmentId: 'chengguan' })
  expect(inbox.rows.map((r) => r.id)).toContain(id)
  expect(inbox.rows.find((r) => r.id === id)?.departmentName).toBe('城管')

  view = await act(chengguan, id, 'checkIn', { note: '已报到，明天上午维修' })
  expect(view).toMatchObject({ state: 'processing', level: 'department' })
  // the handler sees the reporter and their phone; the neighbour does not see the phone
  expect(view.reporter).toMatchObject({ name: reporter.name, phone: reporter.phone })
  const seenByNeighbour = await c.ok<RequestView>(neighbour, 'detail', { id })
  expect(seenByNeighbour.reporter.phone).toBeNull()
  expect(seenByNeighbour.moves).toEqual(expect.arrayContaining(['comment']))
  expect(seenByNeighbour.moves).not.toContain('rate')

  view = await act(chengguan, id, 'complete', { note: '已更换灯泡' })
  expect(view.state).toBe('done')
  view = await act(reporter, id, 'rate', { rating: 'unsatisfied', comment: '只亮了一晚又坏了' })
  expect(view).toMatchObject({ state: 'processing', level: 'department', reopenCount: 1, rating: 'unsatisfied' })
  view = await act(chengguan, id, 'complete', { note: '更换了整套灯具和线路' })
  view = await act(reporter, id, 'rate', { rating: 'satisfied', comment: '修好了，谢谢' })
  expect(view).toMatchObject({ state: 'rated', group: 'closed', rating: 'satisfied', moves: [] })

  // the timeline: every step, with who and when, in order
  const timeline = (await c.ok<RequestView>(reporter, 'detail', { id })).events
  expect(timeline.map((e) => [e.move, e.to.state, e.to.level])).toEqual([
    ['report', 'submitted', 'grid'],
    ['escalate', 'submitted', 'community'],
    ['escalate', 'submitted', 'street'],
    ['dispatch', 'submitted', 'department'],
    ['checkIn', 'processing', 'department'],
    ['complete', 'done', 'department'],
    ['rate', 'processing', 'department'],
    ['complete', 'done', 'department'],
    ['rate', 'rated', 'department'],
  ])
  expect(timeline.map((e) => e.actorLabel)).toEqual([
    `居民 ${reporter.name}`,
    `网格长 ${chief.name}`,
    `社区工作者 ${staff.name}`,
    `街道干部 ${streetStaff.name}`,
    `城管 ${chengguan.name}`,
    `城管 ${chengguan.name}`,
    `反映人 ${reporter.name}`,
    `城管 ${chengguan.name}`,
    `反映人 ${reporter.name}`,
  ])
  for (const e of timeline) expect(Date.parse(e.at)).toBeGreaterThan(Date.now() - 600_000)
  expect(timeline[3].departmentName).toBe('城管')
  expect(timeline[6]).toMatchObject({ rating: 'unsatisfied', note: '只亮了一晚又坏了' })

  // both residents were told of each change of state or owner (the reporter not of their own ratings)
  const stateLines = (p: PersonDoc) => told(p, sent0).map((m) => m.data.phrase2.value)
  expect(stateLines(neighbour)).toEqual([
    '待受理',
    '待受理',
    '待受理',
    '处理中',
    '已办结',
    '处理中',
    '已办结',
    '已评价',
  ])
  expect(stateLines(reporter)).toEqual(['待受理', '待受理', '待受理', '处理中', '已办结', '已办结'])
  // each new owner was told it is theirs
  expect(told(staff, sent0).map((m) => m.data.phrase2.value)).toEqual(['待处理'])
  // 城管 when it was whistled for, and again when the reporter's 不满意 reopened it with them
  expect(told(chengguan, sent0).map((m) => m.data.phrase2.value)).toEqual(['待处理', '待处理'])

  // the counters of every scope it passed moved by this request's figures (the demo's seeded month is in them too)
  const after = await Promise.all(scopes.map((k) => c.counter(requestCounterId(k, month))))
  const moved = scopes.map((k, i) => ({ k, ...delta(before[i], after[i]) }))
  const common = { reported: 1, resolved: 1, resolvedOnTime: 1, rated: 1, satisfied: 1, reopened: 1, escalated: 1 }
  expect(moved).toEqual(scopes.map((k) => ({ k, ...common, responseDue: 1, respondedOnTime: 1, ended: 1 })))

  // my requests: the reporter's and the neighbour's both list it, the latest change first
  const mine = await c.ok<PageOf<RequestRow>>(neighbour, 'mine', {})
  expect(mine.rows[0]).toMatchObject({ id, state: 'rated', relation: 'follower' })
  const own = await c.ok<PageOf<RequestRow>>(reporter, 'mine', {})
  expect(own.rows[0]).toMatchObject({ id, relation: 'reporter' })
})
