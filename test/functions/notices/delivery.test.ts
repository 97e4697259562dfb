/**
 * Subscribe messages of a new notice: residents who accepted one (notices.subscribe) get one message, sent by the
 * `deliver` timer in bounded batches that resume where the last firing stopped; nobody outside the notice's scope
 * and nobody without a message left gets one; fields stay within WeChat's limits.
 */
import type { NoticesApi } from '../../../core/contract'
import type { PersonDoc, SubscriptionDoc } from '../../../core/model'
import { NOTICE_TEMPLATE } from '../../../core/notices/links'
import { isWithin } from '../../../core/units'
import { SENDS_PER_FIRING } from '../../../cloudfunctions/notices/deliver'
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
  const job = ((await c.dump()).deliveries as { _id: string; status: string; sent: number }[]).find(
    (d) => d._id === notice.id,
  )
  expect(job).toMatchObject({ status: 'done', sent: 2 })
})

it('a large audience goes out over several firings, each resuming where the last stopped, nobody twice', async () => {
  const before = outbox().length
  const many: SubscriptionDoc[] = Array.from({ length: SENDS_PER_FIRING + 37 }, (_, i) => ({
    _id: `bulk-${String(i).padStart(4, '0')}_${NOTICE_TEMPLATE.id}`,
    personId: `bulk-${i}`,
    homePath: `/s1/c2/g7/c2-b19/c2-b19-1-${100 + i}/`,
    templateId: NOTICE_TEMPLATE.id,
    remaining: 1,
    updatedAt: new Date(),
  }))
  // the people behind them: a message goes to the person's WeChat identity and home as they are now
  const people: PersonDoc[] = many.map((m, i) => ({
    _id: m.personId,
    openid: `o_bulk_${i}`,
    name: `居民${i}`,
    phone: '',
    householdId: `c2-b19-1-${100 + i}`,
    homePath: m.homePath,
    roles: [],
    createdAt: new Date(),
  }))
  await c.cloud.seed({ people, subscriptions: many })
  await c.ok(c.holder('gridChief', 'g7'), 'publish', draft(['g7']))

  expect(await c.fireDeliver()).toMatchObject({ ok: true, data: { sent: SENDS_PER_FIRING, finished: 0 } })
  expect(await c.fireDeliver()).toMatchObject({ ok: true, data: { sent: 37, finished: 1 } })
  const sent = outbox().slice(before)
  expect(new Set(sent.map((m) => m.touser)).size).toBe(many.length)
  expect(sent).toHaveLength(many.length)
})

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
