/**
 * The resident's side of joining, in the compiled weapp (dist/) under miniprogram-simulate: the claim form
 * sends what the resident typed and shows 待确认; a rejected claim shows its reason; 楼栋邻里 shows what the
 * cloud masked; 退出本户 asks first. wx.cloud.callFunction answers with envelopes shaped by core/contract.
 */
import type { ClaimView, InviteTarget, MyData, NeighboursResult } from '../../core/contract'
import { fail, ok } from '../../core/envelope'
import {
  bootApp,
  count,
  createWx,
  none,
  passTime,
  renderPage,
  tap,
  text,
  texts,
  typeInto,
  type CloudCall,
} from './harness'
import { agreedStorage, inviteTarget, notJoinedMe, residentMe } from './fixtures'

const JOIN = 'pages/join/index'
const CLAIMS = 'pages/join/claims/index'
const NEIGHBOURS = 'pages/grid/neighbours/index'
const ME = 'pages/grid/me/index'
const HOME = 'pages/grid/home/index'

const target: InviteTarget = inviteTarget(
  { id: 'mg-5', name: '5号楼', level: 'microgrid' },
  { id: 'mg-6', name: '6号楼', level: 'microgrid' },
)

const pending: ClaimView = {
  id: 'c-1',
  status: 'pending',
  door: '6号楼2单元402',
  household: { id: 'hh-9', name: '6号楼2单元402', level: 'household' },
  name: '赵小燕',
  phone: '13612345678',
  createdAt: '2026-11-22T01:00:00.000Z',
}

const rejected: ClaimView = {
  ...pending,
  id: 'c-0',
  status: 'rejected',
  door: '6号楼2单元401',
  reason: '该户登记的住户中没有你，请先联系房东',
  decidedAt: '2026-11-21T09:00:00.000Z',
}

const neighbours: NeighboursResult = {
  microgrid: { id: 'mg-5', name: '5号楼', level: 'microgrid' },
  rows: [
    { id: 'p-1', name: '王秀英', door: '5栋2单元502', phone: '13912345678', head: null },
    { id: 'p-103', name: '陈志强', door: '5栋1单元***', phone: '138****0103', head: 'buildingHead' },
    { id: 'p-7', name: '孙丽', door: '5栋3单元***', phone: '137****4321', head: null },
  ],
  total: 3,
  nextCursor: null,
}

type Answer = (call: CloudCall) => unknown
let answer: Answer = () => ok(residentMe)
const wx = {
  ...createWx((call) => answer(call)),
  // this visitor agreed to the privacy guide before (test/weapp/join-consent.test.ts covers asking)
  getStorageSync: agreedStorage,
}
const calls = () => wx.cloud.callFunction.mock.calls.map(([c]) => c as CloudCall)
const actions = () => calls().map((c) => `${c.name}.${c.data.action}`)

beforeAll(() => bootApp(wx))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.showModal.mockClear()
  wx.setClipboardData.mockClear()
  wx.reLaunch.mockClear()
})

