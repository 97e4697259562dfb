/**
 * The leaders' notice pages (sub-package manage/notices/) in the compiled weapp under miniprogram-simulate:
 * 发布通知 sends what the leader chose (scope, urgency, 回执, an ISO expiry, uploaded images) and keeps the form
 * when the content check refuses it; 通知触达 shows the counters as bars, lists a building's unreached households
 * with phones to call, and 已上门告知 sends the visit and moves the household to reached; 提醒未触达 refused
 * says why; 转发到本网格群 relays with a note and shares the card; 首页 links to all of them.
 * wx.cloud.callFunction answers with envelopes shaped by core/contract.
 */
import type { NoticeCard, NoticesApi, ReachResult, UnreachedRow } from '../../core/contract'
import { noticesPayloads } from '../../core/contract/notices'
import { fail, ok } from '../../core/envelope'
import { chiefMe, gridOverview, homeOf } from './fixtures'
import {
  bootApp,
  count,
  createWx,
  eventually,
  none,
  renderPage,
  route,
  tap,
  text,
  texts,
  typeArea,
  typeInto,
  waitFor,
  type CloudCall,
} from './harness'

const PUBLISH = 'manage/notices/publish/index'
const REACH = 'manage/notices/reach/index'
const PUBLISHED = 'manage/notices/published/index'
const RELAY = 'manage/notices/relay/index'
const HOME = 'pages/grid/home/index'

type Handler = (call: CloudCall) => unknown
let answer: Handler = () => ok(chiefMe)
const base = createWx((call) => answer(call))
const wx = {
  ...base,
  showShareMenu: jest.fn(),
  // like WeChat's own: callbacks when given, else a promise
  chooseMedia: jest.fn((opts: { success?: (r: unknown) => void } = {}) => {
    const res = {
      errMsg: 'chooseMedia:ok',
      type: 'image',
      tempFiles: [
        { tempFilePath: 'wxfile://tmp/a.jpg', size: 1000, fileType: 'image' },
        { tempFilePath: 'wxfile://tmp/b.png', size: 2000, fileType: 'image' },
      ],
    }
    opts.success?.(res)
    return Promise.resolve(res)
  }),
  cloud: {
    ...base.cloud,
    uploadFile: jest.fn(async ({ cloudPath }: { cloudPath: string; filePath: string }) => ({
      fileID: `cloud://local.bucket/${cloudPath}`,
      errMsg: 'cloud.uploadFile:ok',
    })),
  },
}

beforeAll(() => bootApp(wx as unknown as ReturnType<typeof createWx>))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.makePhoneCall.mockClear()
  wx.redirectTo.mockClear()
  wx.navigateTo.mockClear()
})

const calls = (action: string) =>
  wx.cloud.callFunction.mock.calls
    .map(([c]) => c as CloudCall)
    .filter((c) => c.data.action === action)
    .map((c) => c.data.payload as Record<string, unknown>)

const grid = { id: 'g-3', name: '幸福里第三网格', level: 'grid' as const }
const card = (over: Partial<NoticeCard> = {}): NoticeCard => ({
  id: 'n-1',
  title: '明日停水通知',
  excerpt: '因管道检修，明日 8:00-18:00 停水',
  urgency: 'urgent',
  ackRequired: true,
  publishedAt: '2026-11-22T01:00:00.000Z',
  expiresAt: '2026-11-25T01:00:00.000Z',
  origin: '幸福里第三网格 · 李建国',
  read: true,
  householdReached: false,
  ...over,
})

