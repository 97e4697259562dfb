/**
 * Which of a person's roles the requests leader pages work as (the server checks each call): every role that
 * handles requests (the three heads, community and street staff, a street's department), narrowest first; a person
 * holding several picks one on the page. A department role asks by its street (unitId) and its departmentId.
 */
import { beijingAt, beijingToday } from '../../../core/beijing-time'
import { DEFAULT_DEPARTMENTS, REQUEST_LEVEL_LABELS, type RequestLevel } from '../../../core/contract'
import { PATROLLERS, REQUEST_HANDLERS, STAFF_ROLES } from '../../../core/permissions'
import type { Role } from '../../../core/roles'
import type { RoleView } from '../../services/grid'

export interface RequestScope {
  role: Role
  /** the unit the role is held over (a department: its street) */
  unitId: string
  departmentId?: string
  /** the level of requests this role owns */
  level: RequestLevel
  /** 幸福里第三网格, 城管 · 和平街道 */
  name: string
  /** a stable key for chips and remounts */
  key: string
}

const ORDER: Role[] = ['gridChief', 'partyLeader', 'buildingHead', 'communityStaff', 'streetStaff', 'department']

const LEVEL_OF: Partial<Record<Role, RequestLevel>> = {
  gridChief: 'grid',
  partyLeader: 'grid',
  buildingHead: 'grid',
  communityStaff: 'community',
  streetStaff: 'street',
  department: 'department',
}

/** A department's name from the street's defaults (the row of a request names its department itself). */
export const departmentName = (id: string | undefined): string =>
  DEFAULT_DEPARTMENTS.find((d) => d.id === id)?.name ?? '职能部门'

function toScope(r: RoleView): RequestScope | null {
  const level = LEVEL_OF[r.role]
  if (!level) return null
  if (r.role === 'department') {
    if (!r.departmentId) return null
    return {
      role: r.role,
      unitId: r.unitId,
      departmentId: r.departmentId,
      level,
      name: `${departmentName(r.departmentId)} · ${r.unitName}`,
      key: `department-${r.unitId}-${r.departmentId}`,
    }
  }
  return { role: r.role, unitId: r.unitId, level, name: r.unitName, key: `${r.role}-${r.unitId}` }
}

/** The roles among `allowed` as request scopes, narrowest first; null (no access) when there is none. */
function scopesOf(roles: RoleView[], allowed: readonly Role[]): RequestScope[] | null {
  const fit = roles
    .filter((r) => allowed.includes(r.role))
    .sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role))
    .map(toScope)
    .filter((s): s is RequestScope => s !== null)
  return fit.length ? fit : null
}

/** 诉求待办, 诉求统计: every role that handles requests. */
export const handlerScopes = (roles: RoleView[]): RequestScope[] | null => scopesOf(roles, REQUEST_HANDLERS)

/** 诉求统计: the handlers but a 楼栋长, whose grant is over a building; counters are kept for grids, communities,
 * streets and departments only, and requests.rates refuses a building head every one of them. */
const RATE_READERS = REQUEST_HANDLERS.filter((r) => r !== 'buildingHead')
export const rateScopes = (roles: RoleView[]): RequestScope[] | null => scopesOf(roles, RATE_READERS)

/** 巡查台账: who logs patrols (a grid's chief and party leader) and community staff (which grids were patrolled). */
export const patrolScopes = (roles: RoleView[]): RequestScope[] | null => scopesOf(roles, PATROLLERS)

/** 诉求设置: community staff (categories, limits) and street staff (departments, holidays). */
export const settingsScopes = (roles: RoleView[]): RequestScope[] | null => scopesOf(roles, STAFF_ROLES)

/** How a level reads from where the viewer stands: 本网格, 网格处理, 已上报街道, 已派部门. */
export function levelFromHere(level: RequestLevel, mine: RequestLevel): string {
  if (level === mine) return `本${REQUEST_LEVEL_LABELS[level]}`
  if (level === 'department') return '已派部门'
  const order: RequestLevel[] = ['grid', 'community', 'street']
  return order.indexOf(level) < order.indexOf(mine)
    ? `${REQUEST_LEVEL_LABELS[level]}处理`
    : `已上报${REQUEST_LEVEL_LABELS[level]}`
}

/** Patrols are kept by Beijing day and months by Beijing month, so their days, times and months read in Beijing too
 * (a phone set to another zone would otherwise show a morning patrol of 今天 at 22:30): core/beijing-time.ts. */
export { beijingClock, beijingToday, recentMonths } from '../../../core/beijing-time'

/** Today in Beijing at HH:MM, Beijing time. */
export const beijingTodayAt = (hhmm: string, now: Date = new Date()): Date => beijingAt(beijingToday(now), hhmm)

/** 2026年12月 */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5))}月`

/** How long ago: 刚刚, 5 分钟前, 3 小时前, 2 天前. */
export function ageText(iso: string, now: number = Date.now()): string {
  const ms = now - new Date(iso).getTime()
  if (!(ms >= 60_000)) return '刚刚'
  if (ms < 3600_000) return `${Math.floor(ms / 60_000)} 分钟前`
  if (ms < 86_400_000) return `${Math.floor(ms / 3600_000)} 小时前`
  return `${Math.floor(ms / 86_400_000)} 天前`
}
