/**
 * The 积分 tab of the compiled weapp (dist/) under miniprogram-simulate: it renders from ONE call (points.home) —
 * balance, what expires soon, hours and star, my next sign-ups with the waiting place, open activities with filled /
 * quota per post — and leaders see their points work (发布志愿活动, 调整积分 …) from the who-am-I 首页 already asked,
 * with no call of the tab's own. wx.cloud.callFunction answers with envelopes shaped by core/contract.
 */
import type { ActivityCard, PointsHome } from '../../core/contract'
import { fail, ok } from '../../core/envelope'
import { bootApp, count, createWx, none, renderPage, route, tap, text, type CloudCall } from './harness'
import { chiefMe, homeOf, residentMe } from './fixtures'

const HOME = 'pages/grid/home/index'
const POINTS = 'pages/points/home/index'

const activity: ActivityCard = {
  id: 'act-1',
  title: '周六核酸检测点志愿服务',
  place: '小区东门广场',
  startAt: '2026-12-05T01:00:00.000Z',
  endAt: '2026-12-05T03:00:00.000Z',
  signUpOpensAt: '2026-12-01T00:00:00.000Z',
  signUpClosesAt: '2026-12-05T01:00:00.000Z',
  audience: { kind: 'grid', id: 'g-3', name: '幸福里第三网格' },
  roles: [
    {
      index: 0,
      name: '信息录入',
      quota: 2,
      filled: 2,
      waiting: 1,
      rule: { pointsPerHour: 10, nightMultiplier: 1, cap: 40 },
    },
    {
      index: 1,
      name: '秩序维护',
      quota: 4,
      filled: 1,
      waiting: 0,
      rule: { pointsPerHour: 10, nightMultiplier: 1, cap: 40 },
    },
  ],
  status: 'open',
  origin: '幸福里第三网格 · 李建国',
}

const home: PointsHome = {
  balance: 135,
  expiring: { points: 30, at: '2026-12-31T15:59:59.000Z' },
  next: [
    {
      id: 'su-1',
      activityId: 'act-1',
      roleIndex: 0,
      roleName: '信息录入',
      status: 'waiting',
      waitingPlace: 1,
      promotedAt: null,
      checkInAt: null,
      checkOutAt: null,
      minutes: null,
      points: null,
      freeCancelUntil: '2026-12-04T22:00:00.000Z',
      title: activity.title,
      startAt: activity.startAt,
      place: activity.place,
    },
  ],
  activities: [activity],
  vouchers: 2,
  minutes: 750,
  star: 0,
}

let answer: (call: CloudCall) => unknown = () => fail('UNKNOWN_ACTION')
const badgeApi = () => jest.fn((opts: { success?: (r: unknown) => void } = {}) => opts.success?.({ errMsg: 'ok' }))
const wx = { ...createWx((call) => answer(call)), setTabBarBadge: badgeApi(), removeTabBarBadge: badgeApi() }
const actions = () => wx.cloud.callFunction.mock.calls.map(([c]) => `${c.name}.${c.data.action}`)

beforeAll(() => bootApp(wx))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.navigateTo.mockClear()
})

test('a resident’s 积分 tab shows balance, expiry, hours, next sign-ups and open activities from one call', async () => {
  answer = route({ 'grid.home': () => ok(homeOf(residentMe)), 'points.home': () => ok(home) })
  const first = await renderPage(HOME)
  first.detach()
  wx.cloud.callFunction.mockClear()

  const page = await renderPage(POINTS)
  expect(actions()).toEqual(['points.home'])
  expect(text(page, '.points-hero__balance')).toBe('135')
  expect(text(page, '.points-hero__expiring')).toContain('30 分将于 12月31日 到期')
  expect(text(page, '.points-hero__hours')).toContain('累计服务 12 小时 30 分')
  expect(text(page, '.points-entry--vouchers')).toContain('兑换券 2')
  expect(text(page, '.points-next__status')).toBe('候补第 1 位')
  expect(text(page, '.activity-row__title')).toBe('周六核酸检测点志愿服务')
  expect(text(page, '.activity-row__role', 0)).toBe('信息录入 2/2')
  expect(text(page, '.activity-row__role', 1)).toBe('秩序维护 1/4')
  // a resident has no points work to do
  none(page, '.points-manage__link')

  await tap(page, '.activity-row')
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/points/activity/index?id=act-1' }))
  await tap(page, '.points-entry--services')
  expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/points/services/index' }))
  expect(actions()).toEqual(['points.home'])
  page.detach()
})

test('a grid chief also sees 发布志愿活动 and 调整积分, from who-am-I 首页 asked (no second call)', async () => {
  answer = route({ 'grid.home': () => ok(homeOf(chiefMe)), 'points.home': () => ok({ ...home, next: [] }) })
  const first = await renderPage(HOME)
  first.detach()
  wx.cloud.callFunction.mockClear()

  const page = await renderPage(POINTS)
  expect(actions()).toEqual(['points.home'])
  expect(count(page, '.points-manage__link--postActivity')).toBe(1)
  expect(count(page, '.points-manage__link--adjustPoints')).toBe(1)
  // 核销 is a merchant's (or the community's) work, not a grid chief's
  none(page, '.points-manage__link--verifyVoucher')
  await tap(page, '.points-manage__link--postActivity')
  expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/manage/points/post-activity/index' }))
  page.detach()
})

test('a failed load says why in Chinese and 重试 asks again', async () => {
  let fails = true
  answer = route({
    'grid.home': () => ok(homeOf(residentMe)),
    'points.home': () => (fails ? fail('INTERNAL') : ok(home)),
  })
  const page = await renderPage(POINTS)
  expect(page.dom.textContent).toContain('没能加载')
  fails = false
  await tap(page, '.page-state__action .nut-button')
  expect(text(page, '.points-hero__balance')).toBe('135')
  page.detach()
})