describe('发布通知', () => {
  const published = (p: Record<string, unknown>) =>
    ok({
      ...card({ title: p.title as string, urgency: p.urgency as NoticeCard['urgency'] }),
      targets: (p.unitIds as string[]).map((id) =>
        id === 'g-3' ? grid : { id, name: id === 'mg-5' ? '5号楼' : '6号楼', level: 'microgrid' },
      ),
    })

  test('a grid chief publishes an urgent notice to chosen buildings, without 回执, with images and a 3-day expiry', async () => {
    // the one upload path: paths reserved under the chief's own folder, then what arrived checked by the cloud
    const reserved = [
      'uploads/notice/0123456789abcdef/aaaaaaaaaaaaaaaaaaaaaaaa.jpg',
      'uploads/notice/0123456789abcdef/bbbbbbbbbbbbbbbbbbbbbbbb.png',
    ]
    answer = route({
      'grid.me': () => ok(chiefMe),
      'grid.overview': () => ok(gridOverview),
      'files.reserve': () => ok({ uploads: reserved.map((cloudPath) => ({ cloudPath, maxBytes: 2 * 1024 * 1024 })) }),
      'files.uploaded': (p) =>
        ok({ files: (p.fileIDs as string[]).map((fileID) => ({ fileID, size: 1000, type: 'image/png' })) }),
      'notices.publish': published,
    })
    const page = await renderPage(PUBLISH)
    await eventually(() => expect(calls('overview')).toEqual([{ unitId: 'g-3' }]))
    await eventually(() => expect(texts(page, '.scope-option')).toEqual(['幸福里第三网格', '5号楼', '6号楼']))
    // the whole grid is the default scope; 一般 the default urgency
    expect(text(page, '.scope-option--active')).toBe('幸福里第三网格')
    expect(text(page, '.urgency-option--active')).toBe('一般')
    expect(texts(page, '.urgency-option')).toEqual(['一般', '重要', '紧急'])
    expect(text(page, '.expiry-option--active')).toBe('3 天')

    await typeInto(page, '.publish-title', '明日停水通知')
    await typeArea(page, '.publish-body', '因管道检修，明日 8:00-18:00 停水，请提前储水。')
    await tap(page, '.urgency-option--urgent')
    await tap(page, '.publish-ack')
    await tap(page, '.scope-option', 1)
    await tap(page, '.scope-option', 2)
    expect(texts(page, '.scope-option--active')).toEqual(['5号楼', '6号楼'])
    await tap(page, '.publish-images__add')
    await eventually(() => expect(page.querySelectorAll('.publish-image')).toHaveLength(2))
    expect(wx.chooseMedia).toHaveBeenCalledWith(
      expect.objectContaining({ count: 9, mediaType: ['image'], sizeType: ['compressed'] }),
    )
    expect(calls('reserve')).toEqual([{ purpose: 'notice', exts: ['jpg', 'png'] }])
    const uploads = wx.cloud.uploadFile.mock.calls.map(([c]) => c)
    expect(uploads.map((u) => [u.filePath, u.cloudPath])).toEqual([
      ['wxfile://tmp/a.jpg', reserved[0]],
      ['wxfile://tmp/b.png', reserved[1]],
    ])
    expect(calls('uploaded')).toEqual([
      { purpose: 'notice', fileIDs: reserved.map((p) => `cloud://local.bucket/${p}`) },
    ])
    // the publisher is told the images wait for the check (审核中) before residents see them
    expect(text(page, '.publish-images__hint')).toContain('审核中')

    const before = Date.now()
    await tap(page, '.publish-submit')
    await eventually(() => expect(calls('publish')).toHaveLength(1))
    const sent = calls('publish')[0]
    expect(sent).toEqual({
      title: '明日停水通知',
      body: '因管道检修，明日 8:00-18:00 停水，请提前储水。',
      images: uploads.map((u) => `cloud://local.bucket/${u.cloudPath}`),
      urgency: 'urgent',
      ackRequired: false,
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      unitIds: ['mg-5', 'mg-6'],
    })
    const ahead = Date.parse(sent.expiresAt as string) - before
    expect(Math.abs(ahead - 3 * 24 * 3600 * 1000)).toBeLessThan(60_000)
    // on to the reach page, under the grid the notice was sent within
    await eventually(() =>
      expect(wx.redirectTo).toHaveBeenCalledWith(
        expect.objectContaining({ url: '/manage/notices/reach/index?id=n-1&unit=g-3' }),
      ),
    )
    page.detach()
  })

  test('the whole grid by default; CONTENT_RISKY shows its message and keeps the form as typed', async () => {
    answer = route({
      'grid.me': () => ok(chiefMe),
      'grid.overview': () => ok(gridOverview),
      'notices.publish': () => fail('CONTENT_RISKY'),
    })
    const page = await renderPage(PUBLISH)
    await eventually(() => expect(page.querySelectorAll('.scope-option')).toHaveLength(3))
    await typeInto(page, '.publish-title', '团购通知')
    await typeArea(page, '.publish-body', '有问题的正文')
    await tap(page, '.expiry-option--7')
    await tap(page, '.publish-submit')
    await eventually(() => expect(calls('publish')).toHaveLength(1))
    const sent = calls('publish')[0]
    expect(sent).toEqual(
      expect.objectContaining({ unitIds: ['g-3'], urgency: 'normal', ackRequired: true, images: [] }),
    )
    expect(Math.abs(Date.parse(sent.expiresAt as string) - Date.now() - 7 * 86400_000)).toBeLessThan(60_000)
    await eventually(() => expect(text(page, '.publish-error')).toBe('内容含有不宜发布的信息，请修改后再发布'))
    expect(wx.redirectTo).not.toHaveBeenCalled()
    // nothing typed is lost: fixing the text and sending again carries the same title
    answer = route({
      'grid.me': () => ok(chiefMe),
      'grid.overview': () => ok(gridOverview),
      'notices.publish': published,
    })
    await tap(page, '.publish-submit')
    await eventually(() => expect(calls('publish')).toHaveLength(2))
    expect(calls('publish')[1]).toEqual(expect.objectContaining({ title: '团购通知', body: '有问题的正文' }))
    await eventually(() =>
      expect(wx.redirectTo).toHaveBeenCalledWith(
        expect.objectContaining({ url: '/manage/notices/reach/index?id=n-1&unit=g-3' }),
      ),
    )
    page.detach()
  })

  test('标题 and 正文 count their characters against the limits notices.publish accepts', async () => {
    const { title, body } = noticesPayloads.publish.shape
    answer = route({ 'grid.me': () => ok(chiefMe), 'grid.overview': () => ok(gridOverview) })
    const page = await renderPage(PUBLISH)
    await eventually(() => expect(page.querySelectorAll('.scope-option')).toHaveLength(3))
    expect(text(page, '.publish-count--title')).toBe(`0/${title.maxLength}`)
    expect(text(page, '.publish-count--body')).toBe(`0/${body.maxLength}`)
    await typeInto(page, '.publish-title', '明日停水通知')
    await typeArea(page, '.publish-body', '因管道检修，明日停水。')
    expect(text(page, '.publish-count--title')).toBe(`6/${title.maxLength}`)
    expect(text(page, '.publish-count--body')).toBe(`11/${body.maxLength}`)
    await typeArea(page, '.publish-body', '字'.repeat(body.maxLength ?? 0))
    expect(text(page, '.publish-count--full')).toBe(`${body.maxLength}/${body.maxLength}`)
    page.detach()
  })

  test('a CONTENT_RISKY message goes away once the text is edited', async () => {
    answer = route({
      'grid.me': () => ok(chiefMe),
      'grid.overview': () => ok(gridOverview),
      'notices.publish': () => fail('CONTENT_RISKY', '疑似广告'),
    })
    const page = await renderPage(PUBLISH)
    await eventually(() => expect(page.querySelectorAll('.scope-option')).toHaveLength(3))
    await typeInto(page, '.publish-title', '团购通知')
    await typeArea(page, '.publish-body', '加微信领优惠')
    await tap(page, '.publish-submit')
    await eventually(() => expect(text(page, '.publish-error')).toContain('疑似广告'))
    await typeArea(page, '.publish-body', '本周六上午社区义诊')
    none(page, '.publish-error')
    // and the same for the title
    await tap(page, '.publish-submit')
    await waitFor(page, '.publish-error')
    await typeInto(page, '.publish-title', '义诊通知')
    none(page, '.publish-error')
    page.detach()
  })

  test('a building head publishes only to their own buildings', async () => {
    answer = route({
      'grid.me': () =>
        ok({
          ...chiefMe,
          roles: [
            { role: 'buildingHead', unitId: 'mg-5', unitName: '5号楼', level: 'microgrid' },
            { role: 'buildingHead', unitId: 'mg-7', unitName: '7号楼', level: 'microgrid' },
          ],
        }),
      'notices.publish': published,
    })
    const page = await renderPage(PUBLISH)
    await eventually(() => expect(texts(page, '.scope-option')).toEqual(['5号楼', '7号楼']))
    expect(texts(page, '.scope-option--active')).toEqual(['5号楼', '7号楼'])
    expect(calls('overview')).toEqual([])
    await tap(page, '.scope-option', 1)
    await typeInto(page, '.publish-title', '电梯检修')
    await typeArea(page, '.publish-body', '周三上午电梯检修')
    await tap(page, '.publish-submit')
    await eventually(() => expect(calls('publish')[0]).toEqual(expect.objectContaining({ unitIds: ['mg-5'] })))
    await eventually(() =>
      expect(wx.redirectTo).toHaveBeenCalledWith(
        expect.objectContaining({ url: '/manage/notices/reach/index?id=n-1&unit=mg-5' }),
      ),
    )
    page.detach()
  })
})

