/**
 * `accounts`: the points ledger's accounts (core/ids.ts accountId). Balances change only inside a transaction
 * (server/points-ledger.ts postTransfer); outside one they are read. Indexes (core/schema.ts): kind_1_nextExpiry_1
 * (the expiry timer's scan).
 */
import type { AccountDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, rows } from './query'

export interface Accounts {
  get(id: string): Promise<AccountDoc | null>
  /** These accounts (missing ones are left out). */
  many(ids: readonly string[]): Promise<AccountDoc[]>
  /** Up to `limit` person accounts with points expired by `now`, earliest first (the timer's bounded batch). */
  dueForExpiry(now: Date, limit: number): Promise<AccountDoc[]>
}

export function accounts(db: Database): Accounts {
  const _ = db.command
  const col = () => db.collection('accounts')
  return {
    async get(id) {
      return (await rows<AccountDoc>(col().where({ _id: id }).limit(1)))[0] ?? null
    },
    many: (ids) => allIn<AccountDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    dueForExpiry: (now, limit) =>
      rows<AccountDoc>(
        col()
          .where({ kind: 'person', nextExpiry: _.lte(now) })
          .orderBy('nextExpiry', 'asc')
          .limit(limit),
      ),
  }
}
