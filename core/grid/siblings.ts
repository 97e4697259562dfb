/**
 * The order of a unit's children as the database keeps it, so a page of them is one range read whatever their
 * number: every unit but a household carries `siblingKey` = parent id / name with its numbers padded / own id.
 * The keys of one parent's children sort together, by name with numbers by value (第2网格 before 第10网格; other
 * characters by code, as the database compares strings), and the id makes each key unique, so a page's last key
 * is the cursor of the next.
 */
import type { Unit } from '../units'

/** Digits a number in a name is padded to (longer numbers keep their length and still sort after shorter ones). */
const NUMBER_WIDTH = 10

/** The name as it sorts: each run of digits padded, so numbers compare by value. */
export const nameKey = (name: string): string => name.replace(/\d+/g, (d) => d.padStart(NUMBER_WIDTH, '0'))

/** The key of a unit among its siblings; undefined for a household (households are counted, never listed) or a root. */
export const siblingKey = (unit: Pick<Unit, '_id' | 'name' | 'parentId' | 'level'>): string | undefined =>
  unit.level === 'household' || !unit.parentId ? undefined : `${unit.parentId}/${nameKey(unit.name)}/${unit._id}`

/** The range of keys of `parentId`'s children after `cursor` (a key of one of them), or from the first. */
export const siblingRange = (parentId: string, cursor?: string): { after: string; before: string } => ({
  after: cursor ?? `${parentId}/`,
  // '0' is the character after '/': every key of this parent sorts before it, every other parent's outside
  before: `${parentId}0`,
})

/** Whether `cursor` can be a key of one of `parentId`'s children (a cursor from another list is refused). */
export const isSiblingCursor = (parentId: string, cursor: string): boolean => cursor.startsWith(`${parentId}/`)

/** The unit with its sibling key set (or removed, for a household), as every write of a unit stores it. */
export function withSiblingKey<U extends Unit>(unit: U): U {
  const { siblingKey: _old, ...rest } = unit
  const key = siblingKey(unit)
  return (key ? { ...rest, siblingKey: key } : rest) as U
}
