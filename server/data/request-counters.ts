/**
 * `requestCounters`: the figures of one scope (a grid, community or street id, or core/ids.ts departmentScopeKey)
 * for one cohort month (requests reported that Beijing month), core/ids.ts requestCounterId. A cache of the requests:
 * each is moved by `addInTx` inside the transaction of the move that changes its requests, by
 * figures(after) − figures(before) (core/requests/rates.ts), so counters and requests never disagree. Read by id
 * (requests.rates: one read per scope and month). Indexes (core/schema.ts): scopeKey_1_month_1.
 */
import { REQUEST_FIGURES, type RequestFigures } from '../../core/contract/requests'
import { requestCounterId } from '../../core/ids'
import type { RequestCounterDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first } from './query'
import type { TxData } from './tx'

export interface RequestCounters {
  get(id: string): Promise<RequestCounterDoc | null>
  /** The counters of these ids; one with none is missing (read it as zeros). */
  byIds(ids: readonly string[]): Promise<RequestCounterDoc[]>
  /** Writes one counter whole (the seed, a repair). */
  put(doc: RequestCounterDoc): Promise<void>
}

export function requestCounters(db: Database): RequestCounters {
  const _ = db.command
  const col = () => db.collection('requestCounters')
  return {
    get: (id) => first<RequestCounterDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<RequestCounterDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async put({ _id, ...doc }) {
      await col().doc(_id).set({ data: doc })
    },
  }
}

/** Zeros for every figure. */
export const noFigures = (): RequestFigures => Object.fromEntries(REQUEST_FIGURES.map((f) => [f, 0])) as RequestFigures

const isZero = (d: RequestFigures): boolean => REQUEST_FIGURES.every((f) => !d[f])

/**
 * Inside a transaction: adds `delta` to the month's counter of each scope (read and written whole, so two moves at
 * once conflict and retry instead of one losing the other's change). Safe to run again: it re-reads each counter.
 */
export async function addInTx(
  tx: TxData,
  scopeKeys: readonly string[],
  month: string,
  delta: RequestFigures,
  at: Date,
): Promise<void> {
  if (isZero(delta)) return
  for (const scopeKey of new Set(scopeKeys)) {
    const id = requestCounterId(scopeKey, month)
    const held = await tx.requestCounters.get(id)
    const next = noFigures()
    for (const f of REQUEST_FIGURES) next[f] = (held?.[f] ?? 0) + delta[f]
    await tx.requestCounters.set(id, { ...next, scopeKey, month, updatedAt: at })
  }
}
