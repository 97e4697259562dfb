/**
 * Patrols (巡查台账), pure: whether a patrol's times can be true, the Beijing day it belongs to, where a finding
 * reported as a request sits, and the cursor of a grid's log. requests.logPatrol and requests.patrols do the I/O.
 */
import { REQUEST_LIMITS } from '../contract/requests'
import { findingRequestId } from '../ids'
import type { RequestPlace } from '../model'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const BEIJING_OFFSET_MS = 8 * HOUR

/** A patrol may be written up to a week after it started (the chief types it in at the end of a busy week). */
export const PATROL_BACKDATE_DAYS = 7
/** Clocks of phones run a little fast or slow: an end this far ahead of the server's clock is still accepted. */
export const PATROL_CLOCK_SKEW_MS = 5 * MINUTE

/** The Beijing day (YYYY-MM-DD) of a moment: a patrol belongs to the day it started. */
export const patrolDayOf = (at: Date): string => new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 10)

/** The first moment after a Beijing day (YYYY-MM-DD): a grid's log "up to that day" holds patrols started before it. */
export const endOfBeijingDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) + DAY - BEIJING_OFFSET_MS)

/**
 * Why a patrol's times cannot be true (null: they can): it ends before it starts, lasts longer than
 * REQUEST_LIMITS.patrolHours, ends in the future, or started more than PATROL_BACKDATE_DAYS ago.
 */
export function patrolTimesIssue(startedAt: Date, endedAt: Date, now: Date): string | null {
  if (!Number.isFinite(+startedAt) || !Number.isFinite(+endedAt)) return '时间格式不对'
  if (+endedAt < +startedAt) return '结束时间早于开始时间'
  if (+endedAt - +startedAt > REQUEST_LIMITS.patrolHours * HOUR)
    return `一次巡查不能超过 ${REQUEST_LIMITS.patrolHours} 小时`
  if (+endedAt > +now + PATROL_CLOCK_SKEW_MS) return '结束时间还没到'
  if (+startedAt < +now - PATROL_BACKDATE_DAYS * DAY) return `只能补记 ${PATROL_BACKDATE_DAYS} 天内的巡查`
  return null
}

/** A finding's place: a described spot in the patrolled grid (the spot written, else the patrol's route). */
export function findingPlace(
  gridId: string,
  route: string,
  finding: { spot: string; location?: RequestPlace['location'] },
): RequestPlace {
  const label = (finding.spot.trim() || route.trim()).slice(0, REQUEST_LIMITS.spot)
  return { kind: 'spot', unitId: gridId, label, ...(finding.location ? { location: finding.location } : {}) }
}

/**
 * The tap id a finding is reported under: the patrol's tap id and the finding's place in the patrol, so that the
 * request id (core/ids.ts requestId(reporter, tapId)) is findingRequestId(patrolId, index) and a retried patrol
 * reports each finding once.
 */
export const findingTapId = (tapId: string, index: number): string => `${tapId}_f${index}`

/** The request a patrol's finding became (or would become): core/ids.ts findingRequestId. */
export const findingRequest = (patrolId: string, index: number): string => findingRequestId(patrolId, index)

/** A page of a grid's log ends at a patrol: its start and id (the log is newest first, ties by id). */
export interface PatrolCursor {
  startedAt: Date
  id: string
}

export const patrolCursor = (p: { _id: string; startedAt: Date | string }): string =>
  `${new Date(p.startedAt).toISOString()}|${p._id}`

/** The cursor a client sent back, or null when it is not one of ours. */
export function parsePatrolCursor(cursor: string): PatrolCursor | null {
  const bar = cursor.indexOf('|')
  if (bar < 0) return null
  const at = new Date(cursor.slice(0, bar))
  const id = cursor.slice(bar + 1)
  if (!Number.isFinite(+at) || at.toISOString() !== cursor.slice(0, bar) || !/^[A-Za-z0-9_-]{1,200}$/.test(id))
    return null
  return { startedAt: at, id }
}
