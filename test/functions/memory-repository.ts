/** The repository over plain arrays: lets router tests make the database fail on purpose. */
import type { PersonDoc } from '../../core/model'
import { isWithin, type Unit } from '../../core/units'
import type { Repository } from '../../server/repository'

export function memoryRepository(units: readonly Unit[], people: readonly PersonDoc[]): Repository {
  const byId = new Map(units.map((u) => [u._id, u]))
  return {
    personByOpenid: async (openid) => people.find((p) => p.openid === openid) ?? null,
    unit: async (id) => byId.get(id) ?? null,
    units: async (ids) => ids.flatMap((id) => byId.get(id) ?? []),
    childUnits: async (parentId) => units.filter((u) => u.parentId === parentId && u.level !== 'household'),
    householdMembers: async (householdId) => people.filter((p) => p.householdId === householdId),
    roleHolders: async (ids) => people.filter((p) => p.roles.some((g) => ids.includes(g.unitId))),
    countHouseholdsUnder: async (path) => units.filter((u) => u.level === 'household' && isWithin(u.path, path)).length,
    countResidentsUnder: async (path) => people.filter((p) => p.homePath && isWithin(p.homePath, path)).length,
  }
}
