/**
 * The resident's side of notices in the compiled weapp (dist/) under miniprogram-simulate: the 通知 tab's feed
 * (urgent first with its tag, 未读 / 已收到, load more, an honest empty state), the detail a row or a share card
 * opens (relay note, images to preview), 收到 sent once however fast it is tapped and then 已收到, and the tab's
 * unread badge from notices.unreadCount. wx.cloud.callFunction answers with envelopes shaped by core/contract.
 */
import type { SimulatedNode } from 'miniprogram-simulate'
import type { NoticeCard, NoticeDetail } from '../../core/contract'
import { fail, ok } from '../../core/envelope'
import { NOTICE_TEMPLATE } from '../../core/notices/links'
import {
  bootApp,
  count,
  createWx,
  find,
  hold,
  none,
  renderPage,
  route as routeBy,
  settle,
  tap,
  text,
  texts,
  type CloudCall,
  type Routes,
} from './harness'
import { residentMe } from './fixtures'

const LIST = 'pages/notices/list/index'
const DETAIL = 'pages/notices/detail/index'
const HOME = 'pages/grid/home/index'

const card = (id: string, over: Partial<NoticeCard> = {}): NoticeCard => ({
  id,
  title: `通知 ${id}`,
  excerpt: `正文 ${id}`,
  urgency: 'normal',
  ackRequired: true,
  publishedAt: '2026-11-21T08:00:00.000Z',
  expiresAt: '2026-11-28T08:00:00.000Z',
  origin: '幸福里社区 · 许玉兰',
  read: true,
  householdReached: false,
  ...over,
})

// The cloud's order: urgent pinned, then newest first.
const urgent = card('n-urgent', {
  title: '今晚停水通知',
  excerpt: '因管网抢修，今晚22:00至次日6:00停水，请提前储水。',
  urgency: 'urgent',
  origin: '幸福里第三网格 · 李建国',
  read: false,
})
const important = card('n-important', { title: '燃气安全入户检查', urgency: 'important', householdReached: true })
const plain = card('n-plain', { title: '社区书画班报名', ackRequired: false })

const detail: NoticeDetail = {
  id: 'n-urgent',
  title: '今晚停水通知',
  urgency: 'urgent',
  ackRequired: true,
  publishedAt: '2026-11-21T08:00:00.000Z',
  expiresAt: '2026-11-28T08:00:00.000Z',
  origin: '幸福里社区 · 许玉兰',
  read: true,
  householdReached: false,
  body: '因管网抢修，今晚22:00至次日6:00停水，请提前储水。\n如有困难请联系楼栋长。',
  images: ['https://tmp.example/notice-1.png', 'https://tmp.example/notice-2.png'],
  checkingImages: [],
  withheldImages: 0,
  targets: [{ id: 'co-1', name: '幸福里社区', level: 'community' }],
  relayNote: {
    grid: { id: 'g-3', name: '幸福里第三网格', level: 'grid' },
    note: '5号楼老人多，请邻居互相提醒',
    by: '李建国',
  },
  acked: false,
  source: null,
}

type Handler = (call: CloudCall) => unknown
let answer: Handler = () => fail('UNKNOWN_ACTION')
const base = createWx(() => undefined)
type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void }
const done = (res: Record<string, unknown> = {}) =>
  jest.fn((opts: Callbacks = {}) => {
    const r = { errMsg: 'ok', ...res }
    opts.success?.(r)
    opts.complete?.(r)
  })
const wx = {
  ...base,
  setTabBarBadge: done(),
  removeTabBarBadge: done(),
  previewImage: done(),
  requestSubscribeMessage: done({ [NOTICE_TEMPLATE.id]: 'accept' }),
  showShareMenu: done(),
  cloud: {
    ...base.cloud,
    // answers may be promises: a slow 收到 stays in flight while the test taps again
    callFunction: jest.fn(async (c: CloudCall) => ({ result: await answer(c), errMsg: 'cloud.callFunction:ok' })),
  },
}

/** Answers by `function.action` (grid.me: a resident, unless routed); anything else fails the way an unknown
 * action would. */
const route = (routes: Routes): Handler => routeBy(routes, { 'grid.me': () => ok(residentMe) })

