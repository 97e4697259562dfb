/** The `grid` function: who the caller is, and the grid they belong to or lead. */
import { z } from 'zod'
import type { Level } from '../units'
import type { Role } from '../roles'

export const gridPayloads = {
  /** The signed-in person, their household, grid and three heads. */
  me: z.object({}).strict(),
  /** Counts and heads of a grid or micro-grid, for the leaders whose scope contains it. */
  overview: z.object({ unitId: z.string().min(1).max(64) }).strict(),
}

/** One of the three heads (三长) as residents see them: a name and a number to call. */
export interface HeadView {
  role: Extract<Role, 'gridChief' | 'partyLeader' | 'buildingHead'>
  personId: string
  name: string
  phone: string
  /** For a building head: the micro-grid (building) they head. */
  unitName?: string
}

export interface RoleView {
  role: Role
  unitId: string
  unitName: string
  level: Level
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
}

export interface UnitCounts {
  households: number
  residents: number
}

export interface OverviewResult extends UnitCounts {
  unit: UnitRef & { path: UnitRef[] }
  heads: HeadView[]
  children: (UnitRef & UnitCounts & { heads: HeadView[] })[]
}

export interface GridApi {
  me: { payload: z.infer<typeof gridPayloads.me>; result: MeResult }
  overview: { payload: z.infer<typeof gridPayloads.overview>; result: OverviewResult }
}
