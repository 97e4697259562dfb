/** Which of a person's roles the volunteer-points leader and merchant pages work as (the server checks each call). */
import { ADJUSTERS, ORGANISERS, PROVIDERS } from '../../../core/permissions'
import type { Role } from '../../../core/roles'
import type { RoleView } from '../../services/grid'

const narrowest = (roles: RoleView[], allowed: readonly Role[], order: Role[]): RoleView | null =>
  roles.filter((r) => allowed.includes(r.role)).sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))[0] ?? null

/** 发布志愿活动: the narrowest organiser role (a grid's chief or party leader before the community). */
export const organiserScope = (roles: RoleView[]): RoleView | null =>
  narrowest(roles, ORGANISERS, ['gridChief', 'partyLeader', 'communityStaff'])

/** 调整积分: the narrowest role that may grant or deduct. */
export const adjusterScope = (roles: RoleView[]): RoleView | null =>
  narrowest(roles, ADJUSTERS, ['gridChief', 'partyLeader', 'communityStaff', 'streetStaff'])

/** 发布兑换, 核销, 对账: a merchant (as their shop) before community staff (as the community). */
export const providerScope = (roles: RoleView[]): RoleView | null =>
  narrowest(roles, PROVIDERS, ['merchant', 'communityStaff'])

/** 签到管理: anyone signed in may open it; the server answers only the activity's organisers (a team's leader
 * holds no role of their own). */
export const anyScope = (roles: RoleView[]): RoleView[] => roles

/** 积分规则, 导出时长: community staff, over their community (street staff reach the same calls, by community). */
export const communityStaffScope = (roles: RoleView[]): RoleView | null =>
  narrowest(roles, ['communityStaff'], ['communityStaff'])

/** 新建服务队: a grid chief for their grid before community staff for the community (points.createTeam). */
export const teamCreatorScope = (roles: RoleView[]): RoleView | null =>
  narrowest(roles, ['gridChief', 'communityStaff'], ['gridChief', 'communityStaff'])
