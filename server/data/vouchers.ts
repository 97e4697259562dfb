/**
 * `vouchers`: issued by a redeem, used once by the provider's 核销, or cancelled by the resident; every change
 * happens inside the transaction that moves the points. Indexes (core/schema.ts): personId_1_createdAt_-1 (my
 * vouchers), providerAccount_1_code_1 (核销 by code), providerAccount_1_usedAt_-1 (the monthly statement).
 */
import type { VoucherDoc, VoucherStatus } from '../../core/model'
import type { Database } from '../cloud'
import { all, rows, total } from './query'
import type { Page } from './services'

export interface Vouchers {
  get(id: string): Promise<VoucherDoc | null>
  /** A person's vouchers, newest first: one page (optionally of one status). */
  ofPerson(personId: string, status: VoucherStatus | null, page: number, pageSize: number): Promise<Page<VoucherDoc>>
  /** How many of a person's vouchers can still be used at `now`. */
  activeCount(personId: string, now: Date): Promise<number>
  /** The provider's vouchers with this code (normally one). */
  byCode(providerAccount: string, code: string): Promise<VoucherDoc[]>
  /** Every voucher the provider verified in [from, to), in the order they were used. */
  usedBetween(providerAccount: string, from: Date, to: Date): Promise<VoucherDoc[]>
  /** A deleted person's vouchers keep their history under `name` instead of theirs (privacy.requestDeletion). */
  forgetHolder(personId: string, name: string): Promise<void>
  /** Every voucher of a person (their export). */
  allOfPerson(personId: string): Promise<VoucherDoc[]>
}

export function vouchers(db: Database): Vouchers {
  const _ = db.command
  const col = () => db.collection('vouchers')
  return {
    async get(id) {
      return (await rows<VoucherDoc>(col().where({ _id: id }).limit(1)))[0] ?? null
    },
    async ofPerson(personId, status, page, pageSize) {
      const where = status ? { personId, status } : { personId }
      const [count, found] = await Promise.all([
        total(col().where(where)),
        rows<VoucherDoc>(
          col()
            .where(where)
            .orderBy('createdAt', 'desc')
            .orderBy('_id', 'desc')
            .skip(page * pageSize)
            .limit(pageSize),
        ),
      ])
      return { total: count, rows: found }
    },
    activeCount: (personId, now) => total(col().where({ personId, status: 'active', expiresAt: _.gt(now) })),
    byCode: (providerAccount, code) => rows<VoucherDoc>(col().where({ providerAccount, code }).limit(10)),
    async usedBetween(providerAccount, from, to) {
      const found = await all<VoucherDoc>(
        col().where({ providerAccount, status: 'used', usedAt: _.and(_.gte(from), _.lt(to)) }),
      )
      return found.sort((a, b) => +new Date(a.usedAt!) - +new Date(b.usedAt!))
    },
    async forgetHolder(personId, name) {
      await col()
        .where({ personId })
        .update({ data: { personName: name } })
    },
    allOfPerson: (personId) => all<VoucherDoc>(col().where({ personId })),
  }
}
