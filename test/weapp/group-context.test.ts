/**
 * The compiled weapp (dist/) opened from a group chat: the transport asks wx.getGroupEnterInfo for a cloudID and
 * sends it as a top-level `group` CloudID with the calls that read it (grid.home here), fetches a fresh one once
 * the old one is near its 5 minutes, and sends none when the app was not opened from a group.
 */
import { ok } from '../../core/envelope'
import { bootApp, createWx, renderPage, type CloudCall } from './harness'
import { chiefMe, gridOverview, homeOf } from './fixtures'

const HOME = 'pages/grid/home/index'

type Entry = { scene: number; shareTicket?: string; path: string; query: Record<string, string> }
let entry: Entry = { scene: 1044, shareTicket: 'ticket-1', path: HOME, query: {} }
let issued = 0

const wx = Object.assign(
  createWx((call: CloudCall) =>
    call.data.action === 'neighbours'
      ? ok({ microgrid: { id: 'mg-5', name: '5号楼', level: 'microgrid' }, rows: [] })
      : ok(homeOf(chiefMe, 0, gridOverview)),
  ),
  {
    getEnterOptionsSync: jest.fn(() => entry),
    getLaunchOptionsSync: jest.fn(() => entry),
    getGroupEnterInfo: jest.fn((opts: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      const r = { errMsg: 'getGroupEnterInfo:ok', encryptedData: 'x', iv: 'y', cloudID: `cloud-id-${++issued}` }
      opts.success?.(r)
      opts.complete?.(r)
    }),
  },
)
// wx.cloud.CloudID(id) makes the special object the platform decrypts when it is a top-level field
const cloudId = jest.fn((id: string) => ({ $type: 'CloudID', cloudID: id }))
Object.assign(wx.cloud, { CloudID: cloudId })

type Sent = { name: string; data: { action: string; payload: unknown; group?: unknown } }
const sent = (): Sent[] => wx.cloud.callFunction.mock.calls.map((c) => c[0] as Sent)

beforeAll(() => bootApp(wx))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.getGroupEnterInfo.mockClear()
})

test('opened from a group card, grid.home carries the group as a top-level CloudID; other calls do not', async () => {
  const page = await renderPage(HOME)
  const calls = sent()
  const home = calls.find((c) => c.data.action === 'home')!
  expect(home).toEqual({
    name: 'grid',
    data: { action: 'home', payload: {}, group: { $type: 'CloudID', cloudID: 'cloud-id-1' } },
  })
  expect(wx.getGroupEnterInfo).toHaveBeenCalledTimes(1)
  expect(page.dom.textContent).toContain('幸福里第三网格')
  // 楼栋邻里 does not read the group: its call goes without one
  const other = await renderPage('pages/grid/neighbours/index')
  const neighbours = sent().find((c) => c.data.action === 'neighbours')!
  expect(neighbours.data).not.toHaveProperty('group')
  other.detach()
  page.detach()
})

test('a cloudID is reused while fresh and fetched again when it nears its 5 minutes', async () => {
  let page = await renderPage(HOME)
  expect(wx.getGroupEnterInfo).not.toHaveBeenCalled()
  expect(sent().find((c) => c.data.action === 'home')!.data.group).toEqual({ $type: 'CloudID', cloudID: 'cloud-id-1' })
  page.detach()

  const later = Date.now() + 5 * 60 * 1000
  const clock = jest.spyOn(Date, 'now').mockReturnValue(later)
  try {
    wx.cloud.callFunction.mockClear()
    page = await renderPage(HOME)
    expect(wx.getGroupEnterInfo).toHaveBeenCalledTimes(1)
    const home = sent().find((c) => c.data.action === 'home')!
    expect(home.data.group).toEqual({ $type: 'CloudID', cloudID: 'cloud-id-2' })
    page.detach()
  } finally {
    clock.mockRestore()
  }
})

test('a new entry from another group card gets its own cloudID', async () => {
  entry = { scene: 1044, shareTicket: 'ticket-2', path: HOME, query: {} }
  const page = await renderPage(HOME)
  expect(wx.getGroupEnterInfo).toHaveBeenCalledTimes(1)
  expect(sent().find((c) => c.data.action === 'home')!.data.group).toEqual({ $type: 'CloudID', cloudID: 'cloud-id-3' })
  page.detach()
})

test('not opened from a group chat: no group is asked for or sent', async () => {
  entry = { scene: 1001, path: HOME, query: {} }
  const page = await renderPage(HOME)
  expect(wx.getGroupEnterInfo).not.toHaveBeenCalled()
  expect(sent().find((c) => c.data.action === 'home')!.data).toEqual({ action: 'home', payload: {} })
  page.detach()
})

test('when WeChat refuses the group info, the call still goes out, without a group', async () => {
  entry = { scene: 1044, shareTicket: 'ticket-3', path: HOME, query: {} }
  wx.getGroupEnterInfo.mockImplementationOnce(
    (opts: { fail?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      const r = { errMsg: 'getGroupEnterInfo:fail', errno: 40097 }
      opts.fail?.(r)
      opts.complete?.(r)
    },
  )
  const page = await renderPage(HOME)
  expect(sent().find((c) => c.data.action === 'home')!.data).toEqual({ action: 'home', payload: {} })
  expect(page.dom.textContent).toContain('幸福里第三网格')
  page.detach()
})
