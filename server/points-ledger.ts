/**
 * The points ledger's one writer: `postTransfer` runs INSIDE the caller's `data.transaction`, so the movement,
 * both balance caches and whatever the caller changes beside them (a sign-up confirmed, a voucher issued, stock
 * taken) commit together or not at all. The transfer's id is deterministic (core/ids.ts transferId): a retried or
 * racing twin finds it (or conflicts on it) and posts nothing. Rules are in core/points/ledger.ts.
 */
import { accountId, transferId } from '../core/ids'
import type { AccountDoc, TransferDoc } from '../core/model'
import { expiringSoon, expiresAt, parseExpiryRule, type ExpiryRule } from '../core/points/expiry'
import { legsOf, nextExpiry, post, type Lot, type Transfer } from '../core/points/ledger'
import { rulesOf } from '../core/points/settings'
import type { Data, TxData } from './data'
import { AppError } from './errors'
import { countPointsInTx } from './unit-stats'

export type { AccountRef, Transfer } from '../core/points/ledger'

/** The environment's expiry rule (POINTS_EXPIRY, docs/deploy.md); a value that does not parse is a failure. */
export function expiryRule(env: NodeJS.ProcessEnv = process.env): ExpiryRule {
  const rule = parseExpiryRule(env.POINTS_EXPIRY)
  if (!rule) throw new Error(`POINTS_EXPIRY is not a rule: ${env.POINTS_EXPIRY}`)
  return rule
}

/** A new, empty account. */
export function emptyAccount(ref: Transfer['from'], at: Date): AccountDoc {
  return {
    _id: accountId(ref),
    kind: ref.kind,
    ownerId: ref.id,
    balance: 0,
    lots: [],
    nextExpiry: null,
    version: 0,
    createdAt: at,
    updatedAt: at,
  }
}

/** The expiry rule of the community whose pool pays (its pool's id is the community's): what its staff set
 * (points.updateRules), else the environment's. Read in the transaction: a rule changed meanwhile retries it. */
async function expiryOf(tx: TxData, t: Transfer): Promise<ExpiryRule> {
  if (t.from.kind !== 'pool') return expiryRule()
  return rulesOf((await tx.pointsSettings.get(t.from.id))?.rules).expiry ?? expiryRule()
}

/** What the receiving person gains as lots: earned or granted points expire by the rule; a refund gives back the
 * lots its redeem took (read inside the same transaction). */
async function creditLots(tx: TxData, t: Transfer): Promise<Lot[]> {
  if (t.to.kind !== 'person') return []
  if (t.kind === 'refund') {
    const redeem = await tx.transfers.get(transferId('redeem', t.ref.id))
    const taken = redeem?.taken ?? []
    const back: Lot[] = []
    let due = t.amount
    for (const l of taken) {
      const amount = Math.min(due, l.amount)
      if (amount > 0) back.push({ expiresAt: new Date(l.expiresAt), amount })
      due -= amount
    }
    if (due > 0) back.push({ expiresAt: expiresAt(t.at, await expiryOf(tx, t)), amount: due })
    return back
  }
  return [{ expiresAt: expiresAt(t.at, await expiryOf(tx, t)), amount: t.amount }]
}

/** Changes a caller makes to an account beside the posting (e.g. a person's per-service count), decided on the
 * account as read in the transaction; it may throw an AppError to refuse the whole movement. */
export type Amend = (side: 'from' | 'to', account: AccountDoc) => Partial<Omit<AccountDoc, '_id'>> | undefined

/**
 * Posts the transfer inside the caller's transaction: 'already' (nothing written) when its id exists; otherwise
 * reads both accounts, refuses with POINTS_INSUFFICIENT when a person's or merchant's balance would go below zero,
 * writes the transfer (two legs summing to zero) and both balance caches, and answers 'posted'.
 */
export async function postTransfer(tx: TxData, t: Transfer): Promise<'posted' | 'already'> {
  return (await postTransferAmending(tx, t)).status
}

export interface Posted {
  status: 'posted' | 'already'
  /** both accounts as they stand after the call (as read, when it was 'already') */
  from: AccountDoc
  to: AccountDoc
}

/**
 * postTransfer, with the caller's own changes to either account written in the same writes (`amend` sees each
 * account as read, before the balance rule, so its refusal comes first).
 */
export async function postTransferAmending(tx: TxData, t: Transfer, amend?: Amend): Promise<Posted> {
  const fromId = accountId(t.from)
  const toId = accountId(t.to)
  const known = await tx.transfers.get(t.id)
  const from = (await tx.accounts.get(fromId)) ?? emptyAccount(t.from, t.at)
  const to = (await tx.accounts.get(toId)) ?? emptyAccount(t.to, t.at)
  if (known) return { status: 'already', from, to }
  const fromExtra = amend?.('from', from)
  const toExtra = amend?.('to', to)
  const credit = await creditLots(tx, t)
  const posting = post(t, from, to, credit)
  if (!posting.ok) {
    if (posting.reason === 'insufficient') throw new AppError('POINTS_INSUFFICIENT')
    throw new Error(`transfer ${t.id} refused: ${posting.reason}`)
  }
  // a person remembers the pool that last credited them: their points expire back to it
  const pool = t.from.kind === 'pool' && t.to.kind === 'person' ? { pool: t.from.id } : {}
  const doc: Omit<TransferDoc, '_id'> = {
    kind: t.kind,
    from: fromId,
    to: toId,
    accounts: [fromId, toId],
    legs: legsOf(fromId, toId, t.amount),
    amount: t.amount,
    reason: t.reason,
    ref: t.ref,
    actorId: t.actorId,
    at: t.at,
    ...(t.to.kind === 'person' && t.kind !== 'refund' && credit[0] ? { expiresAt: credit[0].expiresAt } : {}),
    ...(posting.taken.length ? { taken: posting.taken } : {}),
  }
  await tx.transfers.set(t.id, doc)
  await countPointsInTx(tx, t)
  const write = async (
    acc: AccountDoc,
    held: { balance: number; lots: Lot[] },
    extra?: object,
  ): Promise<AccountDoc> => {
    const { _id, ...rest } = acc
    const next = {
      ...rest,
      ...extra,
      balance: held.balance,
      lots: held.lots,
      nextExpiry: nextExpiry(held.lots),
      version: acc.version + 1,
      updatedAt: t.at,
    }
    await tx.accounts.set(_id, next)
    return { _id, ...next }
  }
  return {
    status: 'posted',
    from: await write(from, posting.from, fromExtra),
    to: await write(to, posting.to, { ...toExtra, ...pool }),
  }
}

export interface WalletSummary {
  balance: number
  /** the earliest points due to expire within the notice window (core/points/expiry.ts), shown ahead */
  expiringSoon: { amount: number; at: string } | null
  /** vouchers that can still be used */
  vouchersActive: number
}

/** What the 积分 tab shows first about a person's points (G1's points.home composes it). */
export async function walletSummary(data: Data, personId: string, now = new Date()): Promise<WalletSummary> {
  const [account, vouchersActive] = await Promise.all([
    data.accounts.get(accountId({ kind: 'person', id: personId })),
    data.vouchers.activeCount(personId, now),
  ])
  const soon = expiringSoon(account?.lots ?? [], now)
  return {
    balance: account?.balance ?? 0,
    expiringSoon: soon ? { amount: soon.amount, at: soon.at.toISOString() } : null,
    vouchersActive,
  }
}
