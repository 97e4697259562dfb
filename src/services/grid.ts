/**
 * The `grid` function as pages see it: who I am (and so which unit 首页 leads with and which leader pages my roles
 * open), the counts of a unit I lead, its households, and 楼栋邻里 of my own building.
 */
import type {
  ActionKey,
  HomeResult,
  HouseholdFilter,
  HouseholdsResult,
  MeResult,
  NeighboursResult,
  OverviewResult,
  RoleView,
} from '../../core/contract'
import { mayEverCall, roleMay } from '../../core/permissions'
import { pageUrl, type RouteName } from '../routes'
import { sessionEpoch } from './session'

export { leadingScope } from '../../core/grid/leading-scope'
import { call } from './transport'

export type {
  HeadView,
  HomeResult,
  HouseholdFilter,
  HouseholdRow,
  HouseholdsResult,
  MeResult,
  MemberView,
  NeighbourView,
  NeighboursResult,
  OverviewResult,
  RoleView,
  UnitRef,
} from '../../core/contract'

/** How long what 首页 loaded (grid.home) still serves 我的 without a call of its own. */
export const FRESH_MS = 30_000

/** One who-am-I call of this session (in flight or answered); a new session (services/session) voids it. */
interface Asked<T> {
  epoch: number
  /** When it was asked (Date.now()): 我的 reuses one younger than FRESH_MS. */
  at: number
  /** The order it was asked in (askedSoFar): the newest answer wins. Not `at`: two asks in one millisecond tie. */
  seq: number
  answer: Promise<T>
  settled: boolean
}

let me: Asked<MeResult> | null = null
let home: Asked<HomeResult> | null = null
/** Waiting for the session's first who-am-I answer (the 通知 badge asks nothing before a screen does). */
let waiters: (() => void)[] = []
/** How many who-am-I calls this app has asked (the last one's seq). */
let asks = 0
export const askedSoFar = (): number => asks

function remember<T>(answer: Promise<T>, forget: (entry: Asked<T>) => void): Asked<T> {
  const entry: Asked<T> = { epoch: sessionEpoch(), at: Date.now(), seq: ++asks, answer, settled: false }
  answer.then(
    () => {
      entry.settled = true
      const ready = waiters
      waiters = []
      for (const resolve of ready) resolve()
    },
    // a failed answer is not remembered: the next knownMe asks again
    () => forget(entry),
  )
  return entry
}

const current = <T>(entry: Asked<T> | null): Asked<T> | null => (entry && entry.epoch === sessionEpoch() ? entry : null)

/** Who I am, asked afresh (grid.me); a call made while one is in flight for this session shares it. */
export function getMe(): Promise<MeResult> {
  const mine = current(me)
  if (mine && !mine.settled) return mine.answer
  me = remember(call('grid', 'me', {}), (entry) => {
    if (me === entry) me = null
  })
  return me.answer
}

/** 首页 in one call (grid.home), asked afresh; a call in flight for this session is shared. What it says of who
 * I am serves knownMe and 我的 too, and its unread count the 通知 badge (services/notices). */
export function getHome(): Promise<HomeResult> {
  const mine = current(home)
  if (mine && !mine.settled) return mine.answer
  home = remember(call('grid', 'home', {}), (entry) => {
    if (home === entry) home = null
  })
  return home.answer
}

const whoOf = ({ unread: _unread, leading: _leading, ...who }: HomeResult): MeResult => who

/** The newest who-am-I of this session, grid.me's or grid.home's, or null when none was asked yet. */
function latestWho(): { at: number; answer: Promise<MeResult> } | null {
  const [m, h] = [current(me), current(home)]
  if (h && (!m || h.seq > m.seq)) return { at: h.at, answer: h.answer.then(whoOf) }
  return m
}

/** Who I am as last asked in this session, asking only when nothing is known yet. */
export const knownMe = (): Promise<MeResult> => latestWho()?.answer ?? getMe()

/** 我的: who I am as 首页 (or another screen) asked it within FRESH_MS, else asked afresh. */
export function recentMe(): Promise<MeResult> {
  const who = latestWho()
  return who && Date.now() - who.at < FRESH_MS ? who.answer : getMe()
}

/** grid.home asked after ask number `since` (askedSoFar) in this session (in flight or answered), for the badge
 * to take its count from. */
export function homeAskedAfter(since: number): { seq: number; answer: Promise<HomeResult> } | null {
  const h = current(home)
  return h && h.seq > since ? h : null
}

/** Resolves once this session has asked who I am and been answered (at once when it already has). */
export function whoKnown(): Promise<void> {
  const who = latestWho()
  if (who)
    return who.answer.then(
      () => undefined,
      () => whoKnown(),
    )
  return new Promise((resolve) => waiters.push(resolve))
}

