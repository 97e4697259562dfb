/**
 * A testing round announces its assignment (issue 12 item 5): once the job has booked every household, one notice
 * over the round's scope (once, whatever the repeated steps), and to each household's members who accepted the
 * slot message one message with THEIR slot's time and site, sent by the slotMessages timer in bounded batches, each
 * person once, also across a failed firing; households booked later are told when the job finishes again.
 */
import { testingBookingId, subscriptionId } from '../../../core/ids'
import type {
  MessageJobDoc,
  NoticeDoc,
  PersonDoc,
  SubscriptionDoc,
  TestingBookingDoc,
  TestingRoundDoc,
} from '../../../core/model'
import type { Envelope } from '../../../core/envelope'
import { beijingDay, beijingMinute } from '../../../core/notices/beijing-time'
import { SLOT_TEMPLATE, TESTING_SLOT_PAGE } from '../../../core/testing/announce'
import { isWithin, type Unit } from '../../../core/units'
import { startTestingCloud, tap, type TestingCloud } from './testing-cloud'

jest.setTimeout(240_000)

let c: TestingCloud
beforeAll(async () => {
  c = await startTestingCloud()
})
afterAll(() => c?.close())

interface Sent {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
}
type Step = { booked: number; unplaced: number; finished: boolean; noticeId: string | null }

const fireSlots = async () =>
  (
    await c.cloud.callFunction(
      'testing',
      { Type: 'Timer', TriggerName: 'slotMessages', Time: new Date().toISOString(), Message: '' },
      { openid: '' },
    )
  ).result as Envelope<{ sent: number; finished: number }>

/** Three days from now, in Beijing: a round still to come whatever the time of day. */
const date = beijingDay(new Date(Date.now() + 3 * 86_400_000))

const subscribe = (people: PersonDoc[], remaining = 1): SubscriptionDoc[] =>
  people.map((p) => ({
    _id: subscriptionId(p._id, SLOT_TEMPLATE.id),
    personId: p._id,
    homePath: p.homePath ?? '',
    templateId: SLOT_TEMPLATE.id,
    remaining,
    updatedAt: new Date(),
  }))

const runJob = async (staff: PersonDoc, roundId: string): Promise<Step[]> => {
  const steps: Step[] = []
  for (let i = 0; i < 40; i++) {
    steps.push(await c.ok<Step>(staff, 'assign', { roundId }))
    if (steps[steps.length - 1].finished) break
  }
  return steps
}

