/**
 * THE LEDGER RULE: a household is reached at most once per notice.
 *
 * The first 收到 of any member, or a leader's visit (已上门告知), does in ONE db.runTransaction, with
 * single-document operations only:
 *   get receipts/`${noticeId}_${householdId}`; exists → nothing more (already reached);
 *   else create the receipt AND read-then-set reachCounters/`${noticeId}_${microgridId}` (reached:1 or +1).
 * Grid and unit totals are sums of building counters at read time: there is no hot grid-level document.
 * Two members tapping at once both try to create the same receipt; the first commit wins, the other
 * conflicts, retries, finds the receipt and counts nothing. So counters always equal receipts.
 *
 * The person-level acks/`${noticeId}_${personId}` ("you pressed 收到", unread) is written by `recordAck` right
 * after, outside the transaction, idempotent by its id (the first ackedAt stays).
 *
 * Under load the building counter is contended. The SDK would retry a conflicting transaction 3 times at once,
 * into the same crowd; instead `withRetry` (server/transaction.ts) runs bounded rounds with full-jitter exponential
 * backoff, so an acknowledged 收到 is never lost. Every round re-reads the receipt first (outside the transaction,
 * then inside it), so a retry never counts twice and a household reached meanwhile costs no transaction.
 *
 * Writes: a household's first 收到 writes 3 documents (ack, receipt, counter); a later member's 1 (their ack);
 * a repeated tap 0. A visit writes 2 (receipt, counter), or 0 when the household was already reached.
 */
import type { AckDoc, ReachCounterDoc, ReceiptDoc } from '../core/model'
import { ancestorAt, type Unit } from '../core/units'
import type { Database } from './cloud'
import { getOrNull, must, withRetry, type Tx } from './transaction'

/** 收到; reading a notice that asks for no 收到 (reading is reaching); a leader's visit. */
export type ReachVia = 'ack' | 'read' | 'visit'
export type VisitMethodKind = 'door' | 'phone' | 'other'

export interface ReachInput {
  noticeId: string
  /** The household unit (its path names its building and grid). */
  household: Pick<Unit, '_id' | 'path'>
  via: ReachVia
  /** person id: the member who pressed 收到, or the leader who visited */
  by: string
  /** for a visit: how, and a note */
  method?: VisitMethodKind
  note?: string
  /** when; defaults to now (tests pin it) */
  at?: Date
}

export interface ReachOutcome {
  /**
   * True when this call's 收到/visit is the one that reached the household: it wrote the receipt, or (a retry
   * or double tap of the same person by the same route) the receipt already names this person. False when
   * another member or a leader reached it first.
   */
  householdReached: boolean
  /** True only for the call that wrote the receipt and moved the counter (exactly one per household). */
  counted: boolean
  /** The household's receipt as stored (the first reach). */
  receipt: ReceiptDoc
}

export interface AckInput {
  noticeId: string
  /** The acknowledging resident's household unit. */
  household: Pick<Unit, '_id' | 'path'>
  personId: string
  at?: Date
}

export type AckOutcome = ReachOutcome & { ack: AckDoc }

export const receiptId = (noticeId: string, householdId: string): string => `${noticeId}_${householdId}`
export const counterId = (noticeId: string, microgridId: string): string => `${noticeId}_${microgridId}`
export const ackId = (noticeId: string, personId: string): string => `${noticeId}_${personId}`

/** Where a household sits: its building (micro-grid) and grid, from its materialised path. */
export function placeOf(household: Pick<Unit, '_id' | 'path'>): { microgridId: string; gridId: string } {
  const microgridId = ancestorAt(household.path, 'microgrid')
  const gridId = ancestorAt(household.path, 'grid')
  if (!microgridId || !gridId || ancestorAt(household.path, 'household') !== household._id)
    throw new Error(`not a household path: ${household._id} ${household.path}`)
  return { microgridId, gridId }
}

/** A member's reading and 收到 are one route: who read a notice first and then pressed 收到 reached the household. */
const sameRoute = (a: ReachVia, b: ReachVia): boolean => a === b || (a !== 'visit' && b !== 'visit')

const outcomeOf = (existing: ReceiptDoc, input: Pick<ReachInput, 'by' | 'via'>): ReachOutcome => ({
  householdReached: existing.by === input.by && sameRoute(existing.via, input.via),
  counted: false,
  receipt: existing,
})

/**
 * The rule itself, inside an open transaction: receipt once, counter with it. One operation at a time: the
 * platform's transactions (MongoDB sessions underneath) are not meant to run operations concurrently.
 */
