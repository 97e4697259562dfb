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
} as const

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
]

export function manageEntries(roles: RoleView[]): ManageEntry[] {
  return ENTRIES.filter((e) => roles.some((r) => roleMay(e.action, r.role))).map(({ key, title, description }) => ({
    key,
    title,
    description,
    url: MANAGE_PAGES[key],
  }))
}
