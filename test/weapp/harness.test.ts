/**
 * The weapp harness itself: it waits for what the page is doing (an answer that takes its time, the render after
 * it), not for a fixed while, and it fails loudly, naming what it waited for or looked for.
 */
import { fail, ok } from '../../core/envelope'
import { bootApp, count, createWx, find, none, renderPage, settle, tap, text, type CloudCall } from './harness'
import { residentMe } from './fixtures'

const HOME = 'pages/grid/home/index'

/** grid.me answers after `latency` ms, as over a slow network. */
let latency = 0
let answer: (call: CloudCall) => unknown = () => ok(residentMe)
const wx = createWx(() => undefined)
wx.cloud.callFunction.mockImplementation(async (call: CloudCall) => {
  if (latency) await new Promise((r) => setTimeout(r, latency))
  return { result: await answer(call), errMsg: 'cloud.callFunction:ok' }
})

beforeAll(() => bootApp(wx))
beforeEach(() => {
  latency = 0
  answer = () => ok(residentMe)
})

test('a page whose answer comes late is shown once it came, however late', async () => {
  latency = 600 // far longer than the 100 ms the harness used to wait
  const page = await renderPage(HOME)
  expect(page.dom.textContent).toContain('你好，王秀英')
  page.detach()
})

test('a tap is followed until the answer it asked for is drawn', async () => {
  answer = () => fail('INTERNAL')
  const page = await renderPage(HOME)
  expect(page.dom.textContent).toContain('服务暂时不可用，请稍后再试')
  answer = () => ok(residentMe)
  latency = 400
  await tap(page, '.page-state__action .nut-button') // 重试
  expect(page.dom.textContent).toContain('幸福里第三网格')
  page.detach()
})

test('a call that does not answer fails the wait, naming the call', async () => {
  const page = await renderPage(HOME)
  let finish: (value: unknown) => void = () => undefined
  answer = () => new Promise((resolve) => (finish = resolve))
  // the app shown again asks the cloud again (for the 通知 badge), and that answer does not come
  ;(globalThis as unknown as { getApp: () => { onShow: () => void } }).getApp().onShow()
  await expect(settle(300)).rejects.toThrow(
    /did not settle within 300 ms: still in flight: call (grid\.me|notices\.unreadCount)/,
  )
  finish(ok(residentMe))
  await settle()
  page.detach()
})

describe('finders', () => {
  test('find and text throw, naming the selector and showing what the page holds', async () => {
    const page = await renderPage(HOME)
    expect(() => find(page, '.no-such-thing')).toThrow(/nothing matches "\.no-such-thing"\non pages\/grid\/home\/index/)
    expect(() => text(page, '.no-such-thing')).toThrow(/the page shows: ".*你好，王秀英/)
    expect(() => find(page, '.head-row__call', 3)).toThrow(/"\.head-row__call"\[3\] \(3 match\)/)
    expect(() => find(page, '.no-such-thing')).toThrow(/classes drawn: .*\.head-row__call/)
    page.detach()
  })

  test('absence is asserted on purpose: none names what is there, count says how many', async () => {
    const page = await renderPage(HOME)
    expect(count(page, '.head-row__call')).toBe(3)
    expect(count(page, '.no-such-thing')).toBe(0)
    none(page, '.no-such-thing')
    expect(() => none(page, '.home-grid__name')).toThrow(/expected nothing to match "\.home-grid__name", found 1: "/)
    page.detach()
  })
})