/** Whether my roles could ever pass `action` (core/permissions): screens skip calls that would be refused. */
export async function mayCall(action: ActionKey): Promise<boolean> {
  const { person, roles } = await knownMe()
  return mayEverCall(
    action,
    roles.map((r) => r.role),
    person !== null,
  )
}

export const getOverview = (unitId: string, cursor?: string): Promise<OverviewResult> =>
  call('grid', 'overview', cursor ? { unitId, cursor } : { unitId })

/** A unit's overview with every child, the pages read one after another (pickers that offer each child unit). */
export async function getOverviewWhole(unitId: string): Promise<OverviewResult> {
  const { nextCursor, ...first } = await getOverview(unitId)
  const children = [...first.children]
  for (let next = nextCursor; next; ) {
    const page = await getOverview(unitId, next)
    children.push(...page.children)
    next = page.nextCursor
  }
  return { ...first, children }
}

/** 网格管理: a page of the households under a grid or micro-grid, members' phones in full (the read is audited). */
export const getHouseholds = (
  unitId: string,
  filter: HouseholdFilter,
  page: number,
  pageSize = 20,
): Promise<HouseholdsResult> => call('grid', 'households', { unitId, filter, page, pageSize })

/** 楼栋邻里: the residents of my own building, rooms and phones masked except my own household's; a page at a time,
 * the first without a cursor, the next with the `nextCursor` of the one before. */
export const getNeighbours = (cursor?: string): Promise<NeighboursResult> =>
  call('grid', 'neighbours', cursor ? { cursor } : {})

// ---- the leader pages (sub-package manage/) my roles open ----

export interface ManageEntry {
  key: RouteName
  title: string
  description: string
  url: string
}

// Each page is opened by the action it cannot work without; read off the permission table, so the buttons shown
// match what the server allows (it checks again on every call).
const ENTRIES: (Omit<ManageEntry, 'url'> & { action: ActionKey })[] = [
  { key: 'households', action: 'join.createInvite', title: '网格管理', description: '住户、待确认入户、邀请居民' },
  { key: 'org', action: 'org.createUnit', title: '组织架构', description: '网格与楼栋、花名册导入导出' },
  { key: 'audit', action: 'privacy.auditLog', title: '审计日志', description: '谁查看了居民的完整信息' },
  { key: 'publish', action: 'notices.publish', title: '发布通知', description: '通知到网格、楼栋，每户收到' },
  { key: 'published', action: 'notices.published', title: '我发布的', description: '已发布的通知与触达情况' },
  { key: 'relay', action: 'notices.relayInbox', title: '转发到本网格群', description: '上级通知，一个声音转到群里' },
  { key: 'requestInbox', action: 'requests.inbox', title: '诉求待办', description: '待受理、处理中、已超时的诉求' },
  { key: 'patrol', action: 'requests.logPatrol', title: '巡查台账', description: '记录巡查，发现问题转为诉求' },
  { key: 'requestRates', action: 'requests.rates', title: '诉求统计', description: '响应率、解决率、满意率' },
  {
    key: 'dashboard',
    action: 'dashboard.overview',
    title: '数据看板',
    description: '通知触达、志愿、积分、诉求、巡查一屏看',
  },
  // 日调度 (H1)
  {
    key: 'dispatch',
    action: 'dashboard.dispatch',
    title: '今日调度',
    description: '超时诉求、未触达住户、缺人班次、未探访',
  },
  { key: 'requestSettings', action: 'requests.updateSettings', title: '诉求设置', description: '类别与时限、职能部门' },
  { key: 'emergencyManage', action: 'emergency.list', title: '应急状态', description: '宣布与结束应急状态、应急记录' },
  { key: 'reserveManage', action: 'emergency.reserve', title: '应急力量', description: '登记的人员、召集与安排岗位' },
  { key: 'testingRounds', action: 'testing.rounds', title: '错时采样', description: '按楼栋排时段、分配各户、看覆盖' },
  {
    key: 'microGrids',
    action: 'emergency.microGrids',
    title: '战时网格',
    description: '把网格划成几块，应急力量临时包干',
  },
  {
    key: 'dutyCheckpoints',
    action: 'duty.createCheckpoint',
    title: '卡口值守',
    description: '卡口、排班、在岗与缺岗提醒',
  },
  { key: 'careList', action: 'care.list', title: '关爱对象', description: '重点人员、四包一与每日探访' },
  {
    key: 'isolationHouseholds',
    action: 'isolation.figures',
    title: '隔离户',
    description: '居家隔离、配送与清运任务、超时提醒',
  },
]

export function manageEntries(roles: RoleView[]): ManageEntry[] {
  return ENTRIES.filter((e) => roles.some((r) => roleMay(e.action, r.role))).map(({ key, title, description }) => ({
    key,
    title,
    description,
    url: pageUrl(key),
  }))
}
