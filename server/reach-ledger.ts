/**
 * THE LEDGER RULE: a household is reached at most once per notice.
 *
 * The first 收到 of any member, or a leader's visit (已上门告知), does in ONE data.transaction, with
 * single-document operations only (ids from core/ids.ts):
 *   create receipts/receiptId(noticeId, householdId) (create-only: it exists → nothing is written, already reached);
 *   AND, for every unit above the household (street, community, grid, building), move its shard
 *   reachCounters/reachCounterId(noticeId, unitId, shardOf(householdId)) by one, incremented without a read
 *   (db.command.inc, TxCollection.incrementIfExists); a shard the increment did not find is set (reached: 1), and
 *   one another transaction created meanwhile makes that set conflict (the round runs again);
 *   AND the dashboard's period figures of its units (server/unit-stats.ts countInTx, with the markers the round's
 *   pre-read found).
 * A unit's reach is the sum of its REACH_SHARDS shards (core/notices/reach.ts), read by id: the reach page of a
 * street reads its communities' shards, never its buildings. Two members tapping at once both see no receipt and
 * both try to create it; the first write wins, the other's create is refused (a conflict while the first is open,
 * a duplicate once it committed), so its transaction writes nothing and a read of the receipt settles it. So the
 * counters at every level always equal the receipts under them.
 *
 * No hot document: a household counts in the same shard at every level, so two concurrent acks of different
 * households conflict only when their shards match (1 in 16), not whenever they share a building (as one building
 * counter did) or a street. A conflict is retried by data.transaction (server/data/index.ts, over
 * server/transaction.ts withRetry) in bounded rounds with full-jitter backoff, so an acknowledged 收到 is never
 * lost. Every round first reads the receipt outside the transaction (receipts are append-only: once seen it is
 * final), so a retry never counts twice and a household reached meanwhile costs no transaction.
 *
 * Requests per 收到 (the cost of a flash crowd is their number, docs/benchmarks.md): the receipt's pre-read, then
 * the person's ack — one conditional write when they opened the notice first (收到 is pressed on it), else that
 * write finding nothing and a create. A household's first 收到 adds its dashboard markers' pre-read (1) and the
 * transaction (start, receipt create, 4 increments, the markers not seen and one increment per unit and period —
 * 0 when the household was reached already this week and month, else 2–4 + 6 —, commit; a new shard adds a set). Later members and repeated taps — most of a crowd, several people per
 * household — cost the pre-read and the ack.
 *
 * The person-level acks/ackId(noticeId, personId) ("you pressed 收到", unread) is written by `recordAck` right
 * after, outside the transaction, idempotent by its id (the first ackedAt stays; acks.markAcked).
 *
 * Writes: a household's first 收到 writes 2 + 4 documents (ack, receipt, one shard per level); a later member's 1
 * (their ack); a repeated tap 0. A visit writes 1 + 4, or 0 when the household was already reached.
 */
import type { VisitMethod } from '../core/contract'
import { reachCounterId, receiptId } from '../core/ids'
import type { ReachVia, ReceiptDoc } from '../core/model'
import { countedUnits, shardOf } from '../core/notices/reach'
import { ancestorAt, type Unit } from '../core/units'
import type { Data, TxData } from './data'
import { isConflict } from './transaction'
import { countInTx, receiptMarkIdsOf, type StatsSeen } from './unit-stats'

/**
 * Another member's open transaction holds the household's receipt (they pressed at the same moment): it will
 * almost surely commit, so this call waits for the receipt to appear instead of colliding with it round after round.
 */
class ReceiptHeld extends Error {
  constructor() {
    super('the household receipt is being written by another member')
  }
}
/** Reads of the receipt while a twin holds it, with doubling jittered pauses (at most ~2.5 s in all)... */
const HELD_WAITS = 8
const HELD_BASE_MS = 10
/** ... then a fresh round (the twin failed or is still retrying): at most this many, ~20 s in all as withRetry. */
const HELD_ROUNDS = 8
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface ReachInput {
  noticeId: string
  /** The household unit (its path names its building and grid). */
  household: Pick<Unit, '_id' | 'path'>
  via: ReachVia
  /** person id: the member who pressed 收到, or the leader who visited */
  by: string
  /** for a visit: how, and a note */
  method?: VisitMethod
  note?: string
  /** when; defaults to now (tests pin it) */
  at?: Date
  /** the notice is urgent (the dashboard counts households reached by urgent notices) */
  urgent?: boolean
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
  /** The household's receipt, when the caller read it already (beside the notice): the first round's pre-read. */
  receipt?: ReceiptDoc | null
  urgent?: boolean
}

