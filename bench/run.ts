/**
 * `npm run bench`: the local cloud's throughput and latency for a function call that does one read and one
 * write, beside the raw storage engine doing the same read and write in the same run, and the weapp main
 * package size and every page's weight (bench/weapp.ts). `--district` runs bench/district.ts instead (screens at 1
 * grid, 100 grids, a district, then a testing round over it; `--district --testing` the round alone), `--delivery`, `--weapp`, `--redeem` and `--acks` one part alone. Figures are printed, never judged:
 * docs/benchmarks.md records them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildSync } from 'esbuild'
import { Engine, startLocalCloud } from '../emulator'
import { mainPackageSize } from '../scripts/package-size'
import { benchAcks } from './acks'
import { printDelivery } from './delivery'
import { benchDistrict } from './district'
import { benchGroupCommit } from './engine'
import { runLoad, type LoadResult } from './load'
import { printRedeem } from './redeem'
import { printWeapp } from './weapp'

const ROOT = path.resolve(__dirname, '..')
const PEOPLE = 1_000
const OPS = Number(process.env.BENCH_OPS ?? 2_000)
const CONCURRENCY = [1, 16]

const people = Array.from({ length: PEOPLE }, (_, i) => ({
  _id: `p${i}`,
  name: `居民${i}`,
  phone: '13800000000',
  roles: [],
  createdAt: new Date(0),
}))
const idOf = (i: number): string => `p${(i * 7919) % PEOPLE}`

/** Bundles the probe function where its `require('wx-server-sdk')` resolves from the repo's node_modules. */
function buildProbe(): string {
  const functionsDir = path.join(ROOT, '.local', 'bench', 'functions')
  buildSync({
    entryPoints: [path.join(__dirname, 'probe-function.ts')],
    outfile: path.join(functionsDir, 'probe', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'warning',
  })
  fs.writeFileSync(path.join(functionsDir, 'probe', 'config.json'), JSON.stringify({ timeout: 10 }))
  return functionsDir
}

async function benchEngine(dir: string, concurrency: number): Promise<LoadResult> {
  const engine = new Engine(dir, { durability: 'fsync' })
  await engine.createCollection('people')
  if (!engine.size('people')) await engine.insert('people', structuredClone(people))
  const result = await runLoad(OPS, concurrency, async (i) => {
    const id = idOf(i)
    engine.find('people', { _id: id }, { limit: 1 })
    await engine.update('people', { _id: id }, { $inc: { benchVisits: 1 } })
  })
  await engine.close()
  return result
}

async function benchCloud(dataDir: string, functionsDir: string, concurrency: number): Promise<LoadResult> {
  const cloud = await startLocalCloud({ dataDir, port: 0, functionsDir, durability: 'fsync', timers: false })
  if (!cloud.stats().people) await cloud.seed({ people: structuredClone(people) })
  const call = async (i: number): Promise<void> => {
    const res = await fetch(`${cloud.url}/local/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'probe', openid: `o_bench_${i % 50}`, data: { id: idOf(i) } }),
    })
    const body = (await res.json()) as { result?: { name?: string }; errMsg?: string }
    if (!body.result?.name) throw new Error(`probe call failed: ${JSON.stringify(body)}`)
  }
  await runLoad(64, Math.min(concurrency, 8), call) // warm the function instances
  const result = await runLoad(OPS, concurrency, call)
  await cloud.close()
  return result
}

const ms = (n: number): string => `${n.toFixed(2)} ms`

/**
 * 收到 under load (bench/acks.ts). `--acks` runs it alone with BENCH_ACK_INSTANCES (instances of the function at
 * once, default the local cloud's: one per core), BENCH_ACK_OPENED=0 (the crowd presses 收到 unopened; by default they opened it first, as in the app) and BENCH_ACK_WARM (收到
 * of an earlier notice through the instances before the burst, default 0).
 */
async function printAcks(opts: Parameters<typeof benchAcks>[0]): Promise<void> {
  const a = await benchAcks(opts)
  console.log(`\n收到 under load (notices.ack through the local cloud, one street-wide notice):`)
  console.log('| what | acks | ops/s | p50 | p99 |')
  console.log('| --- | --- | --- | --- | --- |')
  console.log(
    `| one resident at a time | ${a.single.ops} | ${a.single.perSecond.toFixed(0)} | ${ms(a.single.p50)} | ${ms(a.single.p99)} |`,
  )
  console.log(
    `| ${a.residents} residents at once | ${a.burst.ops} | ${a.burst.perSecond.toFixed(0)} | ${ms(a.burst.p50)} | ${ms(a.burst.p99)} |`,
  )
  console.log(
    `  ledger: ${a.failed} failed${a.failed ? ` (${JSON.stringify(a.failures)})` : ''}; ${a.acked} acks recorded; ${a.households} households → ${a.receipts} receipts, counters sum to ${a.counted}` +
      ` (per level: ${Object.entries(a.levels)
        .map(([l, n]) => `${l} ${n}`)
        .join(', ')})` +
      (a.failed === 0 &&
      a.acked === a.residents &&
      a.receipts === a.households &&
      a.counted === a.receipts &&
      Object.values(a.levels).every((n) => n === a.receipts)
        ? ' (consistent)'
        : ' (INCONSISTENT)'),
  )
  const requests = Object.values(a.burstRequests).reduce((x, y) => x + y, 0)
  console.log(
    `  counted after the burst by the countAcks timer: ${a.counting.seconds.toFixed(1)} s, ${a.counting.firings} firing(s), ${a.counting.requests} database requests (${(a.counting.requests / a.households).toFixed(1)} per household)`,
  )
  console.log(
    `  dashboard: the street's households reached this week ${a.dashboard.reached}, households with a receipt ${a.dashboard.households}` +
      (a.dashboard.reached === a.dashboard.households ? ' (consistent)' : ' (INCONSISTENT)'),
  )
  console.log(
    `  burst: ${(requests / a.residents).toFixed(2)} database requests per 收到, ${(a.burstExamined / a.residents).toFixed(1)} documents examined per 收到, ${(a.burstCpuMs.total / 1000).toFixed(1)} s of CPU (${(a.burstCpuMs.mainThread / 1000).toFixed(1)} s in the main thread: HTTP, engine, this load)`,
  )
}

const ackOptions = (): Parameters<typeof benchAcks>[0] => ({
  instances: process.env.BENCH_ACK_INSTANCES ? Number(process.env.BENCH_ACK_INSTANCES) : undefined,
  opened: process.env.BENCH_ACK_OPENED !== '0',
  warmAcks: Number(process.env.BENCH_ACK_WARM ?? 0),
})

async function main(): Promise<void> {
  if (process.argv.includes('--district')) return benchDistrict(process.argv)
  if (process.argv.includes('--delivery')) return printDelivery()
  if (process.argv.includes('--weapp')) return printWeapp()
  if (process.argv.includes('--redeem')) return printRedeem()
  if (process.argv.includes('--acks')) return printAcks(ackOptions())
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-'))
  const functionsDir = buildProbe()
  console.log(
    `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}; ${OPS} ops per row, fsync on\n`,
  )
  console.log('| what (one read + one write) | concurrency | ops/s | p50 | p99 |')
  console.log('| --- | --- | --- | --- | --- |')
  const rows: { c: number; engine: LoadResult; cloud: LoadResult }[] = []
  for (const c of CONCURRENCY) {
    const engine = await benchEngine(path.join(tmp, `engine-${c}`), c)
    const cloud = await benchCloud(path.join(tmp, `cloud-${c}`), functionsDir, c)
    rows.push({ c, engine, cloud })
    console.log(
      `| raw engine (find + update $inc) | ${c} | ${engine.perSecond.toFixed(0)} | ${ms(engine.p50)} | ${ms(engine.p99)} |`,
    )
    console.log(
      `| local cloud: HTTP → function worker → wx-server-sdk → engine | ${c} | ${cloud.perSecond.toFixed(0)} | ${ms(cloud.p50)} | ${ms(cloud.p99)} |`,
    )
  }
  console.log('\nratios (raw engine ÷ local cloud, same run):')
  for (const { c, engine, cloud } of rows) {
    console.log(
      `  concurrency ${c}: throughput ${(engine.perSecond / cloud.perSecond).toFixed(1)}×, p50 latency ${(cloud.p50 / engine.p50).toFixed(1)}× slower through the cloud`,
    )
  }
  console.log('\ngroup commit (raw engine, concurrent single-document inserts):')
  for (const d of ['fsync', 'write'] as const) {
    const b = await benchGroupCommit(d)
    console.log(
      `  ${d}: ${b.writes} writes in ${b.ms.toFixed(0)} ms (${b.writesPerSec.toFixed(0)}/s), sharing ${b.fsyncs} fdatasync(s)`,
    )
  }
  await printDelivery()
  await printAcks({})
  await printRedeem()
  const dist = path.join(ROOT, 'dist')
  if (fs.existsSync(path.join(dist, 'app.json'))) {
    const size = mainPackageSize(dist)
    console.log(
      `\nweapp main package: ${(size.total / 1024).toFixed(1)} KiB in ${size.files.length} files (limit 1024 KiB)`,
    )
  } else console.log('\nweapp main package: dist/ not built (npm run build:weapp)')
  printWeapp()
  fs.rmSync(tmp, { recursive: true, force: true })
}

main().catch((e: Error) => {
  console.error(e)
  process.exit(1)
})
