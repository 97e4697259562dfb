/**
 * The `expire` timer (config.json, hourly): points past their expiry go back to the pool that last credited the
 * person, as `expire` transfers through the ledger.
 * - Bounded: at most ACCOUNTS_PER_FIRING accounts and FIRING_MS per firing; what is left waits for the next one.
 * - Resumable: it keeps no cursor — an account is due while its earliest lot has passed (accounts.nextExpiry,
 *   indexed), and stops being due once its expiry is posted, so each firing takes up where the last stopped.
 * - Idempotent: each expiry is named by the account's version as read in the transaction (core/ids.ts
 *   expiryId), so two overlapping firings conflict on it and the loser, re-reading, finds nothing due.
 */
import { expiryId, transferId } from '../../core/ids'
import { dueLots } from '../../core/points/expiry'
import { eachBounded } from '../../server/bounded'
import type { Data } from '../../server/data'
import { postTransfer } from '../../server/points-ledger'
import type { TimerHandler } from '../../server/router'

export const ACCOUNTS_PER_FIRING = 2_000
export const BATCH = 100
export const FIRING_MS = 40_000
const CONCURRENCY = 8

/** Posts one account's due points back to its pool; the points expired (0 when nothing was due). */
export async function expireAccount(data: Data, id: string, now: Date): Promise<number> {
  return data.transaction(async (tx) => {
    const account = await tx.accounts.get(id)
    if (!account || account.kind !== 'person' || !account.pool) return 0
    const amount = dueLots(account.lots, now).due.reduce((sum, l) => sum + l.amount, 0)
    if (amount <= 0) return 0
    const ref = expiryId(id, account.version)
    const status = await postTransfer(tx, {
      id: transferId('expire', ref),
      from: { kind: 'person', id: account.ownerId },
      to: { kind: 'pool', id: account.pool },
      amount,
      kind: 'expire',
      reason: '积分到期',
      ref: { kind: 'expiry', id: ref },
      actorId: 'system',
      at: now,
    })
    return status === 'posted' ? amount : 0
  })
}

export const expire: TimerHandler = async ({ data, firedAt }) => {
  const deadline = Date.now() + FIRING_MS
  const seen = new Set<string>()
  let points = 0
  let accounts = 0
  while (Date.now() < deadline && seen.size < ACCOUNTS_PER_FIRING) {
    const due = (await data.accounts.dueForExpiry(firedAt, BATCH)).filter((a) => !seen.has(a._id))
    // nothing new is due (or only accounts this firing could not settle): done until the next firing
    if (!due.length) break
    for (const a of due) seen.add(a._id)
    await eachBounded(due, CONCURRENCY, async (a) => {
      try {
        const expired = await expireAccount(data, a._id, firedAt)
        points += expired
        if (expired) accounts += 1
      } catch (error) {
        // one account that fails (e.g. conflicts past every retry) waits for the next firing; the rest go on
        console.error(`[points timer expire] ${a._id}`, error)
      }
    })
  }
  return { accounts, points, done: seen.size < ACCOUNTS_PER_FIRING && Date.now() < deadline }
}
