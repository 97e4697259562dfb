/** What the wallet's handlers share: who provides what, and the views of services and vouchers. */
import type { ServiceCard, VoucherCard, VoucherView } from '../../../core/contract/points/wallet'
import { accountId } from '../../../core/ids'
import type { ServiceDoc, VoucherDoc } from '../../../core/model'
import type { AccountRef } from '../../../core/points/ledger'
import { formatCode, voucherQr, voucherRefusal, voucherState } from '../../../core/points/vouchers'
import type { Caller } from '../../../server/caller'
import { iso } from '../../../server/views'

/** The ledger account a service's points go to: the merchant's, or the community's pool. */
export const providerRef = (s: Pick<ServiceDoc, 'provider'>): AccountRef =>
  s.provider.kind === 'merchant' ? { kind: 'merchant', id: s.provider.id } : { kind: 'pool', id: s.provider.id }

/**
 * The provider accounts the caller acts for: their own shop (a merchant grant) and each community they are staff
 * of (a community-level communityStaff grant).
 */
export function providerAccountsOf(caller: Caller): { account: string; ref: AccountRef }[] {
  const out: { account: string; ref: AccountRef }[] = []
  const person = caller.person
  if (!person) return out
  if (caller.grants.some((g) => g.role === 'merchant')) {
    const ref: AccountRef = { kind: 'merchant', id: person._id }
    out.push({ account: accountId(ref), ref })
  }
  for (const g of caller.grants) {
    if (g.role !== 'communityStaff' || caller.units.get(g.unitId)?.level !== 'community') continue
    const ref: AccountRef = { kind: 'pool', id: g.unitId }
    out.push({ account: accountId(ref), ref })
  }
  return out
}

/** Whether the caller provides the service (may change it, verify its vouchers). */
export const provides = (caller: Caller, s: Pick<ServiceDoc, 'provider'>): boolean =>
  providerAccountsOf(caller).some((p) => p.account === accountId(providerRef(s)))

export const serviceCard = (s: ServiceDoc): ServiceCard => ({
  id: s._id,
  title: s.title,
  providerName: s.providerName,
  providerKind: s.provider.kind === 'merchant' ? 'merchant' : 'community',
  cost: s.cost,
  stock: s.stock,
  perPersonLimit: s.perPersonLimit,
  validUntil: iso(s.validUntil),
  status: s.status,
})

export const voucherCard = (v: VoucherDoc, now: Date): VoucherCard => ({
  id: v._id,
  serviceId: v.serviceId,
  serviceTitle: v.serviceTitle,
  providerName: v.providerName,
  cost: v.cost,
  state: voucherState(v, now),
  createdAt: iso(v.createdAt),
  expiresAt: iso(v.expiresAt),
  usedAt: v.usedAt ? iso(v.usedAt) : null,
})

export const voucherView = (v: VoucherDoc, now: Date): VoucherView => ({
  ...voucherCard(v, now),
  code: formatCode(v.code),
  qr: voucherQr(v.code),
  cancellable: voucherRefusal(v, now) === null,
})

export const paged = <T>(rows: T[], total: number, page: number, pageSize: number) => ({
  rows,
  total,
  page,
  pageSize,
  more: (page + 1) * pageSize < total,
})
