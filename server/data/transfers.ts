/**
 * `transfers`: the ledger's movements, append-only (written only by server/points-ledger.ts, inside the
 * transaction that moves the balances). Indexes (core/schema.ts): accounts_1_at_-1 (an account's history).
 */
import type { TransferDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, rows, total } from './query'

export interface Transfers {
  get(id: string): Promise<TransferDoc | null>
  /** One page of an account's movements, newest first, and how many there are. */
  ofAccount(accountId: string, page: number, pageSize: number): Promise<{ total: number; rows: TransferDoc[] }>
  /** Every movement of an account (checks and repairs: the sum of its legs is its balance). */
  allOfAccount(accountId: string): Promise<TransferDoc[]>
}

export function transfers(db: Database): Transfers {
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
  }
}
