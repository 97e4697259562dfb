/**
 * The requests pages of the leaders (sub-package manage/requests/) in the compiled weapp under miniprogram-simulate:
 * 诉求待办 asks for what the grid chief's level owns, shows each row's category, place, age, deadline or 已超时 and
 * followers, reads the next page by cursor, filters by status and level, and opens a row's detail page; a
 * department asks by its street and department. 巡查台账 logs a patrol with a finding turned into a request (time
 * pickers, a refusal in plain words before anything is sent), reads the grid's log again, opens a finding's request;
 * community staff see which grids were patrolled today and open a grid's log. 诉求设置 offers each role exactly the
 * half its save is accepted for (community staff the categories and limits, street staff the departments and
 * calendar, as the view's `editable` says) and sends only that half. 诉求统计 shows the five rates and the counts
 * behind them for the unit and month chosen. Envelopes shaped by core/contract.
 */
import type {
  MeResult,
  PatrolView,
  PatrolsView,
  RatesView,
  RequestFigures,
  RequestRow,
  SettingsView,
} from '../../core/contract'
import { DEFAULT_DEPARTMENTS, REQUEST_CATEGORIES, CATEGORY_LABELS } from '../../core/contract'
import { ok } from '../../core/envelope'
import { zeroFigures } from '../../core/requests/rates'
import {
  bootApp,
  count,
  createWx,
  eventually,
  find,
  none,
  renderPage,
  route,
  settle,
  tap,
  text,
  texts,
  typeArea,
  typeInto,
  waitFor,
  type CloudCall,
} from './harness'
import { chiefMe, staffMe } from './fixtures'

const INBOX = 'manage/requests/inbox/index'
const PATROL = 'manage/requests/patrol/index'
const SETTINGS = 'manage/requests/settings/index'
const RATES = 'manage/requests/rates/index'

const HOUR = 3600_000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString()

const row = (n: number, over: Partial<RequestRow> = {}): RequestRow => ({
  id: `rq-${n}`,
  category: 'repair',
  title: `路灯不亮 ${n}`,
  placeLabel: '5号楼东侧',
  state: 'submitted',
  group: 'open',
  level: 'grid',
  departmentName: null,
  urgent: false,
  overdue: false,
  createdAt: ago(3 * HOUR),
  updatedAt: ago(HOUR),
  nextDueAt: ahead(20 * HOUR),
  followerCount: 2,
  last: null,
  ...over,
})

const deptMe: MeResult = {
  person: { id: 'p-700', name: '赵城', phone: '13800000700' },
  roles: [{ role: 'department', unitId: 'st-1', unitName: '和平街道', level: 'street', departmentId: 'chengguan' }],
  household: null,
  grid: null,
}

const settings: SettingsView = {
  communityId: 'co-1',
  streetId: 'st-1',
  categories: REQUEST_CATEGORIES.map((id) => ({
    id,
    label: CATEGORY_LABELS[id],
    enabled: id !== 'enterprise',
    urgentAllowed: id === 'hazard',
    limits: { respondHours: 2, resolveHours: 168, basis: 'calendar' as const },
  })),
  urgentHours: 2,
  departments: DEFAULT_DEPARTMENTS.map((d) => ({ ...d, reportInHours: 24 })),
  holidays: [],
  workdays: [],
  autoCloseDays: 7,
  reinspectWeeks: 4,
  errandPoints: 10,
  editable: { community: false, street: false },
}

const patrol = (over: Partial<PatrolView> = {}): PatrolView => ({
  id: 'pt-1',
  gridId: 'g-3',
  gridName: '幸福里第三网格',
  personName: '李建国',
  day: '2026-12-01',
  startedAt: '2026-12-01T01:00:00.000Z',
  endedAt: '2026-12-01T02:00:00.000Z',
  route: '3号楼—东门—农贸市场',
  findings: [
    {
      description: '5号楼东侧路灯不亮',
      photos: [],
      checkingPhotos: [],
      withheldPhotos: 0,
      category: 'repair',
      spot: '5号楼东侧',
      requestId: 'rq-9',
    },
    {
      description: '楼道堆放杂物',
      photos: [],
      checkingPhotos: [],
      withheldPhotos: 0,
      category: 'sanitation',
      spot: '',
      requestId: null,
    },
  ],
  ...over,
})

