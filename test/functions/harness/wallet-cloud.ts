/**
 * The `points` function hosted by the local cloud over the demo community (functions-cloud.ts), for the wallet's
 * suites: calls as a person, the expire timer fired by hand, and the ledger's invariants read back from the store.
 */
import type { ActionName } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { AccountDoc, PersonDoc, TransferDoc } from '../../../core/model'
import { startFunctionsCloud, type FunctionsCloud } from './functions-cloud'

export interface WalletCloud extends FunctionsCloud {
  act<T = unknown>(person: PersonDoc, action: ActionName<'points'>, payload: unknown): Promise<Envelope<T>>
  /** Fires the `expire` timer as the platform does (no user), at `time`. */
  fireExpire(time: Date): Promise<Envelope<{ accounts: number; points: number; done: boolean }>>
  /** The ledger as stored: what every account must agree with. */
  ledger(): Promise<{ accounts: AccountDoc[]; transfers: TransferDoc[] }>
  /**
   * Starts `n` instances of the function (as many calls at once, each waiting for its own): calls sent together
   * afterwards run truly at the same time, instead of queueing behind one warm instance and the others' cold start.
   */
  warm(as: PersonDoc, n?: number): Promise<void>
}

export async function startWalletCloud(): Promise<WalletCloud> {
  // privacy too: deleting a person must also take their name off their vouchers
  const g = await startFunctionsCloud(['points', 'privacy'], { timers: false })
  const act = async <T>(person: PersonDoc, action: string, payload: unknown) => {
    if (!person.openid) throw new Error(`${person._id} has no openid`)
    return (await g.cloud.callFunction('points', { action, payload }, { openid: person.openid })).result as Envelope<T>
  }
  return Object.assign(g, {
    act,
    async fireExpire(time: Date) {
      const event = { Type: 'Timer', TriggerName: 'expire', Time: time.toISOString(), Message: '' }
      return (await g.cloud.callFunction('points', event, { openid: '' })).result as Envelope<{
        accounts: number
        points: number
        done: boolean
      }>
    },
    async warm(as: PersonDoc, n = 8) {
      const res = await Promise.all(Array.from({ length: n }, () => act(as, 'wallet', {})))
      if (res.some((r) => !r.ok)) throw new Error('warming the points function failed')
    },
    async ledger() {
      const dump = await g.dump()
      return { accounts: dump.accounts as AccountDoc[], transfers: dump.transfers as TransferDoc[] }
    },
  })
}

/**
 * What must always hold of a ledger: every transfer's two legs sum to zero (and name its two accounts), every
 * account's balance equals the sum of its legs, no person's or merchant's balance is below zero, and a person's
 * lots add up to their balance. Answers the broken rules (empty when all hold), so a failure says which.
 */
export function ledgerProblems(ledger: { accounts: AccountDoc[]; transfers: TransferDoc[] }): string[] {
  const problems: string[] = []
  const sums = new Map<string, number>()
  for (const t of ledger.transfers) {
    const [a, b] = t.legs
    if (a.amount + b.amount !== 0) problems.push(`${t._id}: legs sum to ${a.amount + b.amount}`)
    if (a.accountId !== t.from || b.accountId !== t.to) problems.push(`${t._id}: legs name other accounts`)
    if (!(t.amount > 0)) problems.push(`${t._id}: amount ${t.amount}`)
    for (const l of t.legs) sums.set(l.accountId, (sums.get(l.accountId) ?? 0) + l.amount)
  }
  for (const acc of ledger.accounts) {
    const sum = sums.get(acc._id) ?? 0
    if (acc.balance !== sum) problems.push(`${acc._id}: balance ${acc.balance}, legs ${sum}`)
    if (acc.kind !== 'pool' && acc.balance < 0) problems.push(`${acc._id}: negative balance ${acc.balance}`)
    const lots = acc.lots.reduce((s, l) => s + l.amount, 0)
    if (acc.kind === 'person' && lots !== acc.balance) problems.push(`${acc._id}: lots ${lots}, balance ${acc.balance}`)
  }
  const known = new Set(ledger.accounts.map((a) => a._id))
  for (const id of sums.keys()) if (!known.has(id)) problems.push(`${id}: legs without an account`)
  const total = ledger.accounts.reduce((s, a) => s + a.balance, 0)
  if (total !== 0) problems.push(`all balances sum to ${total}`)
  return problems
}