describe('加入网格', () => {
  test('opened with no invite and not from a bound group: says where invites come from', async () => {
    answer = () => fail('GROUP_UNKNOWN')
    const page = await renderPage(JOIN)
    expect(page.dom.textContent).toContain('请通过邀请加入')
    expect(page.dom.textContent).toContain('邀请卡片')
    page.detach()
  })

  test('opened from an invite card: the grid and its buildings; the claim sends what was typed; then 待确认', async () => {
    answer = (c) => (c.data.action === 'openInvite' ? ok(target) : ok(pending))
    const page = await renderPage(JOIN, { token: 'tok-abcdef12' })
    expect(calls()[0]).toEqual({ name: 'join', data: { action: 'openInvite', payload: { token: 'tok-abcdef12' } } })
    const text = page.dom.textContent ?? ''
    expect(text).toContain('和平街道 · 幸福里社区 · 幸福里第三网格')
    expect(page.querySelectorAll('.join-building')).toHaveLength(2)

    await tap(page, '.join-building', 1)
    await typeInto(page, '.join-entrance', '2')
    await typeInto(page, '.join-room', ' 402 ')
    await typeInto(page, '.join-name', '赵小燕')
    await typeInto(page, '.join-phone', '13612345678')
    await tap(page, '.join-submit')

    expect(calls().at(-1)).toEqual({
      name: 'join',
      data: {
        action: 'claimHousehold',
        payload: {
          token: 'tok-abcdef12',
          microgridId: 'mg-6',
          entrance: '2',
          room: '402',
          name: '赵小燕',
          phone: '13612345678',
        },
      },
    })
    const after = page.dom.textContent ?? ''
    expect(count(page, '.join-pending')).toBe(1)
    expect(after).toContain('待确认')
    expect(after).toContain('6号楼2单元402')
    expect(after).toContain('楼栋长或网格长会核对')
    page.detach()
  })

  test('a malformed phone or a missing building is caught before anything is sent', async () => {
    answer = () => ok(target)
    const page = await renderPage(JOIN, { token: 'tok-abcdef12' })
    await typeInto(page, '.join-entrance', '2')
    await typeInto(page, '.join-room', '402')
    await typeInto(page, '.join-name', '赵小燕')
    await typeInto(page, '.join-phone', '1361234')
    await tap(page, '.join-submit')
    expect(actions()).toEqual(['join.openInvite'])
    const text = page.dom.textContent ?? ''
    expect(text).toContain('请选择楼栋')
    expect(text).toContain('手机号应为 11 位数字')
    page.detach()
  })

  test("the envelope's Chinese message is shown: a room that is not on the roster, an invite that expired", async () => {
    answer = (c) => (c.data.action === 'openInvite' ? ok(target) : fail('ROOM_NOT_FOUND'))
    const page = await renderPage(JOIN, { token: 'tok-abcdef12' })
    await tap(page, '.join-building')
    await typeInto(page, '.join-entrance', '2')
    await typeInto(page, '.join-room', '999')
    await typeInto(page, '.join-name', '赵小燕')
    await typeInto(page, '.join-phone', '13612345678')
    await tap(page, '.join-submit')
    expect(text(page, '.join-submit-error')).toContain('没有找到这个房间')
    page.detach()

    answer = () => fail('INVITE_INVALID')
    const expired = await renderPage(JOIN, { token: 'tok-old00000' })
    expect(expired.dom.textContent).toContain('邀请已失效')
    expired.detach()
  })

  test('opened from a bound group chat (no token): asks for the group’s grid, no token in the claim', async () => {
    answer = (c) => (c.data.action === 'openInvite' ? ok({ ...target, via: 'group' }) : ok(pending))
    const page = await renderPage(JOIN)
    expect(calls()[0].data).toMatchObject({ action: 'openInvite', payload: {} })
    expect(page.dom.textContent).toContain('本群所属网格')
    page.detach()
  })
})

test('我的申请: each claim with its status; a rejected one says why', async () => {
  answer = () => ok([pending, rejected])
  const page = await renderPage(CLAIMS)
  expect(actions()).toContain('join.myClaims')
  const rows = page.querySelectorAll('.claim-row')
  expect(rows).toHaveLength(2)
  expect(rows[0].dom.textContent).toContain('待确认')
  expect(rows[1].dom.textContent).toContain('未通过')
  expect(text(page, '.claim-row__reason')).toContain('该户登记的住户中没有你，请先联系房东')
  page.detach()
})

test('首页 for a visitor who has claimed a room: 我有邀请, and 我的申请 with the latest status', async () => {
  answer = (c) => (c.data.action === 'myClaims' ? ok([pending]) : ok(notJoinedMe))
  const page = await renderPage(HOME)
  expect(count(page, '.join-entry__invite')).toBe(1)
  expect(count(page, '.join-entry__claims')).toBe(1)
  expect(page.dom.textContent).toContain('待确认')
  page.detach()
})

