/**
 * The weight of each page of the compiled weapp as WeChat's DevTools audit judges it: element nodes, depth, most
 * children under one node, and the setData payloads the page sends (largest, total), measured in miniprogram-simulate
 * over the large grid (emulator/seed/large-grid.ts) served by the real functions (large-cloud.ts, its own process).
 * Each page is weighed after its first screen and again after every list on it was loaded to the end (加载更多 tapped
 * until it is gone) and scrolled back to the top. Used by weight.test.ts (the audit rules) and bench/weapp.ts (the
 * figures). jsdom lays nothing out: wx.createSelectorQuery answers every node as LAYOUT_HEIGHT px tall, so that a
 * chunked list (src/components/ChunkedList.tsx) can tell which of its chunks are near the screen.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import readline from 'node:readline'
import type { SimulatedComponent } from 'miniprogram-simulate'
import { agreedStorage } from './fixtures'
import type { LargeCloudInfo } from './large-cloud'
import simulate from 'miniprogram-simulate'
import { rememberRoute } from './finders'
import { bootApp, count, createWx, DIST, settle, type CloudCall } from './harness'

/** WeChat's audit: fewer nodes than this on a page, at most this many children under one, no setData over this. */
export const AUDIT = { nodes: 1_000, children: 60, setDataBytes: 64 * 1024 } as const
/** The height every node has in the stubbed layout. */
export const LAYOUT_HEIGHT = 600
/** Screen height the stubbed viewport reports. */
const WINDOW_HEIGHT = 667
/** How many 加载更多 a page may need at most (a guard: the largest list is 14 pages). */
const MAX_MORE = 60

export interface Shape {
  nodes: number
  depth: number
  mostChildren: number
}
export interface Weight extends Shape {
  largestSetData: number
  totalSetData: number
  setDataCalls: number
}
export interface PageWeight {
  name: string
  persona: string
  first: Weight
  /** After every list was loaded to the end (and the page scrolled there and back); null when nothing pages. */
  end: Weight | null
  /** The largest setData of one 加载更多 (what an append sends). */
  largestMore: number
  /** How many 加载更多 it took. */
  mores: number
  /** The start of what the page shows at the end (to tell a page that failed from a light one). */
  shows: string
  /** Canvas nodes on the page at the end, and how many times a chart took a canvas's 2d context to draw on. */
  canvases: number
  drawnCharts: number
}

type Persona = keyof LargeCloudInfo['openids']
export interface PagePlan {
  name: string
  route: string
  persona: Persona
  query?: (info: LargeCloudInfo) => Record<string, string>
  /** Taps before the first weighing (e.g. opening a building on the reach page); '.x@1' taps the second match. */
  open?: string[]
  /** Fewer nodes than this on the first screen fails it as not drawn (default 20: a form drew that much). */
  minNodes?: number
  /** 加载更多 buttons: tapped while any is there. */
  more?: string[]
  /** Charts (canvas type="2d") the page draws: each must be there and have been drawn on (its 2d context taken). */
  charts?: number
}

