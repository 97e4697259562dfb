/**
 * The `sweep` timer over the local cloud, fired by hand at a time ahead (as the platform fires it, with no user):
 * an overdue request escalates one level with an event saying which limit passed and its new owner is told; a firing
 * again, or two at once, moves it once; at the street it is only marked overdue; a done request nobody rated closes
 * itself after the community's 7 days, and not before.
 */
import type { RequestView } from '../../../core/contract/requests'
import type { PersonDoc } from '../../../core/model'
import { REQUEST_TEMPLATE, requestPath } from '../../../core/requests/messages'
import { gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(240_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR

let c: RequestsCloud
let resident: PersonDoc
let chief: PersonDoc
let staff: PersonDoc

const byOpenid = (openid: string) => c.demo.people.find((p) => p.openid === openid) as PersonDoc

beforeAll(async () => {
  c = await startRequestsCloud()
  resident = byOpenid(c.demo.personas[0].openid)
  chief = byOpenid(c.demo.personas[6].openid)
  staff = byOpenid(c.demo.personas[4].openid)
  for (const p of [resident, chief, staff]) await c.subscribe(p, 20)
})
afterAll(async () => {
  await c?.close()
})

const report = async (description: string) =>
  (
    await c.ok<{ id: string }>(resident, 'report', {
      tapId: newTap('report'),
      category: 'repair',
      description,
      place: { kind: 'spot', unitId: gridOf(resident), label: '3号楼北侧' },
    })
  ).id
const act = (p: PersonDoc, id: string, move: string, extra: Record<string, unknown> = {}) =>
  c.ok<RequestView>(p, 'act', { id, move, tapId: newTap(move), ...extra })
/** The request messages about one request sent since `from` (the demo's own requests move on the same firings). */
const aboutIt = (id: string, from: number) =>
  c
    .outbox()
    .slice(from)
    .filter((m) => m.templateId === REQUEST_TEMPLATE.id && m.page === requestPath(id))
const fire = async (at: Date) => {
  const res = await c.fireSweep(at)
  if (!res.ok) throw new Error(`sweep failed: ${res.code}`)
  return res.data
}

it('escalates an overdue request one level, with an event saying why, and tells the new owner', async () => {
  const id = await report('楼道声控灯坏了，晚上看不见台阶')
  const r = await c.request(id)
  expect(r).toMatchObject({ level: 'grid', state: 'submitted', overdue: false })
  // a repair must be accepted within its response limit (4 h): an hour before, nothing happens
  expect(+r.levelDueAt!).toBe(+r.createdAt + 4 * HOUR)
  await fire(new Date(+r.levelDueAt! - HOUR))
  expect(await c.events(id)).toHaveLength(1)

  const sent = c.outbox().length
  const firedAt = new Date(+r.levelDueAt! + 60_000)
  await fire(firedAt)
  const after = await c.request(id)
  expect(after).toMatchObject({ level: 'community', state: 'submitted', overdue: true, respondOverdue: true })
  const events = await c.events(id)
  expect(events.map((e) => [e.seq, e.move, e.to.level, e.actorLabel])).toEqual([
    [1, 'report', 'grid', expect.any(String)],
    [2, 'autoEscalate', 'community', '系统'],
  ])
  expect(events[1].note).toMatch(/超过.*时限.*自动上报/)
  expect(+new Date(events[1].at)).toBe(+firedAt)
  // the community's staff are told it is theirs now, the reporter that it moved up
  const mine = aboutIt(id, sent)
  expect(mine.filter((m) => m.touser === staff.openid).map((m) => m.data.phrase2.value)).toEqual(['待处理'])
  expect(mine.filter((m) => m.touser === resident.openid).map((m) => m.data.phrase2.value)).toEqual(['待受理'])
  // the page shows who moved it
  const view = await c.ok<RequestView>(resident, 'detail', { id })
  expect(view.events[1]).toMatchObject({ move: 'autoEscalate', label: '超时自动上报', actorLabel: '系统' })

  // the same firing again, and two more at once: nothing moves twice
  await fire(firedAt)
  await Promise.all([fire(new Date(+firedAt + 1000)), fire(new Date(+firedAt + 2000))])
  expect(await c.events(id)).toHaveLength(2)
})

it('marks a request at the street overdue without sending it anywhere', async () => {
  const id = await report('单元门禁坏了，陌生人随便进出')
  await act(chief, id, 'escalate', { note: '需要社区协调' })
  await act(staff, id, 'escalate', { note: '需要街道协调' })
  const r = await c.request(id)
  expect(r.level).toBe('street')
  await fire(new Date(+r.nextDueAt! + 60_000))
  const after = await c.request(id)
  expect(after).toMatchObject({ level: 'street', state: 'submitted', overdue: true })
  const events = await c.events(id)
  expect(events.at(-1)).toMatchObject({ move: 'autoEscalate', to: { level: 'street' } })
  expect(events.at(-1)?.note).toMatch(/已标记超时/)
  // its next deadline moved on: the timer does not find it again until that one passes
  expect(after.nextDueAt === null || +after.nextDueAt > +r.nextDueAt!).toBe(true)
  await fire(new Date(+r.nextDueAt! + 120_000))
  expect(await c.events(id)).toHaveLength(events.length)
})

it('closes a done request nobody rated after 7 days, not before, saying it was not confirmed', async () => {
  const id = await report('楼下垃圾桶满了没人清')
  await act(chief, id, 'accept')
  await act(chief, id, 'complete', { note: '已联系物业清运' })
  const r = await c.request(id)
  expect(r.state).toBe('done')
  await fire(new Date(+r.resolvedAt! + 6 * DAY))
  expect((await c.request(id)).state).toBe('done')

  const sent = c.outbox().length
  await fire(new Date(+r.resolvedAt! + 7 * DAY + 60_000))
  const after = await c.request(id)
  expect(after).toMatchObject({ state: 'closed', group: 'closed' })
  const last = (await c.events(id)).at(-1)
  expect(last).toMatchObject({ move: 'autoClose', actorLabel: '系统', to: { state: 'closed' } })
  expect(last?.note).toContain('未经确认')
  // the reporter hears it closed
  expect(
    aboutIt(id, sent)
      .filter((m) => m.touser === resident.openid)
      .map((m) => m.data.phrase2.value),
  ).toEqual(['已关闭'])
  // and can no longer rate it
  expect((await c.ok<RequestView>(resident, 'detail', { id })).moves).not.toContain('rate')
})
