/**
 * The cursor of the requests lists (requests.inbox, requests.mine): the last row shown — its sort key (a date, or
 * none: an inbox row with no deadline left) and its id, the tie-break. The next page starts strictly after it, so a
 * request added or moved meanwhile never makes a row repeat or drop out, as an offset would.
 */

export interface KeysetCursor {
  /** the last row's sort key: nextDueAt (inbox, soonest first), updatedAt / requestUpdatedAt (newest first) */
  at: Date | null
  id: string
}

/** No sort key: an inbox row without a deadline (the ascending order puts these first, as the database does). */
const NONE = '-'
const ID = /^[A-Za-z0-9_-]{1,300}$/

export const keysetCursor = (at: Date | string | null, id: string): string =>
  `${at === null ? NONE : new Date(at).toISOString()}|${id}`

/** The cursor a client sent back, or null when it is not one of ours. */
export function parseKeysetCursor(cursor: string): KeysetCursor | null {
  const bar = cursor.indexOf('|')
  if (bar < 0) return null
  const key = cursor.slice(0, bar)
  const id = cursor.slice(bar + 1)
  if (!ID.test(id)) return null
  if (key === NONE) return { at: null, id }
  const at = new Date(key)
  if (!Number.isFinite(+at) || at.toISOString() !== key) return null
  return { at, id }
}
