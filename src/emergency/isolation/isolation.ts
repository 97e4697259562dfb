/**
 * What the 居家隔离户 pages share: who keeps isolations and who reads the figures (core/permissions.ts, narrowest
 * first), the times offered for each kind of service, and a task's plain-word lines.
 */
import { beijingDay as beijingDayOf } from '../../../core/beijing-time'
import { ISOLATION_KEEPERS, ISOLATION_LEADERS } from '../../../core/permissions'
import { ROLE_LABELS, type Role } from '../../../core/roles'
import type { RoleView } from '../../services/grid'
import { ISOLATION_KIND_LABELS, type IsolationTaskRow } from '../../services/isolation'
import { clock, dayClock, dayLabel } from '../duty/duty'

export { beijingDay, clock, dayClock, dayLabel } from '../duty/duty'

export interface IsolationScope {
  role: Role
  unitId: string
  name: string
  key: string
  /** may mark and end (not only read) */
  keeps: boolean
}

const ORDER: Role[] = ['gridChief', 'partyLeader', 'communityStaff', 'streetStaff']

export const leaderScopes = (roles: readonly RoleView[]): IsolationScope[] =>
  roles
    .filter((r) => ISOLATION_LEADERS.includes(r.role))
    .sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role))
    .map((r) => ({
      role: r.role,
      unitId: r.unitId,
      name: `${r.unitName} · ${ROLE_LABELS[r.role]}`,
      key: `${r.role}-${r.unitId}`,
      keeps: ISOLATION_KEEPERS.includes(r.role),
    }))

/** The times a form offers (北京时间). */
export const SUPPLY_TIMES = ['08:00', '10:00', '12:00', '15:00', '18:00'] as const
export const GARBAGE_TIMES = ['07:00', '09:00', '13:00', '17:00', '20:00'] as const

/** 物资配送 · 10:00 (on a page of one day) */
export const slotTitle = (t: IsolationTaskRow): string => `${ISOLATION_KIND_LABELS[t.kind]} · ${t.slot}`

/** 物资配送 · 12月3日 10:00 */
export const taskTitle = (t: IsolationTaskRow): string =>
  `${ISOLATION_KIND_LABELS[t.kind]} · ${dayLabel(t.day)} ${t.slot}`

/** 已领取：王芳 · 已完成 10:32 … what a task's state says in words. */
export function taskLine(t: IsolationTaskRow): string {
  if (t.state === 'done') {
    const at = t.doneAt ? (beijingDayOf(t.doneAt) === t.day ? clock(t.doneAt) : dayClock(t.doneAt)) : ''
    return `已完成 ${at}${t.holderName && !t.mine ? ` · ${t.holderName}` : ''}`
  }
  if (t.state === 'claimed')
    return `${t.mine ? '我已领取' : `已领取 · ${t.holderName ?? ''}`}${t.overdue ? ' · 已超时' : ''}`
  if (t.state === 'cancelled') return '已取消'
  return t.overdue ? '待领取 · 已超时' : '待领取'
}
