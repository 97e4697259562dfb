/**
 * Who serves an isolated household's tasks (隔离户服务): a volunteer (志愿者) living in the grid's community, or the
 * building head of a building of the grid, its party leader or its grid chief. Pure: decided from the caller's
 * person record and grants, never from the payload.
 */
import type { PersonDoc } from '../model'
import type { ScopedGrant } from '../permissions'
import { ancestorPath, isWithin } from '../units'

const GRID_HEADS = ['gridChief', 'partyLeader'] as const

export function servesGrid(
  person: Pick<PersonDoc, 'volunteer' | 'homePath' | 'deletedAt'> | null,
  grants: readonly ScopedGrant[],
  gridPath: string,
): boolean {
  if (!person || person.deletedAt) return false
  const community = ancestorPath(gridPath, 'community')
  if (person.volunteer && person.homePath && community && isWithin(person.homePath, community)) return true
  return grants.some(
    (g) =>
      (g.role === 'buildingHead' && isWithin(g.path, gridPath)) ||
      ((GRID_HEADS as readonly string[]).includes(g.role) && g.path === gridPath),
  )
}

/** The grid a server's task list opens at: the grid they lead or head a building of, else their home's grid. */
export function defaultGridPath(
  person: Pick<PersonDoc, 'homePath'> | null,
  grants: readonly ScopedGrant[],
): string | undefined {
  for (const g of grants) {
    if (g.role === 'gridChief' || g.role === 'partyLeader' || g.role === 'buildingHead') {
      const p = ancestorPath(g.path, 'grid')
      if (p) return p
    }
  }
  return person?.homePath ? ancestorPath(person.homePath, 'grid') : undefined
}
