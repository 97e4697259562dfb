/**
 * 日调度 through the local cloud: dashboard.dispatch lists a grid's requests overdue and due today, the households an
 * urgent notice has not reached, today's shifts with a free seat, missed care checks and today's activities — each a
 * count and its first few, nothing of another grid — for its chief and the staff over it, refused to a resident and
 * to the chief of another grid; a street's list reads about what a grid's does, however much lies below, and every
 * list reads the same documents however many requests ended late under it. The dispatchMessages timer sends every
 * subscribed leader ONE message of the day's counts, nothing on a second firing, and a firing killed part way is
 * resumed by the next without telling anybody twice.
 */
import type { DispatchList } from '../../../core/contract'
import { dispatchDay, DISPATCH_TEMPLATE } from '../../../core/dashboard/dispatch'
import { monthKey } from '../../../core/dashboard/stats'
import type { Envelope } from '../../../core/envelope'
import { messageJobId, requestCounterId, subscriptionId } from '../../../core/ids'
import type { MessageJobDoc, PersonDoc, RequestCounterDoc, SubscriptionDoc } from '../../../core/model'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { data, exactly, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(300_000)

let g: FunctionsCloud
let chief: PersonDoc
let otherChief: PersonDoc
let communityStaff: PersonDoc
let streetStaff: PersonDoc
let resident: PersonDoc
let grid: Unit
let other: Unit
let communityId: string
let streetId: string

const unit = (id: string): Unit => g.demo.units.find((u) => u._id === id) as Unit
const leadOf = (p: PersonDoc, role: string) => p.roles.find((r) => r.role === role)?.unitId as string

beforeAll(async () => {
  g = await startFunctionsCloud(['dashboard', 'notices'], { timers: false })
  chief = g.persona('gridChief')
  grid = unit(leadOf(chief, 'gridChief'))
  otherChief = g.demo.people.find(
    (p) => p._id !== chief._id && p.openid && p.roles.some((r) => r.role === 'gridChief' && r.unitId !== grid._id),
  ) as PersonDoc
  other = unit(leadOf(otherChief, 'gridChief'))
  communityStaff = g.persona('communityStaff')
  streetStaff = g.persona('streetStaff')
  communityId = ancestorAt(grid.path, 'community') as string
  streetId = ancestorAt(grid.path, 'street') as string
  expect(ancestorAt(other.path, 'community')).toBe(communityId)
  resident = g.demo.people.find(
    (p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, grid.path),
  ) as PersonDoc
}, 240_000)
afterAll(() => g?.close())

async function call<T>(fn: string, person: PersonDoc, action: string, payload: unknown) {
  return (await g.cloud.callFunction(fn, { action, payload }, { openid: person.openid as string }))
    .result as Envelope<T>
}
const dispatch = async (person: PersonDoc, unitId: string) =>
  data(await call<DispatchList>('dashboard', person, 'dispatch', { unitId }))

const HOUR = 3_600_000
const homesOf = (u: Unit) => g.demo.units.filter((h) => h.level === 'household' && isWithin(h.path, u.path))

/** Things of today in a unit: an overdue request, one due today, a shift with a free seat, a missed check, an
 * activity (written as the functions would leave them; the overdue one's counters moved with it). */
async function seedDay(u: Unit, tag: string) {
  const now = new Date()
  const { start, day } = dispatchDay(now)
  const home = homesOf(u)[0]
  const building = unit(home.parentId as string)
  const request = (id: string, overdue: boolean, dueAt: Date | null, updatedAt: Date) => ({
    _id: id,
    category: 'environment',
    description: `${tag}：楼道堆放杂物`,
    photos: [],
    place: { kind: 'building', unitId: building._id, label: `${building.name} · 一楼` },
    gridId: u._id,
    buildingId: building._id,
    communityId,
    streetId,
    path: building.path,
    reporterId: resident._id,
    reporterLabel: '居民',
    anonymous: false,
    urgent: false,
    state: 'accepted',
    group: 'open',
    level: 'grid',
    levelSince: updatedAt,
    ownerKey: u._id,
    sentFrom: [],
    createdAt: updatedAt,
    updatedAt,
    month: monthKey(now),
    seq: 1,
    reopenCount: 0,
    escalated: false,
    respondOverdue: overdue,
    resolveOverdue: overdue,
    levelOverdue: false,
    overdue,
    // open and overdue: what applyEvent leaves (日调度 reads these by it)
    ...(overdue ? { overduePath: building.path } : {}),
    respondDueAt: null,
    resolveDueAt: dueAt,
    levelDueAt: null,
    nextDueAt: dueAt,
    followerCount: 0,
    last: null,
  })
  const counters = (await g.dump()).requestCounters as RequestCounterDoc[]
  const moved = [u._id, communityId, streetId].map((scope) => {
    const id = requestCounterId(scope, monthKey(now))
    const held = counters.find((c) => c._id === id)
    return {
      ...(held ?? {}),
      _id: id,
      scopeKey: scope,
      month: monthKey(now),
      openOverdue: (held?.openOverdue ?? 0) + 1,
      updatedAt: now,
    }
  })
  const checkpoint = { _id: `${tag}_cp`, name: `${tag}卡口`, place: '小区东门', unitId: u._id, unitPath: u.path }
  await g.cloud.seed({
    requests: [
      request(`${tag}_late`, true, null, new Date(+now - 3 * 24 * HOUR)),
      request(`${tag}_due`, false, new Date(+start + 23 * HOUR), new Date(+now - HOUR)),
    ],
    requestCounters: moved,
    checkpoints: [{ ...checkpoint, communityId, emergencyId: null, secret: 's', createdBy: 'x', createdByName: 'x' }],
    shifts: [
      {
        _id: `${tag}_shift`,
        checkpointId: checkpoint._id,
        unitPath: u.path,
        communityId,
        startAt: new Date(+start + 20 * HOUR),
        endAt: new Date(+start + 22 * HOUR),
        capacity: 2,
        filled: 1,
        free: 1,
        handover: null,
        confirmedAt: null,
        createdAt: now,
      },
    ],
    careAlerts: [
      {
        _id: `${tag}_alert`,
        carePersonId: `${tag}_cared`,
        name: `${tag}老人`,
        day,
        homePath: home.path,
        helperIds: [],
        raisedAt: now,
      },
    ],
    activities: [
      {
        _id: `${tag}_act`,
        title: `${tag}：清扫楼道`,
        description: '',
        place: '小区广场',
        startAt: new Date(+start + 21 * HOUR),
        endAt: new Date(+start + 23 * HOUR),
        unitId: u._id,
        unitPath: u.path,
        communityId,
        status: 'open',
      },
    ],
  })
}

let noticeId: string

it("a grid's list has each section's count and items, and nothing of another grid", async () => {
  const before = await dispatch(chief, grid._id)
  const communityBefore = await dispatch(communityStaff, communityId)
  expect(before.unit).toMatchObject({ id: grid._id, level: 'grid' })
  expect(before.day).toBe(dispatchDay(new Date()).day)

  await seedDay(grid, 'disp_a')
  await seedDay(other, 'disp_b')
  // an urgent notice over the grid, two of its households reached
  noticeId = data(
    await call<{ id: string }>('notices', streetStaff, 'publish', {
      title: '调度测试：今晚停电检修',
      body: '今晚八点到十点停电检修，请提前做好准备并回复收到。',
      urgency: 'urgent',
      expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      unitIds: [grid._id],
    }),
  ).id
  const members = g.demo.people.filter(
    (p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, grid.path),
  )
  const twoHomes = [...new Map(members.map((p) => [p.householdId, p])).values()].slice(0, 2)
  for (const p of twoHomes) data(await call('notices', p, 'ack', { noticeId }))

  const after = await dispatch(chief, grid._id)
  expect(after.requests.overdue - before.requests.overdue).toBe(1)
  expect(after.requests.dueToday - before.requests.dueToday).toBe(1)
  expect(after.requests.count).toBe(after.requests.overdue + after.requests.dueToday)
  const ids = after.requests.items.map((r) => r.id)
  expect(ids).toEqual(expect.arrayContaining(['disp_a_late', 'disp_a_due']))
  expect(after.requests.items.find((r) => r.id === 'disp_a_late')).toMatchObject({
    overdue: true,
    place: expect.stringContaining('一楼'),
    title: expect.stringContaining('楼道堆放杂物'),
  })
  expect(after.requests.items.find((r) => r.id === 'disp_a_due')?.overdue).toBe(false)

  const households = homesOf(grid).length
  const n = after.notices.items.find((x) => x.id === noticeId)
  expect(n).toMatchObject({ title: '调度测试：今晚停电检修', unreached: n ? n.households - 2 : -1 })
  expect(n?.households).toBeGreaterThanOrEqual(households - 1)
  expect(after.notices.count - before.notices.count).toBe(n?.unreached)

  expect(after.shifts.count - before.shifts.count).toBe(1)
  expect(after.shifts.items.find((s) => s.id === 'disp_a_shift')).toMatchObject({
    checkpoint: 'disp_a卡口',
    free: 1,
    capacity: 2,
  })
  expect(after.care.count - before.care.count).toBe(1)
  expect(after.care.items).toContainEqual({ personId: 'disp_a_cared', name: 'disp_a老人', day: after.day })
  expect(after.activities.count - before.activities.count).toBe(1)
  expect(after.activities.items.map((a) => a.title)).toContain('disp_a：清扫楼道')

  // another grid's things are not in it
  const all = JSON.stringify(after)
  expect(all).not.toContain('disp_b')
  // the community sees both grids' (its first few shifts are the demo's of the early hours: it counts them)
  const community = await dispatch(communityStaff, communityId)
  expect(community.shifts.count - communityBefore.shifts.count).toBe(2)
  expect(community.activities.count - communityBefore.activities.count).toBe(2)
  const text = JSON.stringify(community)
  for (const id of ['disp_a_act', 'disp_b_act']) expect(text).toContain(id)
  expect(community.requests.overdue).toBeGreaterThanOrEqual(2)
})

it('is refused to a resident, to the chief of another grid, and over a building', async () => {
  expect(await call('dashboard', resident, 'dispatch', { unitId: grid._id })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  expect(await call('dashboard', otherChief, 'dispatch', { unitId: grid._id })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  expect(await call('dashboard', chief, 'dispatch', { unitId: communityId })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  const building = g.demo.units.find((u) => u.level === 'microgrid' && isWithin(u.path, grid.path)) as Unit
  expect(await call('dashboard', communityStaff, 'dispatch', { unitId: building._id })).toEqual(
    exactly('DASHBOARD_LEVEL'),
  )
  expect(await call('dashboard', chief, 'dispatch', { unitId: grid._id, extra: 1 })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
  })
})

async function examined(person: PersonDoc, unitId: string): Promise<number> {
  g.cloud.queryStats({ reset: true })
  await dispatch(person, unitId)
  return g.cloud.queryStats().examined
}

/** `k` requests under `u` that ended late, as the machine leaves them: closed, the overdue mark kept. */
const endedLate = (u: Unit, tag: string, k: number) => {
  const old = new Date(Date.now() - 20 * 86_400_000)
  const home = homesOf(u)[0]
  return Array.from({ length: k }, (_, i) => ({
    _id: `${tag}${i}`,
    path: home.path,
    gridId: u._id,
    ownerKey: u._id,
    group: 'ended',
    state: 'closed',
    level: 'grid',
    overdue: true,
    resolveOverdue: true,
    nextDueAt: null,
    updatedAt: new Date(+old + i * 60_000),
    createdAt: old,
  }))
}

it('examines the same documents for a grid, its community and street however many requests ended late', async () => {
  const leaders = [
    [chief, grid._id],
    [communityStaff, communityId],
    [streetStaff, streetId],
  ] as const
  const before = []
  for (const [p, id] of leaders) before.push(await examined(p, id))
  const listed = await dispatch(streetStaff, streetId)
  // 75 ended late in the grid and 75 in the other grid of the community: none is open, none is listed
  await g.cloud.seed({ requests: [...endedLate(grid, 'disp_late_a', 75), ...endedLate(other, 'disp_late_b', 75)] })
  const after = []
  for (const [p, id] of leaders) after.push(await examined(p, id))
  console.log(`dashboard.dispatch examined (grid, community, street): ${before.join(', ')} → ${after.join(', ')}`)
  expect(after).toEqual(before)
  expect((await dispatch(streetStaff, streetId)).requests).toEqual(listed.requests)
})

it('reads for a street about what it reads for a grid, however much history lies below', async () => {
  const gridCost = await examined(chief, grid._id)
  const street = await examined(streetStaff, streetId)
  // a great deal of what is not today under another grid: ended requests, full or past shifts, old alerts, past
  // activities
  const now = new Date()
  const old = new Date(+now - 40 * 86_400_000)
  const home = homesOf(other)[0]
  const many = (k: number) => Array.from({ length: k }, (_, i) => i)
  await g.cloud.seed({
    requests: many(150).map((i) => ({
      _id: `disp_old_r${i}`,
      path: home.path,
      gridId: other._id,
      ownerKey: other._id,
      group: 'ended',
      state: 'closed',
      // half of them were late when they ended: they keep the overdue mark
      overdue: i % 2 === 0,
      nextDueAt: null,
      updatedAt: old,
      createdAt: old,
    })),
    shifts: many(150).map((i) => ({
      _id: `disp_old_s${i}`,
      checkpointId: 'disp_b_cp',
      unitPath: other.path,
      communityId,
      startAt: new Date(+old + i * HOUR),
      endAt: new Date(+old + (i + 1) * HOUR),
      capacity: 1,
      filled: 0,
      free: 1,
    })),
    careAlerts: many(150).map((i) => ({
      _id: `disp_old_a${i}`,
      carePersonId: `disp_old_p${i}`,
      name: '往日',
      day: '2020-01-01',
      homePath: home.path,
      helperIds: [],
      raisedAt: old,
    })),
    activities: many(150).map((i) => ({
      _id: `disp_old_act${i}`,
      title: '往日活动',
      place: '',
      startAt: new Date(+old + i * HOUR),
      endAt: new Date(+old + (i + 1) * HOUR),
      unitId: other._id,
      unitPath: other.path,
      communityId,
      status: 'confirmed',
    })),
  })
  const streetAfter = await examined(streetStaff, streetId)
  console.log(`dashboard.dispatch examined: grid ${gridCost}, street ${street} → ${streetAfter}`)
  // 600 more documents under the street: the list reads almost none of them
  expect(streetAfter).toBeLessThanOrEqual(street + 20)
  expect(street).toBeLessThanOrEqual(gridCost * 3)
})

// ---- the morning message ----

interface Sent {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
}
const outbox = () => (g.cloud.outbox() as Sent[]).filter((m) => m.templateId === DISPATCH_TEMPLATE.id)
/** A firing at 08:00 Beijing of today (whatever the hour the test runs). */
const morning = () => new Date(+dispatchDay(new Date()).start + 8 * HOUR)
const fire = async (at: Date = morning()) =>
  (
    await g.cloud.callFunction(
      'dashboard',
      { Type: 'Timer', TriggerName: 'dispatchMessages', Time: at.toISOString() },
      { openid: '' },
    )
  ).result as Envelope<{ sent: number; finished: number }>

it('sends every subscribed leader one message of the day, none on a second firing, and resumes a killed one', async () => {
  // before 07:30 Beijing nothing is queued
  expect(data(await fire(new Date(+dispatchDay(new Date()).start + 7 * HOUR)))).toMatchObject({ sent: 0 })
  const jobId = messageJobId('dispatch', dispatchDay(new Date()).day)
  expect(((await g.dump()).messageJobs as MessageJobDoc[]).some((j) => j._id === jobId)).toBe(false)

  // the chief, the staff and thirty more grid chiefs subscribed (more than one batch); a resident too (leads nothing)
  const grids = g.demo.units.filter((u) => u.level === 'grid')
  const extra: PersonDoc[] = Array.from({ length: 30 }, (_, i) => ({
    _id: `disp_leader_${String(i).padStart(2, '0')}`,
    openid: `o_disp_leader_${i}`,
    name: `调度测试${i}`,
    phone: `1390007${String(i).padStart(4, '0')}`,
    roles: [{ role: 'gridChief', unitId: grids[i % grids.length]._id }],
    createdAt: new Date(),
  }))
  await g.cloud.seed({ people: extra })
  const leaders = [chief, communityStaff, streetStaff, ...extra]
  const sub = (p: PersonDoc): SubscriptionDoc => ({
    _id: subscriptionId(p._id, DISPATCH_TEMPLATE.id),
    personId: p._id,
    homePath: p.homePath ?? '',
    templateId: DISPATCH_TEMPLATE.id,
    remaining: 3,
    updatedAt: new Date(),
  })
  await g.cloud.seed({ subscriptions: [...leaders, resident].map(sub) })

  // the first firing is killed after its first batch is sent (its cursor save fails), its lease then runs out
  const engine = g.cloud.engine
  const update = engine.update.bind(engine)
  let saves = 0
  engine.update = (coll, ...rest) => {
    if (coll === 'messageJobs' && ++saves > 1) return Promise.reject(new Error('killed'))
    return update(coll, ...rest)
  }
  expect((await fire()).ok).toBe(false)
  engine.update = update
  const firstBatch = outbox().length
  expect(firstBatch).toBeGreaterThan(0)
  expect(firstBatch).toBeLessThan(leaders.length)
  await update('messageJobs', { _id: jobId }, { $set: { lockedUntil: new Date(0) } }, {})

  // the next firings finish it; a second morning firing sends nothing more
  for (let i = 0; i < 5; i++) {
    const job = ((await g.dump()).messageJobs as MessageJobDoc[]).find((j) => j._id === jobId)
    if (job?.status === 'done') break
    expect((await fire()).ok).toBe(true)
  }
  expect(data(await fire())).toMatchObject({ sent: 0 })
  const sent = outbox()
  expect(sent.map((m) => m.touser).sort()).toEqual(leaders.map((p) => p.openid).sort())

  // the chief's names their grid, today, the counts, and opens 今日调度 of the grid
  const mine = sent.find((m) => m.touser === chief.openid) as Sent
  expect(mine.page).toBe(`dashboard/dispatch/index?unit=${encodeURIComponent(grid._id)}`)
  expect(mine.data.thing1.value).toBe(grid.name)
  expect(mine.data.date2.value).toBe(dispatchDay(new Date()).day)
  expect(mine.data.thing3.value).toMatch(/诉求\d+件/)
  // the street's staff hears about the street
  const street = sent.find((m) => m.touser === streetStaff.openid) as Sent
  expect(street.page).toContain(encodeURIComponent(streetId))
})
