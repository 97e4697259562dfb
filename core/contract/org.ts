/** The `org` function: the grid tree (组织架构) and rosters, kept by community and street staff. */
import { z } from 'zod'
import type { Issue } from '../envelope'
import type { Level } from '../units'
import { displayName, fileID, mobile, unitId } from './fields'
import type { UnitRef } from './grid'

/** Levels staff may create under a parent; streets and households come from setup and rosters. */
export const CREATABLE_LEVELS = ['community', 'grid', 'microgrid'] as const

export const orgPayloads = {
  /** The tree under a unit down to micro-grids, with household and resident counts (retired units included, marked). */
  tree: z.object({ unitId }).strict(),
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

export interface TreeNode extends UnitRef {
  wartime: boolean
  retired: boolean
  households: number
  residents: number
  children: TreeNode[]
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
  tree: { payload: z.input<typeof orgPayloads.tree>; result: TreeNode }
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
