/**
 * Subscribe messages of volunteering through the real wx-server-sdk against the local cloud over the demo
 * community: a posted activity goes, from the points `announce` timer, to the residents of its audience who accepted
 * the new-activity template (notices.subscribe records it), once each, in bounded batches that resume where a
 * failed firing stopped; nobody outside the audience, without a subscription, or who left their household gets one.
 * A waiting sign-up moved up by a cancel is told once.
 */
import type { ActivityDetail, SignUpResult } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { subscriptionId } from '../../../core/ids'
import type { ActivityMessagesDoc, PersonDoc, SubscriptionDoc } from '../../../core/model'
import { NOTICE_TEMPLATE } from '../../../core/notices/links'
import { ACTIVITY_TEMPLATE, PROMOTED_TEMPLATE, activityPath } from '../../../core/points/messages'
import { ancestorAt } from '../../../core/units'
import { BATCH } from '../../../cloudfunctions/points/announce'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(180_000)

interface Sent {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
}

let g: FunctionsCloud
let chief: PersonDoc
let gridResidents: PersonDoc[]
let outsider: PersonDoc
const byOpenid = (openid: string) => g.demo.people.find((p) => p.openid === openid) as PersonDoc

beforeAll(async () => {
  g = await startFunctionsCloud(['points', 'notices', 'join'], { timers: false })
  chief = byOpenid(g.demo.personas[6].openid)
  const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId
  const resident = (p: PersonDoc) => !!p.openid && p.roles.length === 1 && !!p.homePath
  gridResidents = g.demo.people.filter((p) => resident(p) && ancestorAt(p.homePath!, 'grid') === gridId)
  outsider = g.demo.people.find(
    (p) => resident(p) && ancestorAt(p.homePath!, 'grid') !== gridId && p.homePath!.startsWith('/s1/c1/'),
  ) as PersonDoc
  expect(gridResidents.length).toBeGreaterThanOrEqual(8)
  expect(outsider).toBeTruthy()
})
afterAll(() => g?.close())

const call = async <T>(fn: string, p: PersonDoc, action: string, payload: unknown) =>
  data((await g.cloud.callFunction(fn, { action, payload }, { openid: p.openid! })).result as Envelope<T>)
const points = <T>(p: PersonDoc, action: string, payload: unknown) => call<T>('points', p, action, payload)
const subscribe = (p: PersonDoc, templateId: string) => call('notices', p, 'subscribe', { templateId })
const fireAnnounce = async () =>
  (
    await g.cloud.callFunction(
      'points',
      { Type: 'Timer', TriggerName: 'announce', Time: new Date().toISOString(), Message: '' },
      { openid: '' },
    )
  ).result as Envelope<{ sent: number; finished: number }>
const outbox = () => g.cloud.outbox() as Sent[]
const chiefGrid = () => chief.roles.find((r) => r.role === 'gridChief')?.unitId as string

const post = (by: PersonDoc, over: Record<string, unknown> = {}) =>
  points<ActivityDetail>(by, 'postActivity', {
    title: '周六社区清洁日，清理楼道杂物并整理公共区域',
    description: '清理楼道杂物，整理公共区域',
    place: '3号楼前广场',
    startAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    endAt: new Date(Date.now() + 2 * 86_400_000 + 3 * 3_600_000).toISOString(),
    audience: { kind: 'grid', id: chiefGrid() },
    roles: [{ name: '秩序维护', quota: 1, rule: { pointsPerHour: 10, cap: 40 } }],
    ...over,
  })
const job = async (id: string) => ((await g.dump()).activityMessages as ActivityMessagesDoc[]).find((j) => j._id === id)
const remaining = async (p: PersonDoc, templateId: string) =>
  ((await g.dump()).subscriptions as SubscriptionDoc[]).find((s) => s._id === subscriptionId(p._id, templateId))
    ?.remaining ?? 0

it('a posted activity goes to its audience’s subscribers once: not outside it, not unsubscribed, not who left', async () => {
  const [a, b, noticesOnly, leaver, late] = gridResidents
  for (const p of [a, b, leaver, outsider]) await subscribe(p, ACTIVITY_TEMPLATE.id)
  await subscribe(a, ACTIVITY_TEMPLATE.id) // a holds two: one is spent, one kept
  await subscribe(noticesOnly, NOTICE_TEMPLATE.id)
  await call('join', leaver, 'leaveHousehold', {})

  const before = outbox().length
  const activity = await post(chief)
  expect(outbox()).toHaveLength(before) // posting sends nothing itself
  await subscribe(late, ACTIVITY_TEMPLATE.id) // after the post: kept for the next activity

  expect(await fireAnnounce()).toMatchObject({ ok: true, data: { sent: 2, finished: 1 } })
  const sent = outbox().slice(before)
  expect(sent.map((m) => m.touser).sort()).toEqual([a.openid, b.openid].sort())
  for (const m of sent) {
    expect(m).toMatchObject({ templateId: ACTIVITY_TEMPLATE.id, page: activityPath(activity.id) })
    expect([...m.data.thing1.value].length).toBeLessThanOrEqual(20)
    expect(m.data.thing1.value.startsWith('周六社区清洁日')).toBe(true)
    expect(m.data.thing2.value).toBe('3号楼前广场')
  }
  expect(await job(activity.id)).toMatchObject({ status: 'done', sent: 2 })

  // the job is done: another firing sends nothing more
  expect(await fireAnnounce()).toMatchObject({ ok: true, data: { sent: 0 } })
  expect(outbox()).toHaveLength(before + 2)
  expect([await remaining(a, ACTIVITY_TEMPLATE.id), await remaining(b, ACTIVITY_TEMPLATE.id)]).toEqual([1, 0])
  expect(await remaining(outsider, ACTIVITY_TEMPLATE.id)).toBe(1)
  expect(await remaining(late, ACTIVITY_TEMPLATE.id)).toBe(1)
  expect(await remaining(noticesOnly, NOTICE_TEMPLATE.id)).toBe(1)
})

