/**
 * 通知触达 through the notices function in the local cloud (real wx-server-sdk in the workers): 收到 counts a
 * household once (double taps, two members, hundreds at once from different workers: counters == receipts),
 * the reach page sums building counters per grid, the unreached list is paged with phones in full (audited),
 * 已上门告知 moves a household to reached once, a reminder goes at most once per notice per unit per day, and
 * leaders outside the notice or the building are refused.
 */
import type { AckResult, NoticesApi } from '../../../core/contract'
import type { AckDoc, AuditDoc, PersonDoc, ReachCounterDoc, ReceiptDoc, SubscriptionDoc } from '../../../core/model'
import { NOTICE_TEMPLATE } from '../../../core/notices/links'
import { ERROR_MESSAGES } from '../../../core/envelope'
import { isWithin } from '../../../core/units'
import { byDoor } from '../../../core/grid/order'
import { inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

let c: NoticesCloud
beforeAll(async () => {
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())

type Reach = NoticesApi['reach']['result']
type Unreached = NoticesApi['unreached']['result']

const draft = (unitIds: string[], extra: Record<string, unknown> = {}) => ({
  title: '燃气安全检查',
  body: '本周六上午入户检查燃气管道，请家中留人。',
  urgency: 'urgent',
  ackRequired: true,
  expiresAt: inDays(3),
  unitIds,
  ...extra,
})

const publish = async (by: PersonDoc, unitIds: string[]): Promise<string> =>
  (await c.ok<{ id: string }>(by, 'publish', draft(unitIds))).id

/** Signed-up residents with no other role, living under `path`. */
const residentsUnder = (path: string): PersonDoc[] =>
  c.demo.people.filter((p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, path))

/** Households under `path` with at least `n` signed-up members, each as its members. */
function homesWith(path: string, n: number): PersonDoc[][] {
  const byHome = new Map<string, PersonDoc[]>()
  for (const p of residentsUnder(path)) byHome.set(p.householdId!, [...(byHome.get(p.householdId!) ?? []), p])
  return [...byHome.values()].filter((m) => m.length >= n)
}

const householdsIn = (buildingId: string) =>
  c.demo.units.filter((u) => u.level === 'household' && u.parentId === buildingId && !u.retired)

async function ledger(noticeId: string) {
  const dump = await c.dump()
  const receipts = (dump.receipts as ReceiptDoc[]).filter((r) => r.noticeId === noticeId)
  const counters = (dump.reachCounters as ReachCounterDoc[]).filter((r) => r.noticeId === noticeId)
  // households counted: the street's shards summed (every level is moved with the receipt)
  const counted = counters.filter((x) => x.level === 'street').reduce((n, x) => n + x.reached, 0)
  return { receipts, counters, counted }
}

describe('a grid chief’s notice to the grid: 收到, reach, unreached, visits', () => {
  const chief = () => c.holder('gridChief', 'g1')
  let noticeId: string
  let pair: PersonDoc[]
  let other: PersonDoc
  beforeAll(async () => {
    noticeId = await publish(chief(), ['g1'])
    pair = homesWith('/s1/c1/g1/c1-b1/', 2)[0]
    other = residentsUnder('/s1/c1/g1/c1-b2/')[0]
  })

  it('before any 收到: every household of the grid, per building, none reached', async () => {
    const r = await c.ok<Reach>(chief(), 'reach', { noticeId, unitId: 'g1' })
    const buildings = ['c1-b1', 'c1-b2', 'c1-b3']
    expect(r.unit).toEqual({ id: 'g1', name: '第1网格', level: 'grid' })
    expect(r.rowLevel).toBe('microgrid')
    expect(r.rows.map((b) => b.id)).toEqual(buildings)
    expect(r.rows.map((b) => b.households)).toEqual(buildings.map((b) => householdsIn(b).length))
    expect(r.rows.every((b) => b.reached === 0)).toBe(true)
    // one page holds them all: no cursor to a next
    expect(r.nextCursor).toBeUndefined()
    expect(r.households).toBe(buildings.reduce((n, b) => n + householdsIn(b).length, 0))
    expect(r.reached).toBe(0)
    expect(r.notice).toMatchObject({ id: noticeId, title: '燃气安全检查', urgency: 'urgent' })
  })

  it('two members of one household (one taps twice) and one of another: exactly 2 households reached', async () => {
    const [a, b] = pair
    const results = await Promise.all([
      c.ok<AckResult>(a, 'ack', { noticeId }),
      c.ok<AckResult>(a, 'ack', { noticeId }),
      c.ok<AckResult>(b, 'ack', { noticeId }),
      c.ok<AckResult>(other, 'ack', { noticeId }),
    ])
    expect(results.every((x) => x.acked)).toBe(true)
    const r = await c.ok<Reach>(chief(), 'reach', { noticeId, unitId: 'g1' })
    expect(r.reached).toBe(2)
    expect(Object.fromEntries(r.rows.map((x) => [x.id, x.reached]))).toEqual({
      'c1-b1': 1,
      'c1-b2': 1,
      'c1-b3': 0,
    })
    const { receipts, counted } = await ledger(noticeId)
    expect(receipts.map((x) => x.householdId).sort()).toEqual([a.householdId, other.householdId].sort())
    expect(counted).toBe(2)
  }, 30_000)

  it('the unreached of a building, paged by door, with phones in full and the read audited', async () => {
    const all = householdsIn('c1-b1')
    const seen: Unreached['rows'] = []
    let total = 0
    for (let page = 0; page < 10; page++) {
      const res = await c.ok<Unreached>(chief(), 'unreached', { noticeId, microgridId: 'c1-b1', page, pageSize: 5 })
      total = res.total
      expect(res.building).toEqual({ id: 'c1-b1', name: '1栋', level: 'microgrid' })
      seen.push(...res.rows)
      if (res.rows.length < 5) break
    }
    expect(total).toBe(all.length - 1)
    expect(seen).toHaveLength(total)
    expect(new Set(seen.map((r) => r.householdId)).size).toBe(total)
    expect(seen.map((r) => r.householdId)).not.toContain(pair[0].householdId)
    const reached = new Set([pair[0].householdId])
    expect(seen.map((r) => r.door)).toEqual(
      all
        .filter((h) => !reached.has(h._id))
        .sort(byDoor)
        .map((h) => h.name),
    )
    const withMembers = seen.find((r) => r.members.length > 0)!
    const person = c.demo.people.find((p) => p._id === withMembers.members[0].id)!
    expect(withMembers.members[0]).toEqual({
      id: person._id,
      name: person.name,
      phone: person.phone,
      joined: !!person.openid,
    })
    expect(person.phone).toMatch(/^1\d{10}$/)
    const audit = ((await c.dump()).audit as AuditDoc[]).filter((e) => e.action === 'notices.unreached')
    expect(audit.length).toBeGreaterThan(0)
    expect(audit.every((e) => e.actorId === chief()._id && e.unitId === 'c1-b1')).toBe(true)
    expect(audit.flatMap((e) => e.subjectIds)).toContain(person._id)
  })

  it('已上门告知 moves a household from unreached to reached once; a later 收到 counts nothing more', async () => {
    const before = await c.ok<Unreached>(chief(), 'unreached', { noticeId, microgridId: 'c1-b3', pageSize: 100 })
    const target = before.rows.find((r) => r.members.some((m) => m.joined))!
    const res = await c.ok<{ householdReached: boolean }>(chief(), 'visit', {
      noticeId,
      householdId: target.householdId,
      method: 'door',
      note: '老人独居，已当面告知',
    })
    expect(res.householdReached).toBe(true)
    const after = await c.ok<Unreached>(chief(), 'unreached', { noticeId, microgridId: 'c1-b3', pageSize: 100 })
    expect(after.total).toBe(before.total - 1)
    expect(after.rows.map((r) => r.householdId)).not.toContain(target.householdId)

    // the same leader tapping again is told the same; another leader's visit reaches nothing new
    const again = await c.ok<{ householdReached: boolean }>(chief(), 'visit', {
      noticeId,
      householdId: target.householdId,
      method: 'door',
    })
    expect(again.householdReached).toBe(true)
    const staff = c.holder('communityStaff', 'c1')
    const late = await c.ok<{ householdReached: boolean }>(staff, 'visit', {
      noticeId,
      householdId: target.householdId,
      method: 'phone',
    })
    expect(late.householdReached).toBe(false)
    const member = c.demo.people.find((p) => p._id === target.members.find((m) => m.joined)!.id)!
    expect(await c.ok<AckResult>(member, 'ack', { noticeId })).toEqual({ acked: true, householdReached: false })

    const { receipts, counted } = await ledger(noticeId)
    expect(receipts.find((r) => r.householdId === target.householdId)).toMatchObject({
      via: 'visit',
      by: chief()._id,
      method: 'door',
      note: '老人独居，已当面告知',
      microgridId: 'c1-b3',
      gridId: 'g1',
    })
    expect(counted).toBe(receipts.length)
    const r = await c.ok<Reach>(chief(), 'reach', { noticeId, unitId: 'g1' })
    expect(r.reached).toBe(3)
    expect(r.rows.find((b) => b.id === 'c1-b3')!.reached).toBe(1)
  })

  it('the community and a building see only their part: the grid inside the community, the building alone', async () => {
    const staff = c.holder('communityStaff', 'c1')
    const community = await c.ok<Reach>(staff, 'reach', { noticeId, unitId: 'c1' })
    const grid = await c.ok<Reach>(chief(), 'reach', { noticeId, unitId: 'g1' })
    // the community shows its grids, only the one the notice went to, with the grid's own figures
    expect(community.rowLevel).toBe('grid')
    expect(community.rows).toEqual([
      { id: 'g1', name: '第1网格', level: 'grid', households: grid.households, reached: grid.reached },
    ])
    expect(community.households).toBe(grid.households)
    expect(community.reached).toBe(grid.reached)
    const head = c.holder('buildingHead', 'c1-b1')
    const building = await c.ok<Reach>(head, 'reach', { noticeId, unitId: 'c1-b1' })
    expect(building.rowLevel).toBeNull()
    expect(building.rows).toEqual([])
    expect(grid.rows[0]).toMatchObject({ id: 'c1-b1', households: building.households, reached: building.reached })
    expect(building.households).toBe(householdsIn('c1-b1').length)
    expect(building.reached).toBe(1)
  })

  it('refuses residents, a building head of another building, leaders outside the notice, unknown notices', async () => {
    const resident = pair[0]
    expect(await c.act(resident, 'reach', { noticeId, unitId: 'g1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await c.act(resident, 'unreached', { noticeId, microgridId: 'c1-b1' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    const otherHead = c.holder('buildingHead', 'c1-b2')
    expect(await c.act(otherHead, 'unreached', { noticeId, microgridId: 'c1-b1' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    const someHome = householdsIn('c1-b1')[0]._id
    expect(await c.act(otherHead, 'visit', { noticeId, householdId: someHome, method: 'door' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(await c.act(otherHead, 'remind', { noticeId, unitId: 'c1-b1' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    // the chief of another grid, asking about their own grid: the notice is none of theirs
    const chief2 = c.holder('gridChief', 'g2')
    expect(await c.act(chief2, 'reach', { noticeId, unitId: 'g2' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // community staff lead over the notice, but g2 is outside its audience
    const staff = c.holder('communityStaff', 'c1')
    expect(await c.act(staff, 'reach', { noticeId, unitId: 'g2' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await c.act(chief(), 'reach', { noticeId: 'nope', unitId: 'g1' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    expect(await c.act(chief(), 'unreached', { noticeId, microgridId: 'g1' })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
  })
})

describe('notices.remind', () => {
  it('sends to subscribers of unreached households under the unit, once per notice per unit per day', async () => {
    const chief = c.holder('gridChief', 'g2')
    const noticeId = await publish(chief, ['g2'])
    const [reachedHome, openHome] = homesWith('/s1/c1/g2/c1-b4/', 1)
    const subscriber = openHome[0]
    const subscription = (p: PersonDoc): SubscriptionDoc => ({
      _id: `${p._id}_${NOTICE_TEMPLATE.id}`,
      personId: p._id,
      homePath: p.homePath!,
      templateId: NOTICE_TEMPLATE.id,
      remaining: 1,
      updatedAt: new Date(),
    })
    await c.cloud.seed({ subscriptions: [subscription(reachedHome[0]), subscription(subscriber)] })
    await c.ok(reachedHome[0], 'ack', { noticeId })

    const outboxBefore = c.cloud.outbox().length
    expect(await c.ok(chief, 'remind', { noticeId, unitId: 'c1-b4' })).toEqual({ sent: 1 })
    const sent = c.cloud.outbox().slice(outboxBefore) as { touser: string; templateId: string; page: string }[]
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ touser: subscriber.openid, templateId: NOTICE_TEMPLATE.id })
    expect(sent[0].page).toContain(noticeId)
    const subs = (await c.dump()).subscriptions as SubscriptionDoc[]
    expect(subs.find((s) => s.personId === subscriber._id)!.remaining).toBe(0)
    expect(subs.find((s) => s.personId === reachedHome[0]._id)!.remaining).toBe(1)

    expect(await c.act(chief, 'remind', { noticeId, unitId: 'c1-b4' })).toMatchObject({
      ok: false,
      code: 'ALREADY_REMINDED',
    })
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    const reminders = async () =>
      ((await c.dump()).reminders as { _id: string; sent: number }[]).filter((x) => x._id.startsWith(noticeId))
    expect(await c.ok<Reach>(chief, 'reach', { noticeId, unitId: 'c1-b4' })).toMatchObject({ remindedToday: true })

    // another unit the same day is its own reminder; with nobody left to send to, it says so and stays unused
    expect(await c.act(chief, 'remind', { noticeId, unitId: 'g2' })).toEqual({
      ok: false,
      code: 'NOTHING_TO_REMIND',
      message: ERROR_MESSAGES.NOTHING_TO_REMIND,
    })
    expect((await reminders()).map((x) => x._id)).toEqual([`${noticeId}_c1-b4_${day}`])
    expect(await c.ok<Reach>(chief, 'reach', { noticeId, unitId: 'g2' })).toMatchObject({ remindedToday: false })

    // someone of g2 subscribes meanwhile: the reminder was not used up, so it goes out now
    const late = homesWith('/s1/c1/g2/c1-b5/', 1)[1][0]
    await c.ok(late, 'subscribe', { templateId: NOTICE_TEMPLATE.id })
    const before = c.cloud.outbox().length
    expect(await c.ok(chief, 'remind', { noticeId, unitId: 'g2' })).toEqual({ sent: 1 })
    expect((c.cloud.outbox().slice(before) as { touser: string }[]).map((m) => m.touser)).toEqual([late.openid])
    expect((await reminders()).map((x) => x._id).sort()).toEqual([`${noticeId}_c1-b4_${day}`, `${noticeId}_g2_${day}`])
  })

  it('two leaders pressing at once: one reminder is sent, the other is told it was', async () => {
    const chief = c.holder('gridChief', 'g2')
    const head = c.holder('buildingHead', 'c1-b6')
    const noticeId = await publish(chief, ['g2'])
    const [, open] = homesWith('/s1/c1/g2/c1-b6/', 0)
    await c.ok(open[0], 'subscribe', { templateId: NOTICE_TEMPLATE.id })
    const before = c.cloud.outbox().length
    const [a, b] = await Promise.all([
      c.act(chief, 'remind', { noticeId, unitId: 'c1-b6' }),
      c.act(head, 'remind', { noticeId, unitId: 'c1-b6' }),
    ])
    expect([a, b].filter((r) => r.ok)).toEqual([{ ok: true, data: { sent: 1 } }])
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'ALREADY_REMINDED' })
    expect(c.cloud.outbox().length - before).toBe(1)
  })
})

describe('a notice without 回执: reading is reaching', () => {
  it('two members opening it at once count their household once; a notice asking for 收到 is not reached by reading', async () => {
    const head = c.holder('buildingHead', 'c1-b10')
    const noReceipt = (await c.ok<{ id: string }>(head, 'publish', draft(['c1-b10'], { ackRequired: false }))).id
    const withReceipt = await publish(head, ['c1-b10'])
    const [pair] = homesWith('/s1/c1/g4/c1-b10/', 2)
    const [a, b] = pair
    const opened = await Promise.all(
      [a, b, a].map((p) => c.ok<{ householdReached: boolean }>(p, 'detail', { noticeId: noReceipt })),
    )
    expect(opened.map((d) => d.householdReached)).toEqual([true, true, true])
    await c.ok(a, 'detail', { noticeId: withReceipt })

    const one = await ledger(noReceipt)
    expect(one.receipts).toHaveLength(1)
    expect(one.receipts[0]).toMatchObject({ householdId: a.householdId, via: 'read', microgridId: 'c1-b10' })
    expect(one.counted).toBe(1)
    expect((await ledger(withReceipt)).receipts).toEqual([])
    const r = await c.ok<Reach>(head, 'reach', { noticeId: noReceipt, unitId: 'c1-b10' })
    expect(r.reached).toBe(1)
    expect((await c.ok<Reach>(head, 'reach', { noticeId: withReceipt, unitId: 'c1-b10' })).reached).toBe(0)

    // the household that read it is not nagged; a later 收到 by the reader counts nothing more and reports it
    await c.ok(a, 'subscribe', { templateId: NOTICE_TEMPLATE.id })
    expect(await c.act(head, 'remind', { noticeId: noReceipt, unitId: 'c1-b10' })).toMatchObject({
      ok: false,
      code: 'NOTHING_TO_REMIND',
    })
    // whichever member's opening won the race reached the household; a's 收到 says whether that was a
    const reachedByA = one.receipts[0].by === a._id
    expect(await c.ok(a, 'ack', { noticeId: noReceipt })).toEqual({ acked: true, householdReached: reachedByA })
    expect((await ledger(noReceipt)).counted).toBe(1)
  })
})

describe('the subscribe messages on the reach page', () => {
  it('shows how many of the messages due were sent, as the delivery goes', async () => {
    const subscribers = residentsUnder('/s1/c2/g5/').slice(0, 3)
    expect(subscribers).toHaveLength(3)
    for (const p of subscribers) await c.ok(p, 'subscribe', { templateId: NOTICE_TEMPLATE.id })
    const staff = c.holder('communityStaff', 'c2')
    const noticeId = await publish(staff, ['g5'])
    const before = c.cloud.outbox().length
    await c.fireDeliver()
    const sent = (c.cloud.outbox().slice(before) as { page: string }[]).filter((m) => m.page.includes(noticeId))
    expect(sent.length).toBeGreaterThanOrEqual(3)
    const r = await c.ok<Reach>(staff, 'reach', { noticeId, unitId: 'c2' })
    expect(r.delivery).toEqual({ sent: sent.length, due: sent.length, done: true })
  }, 30_000)
})

/** Every level's shards summed == the receipts under that unit. */
function expectCountersMatch(
  receipts: readonly ReceiptDoc[],
  counters: readonly ReachCounterDoc[],
  above: readonly string[],
): void {
  const sums = new Map<string, number>()
  for (const k of counters) sums.set(k.unitId, (sums.get(k.unitId) ?? 0) + k.reached)
  for (const [unitId, n] of sums)
    expect([unitId, n]).toEqual([
      unitId,
      receipts.filter((r) => r.microgridId === unitId || r.gridId === unitId || above.includes(unitId)).length,
    ])
}

describe('under load', () => {
  it('a grid’s notice, counted at once: every resident acks three times at once from many workers; counters == receipts', async () => {
    const chief = c.holder('gridChief', 'g5')
    const noticeId = await publish(chief, ['g5'])
    const people = residentsUnder('/s1/c2/g5/')
    const taps = [...people, ...people, ...people]
    expect(taps.length).toBeGreaterThanOrEqual(60)
    const results = await Promise.all(taps.map((p) => c.act<AckResult>(p, 'ack', { noticeId })))
    expect(results.filter((r) => !r.ok)).toEqual([])
    const households = new Set(people.map((p) => p.householdId))
    const { receipts, counters, counted } = await ledger(noticeId)
    expect(receipts).toHaveLength(households.size)
    expect(counted).toBe(households.size)
    expectCountersMatch(receipts, counters, ['c2', 's1'])
    // per household exactly one member reports reaching it (on each of their taps); the others do not
    const reporters = new Map<string, Set<string>>()
    results.forEach((r, i) => {
      if (!r.ok || !r.data.householdReached) return
      const p = taps[i]
      reporters.set(p.householdId!, (reporters.get(p.householdId!) ?? new Set()).add(p._id))
    })
    expect(reporters.size).toBe(households.size)
    expect([...reporters.values()].every((s) => s.size === 1)).toBe(true)
    const r = await c.ok<Reach>(chief, 'reach', { noticeId, unitId: 'g5' })
    expect(r.reached).toBe(households.size)
    expect(r.counting).toBe(0)
  }, 300_000)

  it('a community’s notice, counted by the timer: every resident acks at once (some twice); the reach page says how many wait, then counters == receipts', async () => {
    const staff = c.holder('communityStaff', 'c2')
    const noticeId = await publish(staff, ['c2'])
    const people = residentsUnder('/s1/c2/')
    const taps = [...people, ...people.slice(0, 60)]
    expect(taps.length).toBeGreaterThanOrEqual(250)
    const results = await Promise.all(taps.map((p) => c.act<AckResult>(p, 'ack', { noticeId })))
    expect(results.filter((r) => !r.ok)).toEqual([])
    // each 收到 is kept at once, counted within a minute: nobody is told they reached their household yet
    expect(results.every((r) => r.ok && r.data.acked && r.data.householdReached === null)).toBe(true)
    const households = new Set(people.map((p) => p.householdId))
    const waiting = await c.ok<Reach>(staff, 'reach', { noticeId, unitId: 'c2' })
    expect(waiting.reached).toBe(0)
    expect(waiting.counting).toBe(people.length)
    // every resident sees their own 收到 at once
    const mine = await c.ok<{ acked: boolean }>(people[0], 'detail', { noticeId })
    expect(mine.acked).toBe(true)

    const fired = await c.fireCountAcks()
    expect(fired).toMatchObject({ ok: true, data: { acks: people.length, households: households.size, left: false } })
    const { receipts, counters, counted } = await ledger(noticeId)
    expect(receipts).toHaveLength(households.size)
    expect(counted).toBe(households.size)
    expectCountersMatch(receipts, counters, ['c2', 's1'])
    // the receipt names a member who pressed 收到, at the time they pressed it
    const acks = ((await c.dump()).acks as AckDoc[]).filter((a) => a.noticeId === noticeId)
    for (const rc of receipts) {
      const by = acks.find((a) => a.personId === rc.by)
      expect([rc.via, by?.householdId, new Date(rc.at).getTime()]).toEqual([
        'ack',
        rc.householdId,
        new Date(by?.ackedAt ?? 0).getTime(),
      ])
    }
    const r = await c.ok<Reach>(staff, 'reach', { noticeId, unitId: 'c2' })
    expect(r.reached).toBe(households.size)
    expect(r.counting).toBe(0)
    expect(r.rowLevel).toBe('grid')
    expect(r.rows.reduce((n, g) => n + g.reached, 0)).toBe(households.size)
    // a second firing finds nothing; more taps of the same people count nothing more
    expect(await c.fireCountAcks()).toMatchObject({ ok: true, data: { acks: 0, households: 0 } })
    await Promise.all(people.slice(0, 20).map((p) => c.act(p, 'ack', { noticeId })))
    expect((await c.ok<Reach>(staff, 'reach', { noticeId, unitId: 'c2' })).counting).toBe(0)
    expect((await ledger(noticeId)).counted).toBe(households.size)
  }, 300_000)

  it('a community’s notice without 回执: reading reaches the household, counted by the timer as a 收到 would be', async () => {
    const staff = c.holder('communityStaff', 'c1')
    const { id: noticeId } = await c.ok<{ id: string }>(staff, 'publish', draft(['c1'], { ackRequired: false }))
    const readers = homesWith('/s1/c1/g2/', 2)
      .slice(0, 3)
      .flatMap((m) => m.slice(0, 2))
    await Promise.all(readers.map((p) => c.ok(p, 'detail', { noticeId })))
    const before = await c.ok<Reach>(staff, 'reach', { noticeId, unitId: 'c1' })
    expect([before.reached, before.counting]).toEqual([0, readers.length])
    expect(await c.fireCountAcks()).toMatchObject({ ok: true, data: { households: 3, left: false } })
    const { receipts } = await ledger(noticeId)
    expect(receipts.map((r) => r.via)).toEqual(['read', 'read', 'read'])
    const after = await c.ok<Reach>(staff, 'reach', { noticeId, unitId: 'c1' })
    expect([after.reached, after.counting]).toEqual([3, 0])
    // opening it again marks nothing more
    await c.ok(readers[0], 'detail', { noticeId })
    expect((await c.ok<Reach>(staff, 'reach', { noticeId, unitId: 'c1' })).counting).toBe(0)
  }, 300_000)
})
