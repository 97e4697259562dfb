/**
 * The compiled weapp (dist/) in miniprogram-simulate: 首页 and 我的 as WeChat would run them, with
 * wx.cloud.callFunction answering from fixtures. Fails, never skips, when dist/ has not been built.
 */
import { fail, ok } from '../../core/envelope'
import { bootApp, createWx, renderPage, type CloudCall } from './harness'
import { chiefMe, gridOverview, notJoinedMe, residentMe } from './fixtures'

const HOME = 'pages/grid/home/index'
const ME = 'pages/grid/me/index'

let answer: (call: CloudCall) => unknown = () => ok(residentMe)
const wx = createWx((call) => answer(call))

beforeAll(() => bootApp(wx))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.makePhoneCall.mockClear()
})

test('a resident sees their name, door, grid and its three heads on the first screen', async () => {
  answer = () => ok(residentMe)
  const page = await renderPage(HOME)
  const text = page.dom.textContent ?? ''

  expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'grid', data: { action: 'me', payload: {} } })
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
  // A resident leads nothing: no overview is asked for.
  expect(wx.cloud.callFunction).toHaveBeenCalledTimes(1)
  page.detach()
})

test('tapping 拨打 next to a head calls their number', async () => {
  answer = () => ok(residentMe)
  const page = await renderPage(HOME)
  const buttons = page.querySelectorAll('.head-row__call')
  expect(buttons).toHaveLength(3)
  buttons[1].dispatchEvent('tap')
  await new Promise((r) => setTimeout(r, 20))
  expect(wx.makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13800000102' }))
  page.detach()
})

test('a grid chief also sees the counts of their grid, per micro-grid', async () => {
  answer = (call) => (call.data.action === 'overview' ? ok(gridOverview) : ok(chiefMe))
  const page = await renderPage(HOME)
  const text = page.dom.textContent ?? ''

  expect(wx.cloud.callFunction).toHaveBeenCalledWith({
    name: 'grid',
    data: { action: 'overview', payload: { unitId: 'g-3' } },
  })
  expect(text).toContain('网格概况')
  expect(text).toContain('76')
  expect(text).toContain('151')
  expect(text).toContain('5号楼')
  expect(text).toContain('40 户 · 79 人')
  page.detach()
})

test('a WeChat user who has not joined is told how to join through a grid invite', async () => {
  answer = () => ok(notJoinedMe)
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

  answer = () => ok(residentMe)
  const retry = page.querySelector('.page-state__action .nut-button')
  expect(retry).toBeDefined()
  retry?.dispatchEvent('tap')
  await new Promise((r) => setTimeout(r, 100))
  expect(wx.cloud.callFunction).toHaveBeenCalledTimes(2)
  expect(page.dom.textContent).toContain('幸福里第三网格')
  page.detach()
})

test('我的 shows the person with their own phone in full, household members and roles', async () => {
  answer = () => ok(residentMe)
  const page = await renderPage(ME)
  const text = page.dom.textContent ?? ''
  expect(text).toContain('王秀英')
  expect(text).toContain('13912345678')
  expect(text).toContain('刘德明')
  expect(text).toContain('居民')
  // The local demo persona switch exists only in the h5 build.
  expect(text).not.toContain('切换演示身份')
  page.detach()
})
