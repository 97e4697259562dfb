/**
 * The compiled weapp (dist/) in miniprogram-simulate: 首页 and 我的 as WeChat would run them, with
 * wx.cloud.callFunction answering from fixtures. Fails, never skips, when dist/ has not been built.
 */
import { fail, ok } from '../../core/envelope'
import type { MeResult } from '../../core/contract'
import { bootApp, createWx, eventually, passTime, renderPage, tap, type CloudCall } from './harness'
import { chiefMe, gridOverview, homeOf, notJoinedMe, residentMe, staffMe } from './fixtures'

const HOME = 'pages/grid/home/index'
const ME = 'pages/grid/me/index'
const NOTICES = 'pages/notices/list/index'

let answer: (call: CloudCall) => unknown = () => ok(homeOf(residentMe))
const badgeApi = () => jest.fn((opts: { success?: (r: unknown) => void } = {}) => opts.success?.({ errMsg: 'ok' }))
// the 通知 tab's badge: WeChat's tab bar API, as Taro calls it
const wx = { ...createWx((call) => answer(call)), setTabBarBadge: badgeApi(), removeTabBarBadge: badgeApi() }
const actions = () => wx.cloud.callFunction.mock.calls.map(([c]) => `${c.name}.${c.data.action}`)
/** WeChat shows the app again (back from the background): app.ts refreshes the 通知 badge. */
const showApp = () => {
  const app = (globalThis as unknown as { getApp: () => Record<string, (o: unknown) => void> }).getApp()
  app.onShow.call(app, { path: HOME, query: {} })
}

beforeAll(() => bootApp(wx))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.makePhoneCall.mockClear()
})

test('a resident sees their name, door, grid and its three heads on the first screen', async () => {
  answer = () => ok(homeOf(residentMe))
  const page = await renderPage(HOME)
  const text = page.dom.textContent ?? ''

  expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'grid', data: { action: 'home', payload: {} } })
  // The cloud was initialised (once, before any call) with the build-time env id or the default env.
  expect(wx.cloud.init).toHaveBeenCalledTimes(1)
  expect(wx.cloud.init.mock.invocationCallOrder[0]).toBeLessThan(wx.cloud.callFunction.mock.invocationCallOrder[0])
  expect(text).toContain('你好，王秀英')
  expect(text).toContain('5栋2单元502')
  expect(text).toContain('幸福里第三网格')
  expect(text).toContain('和平街道 · 幸福里社区 · 幸福里第三网格 · 5号楼')
  for (const [role, name] of [
    ['网格长', '李建国'],
    ['党小组长', '张红梅'],
    ['楼栋长', '陈志强'],
  ]) {
    expect(text).toContain(role)
    expect(text).toContain(name)
  }
  // One call brings the whole screen (a resident leads nothing: no overview either).
  expect(wx.cloud.callFunction).toHaveBeenCalledTimes(1)
  page.detach()
})