let answer: (call: CloudCall) => unknown = () => ok(chiefMe)
const wx = createWx((call) => answer(call))

beforeAll(() => bootApp(wx))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.navigateTo.mockClear()
})

const calls = (action: string) =>
  wx.cloud.callFunction.mock.calls
    .map(([c]) => c as CloudCall)
    .filter((c) => c.name === 'requests' && c.data.action === action)
    .map((c) => c.data.payload as Record<string, unknown>)

describe('诉求待办', () => {
  test('the grid chief sees what the grid owns, page by page; 已超时 is red; a row opens its detail', async () => {
    answer = route({
      'grid.me': () => ok(chiefMe),
      'requests.inbox': (p) => {
        if (p.scope === 'mine' && !p.cursor)
          return ok({
            rows: [row(1, { urgent: true }), row(2, { overdue: true, state: 'processing', followerCount: 5 })],
            nextCursor: 'c-1',
          })
        if (p.scope === 'mine') return ok({ rows: [row(2), row(3)], nextCursor: null })
        return ok({ rows: [row(7, { level: 'community', overdue: true })], nextCursor: null })
      },
    })
    const page = await renderPage(INBOX)
    await waitFor(page, '.inbox-row')
    expect(calls('inbox')).toEqual([{ unitId: 'g-3', scope: 'mine' }])
    expect(text(page, '.rq-inbox-title')).toBe('幸福里第三网格')
    expect(count(page, '.inbox-row')).toBe(2)
    const first = text(page, '.inbox-row', 0)
    expect(first).toContain('维修 · 紧急')
    expect(first).toContain('路灯不亮 1')
    expect(first).toContain('5号楼东侧 · 本网格')
    expect(first).toContain('3 小时前反映')
    expect(first).toContain('2 人关注')
    expect(text(page, '.inbox-row__due', 0)).toMatch(/^请于 \d+月\d+日 \d\d:\d\d 前处理$/)
    expect(texts(page, '.inbox-row__state')).toEqual(['待受理', '处理中'])
    // the overdue one says so, in red
    expect(count(page, '.inbox-row__due--over')).toBe(1)
    expect(text(page, '.inbox-row__due--over')).toBe('已超时')
    expect(text(page, '.inbox-row', 1)).toContain('5 人关注')

    // the next page by cursor, the row shown already not twice
    await tap(page, '.inbox-more')
    await eventually(() => expect(count(page, '.inbox-row')).toBe(3))
    expect(calls('inbox')[1]).toEqual({ unitId: 'g-3', scope: 'mine', cursor: 'c-1' })
    none(page, '.inbox-more')

    // 已超时 under the whole grid, then only what was escalated to the community
    await tap(page, '.rq-view--overdue')
    await eventually(() => expect(count(page, '.inbox-row')).toBe(1))
    expect(calls('inbox')[2]).toEqual({ unitId: 'g-3', scope: 'all', group: 'open', overdue: true })
    expect(text(page, '.rq-level--community')).toBe('已上报社区')
    await tap(page, '.rq-level--community')
    await eventually(() => expect(calls('inbox')).toHaveLength(4))
    expect(calls('inbox')[3]).toEqual({ unitId: 'g-3', scope: 'all', group: 'open', overdue: true, level: 'community' })
    expect(text(page, '.inbox-row')).toContain('已上报社区')
    await tap(page, '.rq-view--closed')
    await eventually(() => expect(calls('inbox')).toHaveLength(5))
    // the level chosen stays while the status changes
    expect(calls('inbox')[4]).toEqual({ unitId: 'g-3', scope: 'all', group: 'closed', level: 'community' })

    await tap(page, '.inbox-row')
    expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/requests/detail/index?id=rq-7' }))
    page.detach()
  })

  test('a department asks by its street and department, with no level to choose', async () => {
    answer = route({
      'grid.me': () => ok(deptMe),
      'requests.inbox': () => ok({ rows: [row(4, { level: 'department', departmentName: '城管' })], nextCursor: null }),
    })
    const page = await renderPage(INBOX)
    await waitFor(page, '.inbox-row')
    expect(calls('inbox')).toEqual([{ unitId: 'st-1', departmentId: 'chengguan', scope: 'mine' }])
    expect(text(page, '.rq-inbox-title')).toBe('城管 · 和平街道')
    expect(text(page, '.inbox-row')).toContain('5号楼东侧 · 城管')
    await tap(page, '.rq-view--open')
    await eventually(() => expect(calls('inbox')).toHaveLength(2))
    expect(calls('inbox')[1]).toEqual({ unitId: 'st-1', departmentId: 'chengguan', scope: 'all', group: 'open' })
    none(page, '.rq-level')
    page.detach()
  })

  test('a resident is told the page is not for them, and nothing is asked', async () => {
    answer = route({
      'grid.me': () =>
        ok({ ...chiefMe, roles: [{ role: 'resident', unitId: 'hh-1', unitName: '5栋2单元502', level: 'household' }] }),
    })
    const page = await renderPage(INBOX)
    await eventually(() => expect(text(page)).toContain('诉求待办'))
    none(page, '.inbox-row')
    expect(calls('inbox')).toEqual([])
    page.detach()
  })
})