/** Every page of the app that shows data, as the persona who uses it. */
export const PAGES: PagePlan[] = [
  { name: '首页', route: 'pages/grid/home/index', persona: 'resident' },
  { name: '首页', route: 'pages/grid/home/index', persona: 'gridChief' },
  { name: '通知', route: 'pages/notices/list/index', persona: 'resident', more: ['.notices-more'] },
  {
    name: '通知详情',
    route: 'pages/notices/detail/index',
    persona: 'resident',
    query: (i) => ({ id: i.noticeId }),
  },
  { name: '我的', route: 'pages/grid/me/index', persona: 'resident' },
  { name: '楼栋邻里', route: 'pages/grid/neighbours/index', persona: 'resident', more: ['.neighbours-more'] },
  { name: '网格管理', route: 'manage/households/index', persona: 'gridChief', more: ['.households-more'] },
  { name: '审计日志', route: 'manage/audit/index', persona: 'communityStaff', more: ['.audit-more'] },
  { name: '我发布的', route: 'manage/notices/published/index', persona: 'gridChief', more: ['.published-more'] },
  { name: '发布通知', route: 'manage/notices/publish/index', persona: 'gridChief' },
  {
    name: '通知触达, a building opened',
    route: 'manage/notices/reach/index',
    persona: 'gridChief',
    query: (i) => ({ id: i.noticeId, unit: i.gridId }),
    open: ['.reach-building'],
    more: ['.unreached-more', '.reach-rows-more', '.reach-pages__next'],
  },
  // a level at a time: the community's 35 grids a page at a time, then a grid opened (its buildings)
  { name: '组织架构', route: 'manage/org/index', persona: 'communityStaff', more: ['.org-more'] },
  {
    name: '组织架构, a grid opened',
    route: 'manage/org/index',
    persona: 'communityStaff',
    open: ['.org-node@1'],
  },
  { name: '积分', route: 'pages/points/home/index', persona: 'resident' },
  { name: '志愿活动', route: 'points/activities/index', persona: 'resident', more: ['.activities-more'] },
  { name: '积分明细', route: 'points/wallet/index', persona: 'resident', more: ['.points-more__button'] },
  { name: '兑换券', route: 'points/vouchers/index', persona: 'resident', more: ['.points-more__button'] },
  { name: '积分兑换', route: 'points/services/index', persona: 'resident', more: ['.points-more__button'] },
  { name: '服务队', route: 'points/teams/index', persona: 'resident', more: ['.points-more__button'] },
  {
    name: '签到管理',
    route: 'manage/points/attendance/index',
    persona: 'gridChief',
    query: (i) => ({ id: i.activityId }),
    more: ['.points-more__button'],
  },
  // the resident has no hours recorded: the page's totals and its empty list
  { name: '服务记录', route: 'points/record/index', persona: 'resident', minNodes: 10 },
  { name: '活动详情', route: 'points/activity/index', persona: 'resident', query: (i) => ({ id: i.activityId }) },
  { name: '发布活动', route: 'manage/points/post-activity/index', persona: 'gridChief' },
  {
    name: '兑换服务',
    route: 'manage/points/post-service/index',
    persona: 'communityStaff',
    more: ['.points-more__button'],
  },
  { name: '积分调整', route: 'manage/points/adjust/index', persona: 'communityStaff', minNodes: 10 },
  { name: '积分规则', route: 'manage/points/rules/index', persona: 'communityStaff' },
  { name: '新建服务队', route: 'manage/points/create-team/index', persona: 'communityStaff' },
  {
    name: '时长导出',
    route: 'manage/points/export/index',
    persona: 'communityStaff',
    // by service team: staff's 45 teams to pick from
    open: ['.ex-by--team'],
    more: ['.points-more__button'],
  },
  // requests (诉求, issue 11)
  { name: '诉求', route: 'pages/requests/list/index', persona: 'resident', more: ['.requests-mine__more'] },
  { name: '反映诉求', route: 'requests/report/index', persona: 'resident' },
  {
    name: '诉求详情, 151 steps',
    route: 'requests/detail/index',
    persona: 'resident',
    query: (i) => ({ id: i.requestId }),
    more: ['.timeline-more'],
  },
  { name: '诉求待办', route: 'manage/requests/inbox/index', persona: 'gridChief', more: ['.inbox-more'] },
  { name: '巡查台账', route: 'manage/requests/patrol/index', persona: 'gridChief', more: ['.patrol-more'] },
  // the community's grids patrolled today or not, a page of them (the large grid's community has one grid)
  { name: '巡查台账', route: 'manage/requests/patrol/index', persona: 'communityStaff', minNodes: 10 },
  { name: '诉求统计', route: 'manage/requests/rates/index', persona: 'gridChief' },
  { name: '诉求设置', route: 'manage/requests/settings/index', persona: 'communityStaff' },
  // emergency mode (issue 12, sub-package emergency/)
  { name: '首页, in an emergency', route: 'pages/grid/home/index', persona: 'resident' },
  {
    // a card: level, name, scope, start and the pinned instructions
    name: '应急须知',
    route: 'emergency/switch/detail/index',
    persona: 'resident',
    query: (i) => ({ id: i.emergencyId }),
    minNodes: 10,
  },
  { name: '应急状态', route: 'emergency/switch/manage/index', persona: 'communityStaff', more: ['.em-more__button'] },
  { name: '我的应急力量', route: 'emergency/reserve/mine/index', persona: 'resident' },
  { name: '应急力量', route: 'emergency/reserve/manage/index', persona: 'communityStaff', more: ['.em-more__button'] },
  {
    name: '召集详情',
    route: 'emergency/reserve/callup/index',
    persona: 'communityStaff',
    query: (i) => ({ id: i.callUpId }),
    more: ['.em-more__button'],
  },
  { name: '卡口值守', route: 'emergency/duty/checkpoints/index', persona: 'gridChief', more: ['.duty-more'] },
  {
    name: '卡口排班, tomorrow',
    route: 'emergency/duty/roster/index',
    persona: 'gridChief',
    query: (i) => ({ id: i.checkpointId }),
    open: ['.duty-day@1'],
  },
  { name: '我的值守, 30 shifts', route: 'emergency/duty/mine/index', persona: 'resident', more: ['.duty-more'] },
  { name: '值守班次', route: 'emergency/duty/shift/index', persona: 'resident', query: (i) => ({ id: i.shiftId }) },
  // its list shows the first page of the server's (newest first) and no 加载更多: 25 rounds are seeded, 20 drawn
  { name: '错时采样, 25 rounds', route: 'emergency/testing/rounds/index', persona: 'communityStaff' },
  {
    name: '采样覆盖, the grid',
    route: 'emergency/testing/cover/index',
    persona: 'communityStaff',
    // the grid's 8 buildings: one page
    query: (i) => ({ roundId: i.roundId, unitId: i.gridId }),
  },
  {
    name: '采样覆盖, a building',
    route: 'emergency/testing/cover/index',
    persona: 'communityStaff',
    query: (i) => ({ roundId: i.roundId, unitId: i.buildingId }),
    open: ['.coverage-not-done'],
    more: ['.testing-more'],
  },
  { name: '采样点工作台', route: 'emergency/testing/site/index', persona: 'buildingHead' },
  { name: '我的采样时段', route: 'emergency/testing/slot/index', persona: 'resident' },
  // 关爱对象 (四包一): 45 care persons, the resident the 网格员 of every one
  { name: '关爱对象, 45', route: 'emergency/care/list/index', persona: 'gridChief', more: ['.em-more__button'] },
  { name: '我包联的, 45', route: 'emergency/care/mine/index', persona: 'resident' },
  {
    name: '关爱对象详情',
    route: 'emergency/care/person/index',
    persona: 'communityStaff',
    query: (i) => ({ id: i.carePersonId }),
  },
  // 居家隔离: 30 households isolated for 3 days, four tasks a day each; the building head holds 50 of them
  {
    name: '隔离户, 30 households',
    route: 'emergency/isolation/households/index',
    persona: 'gridChief',
    more: ['.em-more__button'],
  },
  {
    name: '隔离服务任务, 50 taken',
    route: 'emergency/isolation/tasks/index',
    persona: 'buildingHead',
    more: ['.iso-held-more', '.em-more__button'],
  },
  // tomorrow (后一天): today's tasks may all be past, depending on the hour the suite runs
  {
    name: '我家的隔离服务, tomorrow',
    route: 'emergency/isolation/home/index',
    persona: 'resident',
    open: ['.iso-day-next'],
  },
  // 战时网格: six in force, 25 stood down, the 130 of the reserve force to lead one
  {
    name: '战时网格, 31 drawn',
    route: 'emergency/microgrid/list/index',
    persona: 'gridChief',
    more: ['.em-more__button'],
  },
  // community staff pick the grid first: the community's 35 grids a page at a time (OrgPicker, 加载更多)
  {
    name: '战时网格, picking among 35 grids',
    route: 'emergency/microgrid/list/index',
    persona: 'communityStaff',
    more: ['.org-picker__more'],
  },
  {
    name: '一个战时网格, 换负责人',
    route: 'emergency/microgrid/detail/index',
    persona: 'gridChief',
    query: (i) => ({ id: i.microGridId }),
    open: ['.microgrid-change'],
    more: ['.em-more__button'],
  },
  // 三长议事 (issue 13, sub-package council/): 66 proposals of the grid, 22 in each tab (征集中 with up to 45
  // supports, every eighth with six photos), a meeting of 10 items in person with 30 members' votes, 25 meetings
  { name: '议事, 征集中', route: 'council/proposals/index', persona: 'resident', more: ['.council-more'] },
  {
    name: '议事, 待议',
    route: 'council/proposals/index',
    persona: 'resident',
    open: ['.council-tab@1'],
    more: ['.council-more'],
  },
  {
    name: '议事, 已决',
    route: 'council/proposals/index',
    persona: 'resident',
    open: ['.council-tab@2'],
    more: ['.council-more'],
  },
  // the chief's: with the threshold's form
  { name: '议事, 征集中', route: 'council/proposals/index', persona: 'gridChief', more: ['.council-more'] },
  // a form: title, text, the photo picker (相似议题 shows 5 at most, once something is typed)
  { name: '发起议题', route: 'council/propose/index', persona: 'resident', minNodes: 10 },
  {
    name: '议题详情, 45 supports, 6 photos',
    route: 'council/proposal/index',
    persona: 'resident',
    query: (i) => ({ id: i.proposalId }),
  },
  {
    name: '议题详情, decided',
    route: 'council/proposal/index',
    persona: 'gridChief',
    query: (i) => ({ id: i.decidedProposalId }),
  },
  {
    name: '议题详情, 20 steps',
    route: 'council/proposal/index',
    persona: 'gridChief',
    query: (i) => ({ id: i.returnedProposalId }),
  },
  {
    name: '议事会, 25 meetings',
    route: 'council/meetings/index',
    persona: 'gridChief',
    more: ['.council-meetings-more'],
  },
  // 召集议事会 opened: the 待议 proposals free for an agenda and whom to invite
  { name: '议事会, 召集议事会', route: 'council/meetings/index', persona: 'gridChief', open: ['.council-call'] },
  {
    // the chair: every item's tally, 现场表决 opened on the first open item (30 members, each one's vote)
    name: '会议详情, 10 items, 现场表决',
    route: 'council/meeting/index',
    persona: 'gridChief',
    query: (i) => ({ id: i.meetingId }),
    open: ['.council-record-open'],
  },
  {
    name: '会议详情, a member',
    route: 'council/meeting/index',
    persona: 'resident',
    query: (i) => ({ id: i.meetingId }),
  },
  // 数据看板 (issue 13 item 3, sub-package dashboard/): the grid; its community of 35 grids and its street of 25
  // communities (test/weapp/large-units.ts), their children paged by 20 (加载更多) and drawn by ChunkedList; the
  // charts are a canvas each (uCharts draws on the stub's no-op context)
  { name: '数据看板, the grid', route: 'dashboard/overview/index', persona: 'gridChief', charts: 1 },
  {
    name: '数据看板, 35 grids',
    route: 'dashboard/overview/index',
    persona: 'communityStaff',
    more: ['.dash-more__button'],
    charts: 2,
  },
  {
    name: '数据看板, 35 grids, 本月',
    route: 'dashboard/overview/index',
    persona: 'communityStaff',
    open: ['.dash-period@1'],
    more: ['.dash-more__button'],
    charts: 2,
  },
  {
    name: '数据看板, 25 communities',
    route: 'dashboard/overview/index',
    persona: 'streetStaff',
    more: ['.dash-more__button'],
    charts: 2,
  },
  // 今日调度 (issue 13 item 4): each part's count and its first few (DISPATCH_ITEMS), the rest as a count
  { name: '今日调度, the grid', route: 'dashboard/dispatch/index', persona: 'gridChief' },
  { name: '今日调度, 35 grids', route: 'dashboard/dispatch/index', persona: 'communityStaff' },
  // 周例会 / 月通报 (issue 13 item 5): the community's reports of a year of weeks and two years of months (paged by
  // 10), and this month's bulletin ranking its 35 grids (红黑榜: the best and worst five of each measure)
  {
    name: '周例会, 52 weeks',
    route: 'dashboard/reports/index',
    persona: 'communityStaff',
    open: ['.rp-tab--week'],
    more: ['.dash-more__button'],
  },
  {
    // the page opens on 月报
    name: '月通报, 24 months',
    route: 'dashboard/reports/index',
    persona: 'communityStaff',
    more: ['.dash-more__button'],
  },
  {
    name: '月通报, 35 grids ranked',
    route: 'dashboard/report/index',
    persona: 'communityStaff',
    query: (i) => ({ id: i.reportId }),
  },
]

