/**
 * What the 卡口值守 pages share: the roles that keep checkpoints (core/permissions.ts DUTY_KEEPERS, narrowest first),
 * Beijing days and clock times (shifts are set in 北京时间 whatever the phone's zone), and a shift's plain-word label.
 */
import { beijingClock, beijingDay as beijingDayOf, DAY_MS, monthDay } from '../../../core/beijing-time'
import { DUTY_KEEPERS } from '../../../core/permissions'
import { ROLE_LABELS, type Role } from '../../../core/roles'
import type { RoleView } from '../../services/grid'

export interface DutyScope {
  role: Role
  unitId: string
  name: string
  key: string
}

const ORDER: Role[] = ['gridChief', 'partyLeader', 'communityStaff', 'streetStaff']

/** The caller's keeper roles as scopes (empty: a resident or volunteer). */
export const keeperScopes = (roles: readonly RoleView[]): DutyScope[] =>
  roles
    .filter((r) => DUTY_KEEPERS.includes(r.role))
    .sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role))
    .map((r) => ({
      role: r.role,
      unitId: r.unitId,
      name: `${r.unitName} · ${ROLE_LABELS[r.role]}`,
      key: `${r.role}-${r.unitId}`,
    }))

/** The Beijing day (YYYY-MM-DD) `offset` days from now. */
export const beijingDay = (offset = 0, now = Date.now()): string => beijingDayOf(now + offset * DAY_MS)

/** 12月3日 (a Beijing day), 08:00 (北京时间), 12月3日 08:00 */
export { monthDay as dayLabel, beijingClock as clock, monthDayTime as dayClock } from '../../../core/beijing-time'

/** 08:00–16:00, or 16:00–次日00:00 when it ends the next day. */
export function shiftSpan(s: { startAt: string; endAt: string }): string {
  const next = beijingDayOf(s.endAt) !== beijingDayOf(s.startAt)
  return `${beijingClock(s.startAt)}–${next ? '次日' : ''}${beijingClock(s.endAt)}`
}

/** 12月3日 08:00–16:00 */
export const shiftWhen = (s: { startAt: string; endAt: string }): string =>
  `${monthDay(beijingDayOf(s.startAt))} ${shiftSpan(s)}`
