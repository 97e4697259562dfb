/**
 * What notices keep of a person and a place follows the person's own record: after 注销 (privacy.requestDeletion),
 * 退出本户 (join.leaveHousehold) and a building moved to another grid (org.moveUnit), subscribe messages, reminders
 * and access go by where the person lives now; a deleted leader's name leaves the notices and relays they made.
 * Every function runs in the local cloud; the `deliver` timer is fired by hand, as the platform would.
 */
import type { ClaimView, InviteView, NoticeDetail, NoticesApi } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { NoticeDoc, PersonDoc, RelayDoc, SubscriptionDoc } from '../../../core/model'
import { NOTICE_TEMPLATE } from '../../../core/notices/links'
import { isWithin } from '../../../core/units'
import { buildFunctions } from '../../../scripts/build-functions'
import { inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

jest.setTimeout(120_000)

let c: NoticesCloud
beforeAll(async () => {
  await buildFunctions(['privacy', 'join', 'org'])
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())

interface Sent {
  touser: string
  page: string
  data: Record<string, { value: string }>
}
const outbox = () => c.cloud.outbox() as Sent[]
const call = async <T>(fn: string, person: PersonDoc, action: string, payload: unknown = {}) =>
  (await c.cloud.callFunction(fn, { action, payload }, { openid: person.openid as string })).result as Envelope<T>

/** Signed-up residents with no other role, living under `path`. */
const residentsUnder = (path: string): PersonDoc[] =>
  c.demo.people.filter((p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, path))

const publish = async (by: PersonDoc, unitIds: string[], title: string, extra: Record<string, unknown> = {}) =>
  (
    await c.ok<NoticesApi['publish']['result']>(by, 'publish', {
      title,
      body: '请各位居民留意。',
      urgency: 'important',
      expiresAt: inDays(2),
      unitIds,
      ...extra,
    })
  ).id

/** Fires the timer and returns who was sent a message about `noticeId`. */
async function deliveredFor(noticeId: string): Promise<string[]> {
  const before = outbox().length
  await c.fireDeliver()
  return outbox()
    .slice(before)
    .filter((m) => m.page.includes(noticeId))
    .map((m) => m.touser)
}

const subscriptionsOf = async (personId: string) =>
  ((await c.dump()).subscriptions as SubscriptionDoc[]).filter((s) => s.personId === personId)

const subscribe = (p: PersonDoc) => c.ok(p, 'subscribe', { templateId: NOTICE_TEMPLATE.id })

describe('注销', () => {
  it('the deleted person’s subscriptions go with them: the timer sends that WeChat user nothing', async () => {
    const [gone, stays] = residentsUnder('/s1/c1/g1/c1-b2/')
    await subscribe(gone)
    await subscribe(stays)
    expect(await call('privacy', gone, 'requestDeletion', { confirm: true })).toMatchObject({ ok: true })
    expect(await subscriptionsOf(gone._id)).toEqual([])

    const noticeId = await publish(c.holder('buildingHead', 'c1-b2'), ['c1-b2'], '楼道粉刷')
    expect(await deliveredFor(noticeId)).toEqual([stays.openid])
  })

  it('a deleted leader’s name leaves the notices and relays they made; the unit that spoke stays', async () => {
    const staff = c.holder('communityStaff', 'c2')
    const chief = c.holder('gridChief', 'g6')
    const noticeId = await publish(staff, ['c2'], '社区体检通知')
    await c.ok(chief, 'relay', { noticeId, gridId: 'g6', note: '请本网格居民按时参加' })
    const reader = residentsUnder('/s1/c2/g6/')[0]
    const before = await c.ok<NoticeDetail>(reader, 'detail', { noticeId, gridId: 'g6' })
    expect(before.origin).toBe(`春晖社区 · ${staff.name}`)
    expect(before.relayNote?.by).toBe(chief.name)

    for (const leader of [staff, chief])
      expect(await call('privacy', leader, 'requestDeletion', { confirm: true })).toMatchObject({ ok: true })

    const after = await c.ok<NoticeDetail>(reader, 'detail', { noticeId, gridId: 'g6' })
    expect(after.origin).toBe('春晖社区')
    expect(after.relayNote).toMatchObject({ note: '请本网格居民按时参加', by: '网格长' })
    const feed = await c.ok<NoticesApi['feed']['result']>(reader, 'feed', {})
    expect(feed.rows.find((r) => r.id === noticeId)?.origin).toBe('春晖社区')
    const dump = await c.dump()
    const stored = JSON.stringify([
      (dump.notices as NoticeDoc[]).filter((n) => n.publisherId === staff._id),
      (dump.relays as RelayDoc[]).filter((r) => r.by === chief._id),
    ])
    expect(stored).not.toContain(staff.name)
    expect(stored).not.toContain(chief.name)
    // kept for the record, by id only: who published it and who relayed it
    expect((dump.relays as RelayDoc[]).find((r) => r.noticeId === noticeId)).toMatchObject({ by: chief._id })
  })
})

describe('退出本户', () => {
  it('who left gets no message and no reminder about the building they left', async () => {
    const [leaver] = residentsUnder('/s1/c1/g1/c1-b3/')
    await subscribe(leaver)
    await subscribe(leaver)
    expect(await call('join', leaver, 'leaveHousehold')).toMatchObject({ ok: true })
    expect(await subscriptionsOf(leaver._id)).toEqual([])

    const head = c.holder('buildingHead', 'c1-b3')
    const noticeId = await publish(head, ['c1-b3'], '三栋电梯停运')
    expect(await deliveredFor(noticeId)).not.toContain(leaver.openid)
    expect(await c.act(head, 'remind', { noticeId, unitId: 'c1-b3' })).toMatchObject({
      ok: false,
      code: 'NOTHING_TO_REMIND',
    })
  })

  it('a subscription copy left behind (a crash half way) still sends nothing: the person’s own home decides', async () => {
    const [leaver, neighbour] = residentsUnder('/s1/c1/g2/c1-b5/')
    await subscribe(neighbour)
    expect(await call('join', leaver, 'leaveHousehold')).toMatchObject({ ok: true })
    // as if the leave had written the person and died before its subscription went
    await c.cloud.seed({
      subscriptions: [
        {
          _id: `${leaver._id}_${NOTICE_TEMPLATE.id}`,
          personId: leaver._id,
          homePath: leaver.homePath as string,
          templateId: NOTICE_TEMPLATE.id,
          remaining: 3,
          updatedAt: new Date(),
        },
      ],
    })
    const noticeId = await publish(c.holder('buildingHead', 'c1-b5'), ['c1-b5'], '五栋停气')
    expect(await deliveredFor(noticeId)).toEqual([neighbour.openid])
    expect((await subscriptionsOf(leaver._id))[0]?.remaining).toBe(3)
  })
})

describe('moving into another household', () => {
  it('a subscriber approved into a room of another building is messaged about the new building, not the old', async () => {
    // the last resident of 1栋: the suites above use the first ones
    const mover = residentsUnder('/s1/c1/g1/c1-b1/').slice(-1)[0]
    await subscribe(mover)
    await subscribe(mover)
    const head = c.holder('buildingHead', 'c1-b3')
    const room = c.demo.units.find((u) => u.level === 'household' && u.parentId === 'c1-b3' && !u.retired)
    if (!room?.entrance || !room.room) throw new Error('no household in c1-b3')
    const invite = await call<InviteView>('join', head, 'createInvite', { unitId: 'c1-b3' })
    if (!invite.ok) throw new Error(`invite refused: ${invite.code}`)
    const claim = await call<ClaimView>('join', mover, 'claimHousehold', {
      token: invite.data.token,
      microgridId: 'c1-b3',
      entrance: room.entrance,
      room: room.room,
      name: mover.name,
      phone: mover.phone,
    })
    if (!claim.ok) throw new Error(`claim refused: ${claim.code}`)
    expect(await call('join', head, 'decideClaim', { claimId: claim.data.id, approve: true })).toMatchObject({
      ok: true,
    })
    expect((await subscriptionsOf(mover._id))[0]?.homePath).toBe(room.path)

    const oldHead = c.holder('buildingHead', 'c1-b1')
    const oldNotice = await publish(oldHead, ['c1-b1'], '一栋停水')
    expect(await deliveredFor(oldNotice)).not.toContain(mover.openid)
    const newNotice = await publish(head, ['c1-b3'], '三栋消防演练')
    expect(await deliveredFor(newNotice)).toContain(mover.openid)
  })
})

describe('a building moved to another grid', () => {
  it('its subscribers get the new grid’s notices and none of the old; notices to the building still open', async () => {
    const [mover] = residentsUnder('/s1/c1/g3/c1-b7/')
    await subscribe(mover)
    await subscribe(mover)
    const toBuilding = await publish(c.holder('buildingHead', 'c1-b7'), ['c1-b7'], '七栋消防演练', {
      ackRequired: false,
    })
    expect(await deliveredFor(toBuilding)).toEqual([mover.openid])

    const staff = c.holder('communityStaff', 'c1')
    expect(
      await c.cloud.callFunction(
        'org',
        { action: 'moveUnit', payload: { unitId: 'c1-b7', newParentId: 'g4' } },
        { openid: staff.openid as string },
      ),
    ).toMatchObject({
      result: { ok: true },
    })
    const [sub] = await subscriptionsOf(mover._id)
    expect(sub.homePath).toBe(`/s1/c1/g4/c1-b7/${mover.householdId}/`)

    const oldGrid = await publish(c.holder('gridChief', 'g3'), ['g3'], '第3网格通知')
    expect(await deliveredFor(oldGrid)).toEqual([])
    const newGrid = await publish(c.holder('gridChief', 'g4'), ['g4'], '第4网格通知')
    expect(await deliveredFor(newGrid)).toEqual([mover.openid])

    // the notice published to the building before the move followed it: its residents open it, it counts in g4
    expect(await c.act(mover, 'detail', { noticeId: toBuilding })).toMatchObject({ ok: true })
    const reach = await c.ok<NoticesApi['reach']['result']>(c.holder('gridChief', 'g4'), 'reach', {
      noticeId: toBuilding,
      unitId: 'g4',
    })
    expect(reach.rows.map((b) => [b.id, b.level, b.reached])).toEqual([['c1-b7', 'microgrid', 1]])
  })
})
