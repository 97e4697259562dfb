/**
 * The three rates (响应率, 解决率, 满意率) and two more (按时办结率, 重办率), from counters. A request's figures are a
 * pure function of its stored fields (overdue is a stored flag the timer sets, so no clock is read); a counter is
 * the sum of the figures of the requests in its scope reported in its month (the cohort), moved in the transaction
 * of every change by `counterDeltas(before, after)`. `replay` rebuilds a request from its events, so a recount
 * from the append-only history can check the counters.
 *
 * Definitions (docs/api.md states them too), per request, each 0 or 1; a merged duplicate counts only as reported
 * (its survivor carries it), a withdrawn one is not due anything:
 *   reported         every request
 *   responseDue      its response is decided: responded, or marked overdue unanswered
 *   respondedOnTime  responded by its response deadline
 *   ended            closed (rated, closed, returned)
 *   resolved         ended after being resolved (rated, or closed unrated after 已办结)
 *   resolvedOnTime   resolved, and its first resolution was by its resolve deadline
 *   openOverdue      still open with a deadline marked overdue
 *   rated / satisfied / basic / unsatisfied   the reporter's latest rating
 *   reopened         resolved, and reopened at least once (不满意 or a failed 回头看)
 *   escalated        ever sent above the grid
 *   struckOff        销项: its re-inspection passed
 * Rates (null when the divisor is 0): 响应率 = respondedOnTime ÷ responseDue; 解决率 = resolved ÷ (ended +
 * openOverdue); 满意率 = (satisfied + basic) ÷ rated; 按时办结率 = resolvedOnTime ÷ (ended + openOverdue); 重办率 =
 * reopened ÷ resolved.
 */
import { REQUEST_FIGURES, type RequestFigures, type RequestRates } from '../contract/requests'
import { departmentScopeKey, requestCounterId } from '../ids'
import type { RequestDoc, RequestEventDoc } from '../model'
import { applyEvent, unreported } from './machine'

export const zeroFigures = (): RequestFigures =>
  Object.fromEntries(REQUEST_FIGURES.map((k) => [k, 0])) as RequestFigures

const bit = (b: boolean): number => (b ? 1 : 0)

/** A request's contribution to its scopes' counters. */
export function figures(r: RequestDoc): RequestFigures {
  const counted = r.state !== 'merged' && r.state !== 'withdrawn'
  const ended = counted && r.group === 'closed'
  const resolved = ended && r.resolvedAt !== undefined
  const responseDue = counted && (r.respondedAt !== undefined || r.respondOverdue)
  const rated = counted && r.rating !== undefined
  return {
    reported: 1,
    responseDue: bit(responseDue),
    respondedOnTime: bit(
      responseDue && r.respondedAt !== undefined && (r.respondDueAt === null || +r.respondedAt <= +r.respondDueAt),
    ),
    resolved: bit(resolved),
    resolvedOnTime: bit(resolved && r.resolvedOnTime === true),
    ended: bit(ended),
    openOverdue: bit(r.group === 'open' && r.overdue),
    rated: bit(rated),
    satisfied: bit(rated && r.rating === 'satisfied'),
    basic: bit(rated && r.rating === 'basic'),
    unsatisfied: bit(rated && r.rating === 'unsatisfied'),
    reopened: bit(resolved && r.reopenCount > 0),
    escalated: bit(counted && r.escalated),
    struckOff: bit(counted && r.struckOff === true),
  }
}

/** a − b, figure by figure. */
export function subtract(a: RequestFigures, b: RequestFigures): RequestFigures {
  return Object.fromEntries(REQUEST_FIGURES.map((k) => [k, a[k] - b[k]])) as RequestFigures
}

export function add(a: RequestFigures, b: RequestFigures): RequestFigures {
  return Object.fromEntries(REQUEST_FIGURES.map((k) => [k, a[k] + b[k]])) as RequestFigures
}

export const isZero = (f: RequestFigures): boolean => REQUEST_FIGURES.every((k) => f[k] === 0)

/** The counter scopes a request counts in: its grid, community and street, and its department while it has one. */
export function scopeKeys(r: Pick<RequestDoc, 'gridId' | 'communityId' | 'streetId' | 'departmentId'>): string[] {
  return [
    r.gridId,
    r.communityId,
    r.streetId,
    ...(r.departmentId ? [departmentScopeKey(r.streetId, r.departmentId)] : []),
  ]
}

export interface CounterDelta {
  /** core/ids.ts requestCounterId(scopeKey, month) */
  id: string
  scopeKey: string
  month: string
  delta: RequestFigures
}

/**
 * What one change does to the counters: figures(after) − figures(before) in every scope of both (a scope the
 * request left loses its figures, one it entered gains them), for its cohort month; zero deltas left out.
 * `before` null: the request is new.
 */
export function counterDeltas(before: RequestDoc | null, after: RequestDoc): CounterDelta[] {
  const was = before ? scopeKeys(before) : []
  const is = scopeKeys(after)
  const fBefore = before ? figures(before) : zeroFigures()
  const fAfter = figures(after)
  const month = after.month
  return [...new Set([...was, ...is])].flatMap((scopeKey) => {
    const delta = subtract(
      is.includes(scopeKey) ? fAfter : zeroFigures(),
      was.includes(scopeKey) ? fBefore : zeroFigures(),
    )
    return isZero(delta) ? [] : [{ id: requestCounterId(scopeKey, month), scopeKey, month, delta }]
  })
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null)

/** The rates of a counter (or a sum of counters). */
export function rates(f: RequestFigures): RequestRates {
  const closedOrLate = f.ended + f.openOverdue
  return {
    response: ratio(f.respondedOnTime, f.responseDue),
    resolution: ratio(f.resolved, closedOrLate),
    satisfaction: ratio(f.satisfied + f.basic, f.rated),
    onTime: ratio(f.resolvedOnTime, closedOrLate),
    reopen: ratio(f.reopened, f.resolved),
  }
}

/**
 * The request its events make: the stored request's fixed fields (what was reported), then every event in seq
 * order through the machine's applyEvent. Throws when the events are not 1, 2, 3, … of this request.
 */
export function replay(stored: RequestDoc, events: readonly RequestEventDoc[]): RequestDoc {
  const sorted = [...events].sort((a, b) => a.seq - b.seq)
  sorted.forEach((e, i) => {
    if (e.requestId !== stored._id || e.seq !== i + 1) throw new Error(`events of ${stored._id} are not 1…n`)
  })
  return sorted.reduce(applyEvent, unreported(stored))
}
