/**
 * Moving a grid to another community, or a building (micro-grid) to another grid, of the same street: what may
 * move where, and the move recorded before anything is written (a repeated call finishes it).
 */
import { LEVEL_LABELS, ancestorAt, childPath, isWithin, type PendingMove, type StoredUnit, type Unit } from '../units'
import { PARENT_LEVEL } from './placement'

/** Why `unit` cannot move at all, or null: only grids and buildings move. */
export const unmovable = (unit: Pick<Unit, 'level'>): string | null =>
  unit.level === 'grid' || unit.level === 'microgrid' ? null : '只能移动网格或楼栋'

/** Why `unit` cannot move under `parent`, or null when it may (the caller's scope is the router's). */
export function moveRefusal(unit: Unit, parent: Unit): string | null {
  const want = PARENT_LEVEL[unit.level]
  if (parent.level !== want) return `${LEVEL_LABELS[unit.level]}只能移到${LEVEL_LABELS[want ?? 'street']}下`
  if (isWithin(parent.path, unit.path)) return '不能移到自己下面'
  if (ancestorAt(parent.path, 'street') !== ancestorAt(unit.path, 'street')) return '只能在同一街道内移动'
  if (parent.retired) return `“${parent.name}”已撤销`
  if (unit.retired) return `“${unit.name}”已撤销`
  return null
}

/** The move of `unit` under `parent`: its own path and everything under it go from fromPath to toPath. */
export const pendingMove = (unit: Unit, parent: Unit): PendingMove => ({
  fromPath: unit.path,
  toPath: childPath(parent.path, unit._id),
  parentId: parent._id,
})

/** Moves a crash left unfinished among `units`, deepest first: the order in which they are finished. */
export const unfinishedMoves = (units: readonly StoredUnit[]): StoredUnit[] =>
  units.filter((u) => u.moving).sort((a, b) => b.path.length - a.path.length)
