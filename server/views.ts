/** Small views every function's results share: a unit as the client sees it, lookups by id, dates on the wire. */
import type { UnitRef } from '../core/contract'
import type { Unit } from '../core/units'

export const unitRef = (u: Pick<Unit, '_id' | 'name' | 'level'>): UnitRef => ({
  id: u._id,
  name: u.name,
  level: u.level,
})

export const byId = <T extends { _id: string }>(docs: readonly T[]): Map<string, T> =>
  new Map(docs.map((d) => [d._id, d]))

/** A stored date (a Date, or the string or number a wire format gave) as the ISO text results carry. */
export const iso = (d: Date | string | number): string => new Date(d).toISOString()
