/** The grid tree (组织架构) and rosters, kept by community and street staff. */
import type { ImportResult, RosterFile, TreeNode } from '../../core/contract'
import { call } from './transport'

export type { ImportResult, RosterFile, TreeNode } from '../../core/contract'

export type CreatableLevel = 'community' | 'grid' | 'microgrid'

export const getTree = (unitId: string): Promise<TreeNode> => call('org', 'tree', { unitId })

export const createUnit = (parentId: string, name: string, level: CreatableLevel, wartime = false) =>
  call('org', 'createUnit', { parentId, name, level, ...(wartime ? { wartime } : {}) })

export const renameUnit = (unitId: string, name: string) => call('org', 'renameUnit', { unitId, name })

export const moveUnit = (unitId: string, newParentId: string) => call('org', 'moveUnit', { unitId, newParentId })

export const retireUnit = (unitId: string) => call('org', 'retireUnit', { unitId })

export const rosterTemplate = (): Promise<RosterFile> => call('org', 'rosterTemplate', {})

export const exportRoster = (communityId: string) => call('org', 'exportRoster', { communityId })

export const importRoster = (communityId: string, fileID: string): Promise<ImportResult> =>
  call('org', 'importRoster', { communityId, fileID })
