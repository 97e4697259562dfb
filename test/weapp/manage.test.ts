/**
 * The leader pages (sub-package manage/) in the compiled weapp under miniprogram-simulate: 网格管理 shows
 * households with phones in full and asks for the chosen filter; claims are approved or rejected with a
 * reason; an invite card carries the join page's path; 组织架构 opens a level at a time (counts, tags, 加载更多, a paged move picker) and lists
 * every bad row of a refused roster; 审计日志 shows who saw whose data. wx.cloud.callFunction answers with
 * envelopes shaped by core/contract.
 */
import type {
  AuditEntry,
  ClaimView,
  HouseholdRow,
  HouseholdsResult,
  InviteView,
  OrgTreeResult,
  OrgUnit,
} from '../../core/contract'
import type { SimulatedComponent } from 'miniprogram-simulate'
import { AUDITED_ACTIONS, FALLBACK_AUDIT_LABEL } from '../../core/privacy/audit'
import { fail, ok } from '../../core/envelope'
import { bootApp, count, createWx, renderPage, route, type CloudCall, eventually, tap, text, typeInto } from './harness'
import { chiefMe, staffMe } from './fixtures'

const HOUSEHOLDS = 'manage/households/index'
const ORG = 'manage/org/index'
const AUDIT = 'manage/audit/index'

const community = { id: 'co-1', name: '幸福里社区', level: 'community' as const }

const mg5 = { id: 'mg-5', name: '5号楼', level: 'microgrid' as const }
const household = (n: number): HouseholdRow => ({
  id: `hh-${n}`,
  door: `5栋1单元${100 + n}`,
  microgrid: mg5,
  members: [
    {
      id: `p-${n}`,
      name: n === 1 ? '王秀英' : `住户${n}`,
      phone: `139000${String(n).padStart(5, '0')}`,
      joined: n === 1,
      careFlags: n === 1 ? ['elderlyAlone'] : [],
    },
  ],
  pendingClaims: n === 1 ? 1 : 0,
})
const householdsPage = (page: number, total = 25): HouseholdsResult => {
  const from = page * 20
  const rows = Array.from({ length: Math.max(0, Math.min(20, total - from)) }, (_, i) => household(from + i + 1))
  return { total, page, pageSize: 20, rows }
}

const claim = (id: string, name: string, door: string): ClaimView => ({
  id,
  status: 'pending',
  door,
  household: { id: `hh-${id}`, name: door, level: 'household' },
  name,
  phone: '13612345678',
  createdAt: '2026-11-22T01:00:00.000Z',
})

const invite: InviteView = {
  token: 'tok-12345678',
  kind: 'join',
  unit: { id: 'g-3', name: '幸福里第三网格', level: 'grid' },
  expiresAt: '2026-11-29T01:00:00.000Z',
}

type Handler = (call: CloudCall) => unknown
let answer: Handler = () => ok(chiefMe)
const base = createWx((call) => answer(call))
const wx = {
  ...base,
  setClipboardData: jest.fn(),
  showShareMenu: jest.fn(),
  // 导入: the .xlsx picked from a chat, then uploaded to cloud storage
  // like WeChat's own: callbacks when given, else a promise (Taro passes this one through unwrapped)
  chooseMessageFile: jest.fn((opts: { success?: (r: unknown) => void } = {}) => {
    const res = {
      errMsg: 'chooseMessageFile:ok',
      tempFiles: [{ name: '花名册.xlsx', size: 2048, path: 'wxfile://tmp/roster.xlsx' }],
    }
    opts.success?.(res)
    return Promise.resolve(res)
  }),
  cloud: {
    ...base.cloud,
    uploadFile: jest.fn(async (_: { cloudPath: string; filePath: string }) => ({
      fileID: 'cloud://local.bucket/rosters/co-1/roster.xlsx',
      errMsg: 'cloud.uploadFile:ok',
    })),
  },
}

beforeAll(() => bootApp(wx as unknown as ReturnType<typeof createWx>))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.makePhoneCall.mockClear()
})

const calls = (action: string) =>
  wx.cloud.callFunction.mock.calls
    .map(([c]) => c as CloudCall)
    .filter((c) => c.data.action === action)
    .map((c) => c.data.payload)