test('楼栋邻里: names with head tags; other households’ rooms and phones as the cloud masked them', async () => {
  answer = () => ok(neighbours)
  const page = await renderPage(NEIGHBOURS)
  expect(calls()[0]).toEqual({ name: 'grid', data: { action: 'neighbours', payload: {} } })
  const rows = page.querySelectorAll('.neighbour-row')
  expect(rows).toHaveLength(3)
  expect(rows[1].dom.textContent).toContain('陈志强')
  expect(rows[1].dom.textContent).toContain('楼栋长')
  const phones = page.querySelectorAll('.neighbour-row__phone').map((p) => p.dom.textContent)
  expect(phones).toEqual(['13912345678', '138****0103', '137****4321'])
  expect(rows[2].dom.textContent).toContain('5栋3单元***')
  none(page, '.neighbours-more')
  page.detach()
})

test('楼栋邻里 of a large building: a page at a time, 加载更多 asks for the rows after the last one shown', async () => {
  const neighbour = (i: number) => ({
    id: `p-${i}`,
    name: `邻居${i}`,
    door: '5栋1单元***',
    phone: '139****0000',
    head: null,
  })
  answer = (c) => {
    const cursor = (c.data.payload as { cursor?: string }).cursor
    const from = cursor ? 30 : 0
    const rows = Array.from({ length: cursor ? 45 - 30 : 30 }, (_, i) => neighbour(from + i + 1))
    return ok({ ...neighbours, rows, total: 45, nextCursor: cursor ? null : 'mg-5-1-101|p-30' })
  }
  const page = await renderPage(NEIGHBOURS)
  expect(page.querySelectorAll('.neighbour-row')).toHaveLength(30)
  expect(page.dom.textContent).toContain('共 45 位邻居')
  expect(text(page, '.neighbours-more')).toContain('还有 15 位')
  await tap(page, '.neighbours-more')
  expect(calls().at(-1)).toEqual({
    name: 'grid',
    data: { action: 'neighbours', payload: { cursor: 'mg-5-1-101|p-30' } },
  })
  expect(page.querySelectorAll('.neighbour-row')).toHaveLength(45)
  expect(texts(page, '.neighbour-row__name').slice(28, 32)).toEqual(['邻居29', '邻居30', '邻居31', '邻居32'])
  none(page, '.neighbours-more')
  page.detach()
})

