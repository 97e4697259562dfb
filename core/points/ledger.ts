/**
 * The double-entry points ledger, as pure rules (after TimeOverflow's transfer/movement/account): every movement
 * is a transfer of a positive amount from one account to another, written as two legs that sum to zero and never
 * edited; an account's balance is a cache of the sum of its legs. A community's pool is its issuing account and
 * may go negative (its negative balance is what it has issued), so all balances together always sum to zero; a
 * person's or a merchant's balance never goes below zero.
 *
 * A person's points carry expiry dates: the balance is held as lots (amount per expiry moment, earliest first).
 * A credit adds a lot, a debit takes the earliest-expiring lots first, so what expires is what is left of the
 * oldest points, and a refund gives back exactly the lots its redeem took.
 */

export const ACCOUNT_KINDS = ['person', 'merchant', 'pool'] as const
export type AccountKind = (typeof ACCOUNT_KINDS)[number]
/** An account: a person (person id), a merchant (the merchant's person id) or a community's pool (its unit id). */
export interface AccountRef {
  kind: AccountKind
  id: string
}

export const TRANSFER_KINDS = ['earn', 'grant', 'deduct', 'redeem', 'refund', 'expire'] as const
export type TransferKind = (typeof TRANSFER_KINDS)[number]
/** what a transfer is about; 'errand': a request (诉求) of the errand category whose taker earned its points; 'duty':
 * a checkpoint shift sign-up (卡口值守) confirmed */
export const TRANSFER_REF_KINDS = ['signup', 'voucher', 'adjustment', 'expiry', 'errand', 'duty'] as const
export type TransferRefKind = (typeof TRANSFER_REF_KINDS)[number]

/** What the caller asks the ledger to post (server/points-ledger.ts postTransfer). */
export interface Transfer {
  /** core/ids.ts transferId(kind, ref.id): a retry or a racing twin names the same transfer. */
  id: string
  from: AccountRef
  to: AccountRef
  /** a positive integer */
  amount: number
  kind: TransferKind
  /** why, in Chinese, as the person's history shows it */
  reason: string
  /** what the movement is about: the sign-up earned, the voucher redeemed or refunded, the adjustment, the expiry */
  ref: { kind: TransferRefKind; id: string }
  /** person id of who caused it (the organiser confirming, the leader adjusting, the resident redeeming, 'system') */
  actorId: string
  at: Date
}

/** Points of one person that expire together. */
export interface Lot {
  expiresAt: Date
  amount: number
}

/** One side of a transfer: an account and the signed amount it moved (the two legs of a transfer sum to zero). */
export interface Leg {
  accountId: string
  amount: number
}

/** Who may hold a negative balance: only a pool. */
export const mayGoNegative = (ref: AccountRef): boolean => ref.kind === 'pool'

/** Whether an amount is one the ledger moves: a positive whole number of points. */
export const isAmount = (n: number): boolean => Number.isSafeInteger(n) && n > 0

/** The transfer's two legs: minus from the sender, plus to the receiver. */
export function legsOf(from: string, to: string, amount: number): [Leg, Leg] {
  return [
    { accountId: from, amount: -amount },
    { accountId: to, amount },
  ]
}

const byExpiry = (a: Lot, b: Lot) => +new Date(a.expiresAt) - +new Date(b.expiresAt)

/** Lots with these added, merged per expiry moment, earliest first; empty lots dropped. */
export function addLots(lots: readonly Lot[], added: readonly Lot[]): Lot[] {
  const merged = new Map<number, number>()
  for (const l of [...lots, ...added]) {
    const at = +new Date(l.expiresAt)
    merged.set(at, (merged.get(at) ?? 0) + l.amount)
  }
  return [...merged]
    .filter(([, amount]) => amount > 0)
    .map(([at, amount]) => ({ expiresAt: new Date(at), amount }))
    .sort(byExpiry)
}

/**
 * Takes `amount` from the lots, earliest-expiring first: what is left and what was taken (the taken lots are
 * recorded on the transfer so a refund can give them back). Lots that do not cover the amount are all taken.
 */
export function takeLots(lots: readonly Lot[], amount: number): { left: Lot[]; taken: Lot[] } {
  const left: Lot[] = []
  const taken: Lot[] = []
  let due = amount
  for (const l of [...lots].sort(byExpiry)) {
    const take = Math.min(due, l.amount)
    if (take > 0) taken.push({ expiresAt: new Date(l.expiresAt), amount: take })
    if (l.amount > take) left.push({ expiresAt: new Date(l.expiresAt), amount: l.amount - take })
    due -= take
  }
  return { left, taken }
}

/** The earliest expiry among the lots, or null (the expiry timer finds accounts by it). */
export const nextExpiry = (lots: readonly Lot[]): Date | null =>
  lots.length ? new Date(Math.min(...lots.map((l) => +new Date(l.expiresAt)))) : null

/** The cached state of one account. */
export interface Holding {
  balance: number
  lots: Lot[]
}

export type Posting =
  | { ok: true; from: Holding; to: Holding; taken: Lot[] }
  | { ok: false; reason: 'insufficient' | 'same-account' | 'bad-amount' }

/**
 * The ledger's one rule for a movement: both accounts' new state, or why it is refused. `credit` is the lots the
 * receiver gains when it is a person (earned or granted points with their expiry, or the lots a refund gives
 * back); lots the credit does not name carry no expiry.
 */
export function post(
  t: { from: AccountRef; to: AccountRef; amount: number },
  from: Holding,
  to: Holding,
  credit: readonly Lot[],
): Posting {
  if (!isAmount(t.amount)) return { ok: false, reason: 'bad-amount' }
  if (t.from.kind === t.to.kind && t.from.id === t.to.id) return { ok: false, reason: 'same-account' }
  if (!mayGoNegative(t.from) && from.balance - t.amount < 0) return { ok: false, reason: 'insufficient' }
  const { left, taken } = t.from.kind === 'person' ? takeLots(from.lots, t.amount) : { left: from.lots, taken: [] }
  const gained = t.to.kind === 'person' ? addLots(to.lots, credit) : to.lots
  return {
    ok: true,
    from: { balance: from.balance - t.amount, lots: left },
    to: { balance: to.balance + t.amount, lots: gained },
    taken,
  }
}

/** The sum of an account's legs over its transfers: what its balance must equal. */
export function sumOfLegs(accountId: string, transfers: readonly { legs: readonly Leg[] }[]): number {
  let sum = 0
  for (const t of transfers) for (const l of t.legs) if (l.accountId === accountId) sum += l.amount
  return sum
}
