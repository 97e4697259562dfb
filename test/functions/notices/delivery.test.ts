/**
 * Subscribe messages of a new notice: residents who accepted one (notices.subscribe) get one message, sent by the
 * `deliver` timer in bounded batches that resume where the last firing stopped; nobody outside the notice's scope
 * and nobody without a message left gets one; fields stay within WeChat's limits.
 */
import type { NoticesApi } from '../../../core/contract'
import type { PersonDoc, SubscriptionDoc } from '../../../core/model'
import { DISPATCH_TEMPLATE } from '../../../core/dashboard/dispatch'
import { NOTICE_TEMPLATE } from '../../../core/notices/links'
import { isWithin } from '../../../core/units'
import { BATCH } from '../../../cloudfunctions/notices/deliver'
import { subscriptionId } from '../../../core/ids'
import { DELIVERY_SHARDS } from '../../../core/notices/messages'
import { inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

let c: NoticesCloud
beforeAll(async () => {
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())

interface Sent {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
}
const outbox = () => c.cloud.outbox() as Sent[]

const residentsUnder = (path: string) =>
  c.demo.people.filter((p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, path))

const draft = (unitIds: string[], title = '关于开展消防安全检查的通知') => ({
  title,
  body: '本周日上午开展楼道消防安全检查，请清理楼道杂物。',
  urgency: 'important',
  expiresAt: inDays(2),
  unitIds,
})

it('sends one message to each subscriber in scope, within the template’s limits, and spends it', async () => {
  const [a, b] = residentsUnder('/s1/c1/g1/c1-b1/')
  const outside = residentsUnder('/s1/c1/g2/')[0]
  expect(await c.ok(a, 'subscribe', { templateId: NOTICE_TEMPLATE.id })).toEqual({ remaining: 1 })
  expect(await c.ok(a, 'subscribe', { templateId: NOTICE_TEMPLATE.id })).toEqual({ remaining: 2 })
  await c.ok(b, 'subscribe', { templateId: NOTICE_TEMPLATE.id })
  await c.ok(outside, 'subscribe', { templateId: NOTICE_TEMPLATE.id })

  const title = '关于开展二〇二六年冬季楼道消防安全隐患排查整治工作的紧急通知'
  const notice = await c.ok<NoticesApi['publish']['result']>(
    c.holder('buildingHead', 'c1-b1'),
    'publish',
    draft(['c1-b1'], title),
  )
  expect(outbox()).toHaveLength(0) // publishing sends nothing itself

  expect(await c.fireDeliver()).toMatchObject({ ok: true, data: { sent: 2 } })
  const sent = outbox()
  expect(sent.map((m) => m.touser).sort()).toEqual([a.openid, b.openid].sort())
  for (const m of sent) {
    expect(m.templateId).toBe(NOTICE_TEMPLATE.id)
    expect(m.page).toBe(`pages/notices/detail/index?id=${notice.id}`)
    expect([...m.data.thing1.value].length).toBeLessThanOrEqual(20)
    expect(m.data.thing1.value.startsWith('关于开展二〇二六年')).toBe(true)
    expect(m.data.phrase3.value).toBe('重要')
  }

  // the job is done: a second firing sends nothing more
  expect(await c.fireDeliver()).toMatchObject({ ok: true, data: { sent: 0 } })
  const subs = (await c.dump()).subscriptions as SubscriptionDoc[]
  expect(Object.fromEntries(subs.map((s) => [s.personId, s.remaining]))).toEqual({
    [a._id]: 1,
    [b._id]: 0,
    [outside._id]: 1,
  })
  const job = ((await c.dump()).deliveries as { _id: string; status: string; due: number }[]).find(
    (d) => d._id === notice.id,
  )
  expect(job).toMatchObject({ status: 'done', due: 2 })
})

it('a few thousand subscribers over many shards: two firings at once, one that fails part way, each person once', async () => {
  const before = outbox().length
  const hex = (i: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0') + String(i).padStart(8, '0')
  // person ids as org makes them (p + hex), so the audience spreads over every shard; every fifth holds two messages
  const people: PersonDoc[] = Array.from({ length: 3000 }, (_, i) => ({
    _id: `p${hex(i)}`,
    openid: `o_many_${i}`,
    name: `居民${i}`,
    phone: '',
    householdId: `c2-b19-2-${1000 + i}`,
    homePath: `/s1/c2/g7/c2-b19/c2-b19-2-${1000 + i}/`,
    roles: [],
    createdAt: new Date(),
  }))
  const many: SubscriptionDoc[] = people.map((p, i) => ({
    _id: subscriptionId(p._id, NOTICE_TEMPLATE.id),
    personId: p._id,
    homePath: p.homePath!,
    templateId: NOTICE_TEMPLATE.id,
    remaining: i % 5 === 0 ? 2 : 1,
    updatedAt: new Date(),
  }))
  await c.cloud.seed({ people, subscriptions: many })
  const notice = await c.ok<NoticesApi['publish']['result']>(c.holder('gridChief', 'g7'), 'publish', draft(['g7']))

  // the database fails part way through the first firing: some batches are sent, their cursors not all saved
  const engine = c.cloud.engine
  // and what each count of subscribers reads while the job is opened (a count is one synchronous step)
  const count = engine.count.bind(engine)
  const countsRead: number[] = []
  engine.count = (coll, query) => {
    const before = engine.stats().examined
    const n = count(coll, query)
    if (coll === 'subscriptions') countsRead.push(engine.stats().examined - before)
    return n
  }
  const update = engine.update.bind(engine)
  let shardWrites = 0
  engine.update = (coll, ...rest) => {
    if (coll === 'deliveryShards' && ++shardWrites > 60) return Promise.reject(new Error('disk full'))
    return update(coll, ...rest)
  }
  expect(await c.fireDeliver()).toMatchObject({ ok: false })
  engine.update = update
  engine.count = count
  // who is due was counted shard by shard: no count read more than about one shard's part of the 3,000
  expect(countsRead).toHaveLength(DELIVERY_SHARDS)
  expect(Math.max(...countsRead)).toBeLessThan((2 * people.length) / DELIVERY_SHARDS)
  const partway = outbox().length - before
  expect(partway).toBeGreaterThan(0)
  expect(partway).toBeLessThan(people.length)
  // like a killed instance, its leases are held until they run out; here they have run out
  await update('deliveryShards', { noticeId: notice.id }, { $set: { lockedUntil: new Date(0) } }, { multi: true })

  // two firings at once share the shards, never the same one, and finish the job
  const both = await Promise.all([c.fireDeliver(), c.fireDeliver()])
  for (const r of both) expect(r).toMatchObject({ ok: true })
  while (
    ((await c.dump()).deliveries as { _id: string; status: string }[]).find((d) => d._id === notice.id)?.status !==
    'done'
  ) {
    expect(await c.fireDeliver()).toMatchObject({ ok: true })
  }

  const perOpenid = new Map<string, number>()
  for (const m of outbox().slice(before)) perOpenid.set(m.touser, (perOpenid.get(m.touser) ?? 0) + 1)
  expect(people.filter((p) => perOpenid.get(p.openid!) !== 1).map((p) => [p.openid, perOpenid.get(p.openid!)])).toEqual(
    [],
  )
  expect([...perOpenid.values()].every((n) => n === 1)).toBe(true)
  // who held two keeps the second for the next notice
  const subs = new Map(((await c.dump()).subscriptions as SubscriptionDoc[]).map((s) => [s._id, s.remaining]))
  expect(many.filter((s) => subs.get(s._id) !== s.remaining - 1)).toEqual([])
  const shards = (
    (await c.dump()).deliveryShards as { noticeId: string; sent: number; failed: number; skipped: number }[]
  ).filter((s) => s.noticeId === notice.id)
  expect(shards).toHaveLength(DELIVERY_SHARDS)
  // the progress figure: counted when sending began, and at the end every due message is accounted for
  const job = ((await c.dump()).deliveries as { _id: string; due: number }[]).find((d) => d._id === notice.id)!
  const sum = (k: 'sent' | 'failed' | 'skipped') => shards.reduce((a, x) => a + x[k], 0)
  expect(job.due).toBeGreaterThanOrEqual(people.length)
  // a batch whose cursor was not saved keeps its messages but loses its count: at most one batch per shard
  expect(sum('sent')).toBeLessThanOrEqual(perOpenid.size)
  expect(sum('sent')).toBeGreaterThanOrEqual(perOpenid.size - DELIVERY_SHARDS * BATCH)
  expect(job.due - sum('skipped')).toBeGreaterThanOrEqual(sum('sent') + sum('failed'))
  expect(shards.filter((s) => s.sent > 0).length).toBeGreaterThan(DELIVERY_SHARDS / 2)
}, 240_000)

it('a subscription counts from the moment it is made: 收到 then 订阅通知 brings no message about that notice', async () => {
  const [reader, other] = residentsUnder('/s1/c1/g3/c1-b8/')
  const head = c.holder('buildingHead', 'c1-b8')
  const first = await c.ok<NoticesApi['publish']['result']>(head, 'publish', draft(['c1-b8'], '楼顶水箱清洗'))
  // the resident reads it, presses 收到, then subscribes, all before the timer fires
  await c.ok(reader, 'detail', { noticeId: first.id })
  await c.ok(reader, 'ack', { noticeId: first.id })
  await c.ok(reader, 'subscribe', { templateId: NOTICE_TEMPLATE.id })
  await c.ok(other, 'subscribe', { templateId: NOTICE_TEMPLATE.id })
  const before = outbox().length
  await c.fireDeliver()
  // the other resident subscribed after it was published too: nothing about it, for either
  expect(outbox().slice(before)).toEqual([])
  const kept = (await c.dump()).subscriptions as SubscriptionDoc[]
  expect(kept.find((s) => s.personId === reader._id)?.remaining).toBe(1)

  // the next notice is what the subscription is for
  const second = await c.ok<NoticesApi['publish']['result']>(head, 'publish', draft(['c1-b8'], '电梯年检'))
  await c.fireDeliver()
  const sent = outbox().slice(before)
  expect(sent.map((m) => [m.touser, m.page]).sort()).toEqual(
    [
      [reader.openid, `pages/notices/detail/index?id=${second.id}`],
      [other.openid, `pages/notices/detail/index?id=${second.id}`],
    ].sort(),
  )
})

it('who already opened the notice is not sent a message about it, and keeps the message for the next one', async () => {
  const [early, late] = residentsUnder('/s1/c1/g3/c1-b9/')
  for (const p of [early, late]) await c.ok(p, 'subscribe', { templateId: NOTICE_TEMPLATE.id })
  const notice = await c.ok<NoticesApi['publish']['result']>(
    c.holder('buildingHead', 'c1-b9'),
    'publish',
    draft(['c1-b9'], '周末停电检修'),
  )
  await c.ok(early, 'detail', { noticeId: notice.id })
  const before = outbox().length
  await c.fireDeliver()
  expect(
    outbox()
      .slice(before)
      .map((m) => m.touser),
  ).toEqual([late.openid])
  const subs = (await c.dump()).subscriptions as SubscriptionDoc[]
  expect(subs.find((s) => s.personId === early._id)?.remaining).toBe(1)
})

it('a client cannot fire the timer: its call carries an openid', async () => {
  const someone = residentsUnder('/s1/')[0]
  const res = await c.cloud.callFunction(
    'notices',
    { Type: 'Timer', TriggerName: 'deliver' },
    { openid: someone.openid! },
  )
  expect(res.result).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
})

it('keeps a subscription of a template sent to named people for staff with no home, and refuses what it cannot serve', async () => {
  const staff = c.demo.people.find((p) => p.openid && !p.homePath && p.roles.some((r) => r.role === 'streetStaff'))
  if (!staff) throw new Error('the demo has no street staff without a home')
  const before = await c.counts()
  // the morning dispatch goes to named leaders: a street worker with no home can take it
  expect(await c.ok(staff, 'subscribe', { templateId: DISPATCH_TEMPLATE.id })).toEqual({ remaining: 1 })
  const subs = (await c.dump()).subscriptions as SubscriptionDoc[]
  expect(subs.find((s) => s._id === subscriptionId(staff._id, DISPATCH_TEMPLATE.id))).toMatchObject({
    personId: staff._id,
    homePath: '',
    remaining: 1,
  })
  // a notice's messages go to the residents under its units: without a home there is nothing to send them by
  expect(await c.act(staff, 'subscribe', { templateId: NOTICE_TEMPLATE.id })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  // a template the app never asks for is refused, with its reason in Chinese
  const [resident] = residentsUnder('/s1/c1/g1/')
  expect(await c.act(resident, 'subscribe', { templateId: 'made-up-template' })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
    message: expect.stringContaining('没有这种提醒'),
  })
  expect((await c.counts()).subscriptions).toBe(before.subscriptions + 1)
})
