/**
 * Moves that race, over the local cloud: two handlers pressing the same move at once make one event (the other is
 * told it moved on); a tap retried answers the same and writes nothing; an errand taken by a volunteer of the grid
 * earns its points through the ledger once, however often and however concurrently it is rated.
 */
import type { RequestView } from '../../../core/contract/requests'
import { accountId, errandEarnId } from '../../../core/ids'
import type { AccountDoc, PersonDoc, TransferDoc } from '../../../core/model'
import { ERRAND_POINTS } from '../../../core/requests/errand'
import { gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(240_000)

let c: RequestsCloud
let resident: PersonDoc
let chief: PersonDoc
let partyLeader: PersonDoc

const byOpenid = (openid: string) => c.demo.people.find((p) => p.openid === openid) as PersonDoc

beforeAll(async () => {
  c = await startRequestsCloud()
  resident = byOpenid(c.demo.personas[0].openid)
  chief = byOpenid(c.demo.personas[6].openid)
  partyLeader = byOpenid(c.demo.personas[2].openid)
  expect(partyLeader.roles).toContainEqual({ role: 'partyLeader', unitId: gridOf(resident) })
  // several warm instances of the function, so calls sent together run at the same time instead of queueing
  const warm = await Promise.all(
    Array.from({ length: 6 }, () => c.act(resident, 'settings', { unitId: gridOf(resident) })),
  )
  expect(warm.every((r) => r.ok)).toBe(true)
})
afterAll(async () => {
  await c?.close()
})

const report = async (category: string, description: string) =>
  (
    await c.ok<{ id: string }>(resident, 'report', {
      tapId: newTap('report'),
      category,
      description,
      place: { kind: 'household', unitId: resident.householdId },
    })
  ).id
const move = (p: PersonDoc, id: string, name: string, extra: Record<string, unknown> = {}, tapId = newTap(name)) =>
  c.act<RequestView>(p, 'act', { id, move: name, tapId, ...extra })
const stored = async <T>(collection: string) => (await c.dump())[collection] as T[]

it('two handlers accepting at once make one event; the other is told it moved on', async () => {
  const id = await report('repair', '厨房水管漏水，楼下也在滴水')
  const [a, b] = await Promise.all([move(chief, id, 'accept'), move(partyLeader, id, 'accept')])
  const oks = [a, b].filter((r) => r.ok)
  expect(oks).toHaveLength(1)
  const refused = [a, b].find((r) => !r.ok) as { code: string }
  expect(['REQUEST_STATE_CHANGED', 'MOVE_NOT_ALLOWED']).toContain(refused.code)
  const events = await c.events(id)
  expect(events.map((e) => e.move)).toEqual(['report', 'accept'])
  expect((await c.request(id)).seq).toBe(2)
})

it('a report sent twice, and twice at once, files one request; 我也遇到了 pressed twice at once counts once', async () => {
  const payload = {
    tapId: newTap('report'),
    category: 'repair',
    description: '电梯按钮失灵，按了没反应',
    place: { kind: 'household', unitId: resident.householdId },
  }
  const [a, b] = await Promise.all([c.act(resident, 'report', payload), c.act(resident, 'report', payload)])
  const again = await c.act(resident, 'report', payload)
  const ids = [a, b, again].map((r) => (r as { data?: { id: string } }).data?.id)
  expect(new Set(ids).size).toBe(1)
  const id = ids[0] as string
  expect(await c.events(id)).toHaveLength(1)
  const rows = (await c.collections(['requestFollowers'])).requestFollowers as { requestId: string }[]
  expect(rows.filter((f) => f.requestId === id)).toHaveLength(1)

  const neighbour = byOpenid(c.demo.personas[7].openid)
  const [x, y] = await Promise.all([c.act(neighbour, 'follow', { id }), c.act(neighbour, 'follow', { id })])
  expect([x, y].filter((r) => r.ok)).toHaveLength(1)
  expect([x, y].find((r) => !r.ok)).toMatchObject({ code: 'ALREADY_FOLLOWING' })
  expect((await c.request(id)).followerCount).toBe(2)
})

it('a retried tap answers the same view and writes one event', async () => {
  const id = await report('repair', '楼道窗户玻璃碎了')
  const tapId = newTap('comment')
  const first = await move(resident, id, 'comment', { note: '碎玻璃在二楼平台' }, tapId)
  const again = await move(resident, id, 'comment', { note: '碎玻璃在二楼平台' }, tapId)
  expect(first.ok && again.ok).toBe(true)
  const [x, y] = await Promise.all([
    move(chief, id, 'accept', {}, 'same-tap-accept-1'),
    move(chief, id, 'accept', {}, 'same-tap-accept-1'),
  ])
  expect([x.ok, y.ok]).toEqual([true, true])
  expect((await c.events(id)).map((e) => e.move)).toEqual(['report', 'comment', 'accept'])
})

it('an errand earns its taker the points once, rated twice and at once', async () => {
  // a volunteer living in the grid takes it (only volunteers may)
  const home = c.unit(c.residentsUnder(gridOf(resident))[3].householdId as string)
  const volunteer = await c.addPerson({
    _id: 'rq_volunteer',
    openid: 'o_rq_volunteer',
    name: '志愿者孙敏',
    phone: '13922223333',
    householdId: home._id,
    homePath: home.path,
    roles: [{ role: 'resident', unitId: home._id }],
    volunteer: true,
  })
  const id = await report('errand', '腿脚不便，请帮忙到药店买降压药')
  expect((await move(resident, id, 'takeErrand')).ok).toBe(false) // the reporter cannot take their own
  const taken = await move(volunteer, id, 'takeErrand', { note: '我下午去买' })
  expect(taken).toMatchObject({ ok: true, data: { state: 'processing', errandTaker: { isMe: true } } })
  expect(await move(volunteer, id, 'complete', { note: '药已送到家' })).toMatchObject({ ok: true })

  const account = accountId({ kind: 'person', id: volunteer._id })
  const balance = async () => (await stored<AccountDoc>('accounts')).find((a) => a._id === account)?.balance ?? 0
  const before = await balance()
  const [one, two] = await Promise.all([
    move(resident, id, 'rate', { rating: 'satisfied' }),
    move(resident, id, 'rate', { rating: 'basic' }),
  ])
  expect([one, two].filter((r) => r.ok)).toHaveLength(1)
  expect(await move(resident, id, 'rate', { rating: 'satisfied' })).toMatchObject({
    ok: false,
    code: 'MOVE_NOT_ALLOWED',
  })
  expect(await balance()).toBe(before + ERRAND_POINTS)
  const paid = (await stored<TransferDoc>('transfers')).filter((t) => t.ref.kind === 'errand' && t.ref.id === id)
  expect(paid).toHaveLength(1)
  expect(paid[0]).toMatchObject({ _id: errandEarnId(id), kind: 'earn', amount: ERRAND_POINTS, to: account })
  expect(paid[0].reason).toContain('跑腿代购')
  expect((await c.request(id)).errandPaidAt).toBeDefined()
})
