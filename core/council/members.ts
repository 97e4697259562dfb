/**
 * Who a caller is to a grid's council (三长议事): a member — a resident living in the grid, or one of its three heads
 * (网格长 and 党小组长 over the grid, 楼栋长 over a building of it) — raises and supports proposals; a head, or
 * community or street staff over the grid, puts them on the agenda or declines them; anyone of these reads them.
 * Decided from the caller's home and grants alone, never from the payload.
 */
import type { HeadRole } from '../grants'
import { ROLE_LABELS, type Role } from '../roles'
import { isWithin } from '../units'

export interface CouncilViewer {
  personId?: string
  name?: string
  homePath?: string
  grants: readonly { role: Role; path: string }[]
}

export interface CouncilStanding {
  /** lives in the grid */
  resident: boolean
  /** the head role held in the grid, the highest first (网格长, 党小组长, 楼栋长) */
  head: HeadRole | null
  /** community or street staff over the grid */
  staff: boolean
}

const HEAD_ORDER: readonly HeadRole[] = ['gridChief', 'partyLeader', 'buildingHead']

export function standingIn(viewer: CouncilViewer, gridPath: string): CouncilStanding {
  const resident = !!viewer.homePath && isWithin(viewer.homePath, gridPath)
  const head =
    HEAD_ORDER.find((role) =>
      viewer.grants.some(
        (g) =>
          g.role === role &&
          (role === 'buildingHead' ? isWithin(g.path, gridPath) && g.path !== gridPath : g.path === gridPath),
      ),
    ) ?? null
  const staff = viewer.grants.some(
    (g) => (g.role === 'communityStaff' || g.role === 'streetStaff') && isWithin(gridPath, g.path),
  )
  return { resident, head, staff }
}

/** Raises and supports proposals. */
export const isMember = (s: CouncilStanding): boolean => s.resident || s.head !== null
/** Puts on the agenda, declines. */
export const manages = (s: CouncilStanding): boolean => s.head !== null || s.staff
/** Reads the grid's proposals. */
export const reads = (s: CouncilStanding): boolean => isMember(s) || s.staff

/** How a step or a proposer is named: 网格长 李建国 for a head, 居民 王秀英 otherwise (社区工作者 for staff). */
export function actorLabel(s: CouncilStanding, name: string): string {
  if (s.head) return `${ROLE_LABELS[s.head]} ${name}`
  if (s.resident) return `${ROLE_LABELS.resident} ${name}`
  return `${ROLE_LABELS.communityStaff} ${name}`
}