test('tapping 拨打 next to a head calls their number', async () => {
  answer = () => ok(homeOf(residentMe))
  const page = await renderPage(HOME)
  expect(page.querySelectorAll('.head-row__call')).toHaveLength(3)
  await tap(page, '.head-row__call', 1)
  expect(wx.makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13800000102' }))
  page.detach()
})

test('a grid chief also sees the counts of their grid, per micro-grid', async () => {
  answer = () => ok(homeOf(chiefMe, 0, gridOverview))
  const page = await renderPage(HOME)
  const text = page.dom.textContent ?? ''

  // the overview comes with grid.home: no second call for it
  expect(actions()).toEqual(['grid.home'])
  expect(text).toContain('网格概况')
  expect(text).toContain('76')
  expect(text).toContain('151')
  expect(text).toContain('5号楼')
  expect(text).toContain('40 户 · 79 人')
  page.detach()
})

test('community staff see the first page of their grids; 查看更多 appends the next, the totals stay the community’s', async () => {
  const grid = (n: number) => ({
    id: `g-${n}`,
    name: `第${n}网格`,
    level: 'grid' as const,
    households: n,
    residents: 2 * n,
    heads: [],
  })
  const communityOverview = (from: number, to: number, nextCursor?: string) => ({
    unit: { id: 'co-1', name: '幸福里社区', level: 'community' as const, path: [] },
    households: 9999,
    residents: 19999,
    heads: [],
    children: Array.from({ length: to - from + 1 }, (_, i) => grid(from + i)),
    ...(nextCursor ? { nextCursor } : {}),
  })
  answer = (call) =>
    call.data.action === 'overview'
      ? ok(communityOverview(21, 25))
      : ok(homeOf(staffMe, 0, communityOverview(1, 20, 'co-1/next')))
  const page = await renderPage(HOME)
  await eventually(() => expect(page.querySelectorAll('.overview__row')).toHaveLength(20))
  expect(actions()).toEqual(['grid.home'])
  // the community's own figures; how many grids in all is not shown while they do not fit on one page
  expect(page.dom.textContent).toContain('9999')
  expect(page.dom.textContent).not.toContain('网格数')

  await tap(page, '.overview__more')
  await eventually(() => expect(page.querySelectorAll('.overview__row')).toHaveLength(25))
  expect(wx.cloud.callFunction).toHaveBeenLastCalledWith({
    name: 'grid',
    data: { action: 'overview', payload: { unitId: 'co-1', cursor: 'co-1/next' } },
  })
  const names = page.querySelectorAll('.overview__row-name').map((n) => n.dom.textContent)
  expect(names.slice(19)).toEqual(['第20网格', '第21网格', '第22网格', '第23网格', '第24网格', '第25网格'])
  // the last page has no cursor: nothing more to ask for
  expect(page.querySelectorAll('.overview__more')).toHaveLength(0)
  page.detach()
})

test('a WeChat user who has not joined is told how to join through a grid invite', async () => {
  answer = () => ok(homeOf(notJoinedMe))
  const page = await renderPage(HOME)
  const text = page.dom.textContent ?? ''
  expect(text).toContain('你还没有加入网格')
  expect(text).toContain('邀请卡片')
  expect(text).not.toContain('网格三长')
  page.detach()
})

test('an error envelope shows its Chinese message, and 重试 calls again', async () => {
  answer = () => fail('INTERNAL')
  const page = await renderPage(HOME)
  expect(page.dom.textContent).toContain('服务暂时不可用，请稍后再试')
  expect(wx.cloud.callFunction).toHaveBeenCalledTimes(1)

  answer = () => ok(homeOf(residentMe))
  await tap(page, '.page-state__action .nut-button')
  expect(wx.cloud.callFunction).toHaveBeenCalledTimes(2)
  expect(page.dom.textContent).toContain('幸福里第三网格')
  page.detach()
})

test('我的 shows the person with their own phone in full, household members and roles', async () => {
  answer = () => ok(residentMe)
  passTime(31_000) // 首页's answer of an earlier test is no longer fresh: 我的 asks grid.me
  const page = await renderPage(ME)
  expect(actions()).toEqual(['grid.me'])
  const text = page.dom.textContent ?? ''
  expect(text).toContain('王秀英')
  expect(text).toContain('13912345678')
  expect(text).toContain('刘德明')
  expect(text).toContain('居民')
  // The local demo persona switch exists only in the h5 build.
  expect(text).not.toContain('切换演示身份')
  page.detach()
})

describe('the screens follow the person: no stale 首页 or badge, no call the roles can never pass', () => {
  const leftMe: MeResult = { ...residentMe, roles: [], household: null, grid: null }
  /** A cloud where grid.me answers `who()`, 3 notices are unread, and leaving or deleting works. */
  const cloud = (who: () => MeResult, onChange: (next: MeResult) => void) => (call: CloudCall) => {
    if (call.data.action === 'unreadCount') return ok({ unread: 3 })
    if (call.data.action === 'overview') return ok(gridOverview)
    if (call.data.action === 'home') {
      const me = who()
      return ok(homeOf(me, me.household ? 3 : 0, me === chiefMe ? gridOverview : undefined))
    }
    if (call.data.action === 'leaveHousehold') {
      onChange(leftMe)
      return ok({ left: { id: 'hh-1', name: '5栋2单元502', level: 'household' } })
    }
    if (call.data.action === 'requestDeletion') {
      onChange(notJoinedMe)
      return ok({ deleted: true })
    }
    return ok(who())
  }

  test.each<[string, string, string]>([
    ['退出本户', '.me-leave', '我有邀请'],
    ['注销', '.me-delete', '你还没有加入网格'],
  ])(
    'after %s, 首页 (still open under 我的) shows the person as they are now, and the badge goes',
    async (_n, button, shown) => {
      let current = residentMe
      answer = cloud(
        () => current,
        (next) => (current = next),
      )
      const home = await renderPage(HOME)
      expect(home.dom.textContent).toContain('5栋2单元502')
      showApp()
      await eventually(() => expect(wx.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ text: '3' })))

      const me = await renderPage(ME)
      wx.removeTabBarBadge.mockClear()
      wx.cloud.callFunction.mockClear()
      await tap(me, button)
      await eventually(() => {
        expect(home.dom.textContent).not.toContain('5栋2单元502')
        expect(home.dom.textContent).not.toContain('幸福里第三网格')
        expect(home.dom.textContent).toContain(shown)
        expect(wx.removeTabBarBadge).toHaveBeenCalled()
      })
      // no longer a resident: the unread count is not even asked for
      expect(actions()).not.toContain('notices.unreadCount')
      me.detach()
      home.detach()
    },
  )

  test.each<[string, MeResult, string]>([
    ['community staff', staffMe, '通知送达已加入家庭的居民'],
    ['someone who has not joined', notJoinedMe, '你还没有加入网格'],
  ])('the 通知 tab tells %s why there is no feed, without asking for one', async (_n, who, shown) => {
    answer = cloud(
      () => who,
      () => undefined,
    )
    const home = await renderPage(HOME)
    wx.cloud.callFunction.mockClear()
    const list = await renderPage('pages/notices/list/index')
    await eventually(() => expect(list.dom.textContent).toContain(shown))
    expect(actions()).not.toContain('notices.feed')
    list.detach()
    home.detach()
  })

  test.each<[string, MeResult, boolean]>([
    ['community staff', staffMe, false],
    ['a grid chief living in no household of theirs', chiefMe, false],
    ['a resident', residentMe, true],
  ])('when the app shows, %s asks for the unread count only if their roles may', async (_n, who, asks) => {
    answer = cloud(
      () => who,
      () => undefined,
    )
    const home = await renderPage(HOME)
    wx.cloud.callFunction.mockClear()
    wx.setTabBarBadge.mockClear()
    wx.removeTabBarBadge.mockClear()
    showApp()
    await eventually(() => expect(asks ? wx.setTabBarBadge : wx.removeTabBarBadge).toHaveBeenCalled())
    expect(actions().includes('notices.unreadCount')).toBe(asks)
    home.detach()
  })
})

