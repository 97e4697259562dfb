/** A closed-loop load generator: `concurrency` callers each run `op` back to back until `total` ops are done. */
import { performance } from 'node:perf_hooks'

export interface LoadResult {
  ops: number
  concurrency: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

export async function runLoad(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = []
  let next = 0
  const start = performance.now()
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++
      const t = performance.now()
      await op(i)
      latencies.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - start) / 1000
  latencies.sort((a, b) => a - b)
  return {
    ops: total,
    concurrency,
    seconds,
    perSecond: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  }
}
