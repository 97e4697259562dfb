/**
 * notices as each persona through the local cloud: publishing inside one's scope only (content-checked, two
 * documents whatever the audience), feeds (urgent pinned, expired hidden, unread), detail marks read, 收到 once per
 * household, relays into grid groups without a second notice, 我发布的.
 */
import type { AckResult, NoticeCard, NoticeDetail, NoticesApi, UnitRef } from '../../../core/contract'
import type { AckDoc, NoticeDoc, PersonDoc } from '../../../core/model'
import { isWithin } from '../../../core/units'
import { BLOCKED, inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

let c: NoticesCloud
beforeAll(async () => {
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())

type Published = NoticesApi['publish']['result']
type Feed = NoticesApi['feed']['result']

const draft = (unitIds: string[], extra: Record<string, unknown> = {}) => ({
  title: '停水通知',
  body: '因管道检修，本周六 8:00–12:00 停水，请提前储水。',
  urgency: 'normal',
  expiresAt: inDays(3),
  unitIds,
  ...extra,
})

/** Signed-up residents with no other role, living under `path`. */
const residentsUnder = (path: string): PersonDoc[] =>
  c.demo.people.filter((p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, path))

/** A household under `path` with at least two signed-up members (and nobody in it leading anything), none of
 * whom has opened a demo notice (the demo's answered households: emulator/seed/receipts.ts). */
function twoMemberHome(path: string): [PersonDoc, PersonDoc] {
  const opened = new Set(((c.demo.requests.acks ?? []) as AckDoc[]).map((a) => a.personId))
  const byHome = new Map<string, PersonDoc[]>()
  for (const p of residentsUnder(path)) byHome.set(p.householdId!, [...(byHome.get(p.householdId!) ?? []), p])
  for (const [home, members] of byHome) if (members.some((m) => opened.has(m._id))) byHome.delete(home)
  const pair = [...byHome.values()].find((m) => m.length >= 2)
  if (!pair) throw new Error(`no two-member household under ${path}`)
  return [pair[0], pair[1]]
}

describe('notices.publish', () => {
  it('writes the same two documents to the whole street as to one building (the count test)', async () => {
    const streetStaff = c.holder('streetStaff', 's1')
    const buildingHead = c.holder('buildingHead', 'c1-b2')
    const delta = async (publisher: PersonDoc, unitIds: string[]) => {
      const before = await c.counts()
      await c.ok(publisher, 'publish', draft(unitIds))
      const after = await c.counts()
      return Object.fromEntries(
        Object.keys(after)
          .map((k) => [k, after[k] - (before[k] ?? 0)] as const)
          .filter(([, d]) => d !== 0),
      )
    }
    const street = await delta(streetStaff, ['s1'])
    const building = await delta(buildingHead, ['c1-b2'])
    expect(street).toEqual({ notices: 1, deliveries: 1 })
    expect(building).toEqual(street)
  })

  it('publishes to the grid or chosen buildings for a grid chief, and says who published it', async () => {
    const chief = c.holder('gridChief', 'g1')
    const res = await c.ok<Published>(chief, 'publish', draft(['c1-b1', 'c1-b3'], { urgency: 'urgent' }))
    expect(res.targets.map((t: UnitRef) => t.id)).toEqual(['c1-b1', 'c1-b3'])
    expect(res.origin).toBe(`${c.unit('g1').name} · ${chief.name}`)
    expect(res).toMatchObject({ urgency: 'urgent', ackRequired: true, read: false, householdReached: false })
    // a grid and one of its buildings is just the grid
    const both = await c.ok<Published>(chief, 'publish', draft(['g1', 'c1-b2']))
    expect(both.targets.map((t) => t.id)).toEqual(['g1'])
  })

  it('refuses units outside the caller’s scope or at levels their role does not publish to', async () => {
    const chief = c.holder('gridChief', 'g1')
    const head = c.holder('buildingHead', 'c1-b1')
    const staff = c.holder('communityStaff', 'c1')
    expect(await c.act(chief, 'publish', draft(['g2']))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await c.act(chief, 'publish', draft(['g1', 'c1-b4']))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await c.act(chief, 'publish', draft(['c1']))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await c.act(head, 'publish', draft(['g1']))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await c.act(staff, 'publish', draft(['c1-b1']))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await c.act(staff, 'publish', draft(['c2']))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await c.act(staff, 'publish', draft(['c1', 'g4']))).toMatchObject({ ok: true })
    const resident = residentsUnder('/s1/c1/g1/')[0]
    expect(await c.act(resident, 'publish', draft(['g1']))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('wants an expiry in the future and at most 90 days ahead', async () => {
    const chief = c.holder('gridChief', 'g1')
    const past = await c.act(chief, 'publish', draft(['g1'], { expiresAt: inDays(-1) }))
    expect(past).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    const far = await c.act(chief, 'publish', draft(['g1'], { expiresAt: inDays(91) }))
    expect(far).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect((far as { message: string }).message).toContain('90')
  })

  it('refuses risky text with the reason and stores nothing', async () => {
    const chief = c.holder('gridChief', 'g1')
    const before = await c.dump()
    const res = await c.act(chief, 'publish', draft(['g1'], { body: `有人在群里推广${BLOCKED}，请大家注意。` }))
    expect(res).toMatchObject({ ok: false, code: 'CONTENT_RISKY' })
    expect((res as { message: string }).message).toMatch(/内容含有不宜发布的信息.*：疑似/)
    const titled = await c.act(chief, 'publish', draft(['g1'], { title: `${BLOCKED}通知` }))
    expect(titled).toMatchObject({ ok: false, code: 'CONTENT_RISKY' })
    expect(await c.dump()).toEqual(before)
  })
})

describe('feed, unread, detail', () => {
  // grid g3 is kept clear of the other tests' notices
  const chief = () => c.holder('gridChief', 'g3')
  const home = () => twoMemberHome('/s1/c1/g3/')

  it('shows what reaches my home: urgent pinned, newest first, expired hidden; outsiders see none of it', async () => {
    const [me] = home()
    const building = me.homePath!.split('/')[4]
    const first = await c.ok<Published>(chief(), 'publish', draft(['g3'], { title: '第一条' }))
    const urgent = await c.ok<Published>(chief(), 'publish', draft([building], { title: '紧急', urgency: 'urgent' }))
    const last = await c.ok<Published>(chief(), 'publish', draft(['g3'], { title: '最新', urgency: 'important' }))
    const expired: NoticeDoc = {
      _id: 'expired-g3',
      title: '已过期',
      body: '过期了',
      images: [],
      urgency: 'urgent',
      ackRequired: true,
      unitIds: ['g3'],
      unitPaths: ['/s1/c1/g3/'],
      publisherId: chief()._id,
      origin: '第3网格 · 测试',
      publishedAt: new Date(Date.now() - 10 * 86_400_000),
      expiresAt: new Date(Date.now() - 86_400_000),
    }
    await c.cloud.seed({ notices: [expired] })

    // the street and community notices of the tests above reach this home too: they are older and not urgent
    const feed = await c.ok<Feed>(me, 'feed', {})
    const ids = feed.rows.map((r) => r.id)
    // (the demo's declared emergency has its own urgent notice in the feed: only this test's three are ordered here)
    const ours = [urgent.id, last.id, first.id]
    expect(ids.filter((id) => ours.includes(id))).toEqual(ours)
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(last.id))
    expect(ids).not.toContain('expired-g3')
    expect(feed.unread).toBe(feed.rows.length)
    expect(await c.ok(me, 'unreadCount', {})).toEqual({ unread: feed.rows.length })
    // paging crosses from the pinned to the rest
    const p1 = await c.ok<Feed>(me, 'feed', { page: 1, pageSize: 2 })
    expect(p1.rows.map((r) => r.id)).toEqual(ids.slice(2, 4))

    const elsewhere = residentsUnder('/s1/c1/g4/')[0]
    expect((await c.ok<Feed>(elsewhere, 'feed', {})).rows.map((r) => r.id)).not.toContain(first.id)
    expect(await c.act(elsewhere, 'detail', { noticeId: first.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('opening marks it read (once); leaders over it may read it too', async () => {
    const [me, spouse] = home()
    const { rows, unread } = await c.ok<Feed>(me, 'feed', {})
    const target = rows.find((r) => r.title === '最新') as NoticeCard
    const d = await c.ok<NoticeDetail>(me, 'detail', { noticeId: target.id })
    expect(d).toMatchObject({ id: target.id, read: true, acked: false, relayNote: null, images: [] })
    expect(d.body).toContain('停水')
    expect(d.targets).toEqual([{ id: 'g3', name: c.unit('g3').name, level: 'grid' }])
    await c.ok(me, 'detail', { noticeId: target.id })
    expect(await c.ok(me, 'unreadCount', {})).toEqual({ unread: unread - 1 })
    // read is per person, not per household
    expect(await c.ok(spouse, 'unreadCount', {})).toEqual({ unread })
    const acks = (await c.dump()).acks as { _id: string }[]
    expect(acks.filter((a) => a._id === `${target.id}_${me._id}`)).toHaveLength(1)

    expect(await c.act(c.holder('communityStaff', 'c1'), 'detail', { noticeId: target.id })).toMatchObject({ ok: true })
    expect(await c.act(c.holder('gridChief', 'g4'), 'detail', { noticeId: target.id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
  })

  it('收到 reaches the household once: double taps and a second member count nothing more', async () => {
    const [me, spouse] = home()
    const { rows } = await c.ok<Feed>(me, 'feed', {})
    const target = rows.find((r) => r.title === '第一条') as NoticeCard
    expect(await c.ok<AckResult>(me, 'ack', { noticeId: target.id })).toEqual({ acked: true, householdReached: true })
    expect(await c.ok<AckResult>(me, 'ack', { noticeId: target.id })).toEqual({ acked: true, householdReached: true })
    expect(await c.ok<AckResult>(spouse, 'ack', { noticeId: target.id })).toEqual({
      acked: true,
      householdReached: false,
    })
    const dump = await c.dump()
    const receipts = (dump.receipts as { noticeId: string }[]).filter((r) => r.noticeId === target.id)
    const counters = (dump.reachCounters as { noticeId: string; reached: number }[]).filter(
      (r) => r.noticeId === target.id,
    )
    expect(receipts).toHaveLength(1)
    // one shard moved at each level: street, community, grid, building
    expect(counters.map((x) => x.reached)).toEqual([1, 1, 1, 1])

    const seen = (await c.ok<Feed>(spouse, 'feed', {})).rows.find((r) => r.id === target.id)
    expect(seen).toMatchObject({ read: true, householdReached: true })
    expect(await c.ok<NoticeDetail>(spouse, 'detail', { noticeId: target.id })).toMatchObject({ acked: true })

    const outsider = residentsUnder('/s1/c1/g4/')[0]
    expect(await c.act(outsider, 'ack', { noticeId: target.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await c.act(me, 'ack', { noticeId: 'expired-g3' })).toMatchObject({ ok: false, code: 'NOTICE_EXPIRED' })
    expect(await c.act(me, 'ack', { noticeId: 'nope' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('我发布的 lists the publisher’s notices with households and households reached', async () => {
    const { rows } = await c.ok<NoticesApi['published']['result']>(chief(), 'published', {})
    const first = rows.find((r) => r.title === '第一条')
    const households = c.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, '/s1/c1/g3/')).length
    expect(first).toMatchObject({ households, reached: 1, targets: [{ id: 'g3' }] })
    expect(rows.map((r) => r.title).slice(0, 3)).toEqual(['最新', '紧急', '第一条'])
  })
})

describe('relay into the grid group', () => {
  it('a community notice waits in each grid chief’s inbox; a relay adds a note and no second notice', async () => {
    const staff = c.holder('communityStaff', 'c2')
    const chief = c.holder('gridChief', 'g5')
    const notice = await c.ok<Published>(staff, 'publish', draft(['c2'], { title: '社区通知' }))
    const inbox = await c.ok<NoticesApi['relayInbox']['result']>(chief, 'relayInbox', {})
    expect(inbox.find((n) => n.id === notice.id)?.grids).toEqual([{ id: 'g5', name: c.unit('g5').name, level: 'grid' }])

    const before = await c.counts()
    const res = await c.ok(chief, 'relay', { noticeId: notice.id, gridId: 'g5', note: '请各户务必查看' })
    expect(res).toEqual({ path: `pages/notices/detail/index?id=${notice.id}&grid=g5`, title: '社区通知' })
    const after = await c.counts()
    expect(after.notices).toBe(before.notices)
    expect(after.relays).toBe(before.relays + 1)
    expect((await c.ok<NoticesApi['relayInbox']['result']>(chief, 'relayInbox', {})).map((n) => n.id)).not.toContain(
      notice.id,
    )

    const resident = residentsUnder('/s1/c2/g5/')[0]
    const feed = await c.ok<Feed>(resident, 'feed', {})
    expect(feed.rows.filter((r) => r.title === '社区通知')).toHaveLength(1)
    const viaCard = await c.ok<NoticeDetail>(resident, 'detail', { noticeId: notice.id, gridId: 'g5' })
    expect(viaCard.origin).toBe(`${c.unit('c2').name} · ${staff.name}`)
    expect(viaCard.relayNote).toEqual({
      grid: { id: 'g5', name: c.unit('g5').name, level: 'grid' },
      note: '请各户务必查看',
      by: chief.name,
    })
    expect((await c.ok<NoticeDetail>(resident, 'detail', { noticeId: notice.id })).relayNote).toBeNull()
  })

  it('relays only notices from above, into one’s own grid', async () => {
    const chief = c.holder('gridChief', 'g6')
    const own = await c.ok<Published>(chief, 'publish', draft(['g6']))
    expect(await c.act(chief, 'relay', { noticeId: own.id, gridId: 'g6' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    const other = await c.ok<Published>(c.holder('communityStaff', 'c1'), 'publish', draft(['c1']))
    expect(await c.act(chief, 'relay', { noticeId: other.id, gridId: 'g6' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(await c.act(chief, 'relay', { noticeId: other.id, gridId: 'g1' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect((await c.ok<{ id: string }[]>(chief, 'relayInbox', {})).map((n) => n.id)).not.toContain(other.id)
  })
})
