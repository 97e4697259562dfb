/**
 * Emergency mode announces through notices and subscribe messages (issue 12 items 1 and 3): a declare publishes its
 * instructions as one urgent notice over the scope (even when retried or raced), whose reach counts households as
 * they press 收到 and shows on the emergency and its banner; a change of the instructions publishes a follow-up; a
 * call-up sends each subscribed member it reaches one message, exactly once across a failed firing, a killed one and
 * two overlapping ones, and shows in their 我的应急力量.
 */
import type { EmergencyDetail } from '../../../core/contract/emergency'
import type { NoticeDetail } from '../../../core/contract/notices'
import { CALLUP_TEMPLATE, RESERVE_MINE_PAGE } from '../../../core/emergency/announce'
import { reserveMemberId, subscriptionId } from '../../../core/ids'
import type {
  DeliveryDoc,
  MessageJobDoc,
  NoticeDoc,
  PersonDoc,
  ReserveMemberDoc,
  SubscriptionDoc,
  UnitCounterDoc,
} from '../../../core/model'
import type { Envelope } from '../../../core/envelope'
import { isWithin } from '../../../core/units'
import { buildFunctions } from '../../../scripts/build-functions'
import { newTap, startEmergencyCloud, type EmergencyCloud } from './cloud'

jest.setTimeout(240_000)

let c: EmergencyCloud
beforeAll(async () => {
  await buildFunctions(['notices'])
  c = await startEmergencyCloud()
}, 240_000)
afterAll(() => c?.close())

interface Sent {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
}

const notices = async (emergencyId: string) =>
  (await c.stored<NoticeDoc>('notices')).filter((n) => n.source?.kind === 'emergency' && n.source.id === emergencyId)

const notice = async <T>(person: PersonDoc, action: string, payload: unknown) => {
  const res = (await c.cloud.callFunction('notices', { action, payload }, { openid: person.openid ?? '' }))
    .result as Envelope<T>
  if (!res.ok) throw new Error(`notices.${action}: ${res.code} ${res.message}`)
  return res.data
}

const fireCallUps = async () =>
  (
    await c.cloud.callFunction(
      'emergency',
      { Type: 'Timer', TriggerName: 'callUpMessages', Time: new Date().toISOString(), Message: '' },
      { openid: '' },
    )
  ).result as Envelope<{ sent: number; finished: number }>

const declare = (_staff: PersonDoc, unitId: string, tapId: string, name = '暴雪防冻') => ({
  unitId,
  tapId,
  name,
  level: 3,
  instructions: `${name}：请各户关好门窗，检查水管保温，老人儿童减少外出。`,
})

