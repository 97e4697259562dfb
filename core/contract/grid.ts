/** The `grid` function: who the caller is, and the grid they belong to or lead. */
import { z } from 'zod'
import type { EmergencyView } from './emergency'
import type { CareFlag } from '../model'
import type { Level } from '../units'
import type { Role } from '../roles'
import { childCursor, unitId } from './fields'

/** Children of a unit per page of grid.overview (and of 首页's overview card). */
export const OVERVIEW_PAGE = 20

export const HOUSEHOLD_FILTERS = ['all', 'unconfirmed', 'unreachable', 'care'] as const
export type HouseholdFilter = (typeof HOUSEHOLD_FILTERS)[number]

export const gridPayloads = {
  /** The signed-in person, their household, grid and three heads. The top-level `group` field (a CloudID
   * of the group chat the app was opened from, if any) lets a not-yet-joined visitor see that group's grid. */
  me: z.object({}).strict(),
  /** 首页 in one call: everything `me` returns, the unread notices of the caller's home, and for a leader the
   * overview of their leading scope (core/grid/leading-scope.ts). Reads the `group` field as `me` does. */
  home: z.object({}).strict(),
  /** Counts and heads of a unit and of one page of its children (after `cursor`, a `nextCursor` of before), for
   * the leaders whose scope contains it. */
  overview: z.object({ unitId, cursor: childCursor.optional() }).strict(),
  /** 网格管理: households under a grid or micro-grid, paged, with members' phones in full (audited). */
  households: z
    .object({
      unitId,
      filter: z.enum(HOUSEHOLD_FILTERS).default('all'),
      page: z.number().int().min(0).max(10_000).default(0),
      pageSize: z.number().int().min(1).max(100).default(20),
    })
    .strict(),
  /** 楼栋邻里: the residents of the caller's own building, with room and phone masked except their own household's;
   * a page at a time, after `cursor` (the `nextCursor` of the page before). */
  neighbours: z
    .object({
      cursor: z.string().min(1).max(200).optional(),
      pageSize: z.number().int().min(1).max(100).default(30),
    })
    .strict(),
}

/** One of the three heads (三长) as residents see them: a name and a number to call. */
export interface HeadView {
  role: Extract<Role, 'gridChief' | 'partyLeader' | 'buildingHead'>
  personId: string
  name: string
  phone: string
  /** For a building head: the micro-grid (building) they head. */
  unitName?: string
  /** A 战时网格's temporary leader over the building (shown as 战时网格长), not its own 楼栋长. */
  wartime?: boolean
}

export interface RoleView {
  role: Role
  unitId: string
  unitName: string
  level: Level
  /** A `department` role's department of the street (its unit): the requests inbox and rates ask by it. */
  departmentId?: string
}

export interface UnitRef {
  id: string
  name: string
  level: Level
}

export interface MeResult {
  /** null when this WeChat user has not joined any household or role yet. */
  person: { id: string; name: string; phone: string } | null
  roles: RoleView[]
  household: { id: string; door: string; address: string; members: { id: string; name: string }[] } | null
  /** The grid of the caller's household, or else of their first leading role. */
  grid: {
    id: string
    name: string
    community: UnitRef
    street: UnitRef
    microgrid: UnitRef | null
    heads: HeadView[]
  } | null
  /** 我的's emergency-mode links (我的值守, 我的采样时段, 我的应急力量): each true when the person has something there
   * (a shift held not yet ended, their household's slot from yesterday on, a reserve registration); `emergency`
   * when one is in force over their place. Absent for a visitor, and from a function deployed before it. */
  emergencyLinks?: EmergencyLinks
  /** What 我的 offers for care and home isolation (关爱包联, 居家隔离), from the same answer: no call of 我的's own. */
  careLinks?: CareLinks
}

/** MeResult.careLinks: on a care team (四包一); my household in home isolation; I serve my grid's isolated households. */
export interface CareLinks {
  care: boolean
  isolationHome: boolean
  isolationServes: boolean
}

/** What 我的 offers in emergency mode (MeResult.emergencyLinks). */
export interface EmergencyLinks {
  duty: boolean
  testing: boolean
  reserve: boolean
  emergency: boolean
}

export interface UnitCounts {
  households: number
  residents: number
}

export interface OverviewResult extends UnitCounts {
  unit: UnitRef & { path: UnitRef[] }
  heads: HeadView[]
  /** One page of the child units in name order (at most OVERVIEW_PAGE). */
  children: (UnitRef & UnitCounts & { heads: HeadView[] })[]
  /** Set when more children follow: pass it as `cursor` for the next page. */
  nextCursor?: string
}

export interface HomeResult extends MeResult {
  /** Live notices to the caller's home they have not opened or acknowledged (0 with no home). */
  unread: number
  /** For a leader: the unit 首页 leads with (the narrowest role) and its overview, as grid.overview gives it. */
  leading: { scope: RoleView; overview: OverviewResult } | null
  /** Emergencies in force over the caller's home or a unit they lead (or an ancestor), gravest first: the banner
   * with its pinned instructions (emergency.detail opens one). */
  emergencies: EmergencyView[]
}

export interface MemberView {
  id: string
  name: string
  /** In full or masked (138****1234), as the viewer may see it. */
  phone: string
  /** Whether this member has joined through WeChat (can be reached by the app). */
  joined: boolean
  careFlags: CareFlag[]
}

export interface HouseholdRow {
  id: string
  /** 5栋2单元402 */
  door: string
  microgrid: UnitRef
  members: MemberView[]
  /** Claims to this household waiting for a decision. */
  pendingClaims: number
}

export interface HouseholdsResult {
  total: number
  page: number
  pageSize: number
  rows: HouseholdRow[]
}

export interface NeighbourView {
  id: string
  name: string
  /** 3栋2单元*** for other households; in full for the caller's own. */
  door: string
  phone: string
  /** Whether this neighbour is one of the building's or grid's three heads. */
  head: HeadView['role'] | null
}

export interface NeighboursResult {
  microgrid: UnitRef
  /** One page, in door order. */
  rows: NeighbourView[]
  /** Residents of the building in all. */
  total: number
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null
}

export interface GridApi {
  me: { payload: z.input<typeof gridPayloads.me>; result: MeResult }
  home: { payload: z.input<typeof gridPayloads.home>; result: HomeResult }
  overview: { payload: z.input<typeof gridPayloads.overview>; result: OverviewResult }
  households: { payload: z.input<typeof gridPayloads.households>; result: HouseholdsResult }
  neighbours: { payload: z.input<typeof gridPayloads.neighbours>; result: NeighboursResult }
}
