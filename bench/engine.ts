/**
 * The raw engine: group commit (a burst of concurrent single-document writes, and how many fdatasyncs they
 * shared), and a district's data (units + people shaped like the seed's) compacted while writes go on, with the
 * longest event-loop block measured, then replayed from disk. (One read + one write per op, raw and through the
 * cloud, is in bench/run.ts.)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Engine, type Doc, type Durability } from '../emulator'
import { SortedList } from '../emulator/store/sorted-list'

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

/** Units and people shaped like the demo seed's (emulator/seed): a street of grids, buildings and households. */
export function districtDocs(total: number): { units: Doc[]; people: Doc[] } {
  const units: Doc[] = []
  const people: Doc[] = []
  const street = { _id: 's1', level: 'street', name: '江北新区', parentId: null, path: '/s1/' }
  units.push(street)
  let n = 1
  const createdAt = new Date(Date.UTC(2025, 0, 1))
  for (let g = 0; n < total; g++) {
    const c = `c${g % 40}`
    const gridPath = `/s1/${c}/g${g}/`
    units.push({ _id: `g${g}`, level: 'grid', name: `第${g}网格`, parentId: c, path: gridPath })
    n++
    for (let b = 0; b < 20 && n < total; b++) {
      const bId = `${c}-g${g}-b${b}`
      const bPath = `${gridPath}${bId}/`
      units.push({ _id: bId, level: 'microgrid', name: `${b + 1}栋`, parentId: `g${g}`, path: bPath })
      n++
      for (let h = 0; h < 24 && n < total; h++) {
        const hId = `${bId}-${(h % 2) + 1}-${Math.floor(h / 2) + 1}01`
        units.push({
          _id: hId,
          level: 'household',
          name: `${b + 1}栋${(h % 2) + 1}单元${Math.floor(h / 2) + 1}01`,
          parentId: bId,
          path: `${bPath}${hId}/`,
          building: `${b + 1}栋`,
          entrance: `${(h % 2) + 1}单元`,
          room: `${Math.floor(h / 2) + 1}01`,
        })
        n++
        for (let p = 0; p < 2 && n < total; p++) {
          const id = `p${n}`
          people.push({
            _id: id,
            openid: `o_demo_${id}`,
            name: '张三丰',
            phone: `139${String(n).padStart(8, '0')}`,
            householdId: hId,
            homePath: `${bPath}${hId}/`,
            roles: [{ role: 'resident', unitId: hId }],
            createdAt,
          })
          n++
        }
      }
    }
  }
  return { units, people }
}

const INDEXES: Array<[string, string[]]> = [
  ['units', ['path', 'parentId', 'level']],
  ['people', ['openid', 'householdId', 'homePath', 'roles.unitId']],
]

export interface ReplayFigures {
  documents: number
  snapshotMB: number
  /** longest the event loop was held while a compaction ran, with writes going on */
  compactionMs: number
  compactionMaxBlockMs: number
  /** new Engine(dir) (snapshot + journal replayed) and the indexes of core/schema.ts built */
  replayMs: number
  indexMs: number
  heapMB: number
}

/** A district's units + people: compacted with the event loop watched, then replayed from disk. */
export async function benchReplay(total: number): Promise<ReplayFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-replay-'))
  try {
    let engine = new Engine(dir, { durability: 'write', compactBytes: Infinity })
    const { units, people } = districtDocs(total)
    for (const [c, docs] of [
      ['units', units],
      ['people', people],
    ] as const)
      for (let i = 0; i < docs.length; i += 20_000) await engine.put(c, docs.slice(i, i + 20_000))
    const delay = monitorEventLoopDelay({ resolution: 5 })
    delay.enable()
    const t0 = performance.now()
    let writes = 0
    const compaction = engine.compact()
    let done = false
    void compaction.finally(() => (done = true))
    // a write per turn of the event loop, as requests arrive (a chain of awaits alone never lets a timer run)
    while (!done) {
      await engine.insert('people', [{ _id: `w${writes++}`, name: '写入中' }])
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    await compaction
    const compactionMs = performance.now() - t0
    delay.disable()
    await engine.close()
    const snapshotMB = fs.statSync(path.join(dir, 'snapshot.jsonl')).size / 2 ** 20
    global.gc?.()
    const t1 = performance.now()
    engine = new Engine(dir, { durability: 'write' })
    const replayMs = performance.now() - t1
    const t2 = performance.now()
    for (const [c, fields] of INDEXES) for (const f of fields) engine.ensureIndex(c, f)
    const indexMs = performance.now() - t2
    const documents = engine.size('units') + engine.size('people')
    const heapMB = process.memoryUsage().heapUsed / 2 ** 20
    await engine.close()
    return {
      documents,
      snapshotMB,
      compactionMs,
      compactionMaxBlockMs: delay.max / 1e6,
      replayMs,
      indexMs,
      heapMB,
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The sorted list under every field index: a million distinct keys inserted in random order, then read. */
export function benchSortedList(n = 1_000_000): { insertMs: number; rangeUs: number; deleteMs: number } {
  const keys = Array.from({ length: n }, (_, i) => `/s1/c${i % 40}/g${i % 930}/h${(i * 7919) % n}/`)
  const list = new SortedList<string>()
  let t = performance.now()
  for (const k of keys) list.insert(k)
  const insertMs = performance.now() - t
  t = performance.now()
  let seen = 0
  for (let i = 0; i < 1_000; i++)
    for (const _ of list.range({ value: keys[i], inclusive: true })) if (++seen % 10 === 0) break
  const rangeUs = ((performance.now() - t) / 1_000) * 1_000
  t = performance.now()
  for (let i = 0; i < n; i += 2) list.delete(keys[i])
  return { insertMs, rangeUs, deleteMs: performance.now() - t }
}

// `npx tsx bench/engine.ts [documents…]` (default 150,000 and 1,000,000): replay and compaction at district size
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean)
  void (async () => {
    const sl = benchSortedList()
    console.log(
      `sorted list, 1,000,000 distinct path keys in random order: insert ${(sl.insertMs / 1000).toFixed(2)} s, ` +
        `a range read from its start to its 10th key ${sl.rangeUs.toFixed(1)} µs, delete half ${(sl.deleteMs / 1000).toFixed(2)} s`,
    )
    for (const n of sizes.length ? sizes : [150_000, 1_000_000]) {
      const f = await benchReplay(n)
      console.log(
        `${f.documents.toLocaleString('en')} documents (units + people), snapshot ${f.snapshotMB.toFixed(0)} MB: ` +
          `compaction ${(f.compactionMs / 1000).toFixed(1)} s with writes going on, longest event-loop block ` +
          `${f.compactionMaxBlockMs.toFixed(0)} ms; replay ${(f.replayMs / 1000).toFixed(1)} s + indexes ` +
          `${(f.indexMs / 1000).toFixed(1)} s; heap ${f.heapMB.toFixed(0)} MB`,
      )
    }
  })()
}