/** Pages still being built by their engineers: weigh them here when they land (none now: a route of src/routes.ts
 * neither weighed nor in NOT_WEIGHED fails the suite). */
export const IN_PROGRESS: string[] = []

/**
 * The routes of src/routes.ts not weighed, each with why: none of them shows a list that grows with the grid (or it
 * is not in the weapp at all: the h5 persona picker's route is '' there). weight.test.ts fails when a route is neither weighed nor here.
 */
export const NOT_WEIGHED: Record<string, string> = {
  'pages/join/index': 'the join form an invite opens (a code, the household picked, consent): no list',
  'pages/join/claims/index': "the caller's own claims to a household (one a household, a handful at most)",
  'manage/notices/relay/index':
    "a notice of the district relayed to my grids: the notices to relay (few a day) and my grids (≤ a chief's grids)",
  'manage/poster/index': "one unit's join poster (a QR code and its name)",
  'points/service/index': 'one service with its terms and 兑换 (the places it serves are its few units)',
  'points/voucher/index': 'one voucher with its code',
  'manage/points/verify/index': 'a merchant scans or types one voucher code: a form',
  'manage/points/statement/index':
    "a merchant's month: its redeems are drawn by ChunkedList and paged (20), as 积分明细; not weighed: the large grid has no merchant persona",
}

