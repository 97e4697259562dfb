/** Moments as people in China read them: Beijing time (UTC+8, no daylight saving), whatever the server's zone. */

const OFFSET_MS = 8 * 3_600_000

const beijing = (d: Date): string => new Date(+d + OFFSET_MS).toISOString()

/** YYYY-MM-DD: the calendar day a moment falls on (the day a reminder belongs to). */
export const beijingDay = (d: Date): string => beijing(d).slice(0, 10)

/** To the minute, as subscribe-message fields show it: 2026-11-22 09:30. */
export const beijingMinute = (d: Date): string => beijing(d).slice(0, 16).replace('T', ' ')