const chiefRoutes = (claims: ClaimView[] = []) => ({
  'grid.me': () => ok(chiefMe),
  'grid.households': (p: Record<string, unknown>) => ok(householdsPage(p.page as number)),
  'join.pendingClaims': () => ok(claims),
  'join.decideClaim': (p: Record<string, unknown>) =>
    ok({ ...claims.find((c) => c.id === p.claimId), status: p.approve ? 'approved' : 'rejected' }),
  'join.gridGroups': () => ok([{ groupId: 'G-1001', grid: invite.unit, boundAt: '2026-11-20T08:00:00.000Z' }]),
  'join.createInvite': () => ok(invite),
})

describe('网格管理', () => {
  test('households of the grid with every phone in full; each filter tab asks for its filter', async () => {
    answer = route(chiefRoutes())
    const page = await renderPage(HOUSEHOLDS)

    await eventually(() =>
      expect(calls('households')).toEqual([{ unitId: 'g-3', filter: 'all', page: 0, pageSize: 20 }]),
    )
    await eventually(() => expect(page.querySelectorAll('.household-row')).toHaveLength(20))
    const rows = page.querySelectorAll('.household-row')
    expect(rows[0].dom.textContent).toContain('5栋1单元101')
    const phones = page.querySelectorAll('.member-row__phone').map((p) => p.dom.textContent)
    expect(phones[0]).toBe('13900000001')
    expect(phones.every((p) => /^1\d{10}$/.test(p ?? ''))).toBe(true)
    expect(page.dom.textContent).toContain('独居老人')
    expect(page.dom.textContent).toContain('已加入')
    expect(page.dom.textContent).toContain('未加入')
    expect(page.dom.textContent).toContain('共 25 户')

    // 拨打 calls the member's full number
    await tap(page, '.member-row__call')
    expect(wx.makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13900000001' }))

    // load more asks for the next page and appends it
    await tap(page, '.households-more')
    expect(calls('households').at(-1)).toEqual({ unitId: 'g-3', filter: 'all', page: 1, pageSize: 20 })
    await eventually(() => expect(page.querySelectorAll('.household-row')).toHaveLength(25))

    const tabs = page.querySelectorAll('.filter-tab').map((t) => t.dom.textContent)
    expect(tabs).toEqual(['全部', '未确认', '未触达', '关爱对象'])
    for (const [cls, filter] of [
      ['unconfirmed', 'unconfirmed'],
      ['unreachable', 'unreachable'],
      ['care', 'care'],
      ['all', 'all'],
    ]) {
      await tap(page, `.filter-tab--${cls}`)
      await eventually(() =>
        expect(calls('households').at(-1)).toEqual({ unitId: 'g-3', filter, page: 0, pageSize: 20 }),
      )
      expect(text(page, '.filter-tab--active')).toBe(
        tabs[['all', 'unconfirmed', 'unreachable', 'care'].indexOf(filter)],
      )
    }
    page.detach()
  })

  test('同意 approves a claim; 拒绝 needs a reason and sends it', async () => {
    const claims = [claim('c-1', '赵小燕', '5栋2单元402'), claim('c-2', '钱多多', '5栋3单元301')]
    answer = route(chiefRoutes(claims))
    const page = await renderPage(HOUSEHOLDS)

    await eventually(() => expect(calls('pendingClaims')).toEqual([{ unitId: 'g-3' }]))
    await eventually(() => expect(page.querySelectorAll('.pending-claim')).toHaveLength(2))
    const rows = page.querySelectorAll('.pending-claim')
    expect(rows[0].dom.textContent).toContain('赵小燕')
    expect(rows[0].dom.textContent).toContain('13612345678')

    await tap(page, '.pending-claim__approve', 0)
    expect(calls('decideClaim')).toEqual([{ claimId: 'c-1', approve: true }])
    await eventually(() => expect(page.dom.textContent).toContain('已同意 赵小燕 入户 5栋2单元402'))

    await tap(page, '.pending-claim__reject', 1)
    // no reason yet: nothing is sent, the leader is told why
    await tap(page, '.pending-claim__confirm-reject')
    expect(calls('decideClaim')).toHaveLength(1)
    await eventually(() => expect(page.dom.textContent).toContain('拒绝时请填写原因'))

    await typeInto(page, '.pending-claim__reason', '房号不符，请核对')
    await tap(page, '.pending-claim__confirm-reject')
    expect(calls('decideClaim').at(-1)).toEqual({ claimId: 'c-2', approve: false, reason: '房号不符，请核对' })
    await eventually(() => expect(page.dom.textContent).toContain('已拒绝 钱多多 的申请'))
    page.detach()
  })

  test('邀请居民 creates an invite whose card and share path open the join page with its token', async () => {
    answer = route(chiefRoutes())
    const page = await renderPage(HOUSEHOLDS)

    await tap(page, '.invite-create')
    expect(calls('createInvite')).toEqual([{ unitId: 'g-3' }])
    await eventually(() => expect(text(page, '.invite-card__link')).toBe('/pages/join/index?token=tok-12345678'))
    expect(count(page, '.invite-card__share')).toBe(1)

    // the page's own share handler, as WeChat calls it when the share button is tapped
    const { instance } = page as unknown as { instance: { onShareAppMessage: (res: unknown) => unknown } }
    expect(instance.onShareAppMessage({ from: 'button', target: { dataset: { kind: 'join' } } })).toEqual(
      expect.objectContaining({ path: '/pages/join/index?token=tok-12345678' }),
    )
    // a grid chief also keeps the grid's group chats
    expect(text(page, '.group-row')).toContain('G-1001')
    page.detach()
  })

  test('community staff pick a grid of their community first', async () => {
    answer = route({
      'grid.me': () => ok(staffMe),
      'grid.overview': () =>
        ok({
          unit: { ...community, path: [] },
          households: 2,
          residents: 3,
          heads: [],
          children: [
            { id: 'g-3', name: '第三网格', level: 'grid', households: 1, residents: 2, heads: [] },
            { id: 'g-4', name: '第四网格', level: 'grid', households: 1, residents: 1, heads: [] },
          ],
        }),
      'grid.households': () => ok(householdsPage(0, 1)),
      'join.pendingClaims': () => ok([]),
      'join.gridGroups': () => ok([]),
    })
    const page = await renderPage(HOUSEHOLDS)
    await eventually(() => expect(calls('households')[0]).toEqual(expect.objectContaining({ unitId: 'g-3' })))
    await tap(page, '.unit-chip', 1)
    await eventually(() =>
      expect(calls('households').at(-1)).toEqual(expect.objectContaining({ unitId: 'g-4', filter: 'all' })),
    )
    page.detach()
  })
})

const orgStreet = { id: 'st-1', name: '和平街道', level: 'street' as const }
const orgUnit = (ref: Pick<OrgUnit, 'id' | 'name' | 'level'>, fields: Partial<OrgUnit> = {}): OrgUnit => ({
  ...ref,
  wartime: false,
  retired: false,
  households: 0,
  residents: 0,
  children: 0,
  ...fields,
})
const { children: _count, ...communityOwn } = orgUnit(community, { households: 120, residents: 260 })
/** The community open: its grids, a page of them. */
const communityLevel: OrgTreeResult = {
  unit: { ...communityOwn, path: [orgStreet] },
  children: [
    orgUnit({ id: 'g-3', name: '第三网格', level: 'grid' }, { households: 80, residents: 170, children: 2 }),
    orgUnit({ id: 'g-4', name: '第四网格', level: 'grid' }, { households: 40, residents: 90, children: 3 }),
    orgUnit({ id: 'g-9', name: '旧第九网格', level: 'grid' }, { retired: true }),
  ],
}
/** 第三网格 open: its buildings. */
const gridLevel: OrgTreeResult = {
  unit: {
    id: 'g-3',
    name: '第三网格',
    level: 'grid',
    wartime: false,
    retired: false,
    households: 80,
    residents: 170,
    path: [orgStreet, community],
  },
  children: [
    orgUnit(mg5, { households: 40, residents: 85 }),
    orgUnit({ id: 'mg-w', name: '方舱临时网格', level: 'microgrid' }, { wartime: true }),
  ],
}
const levels = (p: Record<string, unknown>) => ok(p.unitId === 'g-3' ? gridLevel : communityLevel)
const names = (page: SimulatedComponent) => page.querySelectorAll('.org-node__name').map((n) => n.dom.textContent)

describe('组织架构', () => {
  test('opens at the community: it with its counts, and its grids with theirs, 已撤销 marked', async () => {
    answer = route({ 'grid.me': () => ok(staffMe), 'org.tree': levels })
    const page = await renderPage(ORG)
    await eventually(() => expect(calls('tree')).toEqual([{ unitId: 'co-1' }]))
    await eventually(() => expect(names(page)).toEqual(['幸福里社区', '第三网格', '第四网格', '旧第九网格']))
    const nodes = page.querySelectorAll('.org-node')
    expect(nodes[0].dom.textContent).toContain('120 户 · 260 人')
    expect(nodes[1].dom.textContent).toContain('80 户 · 170 人 · 下设 2 个楼栋')
    expect(nodes[3].dom.textContent).toContain('已撤销')
    expect(nodes[1].dom.textContent).not.toContain('已撤销')
    expect(text(page, '.org-children__title')).toBe('下设 3 个网格')
    page.detach()
  })

  test('tapping a grid opens it: its buildings, 战时 marked, and the way back up', async () => {
    answer = route({ 'grid.me': () => ok(staffMe), 'org.tree': levels })
    const page = await renderPage(ORG)
    await eventually(() => expect(names(page)).toHaveLength(4))
    await tap(page, '.org-node', 1)
    await eventually(() => expect(names(page)).toEqual(['第三网格', '5号楼', '方舱临时网格']))
    expect(calls('tree').at(-1)).toEqual({ unitId: 'g-3' })
    expect(page.querySelectorAll('.org-node')[2].dom.textContent).toContain('战时')
    // the crumbs start at the staff member's own community, never the street above it
    expect(text(page, '.org-crumbs--tree')).toContain('幸福里社区')
    expect(text(page, '.org-crumbs--tree')).not.toContain('和平街道')
    await tap(page, '.org-crumb')
    await eventually(() => expect(names(page)).toEqual(['幸福里社区', '第三网格', '第四网格', '旧第九网格']))
    expect(calls('tree').at(-1)).toEqual({ unitId: 'co-1' })
    page.detach()
  })

  test('加载更多 reads the page after the last one shown and adds it below', async () => {
    answer = route({
      'grid.me': () => ok(staffMe),
      'org.tree': (p) =>
        ok(
          p.cursor
            ? { unit: communityLevel.unit, children: [orgUnit({ id: 'g-10', name: '第十网格', level: 'grid' })] }
            : { ...communityLevel, nextCursor: 'co-1/x/g-9' },
        ),
    })
    const page = await renderPage(ORG)
    await eventually(() => expect(text(page, '.org-children__title')).toBe('下设网格，已列出 3 个'))
    await tap(page, '.org-more')
    expect(calls('tree').at(-1)).toEqual({ unitId: 'co-1', cursor: 'co-1/x/g-9' })
    await eventually(() => expect(names(page).at(-1)).toBe('第十网格'))
    expect(page.querySelectorAll('.org-more')).toHaveLength(0)
    page.detach()
  })

  test('a building moves to a grid picked from its community’s grids, a page of them, never the whole tree', async () => {
    answer = route({
      'grid.me': () => ok(staffMe),
      'org.tree': levels,
      'org.moveUnit': () => ok({ moved: 41, people: 85 }),
    })
    const page = await renderPage(ORG)
    await eventually(() => expect(names(page)).toHaveLength(4))
    await tap(page, '.org-node', 1)
    await eventually(() => expect(names(page)).toEqual(['第三网格', '5号楼', '方舱临时网格']))
    expect(page.querySelectorAll('.org-node__level').map((n) => n.dom.textContent)).toEqual(['网格', '楼栋', '楼栋'])
    // a building has nothing to open: tapping it shows what can be done with it
    await tap(page, '.org-node', 1)
    await tap(page, '.org-action--move')
    expect(page.dom.textContent).not.toContain('微网格')
    await eventually(() => expect(page.querySelectorAll('.org-move-target')).toHaveLength(2))
    expect(calls('tree').at(-1)).toEqual({ unitId: 'co-1' })
    // its own grid is where it is; the retired grid is not offered
    expect(text(page, '.org-move-target--here')).toContain('第三网格')
    expect(page.dom.textContent).not.toContain('旧第九网格')
    await tap(page, '.org-move-target', 1)
    expect(calls('moveUnit')).toEqual([{ unitId: 'mg-5', newParentId: 'g-4' }])
    await eventually(() => expect(page.dom.textContent).toContain('已移动到 第四网格（41 个单位，85 人）'))
    page.detach()
  })

  test('street staff move a building to a grid of another community, opening it from the street in the picker', async () => {
    const streetMe = {
      ...staffMe,
      roles: [{ role: 'streetStaff' as const, unitId: 'st-1', unitName: '和平街道', level: 'street' as const }],
    }
    const other = { id: 'co-2', name: '春晖社区', level: 'community' as const }
    const { children: _n, ...streetOwn } = orgUnit(orgStreet)
    const byUnit: Record<string, OrgTreeResult> = {
      'st-1': {
        unit: { ...streetOwn, path: [] },
        children: [orgUnit(community, { children: 3 }), orgUnit(other, { children: 1 })],
      },
      'co-2': {
        unit: { ...communityOwn, ...other, path: [orgStreet] },
        children: [orgUnit({ id: 'g-21', name: '春晖第1网格', level: 'grid' })],
      },
    }
    answer = route({
      'grid.me': () => ok(streetMe),
      'org.tree': (p) => (byUnit[p.unitId as string] ? ok(byUnit[p.unitId as string]) : levels(p)),
      'org.moveUnit': () => ok({ moved: 41, people: 85 }),
    })
    const page = await renderPage(ORG)
    await eventually(() => expect(names(page)).toEqual(['和平街道', '幸福里社区', '春晖社区']))
    await tap(page, '.org-node', 1)
    await eventually(() => expect(names(page)).toHaveLength(4))
    await tap(page, '.org-node', 1)
    await eventually(() => expect(names(page)).toEqual(['第三网格', '5号楼', '方舱临时网格']))
    await tap(page, '.org-node', 1)
    await tap(page, '.org-action--move')
    // the picker opens at the building's community, a crumb up to the street
    await eventually(() => expect(page.querySelectorAll('.org-move-target')).toHaveLength(2))
    await tap(page, '.org-crumbs--picker .org-crumb')
    await eventually(() => expect(page.querySelectorAll('.org-move-open')).toHaveLength(2))
    expect(calls('tree').at(-1)).toEqual({ unitId: 'st-1' })
    await tap(page, '.org-move-open', 1)
    await eventually(() => expect(text(page, '.org-move-target')).toContain('春晖第1网格'))
    await tap(page, '.org-move-target')
    expect(calls('moveUnit')).toEqual([{ unitId: 'mg-5', newParentId: 'g-21' }])
    await eventually(() => expect(page.dom.textContent).toContain('已移动到 春晖第1网格'))
    page.detach()
  })

  test('a name already in use is refused as taken, beside the form', async () => {
    answer = route({
      'grid.me': () => ok(staffMe),
      'org.tree': levels,
      'org.createUnit': () => fail('NAME_TAKEN', '已有名为“5号楼”的楼栋'),
    })
    const page = await renderPage(ORG)
    await eventually(() => expect(names(page)).toHaveLength(4))
    await tap(page, '.org-node__act', 1)
    await tap(page, '.org-action--create')
    await typeInto(page, '.org-form__name', '5号楼')
    await tap(page, '.org-form__submit')
    await eventually(() => expect(page.dom.textContent).toContain('这个名称已被使用，请换一个：已有名为“5号楼”的楼栋'))
    expect(page.dom.textContent).not.toContain('格式不对')
    page.detach()
  })

  test('撤销 refused with UNIT_NOT_EMPTY says so beside the unit', async () => {
    answer = route({
      'grid.me': () => ok(staffMe),
      'org.tree': levels,
      'org.retireUnit': () => fail('UNIT_NOT_EMPTY'),
    })
    const page = await renderPage(ORG)
    await eventually(() => expect(names(page)).toHaveLength(4))
    // the community itself is the staff member's own: it cannot be retired from here
    await tap(page, '.org-node__act', 0)
    expect(page.querySelectorAll('.org-action--retire')).toHaveLength(0)
    await tap(page, '.org-node__act', 1)
    await tap(page, '.org-action--retire')
    await tap(page, '.org-form__retire')
    expect(calls('retireUnit')).toEqual([{ unitId: 'g-3' }])
    await eventually(() => expect(text(page, '.org-actions__error')).toContain('不能撤销'))
    page.detach()
  })

  test('新建 a wartime building under a grid sends its name, level and the switch', async () => {
    answer = route({
      'grid.me': () => ok(staffMe),
      'org.tree': levels,
      'org.createUnit': (p) => ok({ id: 'mg-new', name: p.name, level: 'microgrid', path: '/st-1/co-1/g-3/mg-new/' }),
    })
    const page = await renderPage(ORG)
    await eventually(() => expect(names(page)).toHaveLength(4))
    await tap(page, '.org-node__act', 1)
    await tap(page, '.org-action--create')
    await typeInto(page, '.org-form__name', '7号楼')
    await tap(page, '.org-form__wartime')
    await tap(page, '.org-form__submit')
    expect(calls('createUnit')).toEqual([{ parentId: 'g-3', name: '7号楼', level: 'microgrid', wartime: true }])
    await eventually(() => expect(page.dom.textContent).toContain('已新建 7号楼'))
    page.detach()
  })
})

/** files.reserve for a roster: the staff member's own path under uploads/roster/ (deleted a day later). */
const ROSTER_PATH = 'uploads/roster/0123456789abcdef/aaaaaaaaaaaaaaaaaaaaaaaa.xlsx'
const reserveRoster = () => ok({ uploads: [{ cloudPath: ROSTER_PATH, maxBytes: 5 * 1024 * 1024 }] })

describe('花名册', () => {
  test('an import refused with ROSTER_INVALID lists every bad row; a good one shows what was imported', async () => {
    const issues = [
      { row: 3, field: '楼栋', reason: '没有这个楼栋：9号楼' },
      { row: 7, field: '手机号', reason: '手机号应为 11 位数字' },
      { row: 12, field: '房号', reason: '与第 5 行重复' },
    ]
    let refuse = true
    answer = route({
      'grid.me': () => ok(staffMe),
      'org.tree': levels,
      'files.reserve': reserveRoster,
      'org.importRoster': () =>
        refuse
          ? fail('ROSTER_INVALID', `共 ${issues.length} 处问题`, issues)
          : ok({ grids: 2, buildings: 6, households: 600, residents: 1200, heads: 14 }),
    })
    const page = await renderPage(ORG)
    await tap(page, '.roster-import')

    await eventually(() => expect(page.querySelectorAll('.roster-issue')).toHaveLength(3))
    expect(wx.chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ count: 1, extension: ['xlsx'] }))
    expect(wx.cloud.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: 'wxfile://tmp/roster.xlsx',
        cloudPath: ROSTER_PATH,
      }),
    )
    expect(calls('reserve')).toEqual([{ purpose: 'roster', exts: ['xlsx'] }])
    expect(calls('importRoster')).toEqual([
      { communityId: 'co-1', fileID: 'cloud://local.bucket/rosters/co-1/roster.xlsx' },
    ])
    expect(text(page, '.roster-issues__message')).toBe('表格中有错误，未导入任何数据：共 3 处问题')
    expect(page.dom.textContent?.match(/共 \d+ 处/g)).toEqual(['共 3 处'])
    expect(page.querySelectorAll('.roster-issue').map((i) => i.dom.textContent)).toEqual([
      '第3行 楼栋：没有这个楼栋：9号楼',
      '第7行 手机号：手机号应为 11 位数字',
      '第12行 房号：与第 5 行重复',
    ])

    refuse = false
    await tap(page, '.roster-import')
    expect(page.querySelectorAll('.roster-issue')).toHaveLength(0)
    expect(page.querySelectorAll('.roster-issues__message')).toHaveLength(0)
    await eventually(() => expect(text(page, '.roster-result')).toContain('住户 600 户'))
    // the tree is reloaded to show what came in
    expect(calls('tree')).toHaveLength(2)
    page.detach()
  })
})