/** Element nodes under `root`, the deepest nesting, and the most element children of one node. */
export function shapeOf(root: Element): Shape {
  let nodes = 0
  let depth = 0
  let mostChildren = 0
  const walk = (el: Element, d: number): void => {
    nodes++
    depth = Math.max(depth, d)
    const kids = Array.from(el.children)
    mostChildren = Math.max(mostChildren, kids.length)
    for (const k of kids) walk(k, d + 1)
  }
  for (const k of Array.from(root.children)) walk(k, 1)
  return { nodes, depth, mostChildren }
}

const bytes = (data: unknown): number => Buffer.byteLength(JSON.stringify(data), 'utf8')

/** The large grid's cloud, started in its own process; `close` ends it. */
export async function startLargeCloud(): Promise<{ info: LargeCloudInfo; close: () => Promise<void> }> {
  const root = path.resolve(__dirname, '../..')
  const child: ChildProcess = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(__dirname, 'large-cloud.ts')],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  const info = await new Promise<LargeCloudInfo>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! })
    lines.once('line', (line) => resolve(JSON.parse(line) as LargeCloudInfo))
    child.once('exit', (code) => reject(new Error(`the large grid's cloud exited (${code}) before it was ready`)))
  })
  return {
    info,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.stdin!.end()
      }),
  }
}

