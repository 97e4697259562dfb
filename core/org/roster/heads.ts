/** The 身份 column: the three heads a roster names, the words for them, and the unit each one heads. */
import type { Role } from '../../roles'

/** The three heads a roster names; 楼栋长 heads the micro-grid of their building, the others its grid. */
export type HeadRole = Extract<Role, 'buildingHead' | 'partyLeader' | 'gridChief'>

export const IDENTITY_LABELS = {
  居民: null,
  楼栋长: 'buildingHead',
  党小组长: 'partyLeader',
  网格长: 'gridChief',
} as const

export const HEAD_ROLES: readonly HeadRole[] = ['buildingHead', 'partyLeader', 'gridChief']

export const HEAD_LABEL: Record<HeadRole, string> = {
  buildingHead: '楼栋长',
  partyLeader: '党小组长',
  gridChief: '网格长',
}

/** The level of the unit a head role is held over: their building (micro-grid) or its grid. */
export const headLevel = (role: HeadRole): 'microgrid' | 'grid' => (role === 'buildingHead' ? 'microgrid' : 'grid')