it('a team’s activity goes to the team’s subscribed members only', async () => {
  const staff = g.persona('communityStaff')
  const [leader, member, notMember] = gridResidents.slice(5, 8)
  const team = await points<{ id: string }>(staff, 'createTeam', {
    name: '敬老服务队',
    unitId: ancestorAt(leader.homePath!, 'community'),
    leaderId: leader._id,
  })
  await points(member, 'joinTeam', { teamId: team.id })
  for (const p of [leader, member, notMember]) await subscribe(p, ACTIVITY_TEMPLATE.id)
  const before = outbox().length
  const activity = await post(leader, { audience: { kind: 'team', id: team.id } })
  expect(await fireAnnounce()).toMatchObject({ ok: true })
  expect(
    outbox()
      .slice(before)
      .map((m) => [m.touser, m.page])
      .sort(),
  ).toEqual(
    [
      [leader.openid, activityPath(activity.id)],
      [member.openid, activityPath(activity.id)],
    ].sort(),
  )
})

it('many subscribers: a firing that fails part way, then two at once, each person once', async () => {
  const many: PersonDoc[] = Array.from({ length: 260 }, (_, i) => ({
    _id: `p${String(i).padStart(4, '0')}msg${'0'.repeat(13)}`,
    openid: `o_announce_${i}`,
    name: `居民${i}`,
    phone: '',
    householdId: `c1-many-${i}`,
    homePath: `${gridResidents[0].homePath!.split('/').slice(0, 4).join('/')}/c1-many/c1-many-${i}/`,
    roles: [],
    createdAt: new Date(),
  }))
  const subs: SubscriptionDoc[] = many.map((p) => ({
    _id: subscriptionId(p._id, ACTIVITY_TEMPLATE.id),
    personId: p._id,
    homePath: p.homePath!,
    templateId: ACTIVITY_TEMPLATE.id,
    remaining: 1,
    since: new Date(Date.now() - 60_000),
    updatedAt: new Date(),
  }))
  await g.cloud.seed({ people: many, subscriptions: subs })
  const before = outbox().length
  const activity = await post(chief, { title: '冬季扫雪' })

  // the database fails after a few saved batches: some messages are out, the cursor lags at most one batch
  const engine = g.cloud.engine
  const update = engine.update.bind(engine)
  let saves = 0
  engine.update = (coll, ...rest) => {
    if (coll === 'activityMessages' && ++saves > 4) return Promise.reject(new Error('disk full'))
    return update(coll, ...rest)
  }
  expect(await fireAnnounce()).toMatchObject({ ok: false })
  engine.update = update
  const partway = outbox().length - before
  expect(partway).toBeGreaterThanOrEqual(3 * BATCH)
  expect(partway).toBeLessThan(many.length)
  // like a killed instance, its lease is held until it runs out; here it has run out
  await update('activityMessages', { _id: activity.id }, { $set: { lockedUntil: new Date(0) } }, {})

  const both = await Promise.all([fireAnnounce(), fireAnnounce()])
  for (const r of both) expect(r).toMatchObject({ ok: true })
  while ((await job(activity.id))?.status !== 'done') expect(await fireAnnounce()).toMatchObject({ ok: true })

  const perOpenid = new Map<string, number>()
  for (const m of outbox().slice(before)) perOpenid.set(m.touser, (perOpenid.get(m.touser) ?? 0) + 1)
  expect(many.filter((p) => perOpenid.get(p.openid!) !== 1).map((p) => p.openid)).toEqual([])
  expect([...perOpenid.values()].every((n) => n === 1)).toBe(true)
})

it('a waiting sign-up that moves up is told once; one not subscribed is not told', async () => {
  // residents the first test left in their homes (the fourth left hers)
  const [first, waiting, second] = [gridResidents[1], gridResidents[2], gridResidents[4]]
  const activity = await post(chief, { title: '垃圾分类督导' })
  const first1 = await points<SignUpResult>(first, 'signUp', { activityId: activity.id, roleIndex: 0 })
  await points<SignUpResult>(waiting, 'signUp', { activityId: activity.id, roleIndex: 0 })
  await points<SignUpResult>(second, 'signUp', { activityId: activity.id, roleIndex: 0 })
  await subscribe(waiting, PROMOTED_TEMPLATE.id)
  await subscribe(waiting, PROMOTED_TEMPLATE.id)
  const before = outbox().length

  const cancelled = await points<{ promoted: string | null }>(first, 'cancelSignUp', {
    signupId: first1.signup.id,
  })
  expect(cancelled.promoted).toBeTruthy()
  // the same cancel again (a retry): nothing moves, nobody is told twice
  await points(first, 'cancelSignUp', { signupId: first1.signup.id })
  const told = outbox().slice(before)
  expect(told).toHaveLength(1)
  expect(told[0]).toMatchObject({
    touser: waiting.openid,
    templateId: PROMOTED_TEMPLATE.id,
    page: activityPath(activity.id),
    data: { thing2: { value: '秩序维护' }, phrase4: { value: '候补转正' } },
  })
  expect(await remaining(waiting, PROMOTED_TEMPLATE.id)).toBe(1)

  // the promoted one cancels: `second` moves up, but accepted no message, so none is sent
  const mine = await points<ActivityDetail>(waiting, 'activity', { activityId: activity.id })
  const next = await points<{ promoted: string | null }>(waiting, 'cancelSignUp', { signupId: mine.mine[0].id })
  expect(next.promoted).toBeTruthy()
  expect(outbox()).toHaveLength(before + 1)
})
