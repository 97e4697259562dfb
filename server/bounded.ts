/** Many independent writes at once, but not all at once: how moves and imports write hundreds of documents. */

/** Writes in flight at once: enough to hide round trips, few enough not to swamp one function's connection. */
export const WRITE_CONCURRENCY = 16

/** Runs `fn` over every item with at most `limit` running at once; rejects with the first failure. */
export async function eachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