describe('巡查台账', () => {
  test('the grid chief logs a patrol with a finding turned into a request; the log is read again', async () => {
    let logged = false
    answer = route({
      'grid.me': () => ok(chiefMe),
      'requests.settings': () => ok(settings),
      'requests.patrols': () =>
        ok({
          kind: 'grid',
          rows: logged ? [patrol({ id: 'pt-2', route: '东门—菜市场' }), patrol()] : [patrol()],
          nextCursor: null,
        } satisfies PatrolsView),
      'requests.logPatrol': () => {
        logged = true
        return ok({ id: 'pt-2', requestIds: ['rq-10'] })
      },
    })
    const page = await renderPage(PATROL)
    await waitFor(page, '.patrol-row')
    expect(calls('settings')).toEqual([{ unitId: 'g-3' }])
    expect(calls('patrols')).toEqual([{ unitId: 'g-3', day: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }])
    const logRow = text(page, '.patrol-row')
    expect(logRow).toContain('李建国')
    expect(logRow).toContain('路线：3号楼—东门—农贸市场')
    expect(logRow).toContain('维修：5号楼东侧路灯不亮（5号楼东侧） · 已转为诉求 ›')
    expect(logRow).toContain('环境卫生：楼道堆放杂物')
    // a finding that became a request opens it
    await tap(page, '.patrol-row__finding', 0)
    expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/requests/detail/index?id=rq-9' }))

    // nothing is sent until the form is whole: a route, an end after the start, every finding described
    await tap(page, '.patrol-submit')
    expect(text(page, '.patrol-error')).toBe('请填写巡查路线')
    await typeInto(page, '.patrol-route', '3号楼—东门')
    find(page, '.patrol-start-picker').dispatchEvent('change', { detail: { value: '23:59' } })
    find(page, '.patrol-end-picker').dispatchEvent('change', { detail: { value: '00:00' } })
    await settle()
    expect(text(page, '.patrol-start')).toBe('23:59')
    await tap(page, '.patrol-submit')
    expect(text(page, '.patrol-error')).toBe('结束时间要晚于开始时间')
    find(page, '.patrol-start-picker').dispatchEvent('change', { detail: { value: '00:00' } })
    find(page, '.patrol-end-picker').dispatchEvent('change', { detail: { value: '00:01' } })
    await settle()
    await tap(page, '.patrol-add-finding')
    await tap(page, '.patrol-submit')
    expect(text(page, '.patrol-error')).toBe('请填写第 1 条发现的情况，或删除它')
    expect(calls('logPatrol')).toEqual([])
    // the categories the community offers (企业服务 switched off there)
    none(page, '.finding__category--enterprise')
    await typeArea(page, '.finding__description', '5号楼东侧路灯不亮')
    await tap(page, '.finding__category--hazard')
    await typeInto(page, '.finding__spot', '5号楼东侧')
    await tap(page, '.patrol-submit')

    await eventually(() => expect(calls('logPatrol')).toHaveLength(1))
    const sent = calls('logPatrol')[0]
    expect(sent).toEqual({
      gridId: 'g-3',
      tapId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      route: '3号楼—东门',
      startedAt: expect.any(String),
      endedAt: expect.any(String),
      findings: [
        { description: '5号楼东侧路灯不亮', category: 'hazard', photos: [], asRequest: true, spot: '5号楼东侧' },
      ],
    })
    expect(new Date(sent.endedAt as string).getTime() - new Date(sent.startedAt as string).getTime()).toBe(60_000)
    await eventually(() => expect(text(page, '.patrol-message')).toBe('已记录巡查，1 条发现已转为诉求'))
    // the form is cleared and the log read again, the new patrol first
    none(page, '.finding')
    await eventually(() => expect(count(page, '.patrol-row')).toBe(2))
    expect(text(page, '.patrol-row__route', 0)).toBe('路线：东门—菜市场')
    page.detach()
  })

  test('community staff see which grids were patrolled today, and open a grid’s log', async () => {
    answer = route({
      'grid.me': () => ok(staffMe),
      'requests.patrols': (p) =>
        p.unitId === 'co-1'
          ? ok({
              kind: 'community',
              day: p.day as string,
              grids: [
                { gridId: 'g-3', name: '幸福里第三网格', patrolled: true, patrols: 1, lastBy: '李建国' },
                { gridId: 'g-4', name: '幸福里第四网格', patrolled: false, patrols: 0, lastBy: null },
              ],
              nextCursor: null,
            } satisfies PatrolsView)
          : ok({ kind: 'grid', rows: [patrol()], nextCursor: null } satisfies PatrolsView),
    })
    const page = await renderPage(PATROL)
    await waitFor(page, '.grid-day')
    none(page, '.patrol-form')
    expect(texts(page, '.grid-day__status')).toEqual(['今日已巡查 · 李建国', '未巡查'])
    expect(text(page, '.community-day__count')).toBe('已巡查 1 / 2 个网格')
    await tap(page, '.grid-day', 0)
    await waitFor(page, '.patrol-row')
    expect(calls('patrols')[1]).toEqual({ unitId: 'g-3', day: calls('patrols')[0].day })
    expect(text(page, '.patrol-log')).toContain('幸福里第三网格 · 巡查记录')
    page.detach()
  })
})

