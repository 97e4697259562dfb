/**
 * The `grid` function as pages see it: who I am (and so which unit 首页 leads with and which leader pages my roles
 * open), the counts of a unit I lead, its households, and 楼栋邻里 of my own building.
 */
import type {
  ActionKey,
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

/** The last grid.me of this session (in flight or answered); a new session (services/session) voids it. */
let me: { epoch: number; answer: Promise<MeResult>; settled: boolean } | null = null

/** Who I am, asked afresh; a call made while one is in flight for this session shares it. */
export function getMe(): Promise<MeResult> {
  const epoch = sessionEpoch()
  if (me && me.epoch === epoch && !me.settled) return me.answer
  const entry = { epoch, answer: call('grid', 'me', {}), settled: false }
  me = entry
  entry.answer.then(
    () => (entry.settled = true),
    // a failed answer is not remembered: the next knownMe asks again
    () => {
      if (me === entry) me = null
    },
  )
  return entry.answer
}

/** Who I am as last asked in this session, asking only when nothing is known yet. */
export const knownMe = (): Promise<MeResult> => (me && me.epoch === sessionEpoch() ? me.answer : getMe())

/** Whether my roles could ever pass `action` (core/permissions): screens skip calls that would be refused. */
export async function mayCall(action: ActionKey): Promise<boolean> {
  const { person, roles } = await knownMe()
  return mayEverCall(
    action,
    roles.map((r) => r.role),
    person !== null,
  )
}

export const getOverview = (unitId: string): Promise<OverviewResult> => call('grid', 'overview', { unitId })

/** 网格管理: a page of the households under a grid or micro-grid, members' phones in full (the read is audited). */
export const getHouseholds = (
  unitId: string,
  filter: HouseholdFilter,
  page: number,
  pageSize = 20,
): Promise<HouseholdsResult> => call('grid', 'households', { unitId, filter, page, pageSize })

/** 楼栋邻里: the residents of my own building, rooms and phones masked except my own household's. */
export const getNeighbours = (): Promise<NeighboursResult> => call('grid', 'neighbours', {})

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
]

export function manageEntries(roles: RoleView[]): ManageEntry[] {
  return ENTRIES.filter((e) => roles.some((r) => roleMay(e.action, r.role))).map(({ key, title, description }) => ({
    key,
    title,
    description,
    url: pageUrl(key),
  }))
}