function post(url: string, body: unknown): Promise<unknown> {
  const data = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}

/**
 * A canvas node of a `canvas type="2d"` as wx's selector query gives it (node: true), for jsdom, which has no canvas:
 * its 2d context takes every call and draws nothing (measureText answers a width by the text's length), so a chart
 * library runs through its drawing and the page is weighed as it is drawn — the chart's pixels are not.
 */
function canvasNode() {
  const set: Record<string | symbol, unknown> = {}
  const context = new Proxy(set, {
    get: (t, k) =>
      k in t
        ? t[k]
        : k === 'then'
          ? undefined
          : (...args: unknown[]) => ({ width: typeof args[0] === 'string' ? args[0].length * 11 : 0 }),
    set: (t, k, v) => ((t[k] = v), true),
  })
  return {
    width: 0,
    height: 0,
    getContext: () => {
      view.contexts++
      return context
    },
  }
}

/** The page being weighed and how far it is scrolled: what the stubbed layout answers from. */
const view: { page?: SimulatedComponent; scrollTop: number; contexts: number } = { scrollTop: 0, contexts: 0 }

/**
 * A stub of wx.createSelectorQuery for jsdom, which lays nothing out: the nodes a selector matches on the page are
 * LAYOUT_HEIGHT px tall each, stacked from the top of the page; the viewport is WINDOW_HEIGHT px, at view.scrollTop.
 */