it('one notice over the scope and each household its own slot, once, across a failed firing', async () => {
  // a grid of the second community, so the demo's own round is not in the way
  const grid = c.unit('g6')
  const staff = c.demo.people.find((p) => p.roles.some((r) => r.role === 'communityStaff' && r.unitId === 'c2'))
  if (!staff) throw new Error('no staff of c2')
  const [b1, b2] = c.under(grid._id, 'microgrid')
  const worker = c.demo.people.find((p) => p.openid && p.homePath && isWithin(p.homePath, grid.path)) as PersonDoc
  const sites = [
    { name: '一号采样点', place: '小区北门广场', workerIds: [worker._id] },
    { name: '二号采样点', place: '社区服务站门口', workerIds: [worker._id] },
  ]
  const { id: roundId } = await c.ok<{ id: string }>(staff, 'createRound', {
    tapId: tap('round'),
    scopeUnitId: grid._id,
    name: '第三网格全员采样',
    date,
    sites,
  })
  // two households per slot: neighbours get different times; the second building at the second site
  const plan = { roundId, startTime: '08:00', minutes: 20, capacity: 2, count: 24 }
  await c.ok(staff, 'planSlots', { ...plan, buildingId: b1._id, siteIndex: 0 })

  // every resident of the first building subscribed (some twice); one household's members without
  const homes = (b: Unit) => c.demo.units.filter((u) => u.level === 'household' && u.parentId === b._id)
  const residentsOf = (b: Unit) =>
    c.demo.people.filter((p) => p.openid && p.householdId && homes(b).some((h) => h._id === p.householdId))
  const [skipped, ...told] = residentsOf(b1)
  const quiet = residentsOf(b1).filter((p) => p.householdId === skipped.householdId)
  const subscribed = told.filter((p) => p.householdId !== skipped.householdId)
  expect(subscribed.length).toBeGreaterThan(3)
  await c.cloud.seed({ subscriptions: subscribe(subscribed, 2) })

  const steps = await runJob(staff, roundId)
  const last = steps[steps.length - 1]
  expect(last.finished).toBe(true)
  expect(last.noticeId).not.toBeNull()
  // nothing is sent by the job itself; the notice is there once
  const before = (c.cloud.outbox() as Sent[]).length
  const ofRound = async () =>
    (await c.store<NoticeDoc>('notices')).filter((n) => n.source?.kind === 'testing' && n.source.id === roundId)
  expect(await c.ok<Step>(staff, 'assign', { roundId })).toMatchObject({ finished: true, noticeId: last.noticeId })
  const notices = await ofRound()
  expect(notices).toHaveLength(1)
  expect(notices[0]).toMatchObject({
    _id: last.noticeId,
    title: '错时采样：第三网格全员采样',
    unitIds: [grid._id],
    ackRequired: true,
    publisherId: staff._id,
  })
  expect(notices[0].body).toContain('我的采样时段')
  expect(notices[0].body).toContain('小区北门广场')

  // the first firing fails part way (the job's cursor is behind), then two run at once, then to the end
  const engine = c.cloud.engine
  const update = engine.update.bind(engine)
  let saves = 0
  engine.update = (coll, ...rest) => {
    if (coll === 'messageJobs' && ++saves > 2) return Promise.reject(new Error('disk full'))
    return update(coll, ...rest)
  }
  expect(await fireSlots()).toMatchObject({ ok: false })
  engine.update = update
  await update('messageJobs', { sourceId: roundId }, { $set: { lockedUntil: new Date(0) } }, { multi: true })
  for (const r of await Promise.all([fireSlots(), fireSlots()])) expect(r).toMatchObject({ ok: true })
  const job = async () => (await c.store<MessageJobDoc>('messageJobs')).find((j) => j.sourceId === roundId)
  for (let i = 0; i < 20 && (await job())?.status !== 'done'; i++) expect(await fireSlots()).toMatchObject({ ok: true })
  expect((await job())?.status).toBe('done')

  const sent = (c.cloud.outbox() as Sent[]).slice(before).filter((m) => m.templateId === SLOT_TEMPLATE.id)
  expect(sent.map((m) => m.touser).sort()).toEqual(subscribed.map((p) => p.openid).sort())
  expect(sent.some((m) => quiet.some((q) => q.openid === m.touser))).toBe(false)
  const bookings = new Map((await c.store<TestingBookingDoc>('testingBookings')).map((b) => [b._id, b]))
  const times = new Set<string>()
  for (const m of sent) {
    const person = subscribed.find((p) => p.openid === m.touser) as PersonDoc
    const booking = bookings.get(testingBookingId(roundId, person.householdId ?? ''))
    if (!booking) throw new Error(`no booking for ${person._id}`)
    // THEIR slot: their household's time, site and door
    expect(m.data.time2.value).toBe(beijingMinute(new Date(booking.startAt)))
    expect(m.data.thing3.value).toBe('一号采样点 小区北门广场')
    expect(m.data.thing4.value).toBe(booking.door)
    expect(m.page).toBe(TESTING_SLOT_PAGE)
    times.add(m.data.time2.value)
  }
  expect(times.size).toBeGreaterThan(1)

  // a second building planned later: the job runs again, the notice stays one, only the new households are told
  const newcomers = residentsOf(b2)
  await c.cloud.seed({ subscriptions: subscribe(newcomers) })
  await c.ok(staff, 'planSlots', { ...plan, buildingId: b2._id, siteIndex: 1 })
  const again = await runJob(staff, roundId)
  expect(again[again.length - 1]).toMatchObject({ finished: true, noticeId: last.noticeId })
  expect(await ofRound()).toHaveLength(1)
  const mark = (c.cloud.outbox() as Sent[]).length
  for (let i = 0; i < 20 && (await job())?.status !== 'done'; i++) expect(await fireSlots()).toMatchObject({ ok: true })
  const later = (c.cloud.outbox() as Sent[]).slice(mark).filter((m) => m.templateId === SLOT_TEMPLATE.id)
  expect(later.map((m) => m.touser).sort()).toEqual(newcomers.map((p) => p.openid).sort())
  for (const m of later) expect(m.data.thing3.value).toBe('二号采样点 社区服务站门口')
  // who had theirs keeps their second subscription: nobody was told twice
  const left = new Map((await c.store<SubscriptionDoc>('subscriptions')).map((s) => [s._id, s.remaining]))
  for (const p of subscribed) expect(left.get(subscriptionId(p._id, SLOT_TEMPLATE.id))).toBe(1)
  const stored = (await c.store<TestingRoundDoc>('testingRounds')).find((r) => r._id === roundId)
  expect(stored?.assign.finished).toBe(true)
})
