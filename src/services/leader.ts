/**
 * Which leader pages (sub-package `manage/`) a person's roles open, read off the permission table so the
 * buttons shown match what the server allows (it checks again on every call).
 */
import type { ActionKey } from '../../core/contract'
import { PERMISSIONS } from '../../core/permissions'
import type { Role } from '../../core/roles'
import type { RoleView } from './grid'

export const MANAGE_PAGES = {
  households: '/manage/households/index',
  org: '/manage/org/index',
  audit: '/manage/audit/index',
  publish: '/manage/notices/publish/index',
  published: '/manage/notices/mine/index',
  relay: '/manage/notices/relay/index',
} as const

/** 通知触达 of a notice under a unit (a grid, a building, or the community). */
export const reachPage = (noticeId: string, unitId: string): string =>
  `/manage/notices/reach/index?id=${encodeURIComponent(noticeId)}&unit=${encodeURIComponent(unitId)}`

/** Whether a role may call an action somewhere (scope is checked by the server). */
export function roleMay(action: ActionKey, role: Role): boolean {
  const p = PERMISSIONS[action]
  return p.who === 'anyone' || p.who === 'registered' || p.who.includes(role)
}

export interface ManageEntry {
  key: keyof typeof MANAGE_PAGES
  title: string
  description: string
  url: string
}

// Each page is opened by the action it cannot work without.
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
    url: MANAGE_PAGES[key],
  }))
}