function selectorQuery() {
  const asked: (() => unknown)[] = []
  const rect = (i: number) => ({
    top: i * LAYOUT_HEIGHT - view.scrollTop,
    bottom: (i + 1) * LAYOUT_HEIGHT - view.scrollTop,
    height: LAYOUT_HEIGHT,
  })
  const q = {
    in: () => q,
    select: (selector: string) => ({
      boundingClientRect: () => (asked.push(() => (view.page?.querySelector(selector) ? rect(0) : null)), q),
      // a canvas type="2d" (数据看板's charts): its node, a canvas whose 2d context draws nothing
      fields: () => (
        asked.push(() =>
          view.page?.querySelector(selector) ? { node: canvasNode(), width: 343, height: LAYOUT_HEIGHT / 3 } : null,
        ),
        q
      ),
    }),
    selectAll: (selector: string) => ({
      boundingClientRect: () => (
        asked.push(() => (view.page?.querySelectorAll(selector) ?? []).map((_, i) => rect(i))),
        q
      ),
    }),
    selectViewport: () => ({
      scrollOffset: () => (asked.push(() => ({ scrollTop: view.scrollTop, scrollLeft: 0 })), q),
    }),
    exec: (cb?: (res: unknown[]) => void) => {
      setTimeout(() => cb?.(asked.map((a) => a())), 0)
    },
  }
  return q
}

/** Boots the compiled app against the large grid's cloud; `as` picks whose openid the next calls carry. */
export function bootLarge(info: LargeCloudInfo) {
  let openid = info.openids.resident
  const base = createWx(() => undefined)
  const wx = {
    ...base,
    getStorageSync: agreedStorage,
    setStorageSync: () => undefined,
    createSelectorQuery: selectorQuery,
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: WINDOW_HEIGHT, pixelRatio: 2 }),
    showShareMenu: () => undefined,
    hideShareMenu: () => undefined,
    setNavigationBarTitle: () => undefined,
    setTabBarBadge: () => undefined,
    removeTabBarBadge: () => undefined,
  }
  base.cloud.callFunction.mockImplementation(async (call: CloudCall) => {
    const body = (await post(`${info.url}/local/call`, { name: call.name, openid, data: call.data })) as {
      result?: unknown
      errMsg?: string
    }
    if (body.result === undefined) throw new Error(`cloud.callFunction:fail ${body.errMsg ?? 'no result'}`)
    return { result: body.result, errMsg: 'cloud.callFunction:ok' }
  })
  bootApp(wx as unknown as ReturnType<typeof createWx>)
  return {
    as(persona: Persona) {
      openid = info.openids[persona]
    },
  }
}

// each page's js runs (calls Page) once in a jest registry: loaded once, rendered as often as needed (as harness.ts)
const loaded = new Map<string, string>()

/**
 * Renders a compiled page as harness.ts renderPage does, but known to the stubbed layout (view.page) from before it
 * is attached: what its first effects ask (a chart's canvas node) is answered from the page being drawn.
 */
async function renderWeighed(route: string, query: Record<string, string> = {}): Promise<SimulatedComponent> {
  const g = globalThis as unknown as Record<string, unknown>
  g.__pageRoute = route
  g.__pageQuery = query
  let id = loaded.get(route)
  if (!id) {
    id = simulate.load(path.join(DIST, route), { rootPath: DIST, compiler: 'official' })
    loaded.set(route, id)
  }
  const page = simulate.render(id)
  rememberRoute(page, route)
  view.page = page
  page.attach(document.createElement('parent-wrapper'))
  await settle()
  return page
}

