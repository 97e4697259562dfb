/** The `org` function: the grid tree (组织架构) and rosters, kept by community and street staff. */
import { z } from 'zod'
import type { Issue } from '../envelope'
import type { Level } from '../units'
import { childCursor, displayName, fileID, mobile, unitId } from './fields'
import type { UnitRef } from './grid'

/** Levels staff may create under a parent; streets and households come from setup and rosters. */
export const CREATABLE_LEVELS = ['community', 'grid', 'microgrid'] as const

/** Child units per page of org.tree (组织架构 and its move picker). */
export const ORG_PAGE = 20

export const orgPayloads = {
  /** One level of the tree: a unit with its counts and the path above it, and one page of its child units (retired
   * ones included, marked) in name order after `cursor` (the `nextCursor` of the page before), each with its
   * counts and how many child units it has. Its cost is the page's, whatever lies under the unit. */
  tree: z.object({ unitId, cursor: childCursor.optional() }).strict(),
  createUnit: z
    .object({ parentId: unitId, name: displayName, level: z.enum(CREATABLE_LEVELS), wartime: z.boolean().optional() })
    .strict(),
  renameUnit: z.object({ unitId, name: displayName }).strict(),
  /** Moves a grid (to another community) or a micro-grid (to another grid) of the same street, with everything
   * under it: households, residents and history keep their ids, only paths change. */
  moveUnit: z.object({ unitId, newParentId: unitId }).strict(),
  /** Marks a unit retired (kept for history); refused while it has units or residents in use under it. */
  retireUnit: z.object({ unitId }).strict(),
  /** The empty .xlsx template (two sheets, 楼栋 and 住户) as a cloud file. */
  rosterTemplate: z.object({}).strict(),
  /** The community's roster in the template's shape, as a cloud file. */
  exportRoster: z.object({ communityId: unitId }).strict(),
  /** Imports an uploaded roster into a community, all or nothing: any bad row refuses the whole file
   * (ROSTER_INVALID, with every bad row in `issues`). */
  importRoster: z.object({ communityId: unitId, fileID }).strict(),
  /**
   * A fresh environment's first staff (首次开通), once: creates a street and a community under it and makes the
   * caller their first `communityStaff` (or `streetStaff`). Guarded by BOOTSTRAP_SECRET in the function's
   * environment (docs/deploy.md); refused once any staff exists or it has been used.
   */
  bootstrap: z
    .object({
      secret: z.string().min(1).max(256),
      streetName: displayName,
      communityName: displayName,
      name: displayName,
      phone: mobile,
      role: z.enum(['communityStaff', 'streetStaff']),
    })
    .strict(),
}

/** A unit as 组织架构 shows it: its tags, the households and residents under it, how many child units it has. */
export interface OrgUnit extends UnitRef {
  wartime: boolean
  retired: boolean
  households: number
  residents: number
  /** Child units (retired ones included; households are counted, never listed): 0 for a micro-grid. */
  children: number
}

export interface OrgTreeResult {
  /** The unit, with the units above it, the street first (its own children are the pages: not counted, so a
   * unit of many children costs what one of a page does). */
  unit: Omit<OrgUnit, 'children'> & { path: UnitRef[] }
  /** One page of its child units in name order (at most ORG_PAGE). */
  children: OrgUnit[]
  /** Set when more children follow: pass it as `cursor` for the next page. */
  nextCursor?: string
}

export interface RosterFile {
  fileID: string
  /** A URL the client can download it from (valid for a while). */
  url: string
  fileName: string
}

export interface ImportResult {
  grids: number
  buildings: number
  households: number
  residents: number
  heads: number
}

export interface BootstrapResult {
  street: UnitRef
  community: UnitRef
  role: 'communityStaff' | 'streetStaff'
}

export interface OrgApi {
  tree: { payload: z.input<typeof orgPayloads.tree>; result: OrgTreeResult }
  createUnit: { payload: z.input<typeof orgPayloads.createUnit>; result: UnitRef & { path: string } }
  renameUnit: { payload: z.input<typeof orgPayloads.renameUnit>; result: UnitRef }
  moveUnit: { payload: z.input<typeof orgPayloads.moveUnit>; result: { moved: number; people: number } }
  retireUnit: { payload: z.input<typeof orgPayloads.retireUnit>; result: UnitRef }
  rosterTemplate: { payload: z.input<typeof orgPayloads.rosterTemplate>; result: RosterFile }
  exportRoster: { payload: z.input<typeof orgPayloads.exportRoster>; result: RosterFile & { rows: number } }
  importRoster: { payload: z.input<typeof orgPayloads.importRoster>; result: ImportResult }
  bootstrap: { payload: z.input<typeof orgPayloads.bootstrap>; result: BootstrapResult }
}

export type { Issue, Level }