describe('declare publishes its instructions as one notice', () => {
  it('retried and raced taps publish one urgent notice over the scope; its reach counts households', async () => {
    const staff = await c.holding('communityStaff', 'c2')
    const grid = c.unit('g7')
    const tapId = newTap('declare')
    // the same tap three times at once (retries racing the first)
    const results = await Promise.all([1, 2, 3].map(() => c.ok(staff, 'declare', declare(staff, grid._id, tapId))))
    const ids = new Set(results.map((r) => r.id))
    expect(ids.size).toBe(1)
    const [id] = [...ids]
    // once more after all of them: the same emergency; another tap is refused: still one notice
    expect(await c.ok(staff, 'declare', declare(staff, grid._id, tapId))).toEqual({ id })
    expect(await c.act(staff, 'declare', declare(staff, grid._id, newTap('other')))).toMatchObject({
      ok: false,
      code: 'EMERGENCY_ACTIVE',
    })

    const published = await notices(id)
    expect(published).toHaveLength(1)
    const [n] = published
    expect(n).toMatchObject({
      title: '【三级响应】暴雪防冻',
      urgency: 'urgent',
      ackRequired: true,
      unitIds: [grid._id],
      publisherId: staff._id,
    })
    expect(n.body).toContain('检查水管保温')
    // its subscribe messages go as any notice's: one delivery job
    expect((await c.stored<DeliveryDoc>('deliveries')).filter((d) => d.noticeId === n._id)).toHaveLength(1)

    const households = (await c.stored<UnitCounterDoc>('unitCounters')).find((u) => u._id === grid._id)?.households
    expect(households).toBeGreaterThan(1)
    const shown = await c.ok(staff, 'detail', { id })
    expect(shown.notice).toEqual({ id: n._id, reach: { reached: 0, households } })

    // two members of one household and one of another press 收到: two households reached
    const home = c.householdUnder(grid._id, 0)
    const [a, b] = [await c.resident(home._id), await c.resident(home._id)]
    const other = await c.resident(c.householdUnder(grid._id, 1)._id)
    const opened = await notice<NoticeDetail>(a, 'detail', { noticeId: n._id })
    expect(opened.source).toEqual({ kind: 'emergency', id })
    await Promise.all([a, b, other].map((p) => notice(p, 'ack', { noticeId: n._id })))
    const after: EmergencyDetail = await c.ok(a, 'detail', { id })
    expect(after.notice).toEqual({ id: n._id, reach: { reached: 2, households } })
    // the banner on 首页 links to the same notice with the same reach
    const banner = (await c.home(a)).emergencies?.find((e) => e.id === id)
    expect(banner?.notice).toEqual({ id: n._id, reach: { reached: 2, households } })
    // someone outside the scope is not addressed by it
    const outsider = await c.resident(c.householdUnder('c1', 0)._id)
    const refused = (
      await c.cloud.callFunction(
        'notices',
        { action: 'detail', payload: { noticeId: n._id } },
        {
          openid: outsider.openid ?? '',
        },
      )
    ).result as Envelope<unknown>
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('a change of the instructions publishes one follow-up notice, which the emergency then links to', async () => {
    const staff = await c.holding('communityStaff', 'c2')
    const grid = c.unit('g8')
    const { id } = await c.ok(staff, 'declare', declare(staff, grid._id, newTap('d'), '道路结冰'))
    const [first] = await notices(id)
    const change = { id, instructions: '道路结冰：明早七点前请勿驾车出行，步行注意防滑。' }
    const [x, y] = await Promise.all([
      c.ok(staff, 'updateInstructions', change),
      c.ok(staff, 'updateInstructions', change),
    ])
    const all = await notices(id)
    expect(all).toHaveLength(2)
    const follow = all.find((n) => n._id !== first._id)
    expect(follow).toMatchObject({ title: '【应急须知更新】道路结冰', body: change.instructions, urgency: 'urgent' })
    expect(x.notice?.id).toBe(follow?._id)
    expect(y.notice?.id).toBe(follow?._id)
    expect((await c.ok(staff, 'detail', { id })).notice?.id).toBe(follow?._id)
    // the same text again changes nothing and publishes nothing
    await c.ok(staff, 'updateInstructions', change)
    expect(await notices(id)).toHaveLength(2)
  })

  it('refused text publishes nothing and declares nothing', async () => {
    const staff = await c.holding('communityStaff', 'c2')
    const before = (await c.stored<NoticeDoc>('notices')).length
    const res = await c.act(staff, 'declare', { ...declare(staff, 'g5', newTap('bad')), instructions: '网络赌博' })
    expect(res).toMatchObject({ ok: false, code: 'CONTENT_RISKY' })
    expect((await c.stored<NoticeDoc>('notices')).length).toBe(before)
  })
})

describe('a call-up messages each member it reaches once', () => {
  it('across a failed firing, a killed one and two at once, every subscribed member gets exactly one', async () => {
    const staff = await c.holding('communityStaff', 'c2')
    const grid = c.unit('g5')
    const { id: emergencyId } = await c.ok(staff, 'declare', declare(staff, grid._id, newTap('d'), '寒潮'))
    const homes = c.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, grid.path))
    // 130 volunteers of the grid (every third without a subscription) and 10 merchant staff not called up
    const people: PersonDoc[] = Array.from({ length: 140 }, (_, i) => ({
      _id: `cu_p${String(i).padStart(4, '0')}`,
      openid: `o_cu_${i}`,
      name: `队员${i}`,
      phone: `1380000${String(i).padStart(4, '0')}`,
      householdId: homes[i % homes.length]._id,
      homePath: homes[i % homes.length].path,
      roles: [{ role: 'resident', unitId: homes[i % homes.length]._id }],
      createdAt: new Date(),
    }))
    const members: ReserveMemberDoc[] = people.map((p, i) => ({
      _id: reserveMemberId(p._id),
      personId: p._id,
      name: p.name,
      phone: p.phone,
      kind: i < 130 ? 'volunteer' : 'merchantStaff',
      skills: [],
      skillsNote: '',
      availability: '晚上',
      unitId: p.householdId ?? '',
      path: p.homePath ?? '',
      registeredBy: p._id,
      registeredByName: p.name,
      registeredAt: new Date(),
      updatedAt: new Date(),
    }))
    const subscribed = people.filter((_, i) => i % 3 !== 0)
    const subscriptions: SubscriptionDoc[] = subscribed.map((p) => ({
      _id: subscriptionId(p._id, CALLUP_TEMPLATE.id),
      personId: p._id,
      homePath: p.homePath ?? '',
      templateId: CALLUP_TEMPLATE.id,
      remaining: 2,
      updatedAt: new Date(),
    }))
    await c.cloud.seed({ people, reserveMembers: members, subscriptions })

    const payload = {
      emergencyId,
      unitId: grid._id,
      tapId: newTap('cu'),
      kinds: ['volunteer'],
      message: '今晚八点到东门集合，协助清扫积雪',
    }
    const [made, again] = await Promise.all([c.ok(staff, 'callUp', payload), c.ok(staff, 'callUp', payload)])
    expect(again.id).toBe(made.id)
    expect(made.reached).toBe(130)
    const jobs = (await c.stored<MessageJobDoc>('messageJobs')).filter((j) => j.sourceId === made.id)
    expect(jobs).toHaveLength(1)
    const before = (c.cloud.outbox() as Sent[]).length

    // the database fails part way through the first firing: some batches went out, the job's cursor is behind
    const engine = c.cloud.engine
    const update = engine.update.bind(engine)
    let saves = 0
    engine.update = (coll, ...rest) => {
      if (coll === 'messageJobs' && ++saves > 2) return Promise.reject(new Error('disk full'))
      return update(coll, ...rest)
    }
    expect(await fireCallUps()).toMatchObject({ ok: false })
    engine.update = update
    const partway = (c.cloud.outbox() as Sent[]).length - before
    expect(partway).toBeGreaterThan(0)
    expect(partway).toBeLessThan(subscribed.length - 10)
    // like a killed instance, the job's lease is held until it runs out; here it has run out
    await update('messageJobs', { _id: jobs[0]._id }, { $set: { lockedUntil: new Date(0) } }, {})

    // two firings at once: one holds the job, the other finds it held; then until it is done
    for (const r of await Promise.all([fireCallUps(), fireCallUps()])) expect(r).toMatchObject({ ok: true })
    const status = async () => (await c.stored<MessageJobDoc>('messageJobs')).find((j) => j._id === jobs[0]._id)?.status
    for (let i = 0; i < 20 && (await status()) !== 'done'; i++) expect(await fireCallUps()).toMatchObject({ ok: true })
    expect(await status()).toBe('done')

    const sent = (c.cloud.outbox() as Sent[]).slice(before).filter((m) => m.templateId === CALLUP_TEMPLATE.id)
    const perOpenid = new Map<string, number>()
    for (const m of sent) perOpenid.set(m.touser, (perOpenid.get(m.touser) ?? 0) + 1)
    const called = subscribed.filter((p) => +p._id.slice(4) < 130)
    expect(called.filter((p) => perOpenid.get(p.openid ?? '') !== 1)).toEqual([])
    expect(perOpenid.size).toBe(called.length)
    for (const m of sent) {
      expect(m.page).toBe(RESERVE_MINE_PAGE)
      expect(m.data.thing1.value).toBe('寒潮')
      expect(m.data.thing3.value.startsWith('今晚八点到东门集合')).toBe(true)
      expect([...m.data.thing3.value].length).toBeLessThanOrEqual(20)
    }
    // each spent one message on it and keeps the other for the next call-up
    const subs = new Map((await c.stored<SubscriptionDoc>('subscriptions')).map((s) => [s._id, s.remaining]))
    for (const p of called) expect(subs.get(subscriptionId(p._id, CALLUP_TEMPLATE.id))).toBe(1)
    // a further firing sends nothing; the member finds the call-up in 我的应急力量
    expect(await fireCallUps()).toMatchObject({ ok: true, data: { sent: 0 } })
    const mine = await c.ok(called[0], 'mine', {})
    expect(mine.callUps.map((x) => x.id)).toContain(made.id)
  })

  it('a call-up of an ended emergency sends nothing more', async () => {
    const staff = await c.holding('communityStaff', 'c2')
    const grid = c.unit('g6')
    const { id: emergencyId } = await c.ok(staff, 'declare', declare(staff, grid._id, newTap('d'), '大风'))
    const home = c.householdUnder(grid._id, 0)
    const member = await c.resident(home._id)
    await c.ok(member, 'register', { kind: 'volunteer', availability: '周末' })
    await c.cloud.seed({
      subscriptions: [
        {
          _id: subscriptionId(member._id, CALLUP_TEMPLATE.id),
          personId: member._id,
          homePath: home.path,
          templateId: CALLUP_TEMPLATE.id,
          remaining: 1,
          updatedAt: new Date(),
        },
      ],
    })
    const made = await c.ok(staff, 'callUp', {
      emergencyId,
      unitId: grid._id,
      tapId: newTap('cu'),
      kinds: ['volunteer'],
      message: '请到社区服务站领取物资',
    })
    await c.ok(staff, 'end', { id: emergencyId })
    const before = (c.cloud.outbox() as Sent[]).length
    expect(await fireCallUps()).toMatchObject({ ok: true })
    expect((c.cloud.outbox() as Sent[]).length).toBe(before)
    const job = (await c.stored<MessageJobDoc>('messageJobs')).find((j) => j.sourceId === made.id)
    expect(job?.status).toBe('done')
  })
})