const payloads = (action: string) =>
  wx.cloud.callFunction.mock.calls
    .map(([c]) => c)
    .filter((c) => c.name === 'notices' && c.data.action === action)
    .map((c) => c.data.payload)

/** The elements of class `cls` inside `el` (the simulator prefixes classes with the page's scope, e.g. main--). */
const allInside = (el: SimulatedNode, cls: string): Element[] =>
  Array.from(el.dom.querySelectorAll('*')).filter((e) =>
    Array.from(e.classList).some((c) => c === cls || c.endsWith(`--${cls}`)),
  )
/** The text of the element of class `cls` inside `el`; throws, showing the row, when it has none. */
const inside = (el: SimulatedNode, cls: string): string => {
  const [found] = allInside(el, cls)
  if (!found) throw new Error(`no .${cls} inside "${(el.dom.textContent ?? '').trim()}"`)
  return found.textContent ?? ''
}

beforeAll(() => bootApp(wx as unknown as ReturnType<typeof createWx>))
beforeEach(() => {
  for (const f of [
    wx.cloud.callFunction,
    wx.navigateTo,
    wx.setTabBarBadge,
    wx.removeTabBarBadge,
    wx.previewImage,
    wx.requestSubscribeMessage,
  ])
    f.mockClear()
})

describe('通知 tab', () => {
  test('the feed: urgent first with its 紧急 tag, 重要 tagged, 未读 and 已收到; the badge shows the unread', async () => {
    answer = route({ 'notices.feed': () => ok({ rows: [urgent, important, plain], unread: 1 }) })
    const page = await renderPage(LIST)
    expect(payloads('feed')).toEqual([{ page: 0, pageSize: 20 }])

    const rows = page.querySelectorAll('.notice-row')
    expect(rows).toHaveLength(3)
    expect(texts(page, '.notice-row__title')).toEqual(['今晚停水通知', '燃气安全入户检查', '社区书画班报名'])
    expect(inside(rows[0], 'notice-urgency')).toBe('紧急')
    expect(rows[0].dom.textContent).toContain('因管网抢修')
    expect(rows[0].dom.textContent).toContain('幸福里第三网格 · 李建国')
    expect(inside(rows[0], 'notice-row__state')).toBe('未读')
    expect(inside(rows[1], 'notice-urgency')).toBe('重要')
    expect(inside(rows[1], 'notice-row__state')).toBe('已收到')
    // 一般 carries no tag
    expect(allInside(rows[2], 'notice-urgency')).toEqual([])

    expect(wx.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 1, text: '1' }))
    page.detach()
  })

  test('showing the tab again (back from a notice) reloads the rows and the badge', async () => {
    let rows = [urgent, important]
    answer = route({ 'notices.feed': () => ok({ rows, unread: rows.filter((r) => !r.read).length }) })
    const page = await renderPage(LIST)
    expect(payloads('feed')).toHaveLength(1)
    rows = [{ ...urgent, read: true, householdReached: true }, important]
    ;(page as unknown as { instance: { onShow: () => void } }).instance.onShow() // the page shown again
    await settle()
    expect(payloads('feed')).toHaveLength(2)
    expect(inside(find(page, '.notice-row'), 'notice-row__state')).toBe('已收到')
    expect(wx.removeTabBarBadge).toHaveBeenCalled()
    page.detach()
  })

  test('tapping a row opens its detail', async () => {
    answer = route({ 'notices.feed': () => ok({ rows: [urgent, important], unread: 1 }) })
    const page = await renderPage(LIST)
    await tap(page, '.notice-row', 1)
    expect(wx.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/notices/detail/index?id=n-important' }),
    )
    page.detach()
  })

  test('nothing sent to this home: 暂无通知, and no badge', async () => {
    answer = route({ 'notices.feed': () => ok({ rows: [], unread: 0 }) })
    const page = await renderPage(LIST)
    expect(text(page, '.notices-empty')).toContain('暂无通知')
    expect(page.querySelectorAll('.notice-row')).toHaveLength(0)
    expect(wx.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 1 }))
    expect(wx.setTabBarBadge).not.toHaveBeenCalled()
    page.detach()
  })

  test('a full page offers 加载更多: the next page is appended, and then there is no more', async () => {
    const first = Array.from({ length: 20 }, (_, i) => card(`n-${i}`))
    const second = [card('n-19'), card('n-20'), card('n-21')] // n-19 again: a notice published meanwhile
    answer = route({
      'notices.feed': (p) => ok({ rows: p.page === 0 ? first : second, unread: 0 }),
    })
    const page = await renderPage(LIST)
    expect(page.querySelectorAll('.notice-row')).toHaveLength(20)
    await tap(page, '.notices-more')
    expect(payloads('feed')).toEqual([
      { page: 0, pageSize: 20 },
      { page: 1, pageSize: 20 },
    ])
    expect(page.querySelectorAll('.notice-row')).toHaveLength(22)
    none(page, '.notices-more')
    expect(page.dom.textContent).toContain('没有更多通知了')
    page.detach()
  })

  test('someone not in any household is told why there is nothing to receive', async () => {
    answer = route({ 'notices.feed': () => fail('FORBIDDEN') })
    const page = await renderPage(LIST)
    expect(text(page, '.notices-no-home')).toContain('通知送达已加入家庭的居民')
    page.detach()
  })
})

