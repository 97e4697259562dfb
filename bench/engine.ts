/**
 * Group commit on the raw engine: a burst of concurrent single-document writes, and how many fdatasyncs they
 * shared. (One read + one write per op, raw and through the cloud, is in bench/run.ts.)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Engine, type Durability } from '../emulator'

export interface BurstFigures {
  durability: Durability
  writes: number
  ms: number
  writesPerSec: number
  fsyncs: number
}

export async function benchGroupCommit(durability: Durability, writes = 2_000): Promise<BurstFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-burst-'))
  const engine = new Engine(dir, { durability })
  try {
    await engine.createCollection('people')
    const syncsBefore = engine.syncCount
    const t0 = performance.now()
    await Promise.all(Array.from({ length: writes }, (_, i) => engine.insert('people', [{ openid: `b${i}` }])))
    const ms = Math.max(0.001, performance.now() - t0)
    return { durability, writes, ms, writesPerSec: (writes / ms) * 1000, fsyncs: engine.syncCount - syncsBefore }
  } finally {
    await engine.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