describe('通知触达', () => {
  const building = (id: string, name: string, households: number, reached: number) => ({
    id,
    name,
    level: 'microgrid' as const,
    households,
    reached,
    grid,
  })
  const member = (id: string, name: string, phone: string) => ({ id, name, phone, joined: true })
  const unreachedRows: UnreachedRow[] = [
    { householdId: 'hh-61', door: '6栋1单元101', members: [member('p-61', '孙丽', '13900006101')] },
    {
      householdId: 'hh-62',
      door: '6栋1单元102',
      members: [member('p-62', '周强', '13900006102'), member('p-63', '周小宝', '13900006103')],
    },
  ]

  /** A stateful little server: visits reach households and move the counters. */
  const reachServer = () => {
    const buildings = [
      building('mg-5', '5号楼', 4, 3),
      building('mg-6', '6号楼', 4, 0),
      building('mg-7', '7号楼', 2, 1),
    ]
    const unreached = [...unreachedRows]
    const reach = (): ReachResult => {
      const reached = buildings.reduce((n, b) => n + b.reached, 0)
      return {
        notice: {
          id: 'n-1',
          title: '明日停水通知',
          urgency: 'urgent',
          ackRequired: true,
          publishedAt: '2026-11-22T01:00:00.000Z',
          expiresAt: '2026-11-25T01:00:00.000Z',
        },
        unit: grid,
        households: 10,
        reached,
        rowLevel: 'microgrid',
        rows: buildings.map((b) => ({ ...b })),
        pageSize: 20,
        delivery: { sent: 120, due: 300, done: false },
        counting: 0,
        remindedToday: false,
      }
    }
    return {
      'grid.me': () => ok(chiefMe),
      'notices.reach': () => ok(reach()),
      'notices.unreached': (p: Record<string, unknown>) =>
        ok({
          total: unreached.length,
          page: p.page as number,
          pageSize: p.pageSize as number,
          building: { id: 'mg-6', name: '6号楼', level: 'microgrid' },
          rows: unreached,
        } satisfies NoticesApi['unreached']['result']),
      'notices.visit': (p: Record<string, unknown>) => {
        const i = unreached.findIndex((r) => r.householdId === p.householdId)
        if (i >= 0) {
          unreached.splice(i, 1)
          buildings[1].reached++
        }
        return ok({ householdReached: i >= 0 })
      },
      'notices.remind': () => fail('ALREADY_REMINDED'),
    }
  }

  test('totals and bars per building, least reached first; a building lists its unreached with phones', async () => {
    answer = route(reachServer())
    const page = await renderPage(REACH, { id: 'n-1', unit: 'g-3' })
    await eventually(() => expect(calls('reach')).toEqual([{ noticeId: 'n-1', unitId: 'g-3' }]))
    await eventually(() => expect(text(page, '.reach-totals__count')).toBe('已触达 4 / 10 户'))
    expect(text(page, '.reach-totals__percent')).toBe('40%')
    expect(text(page, '.reach-title')).toBe('明日停水通知')
    expect(text(page, '.reach-delivery')).toBe('订阅消息发送中：120 / 300 条')
    // nothing waiting to be counted: no line about it
    none(page, '.reach-counting')
    expect(texts(page, '.reach-building__name')).toEqual(['6号楼', '7号楼', '5号楼'])
    expect(texts(page, '.reach-building__count')).toEqual(['0/4', '1/2', '3/4'])
    const widths = page
      .querySelectorAll('.reach-building .reach-bar__fill')
      .map((b) => (b.dom.getAttribute('style') ?? '').replace(/\s/g, ''))
    expect(widths).toEqual(['width:0%', 'width:50%', 'width:75%'].map((w) => expect.stringContaining(w)))

    await tap(page, '.reach-building', 0)
    await eventually(() =>
      expect(calls('unreached')).toEqual([{ noticeId: 'n-1', microgridId: 'mg-6', page: 0, pageSize: 20 }]),
    )
    await eventually(() => expect(page.querySelectorAll('.unreached-row')).toHaveLength(2))
    expect(texts(page, '.unreached-row__door')).toEqual(['6栋1单元101', '6栋1单元102'])
    expect(texts(page, '.unreached-member__phone')).toEqual(['13900006101', '13900006102', '13900006103'])
    await tap(page, '.unreached-member__call', 2)
    expect(wx.makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13900006103' }))
    page.detach()
  })

  test('已上门告知 sends the visit with its method and note; the household leaves the list and the bars move', async () => {
    answer = route(reachServer())
    const page = await renderPage(REACH, { id: 'n-1', unit: 'g-3' })
    await eventually(() => expect(page.querySelectorAll('.reach-building')).toHaveLength(3))
    await tap(page, '.reach-building', 0)
    await eventually(() => expect(page.querySelectorAll('.unreached-row')).toHaveLength(2))

    // the button names the action (a status would read 已上门告知)
    expect(texts(page, '.unreached-row__visit')).toEqual(['标记已上门', '标记已上门'])
    await tap(page, '.unreached-row__visit', 1)
    expect(texts(page, '.visit-method')).toEqual(['上门告知', '电话告知', '其他方式'])
    expect(text(page, '.visit-method--active')).toBe('上门告知')
    await tap(page, '.visit-method--phone')
    await typeInto(page, '.visit-note', '已电话告知户主')
    await tap(page, '.visit-confirm')
    await eventually(() =>
      expect(calls('visit')).toEqual([
        { noticeId: 'n-1', householdId: 'hh-62', method: 'phone', note: '已电话告知户主' },
      ]),
    )
    await eventually(() => expect(texts(page, '.unreached-row__door')).toEqual(['6栋1单元101']))
    await eventually(() => expect(text(page, '.reach-totals__count')).toBe('已触达 5 / 10 户'))
    expect(text(page, '.unreached-message')).toContain('6栋1单元102 已记为电话告知')
    expect(texts(page, '.reach-building__count')).toEqual(['1/4', '1/2', '3/4'])

    // the default method is 上门, and the note may be left out
    await tap(page, '.unreached-row__visit', 0)
    await tap(page, '.visit-confirm')
    await eventually(() =>
      expect(calls('visit').at(-1)).toEqual({ noticeId: 'n-1', householdId: 'hh-61', method: 'door' }),
    )
    await eventually(() => expect(page.querySelectorAll('.unreached-row')).toHaveLength(0))
    page.detach()
  })

  test('a community shows its grids (by design: the level below), a page at a time with 加载更多; tapping a grid opens its own reach', async () => {
    const community = { id: 'c-1', name: '幸福里社区', level: 'community' as const }
    const grids = Array.from({ length: 60 }, (_, i) => ({
      id: `g-${i + 1}`,
      name: `第${i + 1}网格`,
      level: 'grid' as const,
      households: 10,
      reached: i % 10,
    }))
    // the server's cursor: the index of the next row, as an opaque string
    const reachOf = (p: Record<string, unknown>): ReachResult => {
      const at = p.cursor === undefined ? 0 : Number(p.cursor)
      const { nextCursor: _none, ...base } = reachServer()['notices.reach']().data
      return {
        ...base,
        unit: community,
        households: 600,
        reached: 270,
        rowLevel: 'grid',
        rows: grids.slice(at, at + 20),
        ...(at + 20 < grids.length ? { nextCursor: String(at + 20) } : {}),
      }
    }
    answer = route({ ...reachServer(), 'notices.reach': (p) => ok(reachOf(p)) })
    const page = await renderPage(REACH, { id: 'n-1', unit: 'c-1' })
    await eventually(() => expect(page.querySelectorAll('.reach-grid')).toHaveLength(20))
    none(page, '.reach-building')
    expect(text(page, '.reach-rows .card__title')).toBe('各网格')
    // least reached first among the rows shown
    expect(texts(page, '.reach-grid__count').slice(0, 2)).toEqual(['0/10', '0/10'])
    await tap(page, '.reach-more')
    await eventually(() => expect(page.querySelectorAll('.reach-grid')).toHaveLength(40))
    expect(calls('reach').at(-1)).toEqual({ noticeId: 'n-1', unitId: 'c-1', cursor: '20' })
    await tap(page, '.reach-more')
    await eventually(() => expect(page.querySelectorAll('.reach-grid')).toHaveLength(60))
    none(page, '.reach-more')
    // every grid once, the page before each read again by its cursor (fresh figures for every row shown)
    expect(new Set(texts(page, '.reach-grid__name')).size).toBe(60)
    await tap(page, '.reach-grid', 0)
    expect(wx.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: expect.stringMatching(/^\/manage\/notices\/reach\/index\?id=n-1&unit=g-\d+$/) }),
    )
    none(page, '.unreached')
    page.detach()
  })

  test('a community’s 收到 not counted yet show under the bar as the people who just answered', async () => {
    const community = { id: 'c-1', name: '幸福里社区', level: 'community' as const }
    const { nextCursor: _none, ...base } = reachServer()['notices.reach']().data
    answer = route({
      ...reachServer(),
      'notices.reach': () =>
        ok({
          ...base,
          unit: community,
          households: 600,
          reached: 270,
          rowLevel: 'grid',
          rows: [{ id: 'g-1', name: '第1网格', level: 'grid', households: 600, reached: 270 }],
          counting: 3,
        } satisfies ReachResult),
    })
    const page = await renderPage(REACH, { id: 'n-1', unit: 'c-1' })
    await eventually(() => expect(text(page, '.reach-counting')).toBe('另有 3 人刚点了“收到”，一分钟内计入'))
    // they are not in the households reached yet
    expect(text(page, '.reach-totals__count')).toBe('已触达 270 / 600 户')
    page.detach()
  })

  test('a notice without 回执: who just read it shows as the people who just read it', async () => {
    const { nextCursor: _none, ...base } = reachServer()['notices.reach']().data
    answer = route({
      ...reachServer(),
      'notices.reach': () =>
        ok({ ...base, notice: { ...base.notice, ackRequired: false }, counting: 2 } satisfies ReachResult),
    })
    const page = await renderPage(REACH, { id: 'n-1', unit: 'g-1' })
    await eventually(() => expect(text(page, '.reach-counting')).toBe('另有 2 人刚看过这条通知，一分钟内计入'))
    page.detach()
  })

  test('a building with many unreached households pages on', async () => {
    const row = (n: number): UnreachedRow => ({
      householdId: `hh-${n}`,
      door: `6栋2单元${100 + n}`,
      members: [member(`p-${n}`, `住户${n}`, `139000${String(n).padStart(5, '0')}`)],
    })
    answer = route({
      ...reachServer(),
      'notices.unreached': (p) => {
        const from = (p.page as number) * 20
        const rows = Array.from({ length: Math.min(20, 25 - from) }, (_, i) => row(from + i + 1))
        return ok({
          total: 25,
          page: p.page,
          pageSize: 20,
          building: { id: 'mg-6', name: '6号楼', level: 'microgrid' },
          rows,
        })
      },
    })
    const page = await renderPage(REACH, { id: 'n-1', unit: 'g-3' })
    await eventually(() => expect(page.querySelectorAll('.reach-building')).toHaveLength(3))
    await tap(page, '.reach-building', 0)
    await eventually(() => expect(page.querySelectorAll('.unreached-row')).toHaveLength(20))
    expect(text(page, '.unreached-total')).toBe('25 户')
    await tap(page, '.unreached-more')
    expect(calls('unreached').at(-1)).toEqual({ noticeId: 'n-1', microgridId: 'mg-6', page: 1, pageSize: 20 })
    await eventually(() => expect(page.querySelectorAll('.unreached-row')).toHaveLength(25))
    none(page, '.unreached-more')
    page.detach()
  })

  test('提醒未触达 refused for today says so', async () => {
    answer = route(reachServer())
    const page = await renderPage(REACH, { id: 'n-1', unit: 'g-3' })
    await eventually(() => expect(page.querySelectorAll('.reach-building')).toHaveLength(3))
    await tap(page, '.reach-remind')
    expect(calls('remind')).toEqual([{ noticeId: 'n-1', unitId: 'g-3' }])
    await eventually(() => expect(text(page, '.reach-remind__error')).toBe('今天已经提醒过未触达的住户了，明天再试'))
    page.detach()
  })
})

