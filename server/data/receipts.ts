/**
 * `receipts`: a household reached by a notice, written once (core/ids.ts receiptId) by the reach ledger
 * (server/reach-ledger.ts) in the same transaction as its building counter. Append-only. Indexes (core/schema.ts):
 * noticeId_1_microgridId_1.
 */
import { receiptId } from '../../core/ids'
import type { ReceiptDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, first } from './query'

export interface Receipts {
  get(noticeId: string, householdId: string): Promise<ReceiptDoc | null>
  /** The receipts of these ids (core/ids.ts receiptId) that exist. */
  byIds(ids: readonly string[]): Promise<ReceiptDoc[]>
  /** Which of these notices reached this household. */
  ofHousehold(householdId: string, noticeIds: readonly string[]): Promise<ReceiptDoc[]>
  /** Which households of one building a notice reached. */
  reachedIn(noticeId: string, microgridId: string): Promise<Set<string>>
  /** Which of these households a notice reached. */
  reachedAmong(noticeId: string, householdIds: readonly string[]): Promise<Set<string>>
  /** dashboard.repairStats: the receipts of a grid's households made in [from, to) (index gridId_1_at_1). */
  ofGridBetween(gridId: string, from: Date, to: Date): Promise<ReceiptDoc[]>
}

export function receipts(db: Database): Receipts {
  const _ = db.command
  const col = () => db.collection('receipts')
  const byIds = <T>(ids: string[], fields?: Record<string, true>) =>
    allIn<T>(ids, (slice) => {
      const q = col().where({ _id: _.in(slice) })
      return fields ? q.field(fields) : q
    })
  return {
    get: (noticeId, householdId) => first<ReceiptDoc>(col().where({ _id: receiptId(noticeId, householdId) })),
    byIds: (ids) => byIds<ReceiptDoc>([...ids]),
    ofHousehold: (householdId, noticeIds) => byIds<ReceiptDoc>(noticeIds.map((n) => receiptId(n, householdId))),
    async reachedIn(noticeId, microgridId) {
      const found = await all<Pick<ReceiptDoc, 'householdId'>>(
        col().where({ noticeId, microgridId }).field({ householdId: true }),
      )
      return new Set(found.map((r) => r.householdId))
    },
    async reachedAmong(noticeId, householdIds) {
      const found = await byIds<Pick<ReceiptDoc, 'householdId'>>(
        householdIds.map((h) => receiptId(noticeId, h)),
        { householdId: true },
      )
      return new Set(found.map((r) => r.householdId))
    },
    // dashboard.repairStats: the households a grid's period reached
    ofGridBetween: (gridId, from, to) => all<ReceiptDoc>(col().where({ gridId, at: _.and(_.gte(from), _.lt(to)) })),
  }
}
