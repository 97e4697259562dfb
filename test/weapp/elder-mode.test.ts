/**
 * 长辈模式 in the compiled weapp (dist/) under miniprogram-simulate: switched on in 我的 it is written to the app's
 * storage, and after the mini-program is closed and launched again (a fresh dist/app.js over the same storage)
 * every page opens in the mode; the compiled stylesheets carry what the mode changes.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { SimulatedComponent } from 'miniprogram-simulate'
import { ok } from '../../core/envelope'
import { homeOf, residentMe } from './fixtures'

type Harness = typeof import('./harness')

// three launches and a dozen pages in one journey: seconds on a loaded machine (the harness sets the same bound for
// the suites that import it; this one loads it afresh inside the test, too late for its own timeout)
jest.setTimeout(30_000)

const HOME = 'pages/grid/home/index'
const ME = 'pages/grid/me/index'
const NOTICES = 'pages/notices/list/index'

/** The phone's storage: it outlives a launch of the mini-program. */
const storage = new Map<string, unknown>()

/** Launches the mini-program afresh over the phone's storage. */
function launch() {
  // a fresh module registry: dist/app.js and each page's js run again, as on a cold start
  jest.resetModules()
  const harness: Harness = jest.requireActual('./harness')
  const wx = {
    ...harness.createWx((call) =>
      call.data.action === 'feed'
        ? ok({ rows: [], unread: 0 })
        : ok(call.data.action === 'home' ? homeOf(residentMe) : call.data.action === 'me' ? residentMe : 0),
    ),
    getStorageSync: jest.fn((key: string) => storage.get(key) ?? ''),
    setStorageSync: jest.fn((key: string, data: unknown) => void storage.set(key, data)),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    setTabBarBadge: jest.fn(),
    removeTabBarBadge: jest.fn(),
  }
  harness.bootApp(wx as never)
  return { harness, wx }
}

// miniprogram-simulate prefixes the classes it draws with the component's scope
const root = (page: SimulatedComponent): Element => {
  const el = page.dom.querySelector('.main--app-page')
  if (!el) throw new Error('the page drew no root')
  return el
}
const inElderMode = (page: SimulatedComponent) => root(page).classList.contains('main--elder')

test('switched on in 我的, the mode is remembered and every page opens in it after a relaunch', async () => {
  const first = launch()
  const home = await first.harness.renderPage(HOME)
  await first.harness.eventually(() => expect(page(home)).toContain('你好，王秀英'))
  expect(inElderMode(home)).toBe(false)

  const me = await first.harness.renderPage(ME)
  const toggle = await first.harness.waitFor(me, '.elder-switch__toggle')
  expect(inElderMode(me)).toBe(false)
  expect(page(me)).not.toContain('已开启')
  toggle.dispatchEvent('change', { detail: { value: true } })
  await first.harness.eventually(() => expect(inElderMode(me)).toBe(true))
  // the page already open underneath follows at once
  await first.harness.eventually(() => expect(inElderMode(home)).toBe(true))
  expect(first.wx.setStorageSync).toHaveBeenCalled()
  expect([...storage.keys()]).toContain('wanggetong.elderMode')

  // closed and launched again: a new app over the same storage
  const second = launch()
  for (const route of [HOME, NOTICES, ME]) {
    const p = await second.harness.renderPage(route)
    await second.harness.eventually(() => expect(inElderMode(p)).toBe(true))
  }
  // 首页 in the mode puts what residents come for first: the notices and a call to the grid chief
  const homeAgain = await second.harness.renderPage(HOME)
  await second.harness.eventually(() => expect(page(homeAgain)).toContain('打电话给李建国'))
  const text = page(homeAgain)
  expect(text.indexOf('看通知')).toBeGreaterThan(-1)
  expect(text.indexOf('看通知')).toBeLessThan(text.indexOf('我的网格'))
  await second.harness.tap(homeAgain, '.elder-shortcuts__button', 0)
  expect(second.wx.switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/' + NOTICES }))
  await second.harness.tap(homeAgain, '.elder-shortcuts__button', 1)
  expect(second.wx.makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13800000101' }))

  const meAgain = await second.harness.renderPage(ME)
  await second.harness.eventually(() => expect(page(meAgain)).toContain('已开启'))

  // and switched off, the next launch is back to normal
  second.harness.find(meAgain, '.elder-switch__toggle').dispatchEvent('change', { detail: { value: false } })
  await second.harness.eventually(() => expect(inElderMode(meAgain)).toBe(false))
  const third = launch()
  const homeAfter = await third.harness.renderPage(HOME)
  await third.harness.eventually(() => expect(page(homeAfter)).toContain('你好，王秀英'))
  expect(inElderMode(homeAfter)).toBe(false)
  expect(page(homeAfter)).not.toContain('看通知')
})

test('the compiled stylesheets scale text, darken grey text and raise buttons under the mode', () => {
  const dist = path.resolve(__dirname, '../../dist')
  const app = fs.readFileSync(path.join(dist, 'app-origin.wxss'), 'utf8')
  expect(app).toMatch(/\.elder\{[^}]*--elder-scale:1\.2;--elder-lift:4rpx/)
  expect(app).toMatch(/\.elder\{[^}]*--nutui-font-size-base:36rpx/)
  expect(app).toMatch(/\.elder\{[^}]*--nutui-button-small-height:96rpx/)
  // our own sizes follow the variable (converted to rpx first); grey text takes the darker colour
  const home = fs.readFileSync(path.join(dist, HOME + '.wxss'), 'utf8')
  expect(home).toMatch(/font-size:calc\(\d+rpx ?\* ?var\(--elder-scale, 1\) \+ var\(--elder-lift, 0px\)\)/)
  expect(home).toMatch(/color:var\(--elder-muted, ?#9ca3af\)/)
})

const page = (p: SimulatedComponent): string => p.dom.textContent ?? ''
