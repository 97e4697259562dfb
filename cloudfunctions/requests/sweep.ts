/**
 * The `sweep` timer (config.json, every minute): requests past a deadline and done requests nobody rated.
 * - Overdue: an open request whose earliest unmet deadline (nextDueAt, index group_1_nextDueAt_1) has passed moves
 *   by core/requests/machine.ts autoEscalate — one level up (grid → community → street) with an event saying which
 *   limit passed, the new owner told; at the street or a department it is marked overdue only. Either way the
 *   passed deadline is marked, so nextDueAt moves on and the request stops being due.
 * - Unrated: a done request resolved more than the community's autoCloseDays ago closes itself (autoClose).
 * - Bounded: at most REQUESTS_PER_FIRING requests and FIRING_MS per firing; what is left waits for the next one.
 * - Resumable without a cursor (a request moved is no longer due; one that cannot be moved is stepped over, so it
 *   never holds up the rest) and idempotent: each move's event is named by the
 *   request's next seq (requestEventId), so overlapping firings conflict on it and the loser, re-reading, finds
 *   nothing due (the machine refuses: MOVE_NOT_ALLOWED), and skips it.
 */
import type { RequestDoc } from '../../core/model'
import { SYSTEM_ACTOR, type MoveRequest } from '../../core/requests/machine'
import { eachBounded } from '../../server/bounded'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import type { TimerHandler } from '../../server/router'
import { settingsCache } from './access'
import { makeMove } from './move'

export const REQUESTS_PER_FIRING = 500
export const BATCH = 50
export const FIRING_MS = 40_000
const CONCURRENCY = 4
const DAY_MS = 86_400_000
/** The shortest auto-close a community may set (core/contract/requests.ts autoCloseDays ≥ 1): done requests resolved
 * more recently than this are never due. */
const MIN_AUTO_CLOSE_DAYS = 1

type Outcome = 'moved' | 'skipped' | 'failed'

async function moveOne(
  data: Data,
  r: RequestDoc,
  move: MoveRequest['move'],
  settingsOf: ReturnType<typeof settingsCache>,
  firedAt: Date,
): Promise<Outcome> {
  try {
    const settings = await settingsOf(r)
    const done = await makeMove(data, {
      requestId: r._id,
      req: { move } as MoveRequest,
      actor: () => SYSTEM_ACTOR,
      settings,
      now: firedAt,
    })
    return done.kind === 'moved' ? 'moved' : 'skipped'
  } catch (error) {
    // another firing (or a person) moved it first, or it is not due by its community's settings
    if (error instanceof AppError) return 'skipped'
    console.error(`[requests timer sweep] ${move} ${r._id}`, error)
    return 'failed'
  }
}

export const sweep: TimerHandler = async ({ data, firedAt }) => {
  const deadline = Date.now() + FIRING_MS
  const settingsOf = settingsCache(data)
  const seen = new Set<string>()
  const tally = { escalated: 0, closed: 0, skipped: 0, failed: 0 }
  const count = (kind: 'escalated' | 'closed', o: Outcome) => {
    if (o === 'moved') tally[kind]++
    else tally[o]++
  }
  const more = () => Date.now() < deadline && seen.size < REQUESTS_PER_FIRING

  // overdue: each one moved stops being due (its passed deadline is marked), so the next query starts where this
  // one stopped; one that could not be moved stays ahead in the order and is stepped over, never asked twice
  for (let skip = 0; more(); ) {
    const page = await data.requests.dueBy(firedAt, skip, BATCH)
    const fresh = page.filter((r) => !seen.has(r._id))
    for (const r of fresh) seen.add(r._id)
    let stayed = 0
    await eachBounded(fresh, CONCURRENCY, async (r) => {
      const o = await moveOne(data, r, 'autoEscalate', settingsOf, firedAt)
      count('escalated', o)
      if (o !== 'moved') stayed++
    })
    if (page.length < BATCH) break
    skip += stayed + (page.length - fresh.length)
  }

  // unrated: oldest first; the community's own autoCloseDays decides (the machine refuses one not yet due)
  const before = new Date(+firedAt - MIN_AUTO_CLOSE_DAYS * DAY_MS)
  for (let skip = 0; more(); ) {
    const page = await data.requests.doneBefore(before, skip, BATCH)
    const fresh = page.filter((r) => !seen.has(r._id))
    for (const r of fresh) seen.add(r._id)
    let stayed = 0
    await eachBounded(fresh, CONCURRENCY, async (r) => {
      const o = await moveOne(data, r, 'autoClose', settingsOf, firedAt)
      count('closed', o)
      if (o !== 'moved') stayed++
    })
    if (page.length < BATCH) break
    // the closed ones left the query; those still done (not due by their community's days) stay ahead of the rest
    skip += stayed + (page.length - fresh.length)
  }
  return { ...tally, done: Date.now() < deadline && seen.size < REQUESTS_PER_FIRING }
}
