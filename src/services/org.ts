/** The grid tree (组织架构) and rosters, kept by community and street staff. */
import type { ImportResult, OrgTreeResult, RosterFile } from '../../core/contract'
import { call } from './transport'

export { ORG_PAGE } from '../../core/contract'
export type { ImportResult, OrgTreeResult, OrgUnit, RosterFile } from '../../core/contract'

export type CreatableLevel = 'community' | 'grid' | 'microgrid'

/** One level of the tree: the unit, the units above it, one page of its child units (after `cursor`). */
export const getOrgLevel = (unitId: string, cursor?: string): Promise<OrgTreeResult> =>
  call('org', 'tree', cursor ? { unitId, cursor } : { unitId })

export const createUnit = (parentId: string, name: string, level: CreatableLevel, wartime = false) =>
  call('org', 'createUnit', { parentId, name, level, ...(wartime ? { wartime } : {}) })

export const renameUnit = (unitId: string, name: string) => call('org', 'renameUnit', { unitId, name })

export const moveUnit = (unitId: string, newParentId: string) => call('org', 'moveUnit', { unitId, newParentId })

export const retireUnit = (unitId: string) => call('org', 'retireUnit', { unitId })

export const rosterTemplate = (): Promise<RosterFile> => call('org', 'rosterTemplate', {})

export const exportRoster = (communityId: string) => call('org', 'exportRoster', { communityId })

export const importRoster = (communityId: string, fileID: string): Promise<ImportResult> =>
  call('org', 'importRoster', { communityId, fileID })