/** Renders one page as its persona and weighs it first and after loading every row. */
let lastPersona: Persona | undefined

export async function weighPage(plan: PagePlan, info: LargeCloudInfo, as: (p: Persona) => void): Promise<PageWeight> {
  as(plan.persona)
  if (plan.persona !== lastPersona) {
    // another person opens the app: on 首页 first, as in WeChat, so what the app remembers of who it is for (one
    // booted app serves every persona here, and weapp has no persona switch to void it) is theirs, not the last's
    lastPersona = plan.persona
    const home = await renderWeighed('pages/grid/home/index')
    home.detach()
    view.page = undefined
  }
  const g = globalThis as unknown as Record<string, unknown>
  let sent: number[] = []
  g.__wgtOnSetData = (data: unknown) => void sent.push(bytes(data))
  const take = (page: SimulatedComponent): Weight => {
    const w = { ...shapeOf(page.dom), largestSetData: Math.max(0, ...sent), totalSetData: 0, setDataCalls: sent.length }
    w.totalSetData = sent.reduce((a, b) => a + b, 0)
    return w
  }
  let page: SimulatedComponent | undefined
  try {
    view.scrollTop = 0
    view.contexts = 0
    page = await renderWeighed(plan.route, plan.query?.(info) ?? {})
    for (const open of plan.open ?? []) {
      // '.selector@n': the n-th match (from 0), else the first
      const [sel, nth] = open.split('@')
      const el = page.querySelectorAll(sel)[Number(nth ?? 0)]
      if (!el) continue
      el.dispatchEvent('tap')
      await settle()
    }
    const first = take(page)
    let mores = 0
    let largestMore = 0
    const scroll = async (scrollTop: number) => {
      view.scrollTop = scrollTop
      const inst = (page as unknown as { instance: { onPageScroll?: (e: { scrollTop: number }) => void } }).instance
      inst.onPageScroll?.({ scrollTop })
      await settle()
    }
    for (;;) {
      const sel = (plan.more ?? []).find((s) => count(page!, s) > 0)
      if (!sel || mores >= MAX_MORE) break
      const before = sent.length
      page.querySelector(sel)!.dispatchEvent('tap')
      await settle()
      mores++
      largestMore = Math.max(largestMore, ...sent.slice(before))
      // the reader is at the end of what is shown: the page scrolls there
      await scroll(Math.max(0, count(page, '.chunked-list__chunk') - 1) * LAYOUT_HEIGHT)
    }
    let end: Weight | null = null
    if (mores) {
      end = take(page)
      await scroll(0)
      const back = take(page)
      end = {
        ...end,
        nodes: Math.max(end.nodes, back.nodes),
        depth: Math.max(end.depth, back.depth),
        mostChildren: Math.max(end.mostChildren, back.mostChildren),
        largestSetData: back.largestSetData,
        totalSetData: back.totalSetData,
        setDataCalls: back.setDataCalls,
      }
    }
    const shows = (page.dom.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120)
    const canvases = count(page, '.dash-chart__canvas')
    return {
      name: plan.name,
      persona: plan.persona,
      first,
      end,
      largestMore,
      mores,
      shows,
      canvases,
      drawnCharts: view.contexts,
    }
  } finally {
    page?.detach()
    view.page = undefined
    g.__wgtOnSetData = undefined
    sent = []
  }
}

/** Whether a weight keeps the audit rules; the broken ones, in words. */
export function auditBreaks(w: Weight): string[] {
  const out: string[] = []
  if (w.nodes >= AUDIT.nodes) out.push(`${w.nodes} nodes (audit: < ${AUDIT.nodes})`)
  if (w.mostChildren > AUDIT.children) out.push(`${w.mostChildren} children under one node (≤ ${AUDIT.children})`)
  if (w.largestSetData > AUDIT.setDataBytes)
    out.push(`a setData of ${(w.largestSetData / 1024).toFixed(1)} KB (≤ ${AUDIT.setDataBytes / 1024} KB)`)
  return out
}

export const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`
