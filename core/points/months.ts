/** Beijing calendar months (UTC+8, no daylight saving): adjustment limits and statements run by them. */
const BEIJING_OFFSET_MS = 8 * 3_600_000

/** The Beijing month of a moment, YYYY-MM. */
export const beijingMonth = (at: Date): string => new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 7)

/** The moments a Beijing month (YYYY-MM) starts and ends: [from, to). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number)
  return {
    from: new Date(Date.UTC(y, m - 1, 1) - BEIJING_OFFSET_MS),
    to: new Date(Date.UTC(y, m, 1) - BEIJING_OFFSET_MS),
  }
}
