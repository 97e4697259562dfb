/** Cursors of the requests lists: the offset of the next page, as text (a cursor that is not one is refused). */
import { AppError } from '../../server/errors'

export function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0
  if (!/^\d{1,6}$/.test(cursor)) throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请刷新后重试')
  return Number(cursor)
}

/** The cursor after a page read with one row more than its size: null when that extra row was not there. */
export const nextCursor = (skip: number, pageSize: number, read: number): string | null =>
  read > pageSize ? String(skip + pageSize) : null