// Last in this file: each case launches the mini-program afresh (a new module registry, as on a cold start).
describe('one call per screen: each tab’s first screen, counted by action while it loads', () => {
  type Harness = typeof import('./harness')
  const feed = { rows: [], unread: 2 }

  function launch(who: MeResult) {
    jest.resetModules()
    const harness: Harness = jest.requireActual('./harness')
    const cold = {
      ...harness.createWx((call) => {
        if (call.data.action === 'home')
          return ok(homeOf(who, who.household ? 2 : 0, who === chiefMe ? gridOverview : undefined))
        if (call.data.action === 'feed') return ok(feed)
        if (call.data.action === 'unreadCount') return ok({ unread: 2 })
        return ok(who)
      }),
      setTabBarBadge: badgeApi(),
      removeTabBarBadge: badgeApi(),
    }
    harness.bootApp(cold)
    const counted = () => {
      const by: Record<string, number> = {}
      for (const [c] of cold.cloud.callFunction.mock.calls)
        by[`${c.name}.${c.data.action}`] = (by[`${c.name}.${c.data.action}`] ?? 0) + 1
      return by
    }
    return { harness, cold, counted }
  }

  test.each<[string, MeResult, Record<string, number>]>([
    ['a resident', residentMe, { 'notices.feed': 1 }],
    // a grid chief living in no household of theirs has no feed: 通知 says so without a call
    ['a grid chief', chiefMe, {}],
  ])('%s: 首页 1 (grid.home), then 我的 0, then 通知 at most 1', async (_n, who, notices) => {
    const { harness, cold, counted } = launch(who)
    // WeChat shows the app as it launches (app.ts refreshes the 通知 badge), then opens 首页
    const app = (globalThis as unknown as { getApp: () => Record<string, (o: unknown) => void> }).getApp()
    app.onShow.call(app, { path: HOME, query: {} })
    const home = await harness.renderPage(HOME)
    await harness.settle()
    expect(home.dom.textContent).toContain(who.person?.name as string)
    expect(counted()).toEqual({ 'grid.home': 1 })
    // the badge came from the same answer
    if (who.household) expect(cold.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ text: '2' }))
    else expect(cold.removeTabBarBadge).toHaveBeenCalled()

    cold.cloud.callFunction.mockClear()
    const me = await harness.renderPage(ME)
    await harness.settle()
    expect(me.dom.textContent).toContain(who.person?.phone as string)
    expect(counted()).toEqual({})

    cold.cloud.callFunction.mockClear()
    const list = await harness.renderPage(NOTICES)
    await harness.settle()
    expect(counted()).toEqual(notices)
    list.detach()
    me.detach()
    home.detach()
  })

  test('我的 asks grid.me again once 首页’s answer is older than 30 s', async () => {
    const { harness, cold, counted } = launch(residentMe)
    const home = await harness.renderPage(HOME)
    await harness.settle()
    cold.cloud.callFunction.mockClear()
    harness.passTime(31_000)
    const me = await harness.renderPage(ME)
    await harness.settle()
    expect(counted()).toEqual({ 'grid.me': 1 })
    expect(me.dom.textContent).toContain('13912345678')
    me.detach()
    home.detach()
  })
})