test('a file that is not a roster is named once, not again as a list of one', async () => {
  const reason = '第一张工作表不是花名册，请使用花名册模板'
  answer = route({
    'grid.me': () => ok(staffMe),
    'org.tree': levels,
    'files.reserve': reserveRoster,
    'org.importRoster': () => fail('ROSTER_INVALID', reason, [{ reason }]),
  })
  const page = await renderPage(ORG)
  await tap(page, '.roster-import')
  await eventually(() => expect(text(page, '.roster-issues__message')).toBe(`表格中有错误，未导入任何数据：${reason}`))
  expect(page.dom.textContent?.split(reason)).toHaveLength(2)
  expect(page.querySelectorAll('.roster-issue')).toHaveLength(0)
  page.detach()
})

describe('审计日志', () => {
  test('shows when, who, what and whose data, and pages on', async () => {
    const entry = (n: number): AuditEntry => ({
      _id: `a-${n}`,
      actorId: 'p-101',
      actorName: '李建国',
      action: 'grid.households',
      unitId: 'g-3',
      unitPath: '/st-1/co-1/g-3/',
      at: '2026-11-22T02:05:00.000Z',
      subjects: [
        { id: 'p-1', name: '王秀英' },
        { id: 'p-2', name: '刘德明' },
      ],
    })
    answer = route({
      'grid.me': () => ok(staffMe),
      'privacy.auditLog': (p) => {
        const from = (p.page as number) * 20
        const rows = Array.from({ length: Math.min(20, 23 - from) }, (_, i) => entry(from + i))
        return ok({ total: 23, page: p.page, pageSize: 20, rows })
      },
    })
    const page = await renderPage(AUDIT)
    await eventually(() => expect(calls('auditLog')).toEqual([{ unitId: 'co-1', page: 0, pageSize: 20 }]))
    await eventually(() => expect(page.querySelectorAll('.audit-row')).toHaveLength(20))
    const rows = page.querySelectorAll('.audit-row')
    const text = rows[0].dom.textContent ?? ''
    expect(text).toContain('李建国')
    expect(text).toContain('查看住户名单')
    expect(text).toContain('王秀英、刘德明')
    expect(text).toMatch(/2026-11-22 \d\d:05/)
    await tap(page, '.audit-more')
    expect(calls('auditLog').at(-1)).toEqual({ unitId: 'co-1', page: 1, pageSize: 20 })
    await eventually(() => expect(page.querySelectorAll('.audit-row')).toHaveLength(23))
    page.detach()
  })

  test('names every audited action in Chinese, never by its code', async () => {
    const actions = [...Object.keys(AUDITED_ACTIONS), 'grid.someFutureRead']
    const rows: AuditEntry[] = actions.map((action, n) => ({
      _id: `a-${n}`,
      actorId: 'p-101',
      actorName: '李建国',
      action,
      unitId: 'g-3',
      unitPath: '/st-1/co-1/g-3/',
      at: '2026-11-22T02:05:00.000Z',
      subjects: [{ id: 'p-1', name: '王秀英' }],
    }))
    answer = route({
      'grid.me': () => ok(staffMe),
      'privacy.auditLog': () => ok({ total: rows.length, page: 0, pageSize: 20, rows }),
    })
    const page = await renderPage(AUDIT)
    await eventually(() => expect(page.querySelectorAll('.audit-row')).toHaveLength(rows.length))
    const shown = page.querySelectorAll('.audit-row__action').map((r) => r.dom.textContent ?? '')
    expect(shown).toEqual([...Object.values(AUDITED_ACTIONS), FALLBACK_AUDIT_LABEL])
    expect(page.dom.textContent).not.toMatch(/[a-z]+\.[a-zA-Z]+/)
    page.detach()
  })
})
