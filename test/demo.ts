/**
 * Lookups in the demo community (emulator/seed), the oracle of the suites that run on it (test/browser,
 * test/functions): each fails naming what it looked for, where a `find(…) as Unit` would hand back undefined.
 */
import type { PersonDoc } from '../core/model'
import type { Unit } from '../core/units'
import type { DemoCommunity } from '../emulator/seed'

/** The unit of the demo with this id. */
export function unitOf(demo: DemoCommunity, id: string): Unit {
  const unit = demo.units.find((u) => u._id === id)
  if (!unit) throw new Error(`the demo has no unit ${id}`)
  return unit as Unit
}

/** The person of the demo holding `role` at the unit `unitId`. */
export function holderOf(demo: DemoCommunity, role: string, unitId: string): PersonDoc {
  const person = demo.people.find((p) => p.roles.some((r) => r.role === role && r.unitId === unitId))
  if (!person) throw new Error(`nobody of the demo is ${role} of ${unitId}`)
  return person
}

/** The person behind the n-th persona of a role on the 本地演示 page. */
export function personaPerson(demo: DemoCommunity, role: string, nth = 0): PersonDoc {
  const openid = demo.personas.filter((p) => p.role === role)[nth]?.openid
  const person = demo.people.find((p) => p.openid === openid)
  if (!person) throw new Error(`no persona ${role}#${nth}`)
  return person
}

/** Who is who around the resident persona of the picker: the cast of the join suites. */
export interface ResidentCast {
  resident: PersonDoc
  /** The resident's building, another building of their grid, and the grid. */
  microId: string
  otherMicroId: string
  gridId: string
  /** Openids: the heads of the resident's building, of the other building, of the grid. */
  head: string
  otherHead: string
  chief: string
  partyLeader: string
  /** The grid chief persona, who leads another grid; the community staff persona. */
  foreignChief: string
  staff: string
}

const openidOf = (p: PersonDoc): string => {
  if (!p.openid) throw new Error(`${p.name} has no WeChat account in the demo`)
  return p.openid
}

export function residentCast(demo: DemoCommunity): ResidentCast {
  const resident = personaPerson(demo, 'resident')
  if (!resident.householdId) throw new Error('the resident persona lives in no household')
  const microId = unitOf(demo, resident.householdId).parentId
  if (!microId) throw new Error('the resident’s household is in no building')
  const gridId = unitOf(demo, microId).parentId
  if (!gridId) throw new Error('the resident’s building is in no grid')
  const other = demo.units.find((u) => u.parentId === gridId && u._id !== microId)
  if (!other) throw new Error('the resident’s grid has one building only')
  const foreign = personaPerson(demo, 'gridChief')
  if (foreign.roles.some((r) => r.role === 'gridChief' && r.unitId === gridId)) {
    throw new Error('the grid chief persona leads the resident’s own grid')
  }
  return {
    resident,
    microId,
    otherMicroId: other._id,
    gridId,
    head: openidOf(holderOf(demo, 'buildingHead', microId)),
    otherHead: openidOf(holderOf(demo, 'buildingHead', other._id)),
    chief: openidOf(holderOf(demo, 'gridChief', gridId)),
    partyLeader: openidOf(holderOf(demo, 'partyLeader', gridId)),
    foreignChief: openidOf(foreign),
    staff: openidOf(personaPerson(demo, 'communityStaff')),
  }
}
