/** Roles a person may hold, each over a unit of the tree (its scope). A person may hold several. */
export const ROLES = [
  'resident',
  'buildingHead',
  'partyLeader',
  'gridChief',
  'communityStaff',
  'streetStaff',
  'department',
  'merchant',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  buildingHead: '楼栋长',
  partyLeader: '党小组长',
  gridChief: '网格长',
  communityStaff: '社区工作者',
  streetStaff: '街道干部',
  department: '职能部门',
  merchant: '商户',
}

/** The level of unit each role's scope sits at. */
export const ROLE_SCOPE_LEVEL: Record<Role, import('./units').Level> = {
  resident: 'household',
  buildingHead: 'microgrid',
  partyLeader: 'grid',
  gridChief: 'grid',
  communityStaff: 'community',
  streetStaff: 'street',
  department: 'street',
  merchant: 'community',
}

/** Leaders see their scope's households; residents and merchants see only their own. */
export const LEADER_ROLES: readonly Role[] = [
  'buildingHead',
  'partyLeader',
  'gridChief',
  'communityStaff',
  'streetStaff',
]

export interface RoleGrant {
  role: Role
  /** The unit the role is held over (household for a resident, micro-grid for a building head, …). */
  unitId: string
  /** The `department` role only: which department of the street (`unitId`) it is held for (城管: 'chengguan'). */
  departmentId?: string
  /** A grant a 战时网格 gave its temporary leader (a `buildingHead` over one of its buildings): it goes when the
   * 战时网格 is retired or gets another leader (core/model.ts WartimeGridDoc). */
  wartimeGridId?: string
}
