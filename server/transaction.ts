/**
 * The one way to run a transaction: `transaction(db, work)`. It owns conflict detection and retry for every store.
 *
 * The platform refuses a write-write conflict AT THE WRITE (`DATABASE_TRANSACTION_CONFLICT`), and wx-server-sdk
 * 4.0.2 hands that refusal on as errCode -501001 without the `code` that runTransaction's own retry looks for, so
 * the SDK never retries it: left alone, the loser of a race answers INTERNAL. The SDK's immediate retries would
 * also re-collide at once with the same contenders. So the SDK's retries are off (`times` 0) and bounded rounds
 * with full-jitter exponential backoff retry instead; `work` must be safe to run again (it re-reads what it
 * decides on inside the transaction, so a retry sees what the winner wrote).
 */
import type { Database } from './cloud'

type Doc = Record<string, unknown>
export interface TxDocument {
  get(): Promise<{ data: Doc | null }>
  update(opts: { data: Doc }): Promise<unknown>
  set(opts: { data: Doc }): Promise<unknown>
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDocument; add(opts: { data: Doc }): Promise<{ _id: string }> }
}

/** Rounds before giving up: the sleeps add up to 20 s at most. */
export const TRANSACTION_ATTEMPTS = 16
const BACKOFF_BASE_MS = 20
const BACKOFF_CAP_MS = 2_000

/**
 * Some SDK paths return `{ code, message }` instead of throwing (throwOnCode: false); a write that did not
 * happen must abort the transaction, so such results are thrown (a conflict then triggers the retries).
 */
export async function must<T>(p: Promise<T>): Promise<T> {
  const res = await p
  const code = (res as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code) throw res
  return res
}

/**
 * A document inside a transaction, or null. wx-server-sdk REJECTS a transaction get of a missing document ("document
 * with _id … does not exist", errCode -1) rather than answering `{ data: null }`; any read-then-create in a
 * transaction needs this.
 */
export async function getOrNull<T>(ref: TxDocument): Promise<T | null> {
  try {
    return ((await must(ref.get())).data as T | null) ?? null
  } catch (e) {
    const text =
      typeof e === 'string' ? e : String((e as { errMsg?: unknown; message?: unknown }).errMsg ?? (e as Error).message)
    if (/document with _id .* does not exist/.test(text)) return null
    throw e
  }
}

/** Whether an error is a transaction conflict, in any of the shapes the SDK layers give it. */
export function isConflict(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false
  const { code, errMsg, message } = e as { code?: unknown; errMsg?: unknown; message?: unknown }
  const text = `${String(code ?? '')} ${String(errMsg ?? '')} ${String(message ?? '')}`
  return /transaction[ _]?conflict|WriteConflict|conflicting with another transaction/i.test(text)
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Runs `run` again on a conflict, with full-jitter exponential backoff, at most `attempts` rounds. */
export async function withRetry<T>(run: () => Promise<T>, attempts = TRANSACTION_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (e) {
      if (!isConflict(e) || attempt >= attempts) throw e
      const cap = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt)
      await sleep(Math.random() * cap)
    }
  }
}

/** `work` in one transaction, retried on conflict (see above); its result once it commits. */
export function transaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withRetry(async () => (await db.runTransaction(work as never, 0)) as T)
}
