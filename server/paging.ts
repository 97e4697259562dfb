/**
 * A unit's children a page at a time (core/grid/siblings.ts, units.childrenPage): the one check of the cursor a
 * client sends back, for every screen that pages them (grid.overview, notices.reach, dashboard.overview, org.tree,
 * a community's patrols), and the one walk of them for jobs that read them all (reports, testing rounds, the
 * dashboard's repair).
 */
import { isSiblingCursor } from '../core/grid/siblings'
import type { Unit } from '../core/units'
import type { Data } from './data'
import { AppError } from './errors'

/** What a refused cursor says (one made up, or of another unit's children): nothing has been read. */
export const BAD_CURSOR = '翻页位置不对，请刷新后再试'

/** The cursor, when it is one of `unitId`'s children's; else INVALID_PAYLOAD. */
export function childCursor(unitId: string, cursor: string | undefined): string | undefined {
  if (cursor !== undefined && !isSiblingCursor(unitId, cursor)) throw new AppError('INVALID_PAYLOAD', BAD_CURSOR)
  return cursor
}

/** A unit's children (retired ones left out) in sibling order, `size` at a time: memory bounded by the page. */
export async function* childPages(data: Data, parentId: string, size: number): AsyncGenerator<Unit[]> {
  for (let cursor: string | undefined; ; ) {
    const page = await data.units.childrenPage(parentId, cursor, size)
    if (page.rows.length) yield page.rows
    const last = page.rows[page.rows.length - 1]
    if (!page.more || !last?.siblingKey) return
    cursor = last.siblingKey
  }
}

/** Every child of a unit (retired ones left out), in sibling order, read `size` at a time. */
export async function allChildren(data: Data, parentId: string, size: number): Promise<Unit[]> {
  const out: Unit[] = []
  for await (const rows of childPages(data, parentId, size)) out.push(...rows)
  return out
}
