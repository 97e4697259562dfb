/** The orders people read units and doors in (zh-CN, numbers by value: 第2网格 before 第10网格, 3栋 before 12栋). */
import type { Unit } from '../units'

/** Two names in the order people read them. */
export const natural = (a = '', b = ''): number => a.localeCompare(b, 'zh-CN', { numeric: true })

/** Units by name. */
export const byName = (a: Pick<Unit, 'name'>, b: Pick<Unit, 'name'>): number => natural(a.name, b.name)

/** Doors as people read them: building, then entrance, then room, then name. */
export const byDoor = (a: Unit, b: Unit): number =>
  natural(a.building, b.building) ||
  natural(a.entrance, b.entrance) ||
  natural(a.room, b.room) ||
  natural(a.name, b.name)