describe('我发布的 and 转发到本网格群', () => {
  test('我发布的 lists each notice with its reach and opens its reach page', async () => {
    answer = route({
      'grid.me': () => ok(chiefMe),
      'notices.published': () => ok({ rows: [{ ...card(), households: 76, reached: 19, targets: [grid] }] }),
    })
    const page = await renderPage(PUBLISHED)
    await eventually(() => expect(page.querySelectorAll('.published-row')).toHaveLength(1))
    expect(calls('published')[0]).toEqual({ page: 0, pageSize: 20 })
    expect(text(page, '.published-row__count')).toBe('已触达 19/76 户')
    expect(text(page, '.published-row__percent')).toBe('25%')
    await tap(page, '.published-row')
    expect(wx.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/manage/notices/reach/index?id=n-1&unit=g-3' }),
    )
    page.detach()
  })

  test('a grid chief relays a community notice with a note and shares its card into the group', async () => {
    let relayed = false
    answer = route({
      'grid.me': () => ok(chiefMe),
      'notices.relayInbox': () =>
        ok(
          relayed ? [] : [{ ...card({ id: 'n-9', origin: '幸福里社区 · 周敏', urgency: 'important' }), grids: [grid] }],
        ),
      'notices.relay': () => {
        relayed = true
        return ok({ path: 'pages/notices/detail/index?id=n-9&grid=g-3', title: '明日停水通知' })
      },
    })
    const page = await renderPage(RELAY)
    await eventually(() => expect(page.querySelectorAll('.relay-item')).toHaveLength(1))
    expect(text(page, '.relay-item')).toContain('幸福里社区 · 周敏')
    await tap(page, '.relay-item__relay')
    await typeInto(page, '.relay-note', '请邻居们互相转告')
    await tap(page, '.relay-confirm')
    expect(calls('relay')).toEqual([{ noticeId: 'n-9', gridId: 'g-3', note: '请邻居们互相转告' }])
    await eventually(() => expect(text(page, '.relay-card__link')).toBe('/pages/notices/detail/index?id=n-9&grid=g-3'))
    expect(count(page, '.relay-card__share')).toBe(1)
    expect(wx.showShareMenu).toHaveBeenCalledWith(expect.objectContaining({ withShareTicket: true }))
    const { instance } = page as unknown as { instance: { onShareAppMessage: (res: unknown) => unknown } }
    expect(instance.onShareAppMessage({ from: 'button' })).toEqual(
      expect.objectContaining({ title: '明日停水通知', path: '/pages/notices/detail/index?id=n-9&grid=g-3' }),
    )
    await eventually(() => expect(page.querySelectorAll('.relay-item')).toHaveLength(0))
    // and on to the grid's reach of it
    await tap(page, '.relay-card__reach')
    expect(wx.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/manage/notices/reach/index?id=n-9&unit=g-3' }),
    )
    page.detach()
  })

  test('首页 links a grid chief to 发布通知, 我发布的 and 转发到本网格群', async () => {
    answer = route({ 'grid.home': () => ok(homeOf(chiefMe, 0, gridOverview)), 'grid.me': () => ok(chiefMe) })
    const page = await renderPage(HOME)
    await waitFor(page, '.manage-link--publish')
    for (const [cls, url] of [
      ['publish', '/manage/notices/publish/index'],
      ['published', '/manage/notices/published/index'],
      ['relay', '/manage/notices/relay/index'],
    ]) {
      await tap(page, `.manage-link--${cls}`)
      expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url }))
    }
    page.detach()
  })
})