describe('通知详情', () => {
  test('opened from a grid share card: title, urgency, origin, relay note, body, images to preview', async () => {
    answer = route({ 'notices.detail': () => ok(detail), 'notices.unreadCount': () => ok({ unread: 0 }) })
    const page = await renderPage(DETAIL, { id: 'n-urgent', grid: 'g-3' })
    expect(payloads('detail')).toEqual([{ noticeId: 'n-urgent', gridId: 'g-3' }])
    expect(text(page, '.notice-detail__title')).toBe('今晚停水通知')
    expect(text(page, '.notice-urgency')).toBe('紧急')
    expect(text(page, '.notice-detail__origin')).toBe('幸福里社区 · 许玉兰')
    expect(text(page, '.notice-relay')).toContain('李建国 转发到幸福里第三网格')
    expect(text(page, '.notice-relay')).toContain('5号楼老人多，请邻居互相提醒')
    expect(text(page, '.notice-detail__body')).toContain('如有困难请联系楼栋长')

    await tap(page, '.notice-detail__image', 1)
    expect(wx.previewImage).toHaveBeenCalledWith(
      expect.objectContaining({ current: detail.images[1], urls: detail.images }),
    )
    // opening it read it: the tab's badge is fetched again
    expect(payloads('unreadCount')).toHaveLength(1)
    page.detach()
  })

  test('收到 tapped twice while the first is in flight sends one ack, then shows 已收到', async () => {
    // the first 收到 stays unanswered (a slow network) until the test releases it
    const ack = hold<unknown>()
    answer = route({
      'notices.detail': () => ok(detail),
      'notices.unreadCount': () => ok({ unread: 0 }),
      'notices.ack': () => ack.answer,
    })
    const page = await renderPage(DETAIL, { id: 'n-urgent' })
    expect(payloads('detail')).toEqual([{ noticeId: 'n-urgent' }])
    const button = find(page, '.notice-ack')
    expect(text(button)).toContain('收到')
    none(page, '.notice-acked')

    button.dispatchEvent('tap')
    button.dispatchEvent('tap')
    await settle()
    await tap(page, '.notice-ack')
    expect(payloads('ack')).toEqual([{ noticeId: 'n-urgent' }])

    ack.release(ok({ acked: true, householdReached: true }))
    await settle()
    expect(payloads('ack')).toHaveLength(1)
    none(page, '.notice-ack')
    expect(text(page, '.notice-acked')).toContain('已收到')
    page.detach()
  })

  test('already acknowledged: 已收到, no button; a notice that asks for none has no 收到', async () => {
    answer = route({
      'notices.detail': (p) =>
        ok(p.noticeId === 'n-plain' ? { ...detail, id: 'n-plain', ackRequired: false } : { ...detail, acked: true }),
      'notices.unreadCount': () => ok({ unread: 0 }),
    })
    const acked = await renderPage(DETAIL, { id: 'n-urgent' })
    expect(text(acked, '.notice-acked')).toContain('已收到')
    none(acked, '.notice-ack')
    acked.detach()

    const noAck = await renderPage(DETAIL, { id: 'n-plain' })
    expect(count(noAck, '.notice-detail__title')).toBe(1)
    none(noAck, '.notice-ack')
    none(noAck, '.notice-acked')
    noAck.detach()
  })

  test('a failed 收到 says why and can be tapped again', async () => {
    let fails = true
    answer = route({
      'notices.detail': () => ok(detail),
      'notices.unreadCount': () => ok({ unread: 0 }),
      'notices.ack': () => (fails ? fail('NOTICE_EXPIRED') : ok({ acked: true, householdReached: false })),
    })
    const page = await renderPage(DETAIL, { id: 'n-urgent' })
    await tap(page, '.notice-ack')
    expect(text(page, '.notice-ack-card__error')).toBe('这条通知已过期')
    fails = false
    await tap(page, '.notice-ack')
    expect(payloads('ack')).toHaveLength(2)
    expect(count(page, '.notice-acked')).toBe(1)
    page.detach()
  })

  test('an expired notice says so instead of showing it', async () => {
    answer = route({ 'notices.detail': () => fail('NOTICE_EXPIRED') })
    const page = await renderPage(DETAIL, { id: 'n-old' })
    expect(page.dom.textContent).toContain('这条通知已过期')
    none(page, '.notice-detail__title')
    page.detach()
  })

  test('订阅通知 asks WeChat for the notices template, then records it; declining records nothing', async () => {
    answer = route({
      'notices.detail': () => ok(detail),
      'notices.unreadCount': () => ok({ unread: 0 }),
      'notices.subscribe': () => ok({ remaining: 1 }),
    })
    const page = await renderPage(DETAIL, { id: 'n-urgent' })
    await tap(page, '.notice-subscribe__button')
    expect(wx.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: [NOTICE_TEMPLATE.id] }))
    expect(payloads('subscribe')).toEqual([{ templateId: NOTICE_TEMPLATE.id }])
    expect(text(page, '.notice-subscribe__status')).toContain('已订阅')
    // WeChat's wording only: the h5 simulation's note stays out of the weapp
    expect(text(page, '.notice-subscribe')).not.toContain('模拟')

    wx.requestSubscribeMessage.mockImplementationOnce((opts: Callbacks = {}) => {
      opts.success?.({ errMsg: 'requestSubscribeMessage:ok', [NOTICE_TEMPLATE.id]: 'reject' })
    })
    await tap(page, '.notice-subscribe__button')
    expect(payloads('subscribe')).toHaveLength(1)
    expect(text(page, '.notice-subscribe__status')).toContain('没有允许')
    page.detach()
  })
})

