/**
 * What the 卡口值守 pages share: the roles that keep checkpoints (core/permissions.ts DUTY_KEEPERS, narrowest first),
 * Beijing days and clock times (shifts are set in 北京时间 whatever the phone's zone), and a shift's plain-word label.
 */
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

const BEIJING = 8 * 3_600_000
const DAY = 24 * 3_600_000
const two = (n: number) => String(n).padStart(2, '0')
const beijing = (at: Date | string) => new Date(+new Date(at) + BEIJING)

/** The Beijing day (YYYY-MM-DD) `offset` days from now. */
export const beijingDay = (offset = 0, now = Date.now()): string =>
  new Date(now + BEIJING + offset * DAY).toISOString().slice(0, 10)

/** 12月3日 */
export const dayLabel = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** 08:00 (北京时间) */
export const clock = (iso: string): string => {
  const b = beijing(iso)
  return `${two(b.getUTCHours())}:${two(b.getUTCMinutes())}`
}

/** 12月3日 08:00 */
export const dayClock = (iso: string): string => `${dayLabel(beijing(iso).toISOString().slice(0, 10))} ${clock(iso)}`

/** 08:00–16:00, or 16:00–次日00:00 when it ends the next day. */
export function shiftSpan(s: { startAt: string; endAt: string }): string {
  const next = beijing(s.endAt).toISOString().slice(0, 10) !== beijing(s.startAt).toISOString().slice(0, 10)
  return `${clock(s.startAt)}–${next ? '次日' : ''}${clock(s.endAt)}`
}

/** 12月3日 08:00–16:00 */
export const shiftWhen = (s: { startAt: string; endAt: string }): string =>
  `${dayLabel(beijing(s.startAt).toISOString().slice(0, 10))} ${shiftSpan(s)}`
