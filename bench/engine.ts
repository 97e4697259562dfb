/**
 * Figures for the local cloud's storage engine (no pass/fail): one indexed read + one durable write, timed on
 * the raw engine, and a burst of concurrent writes showing group commit (how many fdatasyncs they shared).
 * `benchEngine()` is what bench/run.ts calls; `tsx bench/engine.ts` prints the figures on its own.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Engine, type Durability } from '../emulator'

export interface EngineFigures {
  durability: Durability
  /** documents in the collection while timing */
  docs: number
  /** sequential rounds of (one indexed read + one durable write) */
  rounds: number
  readWriteRoundMs: { p50: number; p95: number; mean: number }
  /** concurrent single-document writes issued at once */
  burst: number
  burstMs: number
  burstWritesPerSec: number
  burstFsyncs: number
}

const pct = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const round = (n: number): number => Math.round(n * 1000) / 1000

export async function benchEngine(
  durability: Durability = 'fsync',
  docs = 10_000,
  rounds = 2_000,
): Promise<EngineFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-engine-'))
  const engine = new Engine(dir, { durability })
  try {
    await engine.createCollection('people')
    engine.ensureIndex('people', 'openid')
    await engine.put(
      'people',
      Array.from({ length: docs }, (_, i) => ({ _id: `p${i}`, openid: `o${i}`, points: 0 })),
    )
    const times: number[] = []
    for (let i = 0; i < rounds; i++) {
      const t0 = process.hrtime.bigint()
      const [person] = engine.find('people', { openid: `o${i % docs}` }, { limit: 1 })
      await engine.update('people', { _id: person._id }, { $inc: { points: 1 } })
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
    times.sort((a, b) => a - b)
    const burst = 2_000
    const syncsBefore = engine.syncCount
    const t0 = Date.now()
    await Promise.all(Array.from({ length: burst }, (_, i) => engine.insert('people', [{ openid: `b${i}` }])))
    const burstMs = Math.max(1, Date.now() - t0)
    return {
      durability,
      docs,
      rounds,
      readWriteRoundMs: {
        p50: round(pct(times, 50)),
        p95: round(pct(times, 95)),
        mean: round(times.reduce((a, b) => a + b, 0) / times.length),
      },
      burst,
      burstMs,
      burstWritesPerSec: Math.round((burst / burstMs) * 1000),
      burstFsyncs: engine.syncCount - syncsBefore,
    }
  } finally {
    await engine.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && /bench[\\/]engine\.ts$/.test(process.argv[1])) {
  void (async () => {
    for (const d of ['fsync', 'write'] as const) console.log(JSON.stringify(await benchEngine(d)))
  })()
}
