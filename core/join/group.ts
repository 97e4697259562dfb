/** A grid's WeChat group chats: what a binding card may bind a group to, and the order a grid's groups show in. */
import type { GroupDoc } from '../model'
import type { Unit } from '../units'
import { inUse } from './entry'

/** Groups are bound to grids only (not to a building, not to a community). */
export const isGroupLevel = (unit: Pick<Unit, 'level'>): boolean => unit.level === 'grid'

/** The unit of a binding card binds a group while it is a grid in use. */
export const isBindableGrid = (u: Unit | null | undefined): u is Unit => inUse(u) && isGroupLevel(u)

/** A grid's groups, first bound first. */
export const byBoundAt = (a: Pick<GroupDoc, 'boundAt'>, b: Pick<GroupDoc, 'boundAt'>): number =>
  +new Date(a.boundAt) - +new Date(b.boundAt)