async function reachIn(tx: Tx, input: ReachInput, at: Date): Promise<ReachOutcome> {
  const { microgridId, gridId } = placeOf(input.household)
  const receiptRef = tx.collection('receipts').doc(receiptId(input.noticeId, input.household._id))
  const counterRef = tx.collection('reachCounters').doc(counterId(input.noticeId, microgridId))
  const existing = await getOrNull<ReceiptDoc>(receiptRef)
  if (existing) return outcomeOf(existing, input)
  const counter = await getOrNull<ReachCounterDoc>(counterRef)
  const receipt: Omit<ReceiptDoc, '_id'> = {
    noticeId: input.noticeId,
    householdId: input.household._id,
    microgridId,
    gridId,
    via: input.via,
    by: input.by,
    ...(input.method ? { method: input.method } : {}),
    ...(input.note ? { note: input.note } : {}),
    at,
  }
  const fresh: Omit<ReachCounterDoc, '_id'> = { noticeId: input.noticeId, microgridId, gridId, reached: 1 }
  await must(receiptRef.set({ data: receipt }))
  if (counter) await must(counterRef.update({ data: { reached: counter.reached + 1, gridId } }))
  else await must(counterRef.set({ data: fresh }))
  return {
    householdReached: true,
    counted: true,
    receipt: { _id: receiptId(input.noticeId, input.household._id), ...receipt },
  }
}

/** The receipt as it stands, read outside any transaction (receipts are append-only: once seen, it is final). */
async function receiptNow(db: Database, id: string): Promise<ReceiptDoc | null> {
  const res = (await db.collection('receipts').where({ _id: id }).limit(1).get()) as unknown as { data: ReceiptDoc[] }
  return res.data[0] ?? null
}

/**
 * Records that a household was reached, by a member's 收到 (`via: 'ack'`), a member opening a notice that asks for
 * no 收到 (`via: 'read'`: reading is reaching), or a leader's visit (`via: 'visit'`,
 * with method and note). Idempotent; safe under any concurrency; counts the household exactly once.
 * Used by notices.visit and notices.detail (reading); a resident's 收到 goes through `recordAck`, which also writes
 * their ack.
 *
 * Each round first reads the receipt outside a transaction (a household already reached costs one read and no
 * transaction: later members, repeated taps, and every loser of a race once the winner has committed), then runs
 * the rule in a transaction. The SDK's own immediate retries are turned off (`times` 0): they would re-collide at
 * once with the same contenders; our rounds back off with jitter instead.
 */
export async function recordReach(db: Database, input: ReachInput): Promise<ReachOutcome> {
  const at = input.at ?? new Date()
  const id = receiptId(input.noticeId, input.household._id)
  return withRetry(async () => {
    const existing = await receiptNow(db, id)
    if (existing) return outcomeOf(existing, input)
    return (await db.runTransaction(async (tx: Tx) => reachIn(tx, input, at), 0)) as unknown as ReachOutcome
  })
}

/**
 * 收到 — for the notices-core `ack` handler: THE LEDGER RULE for the person's household (`recordReach`, via
 * 'ack'), then the person's acks/`${noticeId}_${personId}` (created with readAt+ackedAt, or ackedAt added to the
 * read; a repeated tap writes nothing). The ack comes second so that a failure leaves nothing that says 收到 while
 * the household is not counted; a retry of the call completes it (both steps are idempotent).
 * `householdReached` answers AckResult.householdReached: true when this person's 收到 is the one that reached the
 * household (also on their own double tap / retry), false when another member or a visit came first.
 *
 *   const { householdReached } = await recordAck(db, { noticeId, household, personId: caller.person._id })
 *   return { acked: true, householdReached }
 *
 * `household` is the caller's household unit (caller.units.get(person.householdId)). Check before calling that
 * the notice exists, is not expired, and reaches the household's path.
 */
export async function recordAck(db: Database, input: AckInput): Promise<AckOutcome> {
  const at = input.at ?? new Date()
  const reach = await recordReach(db, {
    noticeId: input.noticeId,
    household: input.household,
    via: 'ack',
    by: input.personId,
    at,
  })
  const id = ackId(input.noticeId, input.personId)
  const found = (await db.collection('acks').where({ _id: id }).limit(1).get()) as unknown as { data: AckDoc[] }
  const prior = found.data[0]
  if (prior?.ackedAt) return { ...reach, ack: prior }
  const data: Omit<AckDoc, '_id'> = {
    noticeId: input.noticeId,
    personId: input.personId,
    readAt: prior?.readAt ?? at,
    ackedAt: at,
  }
  await db.collection('acks').doc(id).set({ data })
  return { ...reach, ack: { _id: id, ...data } }
}
