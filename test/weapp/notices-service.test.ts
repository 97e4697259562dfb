/**
 * src/services/notices.ts in the h5 build's branch (local cloud), with Taro and fetch stubbed: 订阅通知 is
 * simulated — notices.subscribe is called directly with the notices template, no WeChat request — and the 通知
 * tab's badge follows the persona picked on the 本地演示 page.
 */
import Taro from '@tarojs/taro'
import { NOTICE_TEMPLATE } from '../../core/notices/links'
import { choosePersona } from '../../src/services/session'
import { getHome } from '../../src/services/grid'
import { reapplyNoticeBadge, refreshNoticeBadge, subscribeNotices } from '../../src/services/notices'
import { eventually } from './activity'
// a shared 2-core CI machine can take longer than jest's default 5 s for a test that waits on several calls
jest.setTimeout(30_000)

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    requestSubscribeMessage: jest.fn(),
    setTabBarBadge: jest.fn(() => Promise.resolve()),
    removeTabBarBadge: jest.fn(() => Promise.resolve()),
  },
}))

const taro = Taro as unknown as { requestSubscribeMessage: jest.Mock; setTabBarBadge: jest.Mock }
const g = globalThis as unknown as Record<string, unknown>
const fetchMock = jest.fn()
/** The local cloud's POST /local/call answering with one envelope. */
const answer = (data: unknown) =>
  fetchMock.mockResolvedValueOnce({ ok: true, json: () => Promise.resolve({ result: { ok: true, data } }) })
const sent = () =>
  fetchMock.mock.calls.map(([url, init]) => ({ url, body: JSON.parse((init as { body: string }).body) as unknown }))
const persona = (openid: string) => ({ openid, role: 'resident', label: openid, description: '' })
/** grid.me of a resident (grid.home answers the same, with the unread count and no leading scope). */
const residentMe = {
  person: { id: 'p-1', name: '王秀英', phone: '13912345678' },
  roles: [{ role: 'resident', unitId: 'hh-1', unitName: '5栋2单元502', level: 'household' }],
  household: null,
  grid: null,
}

beforeAll(() => {
  process.env.TARO_ENV = 'h5'
  g.fetch = fetchMock
})
afterAll(() => {
  delete g.fetch
})
beforeEach(() => jest.clearAllMocks())

test('订阅通知 in h5 is simulated: notices.subscribe with the notices template, WeChat is not asked', async () => {
  choosePersona(persona('o-resident-1'))
  answer({ remaining: 2 })
  await expect(subscribeNotices()).resolves.toEqual({ status: 'accepted', remaining: 2, simulated: true })
  expect(taro.requestSubscribeMessage).not.toHaveBeenCalled()
  expect(sent()).toEqual([
    {
      url: '/local/call',
      body: {
        name: 'notices',
        openid: 'o-resident-1',
        data: { action: 'subscribe', payload: { templateId: NOTICE_TEMPLATE.id } },
      },
    },
  ])
})

test('the badge follows the persona: its count comes with 首页’s answer, asked again only for another persona', async () => {
  // every ask in the same millisecond, as on a fast machine: the order of asks, not the clock, says which is newer
  const now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 11, 2, 8))
  choosePersona(persona('o-resident-1'))
  answer({ ...residentMe, unread: 4, leading: null })
  // the badge asks nothing before the first screen learns who the person is; 首页 (grid.home) brings the count
  const shown = refreshNoticeBadge()
  await getHome()
  await shown
  expect(taro.setTabBarBadge).toHaveBeenLastCalledWith({ index: 1, text: '4' })

  reapplyNoticeBadge() // same persona, already shown: nothing to do
  expect(fetchMock).toHaveBeenCalledTimes(1)

  choosePersona(persona('o-resident-2'))
  answer({ ...residentMe, unread: 1, leading: null })
  reapplyNoticeBadge()
  await getHome()
  // it runs in the background: done once the badge shows the new count
  await eventually(() => expect(taro.setTabBarBadge).toHaveBeenLastCalledWith({ index: 1, text: '1' }))
  expect(sent().map((c) => c.body)).toMatchObject([
    { openid: 'o-resident-1', data: { action: 'home' } },
    { openid: 'o-resident-2', data: { action: 'home' } },
  ])
  now.mockRestore()
})
