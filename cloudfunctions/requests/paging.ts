/**
 * Pages of the requests lists, in keyset order (core/requests/cursor.ts): the cursor names the last row shown, a
 * cursor that is not one is refused, and a page is read with one row more than its size to know whether another
 * follows.
 */
import { keysetCursor, parseKeysetCursor, type KeysetCursor } from '../../core/requests/cursor'
import { AppError } from '../../server/errors'

/** Where the page starts: after the row the cursor names (undefined: the first page). `dated`: the list is ordered
 * by a date every row has (updatedAt), so a cursor without one is not of this list. */
export function afterOf(cursor: string | undefined, dated: boolean): KeysetCursor | undefined {
  if (cursor === undefined) return undefined
  const after = parseKeysetCursor(cursor)
  if (!after || (dated && after.at === null)) throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请刷新后重试')
  return after
}

/** The page of a read of pageSize + 1 rows, and the cursor after its last row (null when that extra row was not
 * there). `key` is a row's sort key and id, as the repository orders them. */
export function pageOf<T>(
  read: readonly T[],
  pageSize: number,
  key: (row: T) => [Date | null, string],
): { shown: T[]; nextCursor: string | null } {
  const shown = read.slice(0, pageSize)
  const last = shown[shown.length - 1]
  return { shown, nextCursor: read.length > pageSize && last ? keysetCursor(...key(last)) : null }
}