describe('我的 → 我的数据', () => {
  // 首页 of an earlier test showed someone else: past its 30 s, 我的 asks who this resident is
  beforeEach(() => passTime(31_000))
  test('退出本户 asks first: cancelling sends nothing, confirming calls leaveHousehold', async () => {
    answer = (c) => (c.data.action === 'leaveHousehold' ? ok({ left: pending.household }) : ok(residentMe))
    const page = await renderPage(ME)
    wx.showModal.mockImplementationOnce((opts) => {
      opts?.success?.({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    })
    await tap(page, '.me-leave')
    expect(wx.showModal).toHaveBeenCalledTimes(1)
    expect(actions()).not.toContain('join.leaveHousehold')

    await tap(page, '.me-leave')
    expect(wx.showModal).toHaveBeenCalledTimes(2)
    expect(wx.showModal.mock.calls[1][0]).toMatchObject({ title: '退出本户' })
    expect(calls().find((c) => c.data.action === 'leaveHousehold')).toEqual({
      name: 'join',
      data: { action: 'leaveHousehold', payload: {} },
    })
    // Everything shown was as a member of that household: start over from 首页.
    expect(wx.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/grid/home/index' }))
    page.detach()
  })

  test('导出我的数据 puts the whole file on the clipboard and shows it readably; 注销 warns and sends confirm: true', async () => {
    const mine: MyData = {
      exportedAt: '2026-11-22T01:00:00.000Z',
      person: {
        _id: 'p-7f3a',
        name: '王秀英',
        phone: '13900005101',
        householdId: 'hh-51',
        homePath: '/st-1/co-1/g-3/mg-5/hh-51/',
        roles: [{ role: 'resident', unitId: 'hh-51' }],
        careFlags: ['elderlyAlone'],
        createdAt: '2026-11-01T02:00:00.000Z',
      },
      household: { _id: 'hh-51', name: '5栋1单元101' },
      claims: [
        {
          _id: 'c-9',
          householdId: 'hh-51',
          householdPath: '/st-1/co-1/g-3/mg-5/hh-51/',
          name: '王秀英',
          phone: '13900005101',
          status: 'approved',
          decidedBy: 'p-200',
          createdAt: '2026-11-01T01:00:00.000Z',
        },
      ],
      seenBy: [{ actorName: '李建国', action: 'grid.households', at: '2026-11-20T03:00:00.000Z' }],
      points: {
        balance: 135,
        lots: [{ amount: 135, expiresAt: '2027-12-31T15:59:59.000Z' }],
        ledger: [
          {
            _id: 'earn_su-1',
            kind: 'earn',
            amount: 135,
            reason: '志愿服务',
            ref: { kind: 'signup', id: 'su-1' },
            at: '2026-11-20T05:00:00.000Z',
            expiresAt: '2027-12-31T15:59:59.000Z',
          },
        ],
        signups: [],
        hours: { minutes: 750, points: 135, activities: 3, hidden: false, noShows: [] },
        vouchers: [],
        teams: [
          {
            teamId: 't-1',
            name: '助老服务队',
            leader: false,
            active: true,
            minutes: 120,
            points: 20,
            joinedAt: '2026-11-02T00:00:00.000Z',
          },
        ],
      },
      requests: {
        reported: [
          {
            id: 'rq-1',
            category: 'repair',
            description: '楼道灯坏了',
            place: { kind: 'building', label: '5栋' },
            anonymous: true,
            urgent: false,
            state: 'processing',
            createdAt: '2026-11-20T02:00:00.000Z',
            updatedAt: '2026-11-20T03:00:00.000Z',
            resolvedAt: null,
            closedAt: null,
            rating: null,
            ratingComment: null,
            ratedAt: null,
          },
        ],
        followed: [],
        acted: [],
      },
      emergency: {
        reserve: {
          name: '王秀英',
          phone: '13900005101',
          kind: 'volunteer',
          skills: ['driving'],
          skillsNote: '',
          availability: '晚上和周末',
          registeredAt: '2026-11-21T02:00:00.000Z',
          updatedAt: '2026-11-21T02:00:00.000Z',
        },
        answers: [
          {
            callUpId: 'cu-1',
            emergencyName: '寒潮防冻',
            unitName: '和平里社区',
            answer: 'coming',
            note: '',
            answeredAt: '2026-11-21T03:00:00.000Z',
            assignment: { place: '东门卡口', unitName: '和平里社区', at: '2026-11-21T04:00:00.000Z' },
          },
        ],
        shifts: [
          {
            shiftId: 'cp-1_x',
            checkpoint: '和平里东门卡口',
            startAt: '2026-11-21T00:00:00.000Z',
            endAt: '2026-11-21T08:00:00.000Z',
            status: 'earned',
            assigned: false,
            checkInAt: '2026-11-21T00:02:00.000Z',
            checkOutAt: '2026-11-21T08:00:00.000Z',
            minutes: 478,
            points: 79,
          },
        ],
        handovers: [
          { shiftId: 'cp-1_x', checkpoint: '和平里东门卡口', note: '栏杆松了', at: '2026-11-21T08:00:00.000Z' },
        ],
        testing: [
          {
            round: '第一轮全员采样',
            date: '2026-11-22',
            door: '5栋1单元101',
            startAt: '2026-11-22T00:20:00.000Z',
            bookedAt: '2026-11-21T12:00:00.000Z',
            bookedByMe: false,
            moves: 0,
            doneAt: '2026-11-22T00:31:00.000Z',
          },
        ],
      },
    }
    answer = (c) => {
      if (c.data.action === 'exportMyData') return ok(mine)
      if (c.data.action === 'requestDeletion') return ok({ deleted: true })
      return ok(residentMe)
    }
    const page = await renderPage(ME)
    await tap(page, '.me-export')
    expect(wx.setClipboardData).toHaveBeenCalledTimes(1)
    expect(JSON.parse((wx.setClipboardData.mock.calls[0][0] as { data: string }).data)).toEqual(mine)
    // on the page: labelled rows in Chinese, no ids, paths, action codes or JSON
    const values = page.querySelectorAll('.me-export__value').map((v) => v.dom.textContent)
    const rows = page.querySelectorAll('.me-export__label').map((l, i) => `${l.dom.textContent}=${values[i]}`)
    expect(rows).toEqual(
      expect.arrayContaining([
        '姓名=王秀英',
        '手机号=13900005101',
        '家庭住址=5栋1单元101',
        '身份=居民',
        '关爱标记=独居老人',
        expect.stringMatching(/^2026-11-\d\d \d\d:\d\d=王秀英 · 13900005101 · 已加入$/),
        expect.stringMatching(/=李建国：查看住户名单（完整手机号和门牌）$/),
        '积分余额=135 分',
        '累计服务=12 小时 30 分 · 3 次活动',
        '积分明细=1 条',
        '服务队=助老服务队',
        '我反映的=1 件',
        expect.stringMatching(/^2026-11-20 \d\d:\d\d=维修 · 处理中 · 匿名$/),
        '我也遇到了=0 件',
        '办理记录=0 条',
        '应急力量=已登记 · 志愿者 · 驾驶',
        '可到岗时间=晚上和周末',
        '召集应答=1 次',
        expect.stringMatching(/^2026-11-21 \d\d:\d\d=寒潮防冻 · 到岗 · 安排在东门卡口$/),
        '卡口值守=1 个班次',
        expect.stringMatching(/^2026-11-21 \d\d:\d\d=和平里东门卡口 · 已确认 · 7 小时 58 分$/),
        '交接留言=1 条',
        '采样时段=1 次',
        expect.stringMatching(/^2026-11-22 \d\d:\d\d=第一轮全员采样 · 已采样$/),
      ]),
    )
    const shown = text(page, '.me-export__box')
    for (const internal of [
      'p-7f3a',
      'hh-51',
      '/st-1/',
      'grid.households',
      'approved',
      'elderlyAlone',
      'earn_su-1',
      'cu-1',
      'cp-1_x',
      'volunteer',
      'earned',
      '{',
      '"',
    ]) {
      expect(shown).not.toContain(internal)
    }

    await tap(page, '.me-delete')
    expect(wx.showModal.mock.calls[0][0]).toMatchObject({ title: '注销我的信息' })
    expect((wx.showModal.mock.calls[0][0] as { content: string }).content).toContain('无法恢复')
    expect(calls().find((c) => c.data.action === 'requestDeletion')?.data).toEqual({
      action: 'requestDeletion',
      payload: { confirm: true },
    })
    page.detach()
  })
})

describe('我的 → 应急与值守', () => {
  // who I am from grid; the other sections of 我的 (their own calls) find nothing to show
  const asMe =
    (me: typeof residentMe): Answer =>
    (c) =>
      c.name === 'grid' ? ok(me) : fail('NOT_FOUND')
  beforeEach(() => passTime(31_000))
  test('links to 我的值守 and 我的应急力量 when the person has them, to all three during an emergency, to none otherwise', async () => {
    answer = asMe({ ...residentMe, emergencyLinks: { duty: true, testing: false, reserve: true, emergency: false } })
    let page = await renderPage(ME)
    expect(count(page, '.emergency-link')).toBe(2)
    expect(text(page, '.emergency-link--duty')).toContain('我的值守')
    expect(text(page, '.emergency-link--reserve')).toContain('我的应急力量')
    none(page, '.emergency-link--testing')
    wx.navigateTo.mockClear()
    await tap(page, '.emergency-link--duty')
    expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/emergency/duty/mine/index' }))
    page.detach()

    passTime(31_000)
    answer = asMe({ ...residentMe, emergencyLinks: { duty: false, testing: false, reserve: false, emergency: true } })
    page = await renderPage(ME)
    expect(text(page, '.emergency-links')).toContain('应急期间')
    expect(count(page, '.emergency-link')).toBe(3)
    await tap(page, '.emergency-link--testing')
    expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/emergency/testing/slot/index' }))
    page.detach()

    // nothing there and no emergency, or a function that predates the flags: no section at all
    for (const me of [
      { ...residentMe, emergencyLinks: { duty: false, testing: false, reserve: false, emergency: false } },
      residentMe,
    ]) {
      passTime(31_000)
      answer = asMe(me)
      page = await renderPage(ME)
      none(page, '.emergency-links')
      page.detach()
    }
  })
})