const streetMe: MeResult = {
  person: { id: 'p-800', name: '钱立', phone: '13800000800' },
  roles: [{ role: 'streetStaff', unitId: 'st-1', unitName: '和平街道', level: 'street' }],
  household: null,
  grid: null,
}

describe('诉求设置', () => {
  test('community staff are offered the community’s half only, and save only it', async () => {
    answer = route({
      'grid.me': () => ok(staffMe),
      'requests.settings': () => ok({ ...settings, editable: { community: true, street: false } }),
      'requests.updateSettings': (p) => ok({ ...settings, urgentHours: p.urgentHours as number }),
    })
    const page = await renderPage(SETTINGS)
    await waitFor(page, '.settings-categories')
    expect(calls('settings')).toEqual([{ unitId: 'co-1' }])
    none(page, '.settings-departments')
    none(page, '.days-card')
    none(page, '.settings-save-street')
    expect(text(page, '.settings-other-half')).toBe('职能部门、节假日和调休上班日由街道设置。')
    expect(count(page, '.category-row')).toBe(REQUEST_CATEGORIES.length)
    // 企业服务 is off there: its limits are not asked for
    none(page, '.category-row--enterprise .category-row__respond')
    await typeInto(page, '.settings-urgent', '3')
    await typeInto(page, '.settings-errand-points', '20')
    await tap(page, '.settings-save-community')
    await eventually(() => expect(calls('updateSettings')).toHaveLength(1))
    const sent = calls('updateSettings')[0]
    expect(Object.keys(sent).sort()).toEqual(
      [
        'autoCloseDays',
        'disabled',
        'errandPoints',
        'limits',
        'reinspectWeeks',
        'scope',
        'unitId',
        'urgentHours',
      ].sort(),
    )
    expect(sent).toMatchObject({
      scope: 'community',
      unitId: 'co-1',
      disabled: ['enterprise'],
      urgentHours: 3,
      errandPoints: 20,
    })
    await eventually(() => expect(text(page, '.settings-message')).toBe('已保存'))
    page.detach()
  })

  test('street staff are offered the street’s half only, and save only it', async () => {
    answer = route({
      'grid.me': () => ok(streetMe),
      'requests.settings': () => ok({ ...settings, editable: { community: false, street: true } }),
      'requests.updateSettings': () => ok({ ...settings, editable: { community: false, street: true } }),
    })
    const page = await renderPage(SETTINGS)
    await waitFor(page, '.settings-departments')
    expect(calls('settings')).toEqual([{ unitId: 'st-1' }])
    none(page, '.settings-categories')
    none(page, '.category-row')
    none(page, '.settings-save-community')
    expect(texts(page, '.days-card .card__title')).toEqual(['节假日', '调休上班日'])
    expect(count(page, '.department-row')).toBe(DEFAULT_DEPARTMENTS.length)
    await typeInto(page, '.department-row__hours', '12')
    await tap(page, '.settings-save-street')
    await eventually(() => expect(calls('updateSettings')).toHaveLength(1))
    const sent = calls('updateSettings')[0]
    expect(Object.keys(sent).sort()).toEqual(['departments', 'holidays', 'scope', 'unitId', 'workdays'])
    expect(sent).toMatchObject({ scope: 'street', unitId: 'st-1', holidays: [], workdays: [] })
    expect((sent.departments as { reportInHours: number }[])[0].reportInHours).toBe(12)
    await eventually(() => expect(text(page, '.settings-message')).toBe('已保存'))
    page.detach()
  })

  test('a half the server does not let the role edit is not offered', async () => {
    answer = route({
      'grid.me': () => ok(streetMe),
      'requests.settings': () => ok(settings),
    })
    const page = await renderPage(SETTINGS)
    await waitFor(page, '.settings-readonly')
    expect(text(page, '.settings-readonly')).toBe('和平街道的诉求设置不由您修改。')
    none(page, '.settings-departments')
    none(page, '.settings-categories')
    page.detach()
  })
})

