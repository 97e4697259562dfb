/**
 * A page of a unit's children (core/grid/siblings.ts): the one check of the cursor a client sends back, for every
 * screen that pages them (grid.overview, notices.reach, dashboard.overview, org.tree, a community's patrols).
 */
import { isSiblingCursor } from '../core/grid/siblings'
import { AppError } from './errors'

/** What a refused cursor says (one made up, or of another unit's children): nothing has been read. */
export const BAD_CURSOR = '翻页位置不对，请刷新后再试'

/** The cursor, when it is one of `unitId`'s children's; else INVALID_PAYLOAD. */
export function childCursor(unitId: string, cursor: string | undefined): string | undefined {
  if (cursor !== undefined && !isSiblingCursor(unitId, cursor)) throw new AppError('INVALID_PAYLOAD', BAD_CURSOR)
  return cursor
}
