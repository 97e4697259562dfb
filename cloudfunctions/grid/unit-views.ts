/** Small views of units shared by the handlers. */
import type { UnitRef } from '../../core/contract'
import type { Unit } from '../../core/units'

export const ref = (u: Unit): UnitRef => ({ id: u._id, name: u.name, level: u.level })

export const byId = (units: readonly Unit[]): Map<string, Unit> => new Map(units.map((u) => [u._id, u]))

/** Units in the order people name them: 第2网格 before 第10网格, 3栋 before 12栋. */
export const byName = (a: Unit, b: Unit): number => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })
