/**
 * `transfers`: the ledger's movements, append-only (written only by server/points-ledger.ts, inside the
 * transaction that moves the balances). Indexes (core/schema.ts): accounts_1_at_-1 (an account's history).
 */
import type { TransferDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, rows, total } from './query'

export interface Transfers {
  get(id: string): Promise<TransferDoc | null>
  /** One page of an account's movements, newest first, and how many there are. */
  ofAccount(accountId: string, page: number, pageSize: number): Promise<{ total: number; rows: TransferDoc[] }>
  /** Every movement of an account (checks and repairs: the sum of its legs is its balance). */
  allOfAccount(accountId: string): Promise<TransferDoc[]>
  /** dashboard.repairStats: transfers touching any of these accounts in [from, to) (index accounts_1_at_-1). */
  ofAccountsBetween(accountIds: readonly string[], from: Date, to: Date): Promise<TransferDoc[]>
}

export function transfers(db: Database): Transfers {
  const _ = db.command
  const col = () => db.collection('transfers')
  return {
    async get(id) {
      return (await rows<TransferDoc>(col().where({ _id: id }).limit(1)))[0] ?? null
    },
    async ofAccount(accountId, page, pageSize) {
      const [count, found] = await Promise.all([
        total(col().where({ accounts: accountId })),
        rows<TransferDoc>(
          col()
            .where({ accounts: accountId })
            .orderBy('at', 'desc')
            .orderBy('_id', 'desc')
            .skip(page * pageSize)
            .limit(pageSize),
        ),
      ])
      return { total: count, rows: found }
    },
    allOfAccount: (accountId) => all<TransferDoc>(col().where({ accounts: accountId })),
    // dashboard.repairStats: the points a unit's residents earned and redeemed in a period
    async ofAccountsBetween(accountIds, from, to) {
      const found = await allIn<TransferDoc>(accountIds, (slice) =>
        col().where({ accounts: _.in(slice), at: _.and(_.gte(from), _.lt(to)) }),
      )
      return [...new Map(found.map((t) => [t._id, t])).values()]
    },
  }
}