describe('the 通知 tab badge', () => {
  test('set from notices.unreadCount each time the app shows; removed at 0', async () => {
    const app = (globalThis as unknown as { getApp: () => { onShow: () => void } }).getApp()
    let unread = 3
    answer = route({ 'notices.unreadCount': () => ok({ unread }) })
    app.onShow()
    await settle()
    expect(payloads('unreadCount')).toEqual([{}])
    expect(wx.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ index: 1, text: '3' }))

    unread = 120
    app.onShow()
    await settle()
    expect(wx.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ index: 1, text: '99+' }))

    unread = 0
    app.onShow()
    await settle()
    expect(wx.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 1 }))
  })

  test('a count the tab bar refused (a non-tab page was on top) is shown when a tab page shows', async () => {
    const app = (globalThis as unknown as { getApp: () => { onShow: () => void } }).getApp()
    answer = route({
      'notices.unreadCount': () => ok({ unread: 2 }),
      'grid.me': () => ok({ person: null, roles: [], household: null, grid: null }),
    })
    wx.setTabBarBadge.mockImplementationOnce((opts: Callbacks = {}) => {
      opts.fail?.({ errMsg: 'setTabBarBadge:fail not TabBar page' })
    })
    app.onShow()
    await settle()
    expect(wx.setTabBarBadge).toHaveBeenCalledTimes(1)

    const home = await renderPage(HOME)
    expect(wx.setTabBarBadge).toHaveBeenCalledTimes(2)
    expect(wx.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ index: 1, text: '2' }))
    // showing a tab page asks the cloud for nothing more
    expect(payloads('unreadCount')).toHaveLength(1)
    home.detach()
  })
})