/** `acked`: this call recorded the person's 收到 (false when they had pressed it before: the first ackedAt stays). */
export type AckOutcome = ReachOutcome & { acked: boolean }

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
async function reachIn(tx: TxData, input: ReachInput, at: Date, seen: StatsSeen): Promise<ReachOutcome> {
  const { microgridId, gridId } = placeOf(input.household)
  const id = receiptId(input.noticeId, input.household._id)
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
  // created, never read here: the round's pre-read found none, and a twin that wrote it since makes this first
  // write refuse (a conflict while the twin is open, a duplicate once it committed), so nothing else is written
  try {
    await tx.receipts.add({ _id: id, ...receipt })
  } catch (e) {
    throw isConflict(e) ? new ReceiptHeld() : e
  }
  const shard = shardOf(input.household._id)
  for (const { unitId, level } of countedUnits(input.household.path)) {
    const counterId = reachCounterId(input.noticeId, unitId, shard)
    // moved without a read; a shard not there yet is created (one created meanwhile makes the set conflict)
    if (await tx.reachCounters.incrementIfExists(counterId, { reached: 1 })) continue
    await tx.reachCounters.set(counterId, { noticeId: input.noticeId, unitId, level, shard, reached: 1 })
  }
  await countInTx(tx, receiptEvent(input, at), seen)
  return { householdReached: true, counted: true, receipt: { _id: id, ...receipt } }
}

/** What the dashboard's period figures count of this reach (server/unit-stats.ts). */
const receiptEvent = (input: ReachInput, at: Date) =>
  ({
    kind: 'receipt',
    at,
    householdPath: input.household.path,
    householdId: input.household._id,
    urgent: !!input.urgent,
  }) as const

/**
 * Records that a household was reached, by a member's 收到 (`via: 'ack'`), a member opening a notice that asks for
 * no 收到 (`via: 'read'`: reading is reaching), or a leader's visit (`via: 'visit'`,
 * with method and note). Idempotent; safe under any concurrency; counts the household exactly once.
 * Used by notices.visit and notices.detail (reading) and by the countAcks timer (server/ack-counting.ts: a batched
 * notice's 收到, `receipt` its page's pre-read); a resident's 收到 at once goes through `recordAck`, which also
 * writes their ack.
 *
 * Each round first reads the receipt outside a transaction (data.transaction's precheck: a household already
 * reached costs one read and no transaction — later members, repeated taps, and every loser of a race once the
 * winner has committed; receipts are append-only, so once seen it is final), then runs the rule in a transaction.
 * The SDK's own immediate retries are off: they would re-collide at once with the same contenders; the rounds back
 * off with jitter instead.
 */
export function recordReach(data: Data, input: ReachInput, receipt?: ReceiptDoc | null): Promise<ReachOutcome> {
  return reachOnce(data, input, input.at ?? new Date(), receipt)
}

/**
 * The rule with its precheck before every round: the receipt (`first`, when given, is the first round's, already
 * read beside the person's ack); only when there is none, which of its dashboard markers exist. A round
 * that failed because a twin's receipt landed first (its create refused as a duplicate) ends in a read of it.
 */
async function reachOnce(
  data: Data,
  input: ReachInput,
  at: Date,
  first?: ReceiptDoc | null,
  round = 1,
): Promise<ReachOutcome> {
  let next = first
  let seen: StatsSeen = { marks: new Set() }
  const receiptOf = () => data.receipts.get(input.noticeId, input.household._id)
  try {
    return await data.transaction(
      (tx) => reachIn(tx, input, at, seen),
      async () => {
        const receipt = next !== undefined ? next : await receiptOf()
        next = undefined
        if (receipt) return outcomeOf(receipt, input)
        const marks = await data.statMarks.byIds(receiptMarkIdsOf(receiptEvent(input, at)))
        seen = { marks: new Set(marks.map((m) => m._id)) }
        return null
      },
    )
  } catch (e) {
    // the transaction wrote nothing; if the household's receipt exists now, another member's landed first (a
    // receipt held by a twin's open transaction is not there yet: the waits below read it, not a read at once)
    if (!(e instanceof ReceiptHeld)) {
      const receipt = await receiptOf()
      if (receipt) return outcomeOf(receipt, input)
      throw e
    }
    for (let i = 0; i < HELD_WAITS; i++) {
      await sleep(HELD_BASE_MS * 2 ** i * (0.5 + Math.random() / 2))
      const landed = await receiptOf()
      if (landed) return outcomeOf(landed, input)
    }
    if (round >= HELD_ROUNDS) throw e
    return reachOnce(data, input, at, undefined, round + 1)
  }
}

/**
 * 收到 — for the notices-core `ack` handler: THE LEDGER RULE for the person's household (`recordReach`, via
 * 'ack'), then the person's acks/`${noticeId}_${personId}` (ackedAt added to their read mark, or created with
 * readAt+ackedAt; a repeated tap changes nothing). The ack comes second so that a failure leaves nothing that says 收到 while
 * the household is not counted; a retry of the call completes it (both steps are idempotent).
 * `householdReached` answers AckResult.householdReached: true when this person's 收到 is the one that reached the
 * household (also on their own double tap / retry), false when another member or a visit came first.
 *
 *   const { householdReached } = await recordAck(data, { noticeId, household, personId: caller.person._id })
 *   return { acked: true, householdReached }
 *
 * `household` is the caller's household unit (caller.units.get(person.householdId)). Check before calling that
 * the notice exists, is not expired, and reaches the household's path.
 */
export async function recordAck(data: Data, input: AckInput): Promise<AckOutcome> {
  const at = input.at ?? new Date()
  const reach = await reachOnce(
    data,
    { noticeId: input.noticeId, household: input.household, via: 'ack', by: input.personId, urgent: input.urgent },
    at,
    input.receipt,
  )
  return { ...reach, acked: await data.acks.markAcked(input.noticeId, input.personId, at) }
}