const figures = (over: Partial<RequestFigures>): RequestFigures => ({ ...zeroFigures(), ...over })

describe('诉求统计', () => {
  const chiefAndStaff: MeResult = { ...chiefMe, roles: [...chiefMe.roles, ...staffMe.roles] }
  const month = (p: Record<string, unknown>) => p.month as string
  const view = (p: Record<string, unknown>): RatesView => {
    thisMonth ||= month(p)
    const grid = p.unitId === 'g-3'
    const f = grid
      ? figures({ reported: 12, responseDue: 10, respondedOnTime: 9, resolved: 6, resolvedOnTime: 5, ended: 7 })
      : figures({ reported: 40, responseDue: 40, respondedOnTime: 38, resolved: 30, resolvedOnTime: 27, ended: 32 })
    const all = {
      ...f,
      openOverdue: grid ? 1 : 2,
      rated: grid ? 4 : 20,
      satisfied: grid ? 2 : 15,
      basic: grid ? 1 : 3,
      unsatisfied: grid ? 1 : 2,
      reopened: grid ? 1 : 3,
      escalated: grid ? 2 : 5,
      struckOff: 1,
    }
    const ratio = (a: number, b: number) => (b ? a / b : null)
    return {
      scope: { unitId: p.unitId as string, departmentId: null, name: grid ? '幸福里第三网格' : '幸福里社区' },
      month: month(p),
      figures: all,
      rates: {
        response: ratio(all.respondedOnTime, all.responseDue),
        resolution: ratio(all.resolved, all.ended + all.openOverdue),
        satisfaction: ratio(all.satisfied + all.basic, all.rated),
        onTime: ratio(all.resolvedOnTime, all.ended + all.openOverdue),
        // the month before has nothing resolved to count reopenings of
        reopen: month(p) === thisMonth ? ratio(all.reopened, all.resolved) : null,
      },
    }
  }
  let thisMonth = ''

  test('a building head, for whose building no rates are kept, is told the page is not for them', async () => {
    answer = route({
      'grid.me': () =>
        ok({ ...chiefMe, roles: [{ role: 'buildingHead', unitId: 'b-5', unitName: '5号楼', level: 'microgrid' }] }),
    })
    const page = await renderPage(RATES)
    await eventually(() => expect(text(page)).toContain('没有诉求统计权限'))
    none(page, '.rates-card')
    expect(calls('rates')).toEqual([])
    page.detach()
  })

  test('the five rates and the counts behind them, for the unit and month chosen', async () => {
    answer = route({ 'grid.me': () => ok(chiefAndStaff), 'requests.rates': (p) => ok(view(p)) })
    const page = await renderPage(RATES)
    await waitFor(page, '.rates-card')
    const [first] = calls('rates')
    expect(first).toEqual({ unitId: 'g-3', month: expect.stringMatching(/^\d{4}-\d\d$/) })
    expect(text(page, '.rates-title')).toBe('幸福里第三网格')
    expect(text(page, '.rates-reported')).toBe('共反映 12 件')
    const values = () => texts(page, '.rate__value')
    const counts = () => texts(page, '.rate__count')
    expect(texts(page, '.rate__name')).toEqual(['响应率', '解决率', '满意率', '按时办结率', '重办率'])
    // 9/10, 6/(7+1), 3/4, 5/(7+1), 1/6
    expect(values()).toEqual(['90%', '75%', '75%', '62.5%', '16.7%'])
    expect(counts()).toEqual([
      '按时响应 / 应响应：9/10',
      '已解决 / 已结束与超时未办：6/8',
      '满意与基本满意 / 已评价：3/4',
      '按时办结 / 已结束与超时未办：5/8',
      '重新办理 / 已解决：1/6',
    ])
    expect(text(page, '.rates-summary')).toContain('未按时处理 1 件')

    // up a level: the community the same person staffs
    await tap(page, '.rq-scope', 1)
    await eventually(() => expect(text(page, '.rates-reported')).toBe('共反映 40 件'))
    expect(calls('rates')[1]).toEqual({ unitId: 'co-1', month: first.month })
    expect(text(page, '.rates-title')).toBe('幸福里社区')
    // 38/40, 30/34, 18/20, 27/34, 3/30
    expect(values()).toEqual(['95%', '88.2%', '90%', '79.4%', '10%'])

    // the month before: asked for by month; a rate with nothing to count says so instead of 0%
    await tap(page, '.rates-month', 1)
    await eventually(() => expect(calls('rates')).toHaveLength(3))
    expect(calls('rates')[2]).toEqual({ unitId: 'co-1', month: expect.not.stringMatching(first.month as string) })
    await eventually(() => expect(text(page, '.rate--reopen .rate__value')).toBe('暂无'))
    expect(text(page, '.rate--reopen .rate__count')).toContain('还没有可计算的诉求')
    page.detach()
  })
})
