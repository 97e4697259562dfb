/**
 * `reachCounters`: households of one building reached by one notice (core/ids.ts counterId), a cache of the
 * receipts moved in the same transaction (server/reach-ledger.ts). Indexes (core/schema.ts): noticeId_1.
 */
import type { ReachCounterDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn } from './query'

export interface ReachCounters {
  /** The building counters of a notice (one per building reached so far). */
  ofNotice(noticeId: string): Promise<ReachCounterDoc[]>
  /** Households reached so far per notice: the sum of its building counters. */
  totals(noticeIds: readonly string[]): Promise<Map<string, number>>
}

export function reachCounters(db: Database): ReachCounters {
  const _ = db.command
  const col = () => db.collection('reachCounters')
  return {
    ofNotice: (noticeId) => all<ReachCounterDoc>(col().where({ noticeId })),
    async totals(noticeIds) {
      const counters = await allIn<ReachCounterDoc>(noticeIds, (slice) => col().where({ noticeId: _.in(slice) }))
      const out = new Map<string, number>(noticeIds.map((id) => [id, 0]))
      for (const c of counters) out.set(c.noticeId, (out.get(c.noticeId) ?? 0) + c.reached)
      return out
    },
  }
}
