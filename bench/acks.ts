/**
 * 收到 under load: 2,000 residents acknowledge one street-wide notice at once through the local cloud
 * (HTTP → function workers → wx-server-sdk → engine), beside a single acknowledgement's latency. Afterwards the
 * ledger is checked: every acknowledgement answered, one receipt per household, counters equal to receipts.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import path from 'node:path'
import { periodOf } from '../core/dashboard/stats'
import { ackId } from '../core/ids'
import type { PersonDoc, ReachCounterDoc, ReceiptDoc } from '../core/model'
import { startLocalCloud, type LocalCloud } from '../emulator'
import { DEFAULT_INSTANCES } from '../emulator/functions/host'
import { buildDemoCommunity } from '../emulator/seed'
import { runLoad, type LoadResult } from './load'

export interface AckFigures {
  single: LoadResult
  burst: LoadResult
  residents: number
  households: number
  receipts: number
  counted: number
  /** households counted at each level (the shards of every unit of that level summed): all equal `receipts` */
  levels: Record<string, number>
  acked: number
  failed: number
  /** why the failed ones failed: an error code, or the message of a call that never answered */
  failures: Record<string, number>
  /** CPU the whole process spent during the burst (every thread: the local cloud, its workers, this load), ms */
  burstCpuMs: { total: number; mainThread: number }
  /** database requests the burst made (each one a round trip of the SDK to the local cloud), by operation */
  burstRequests: Record<string, number>
  /** documents the burst's queries examined (the local cloud's count) */
  burstExamined: number
  /** after the burst: the countAcks timer fired until every 收到 was counted (a street's notice is counted in
   * batches, core/notices/counting.ts): how long that took, in how many firings and database requests */
  counting: { seconds: number; firings: number; requests: number }
  /** the dashboard's households reached this week in the street (its unitStats and shards summed), against the
   * distinct households of every receipt of the run: equal when no 收到 was lost or counted twice */
  dashboard: { reached: number; households: number }
}

/**
 * Counts the engine's operations as the wire calls them (one per SDK request: find, count, insert, update, remove,
 * begin, commit, abort); an operation the engine runs inside another (an update's own find) is not counted.
 */
function countRequests(engine: LocalCloud['engine']): { counts: Record<string, number>; reset(): void } {
  const out = { counts: {} as Record<string, number>, reset: () => void (out.counts = {}) }
  let depth = 0
  const target = engine as unknown as Record<string, (...a: unknown[]) => unknown>
  for (const op of ['find', 'count', 'insert', 'update', 'remove', 'begin', 'commit', 'abort']) {
    const real = target[op].bind(engine)
    target[op] = (...args: unknown[]) => {
      if (depth === 0) out.counts[op] = (out.counts[op] ?? 0) + 1
      depth++
      try {
        return real(...args)
      } finally {
        depth--
      }
    }
  }
  return out
}

/** CPU time of this process and of its main thread so far, ms (Linux /proc; the main thread's tid is the pid). */
function cpuNow(): { total: number; mainThread: number } {
  const u = process.cpuUsage()
  let mainThread = NaN
  try {
    // utime and stime, fields 14 and 15, in clock ticks (USER_HZ, 100 on Linux)
    const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ')
    mainThread = (Number(f[11]) + Number(f[12])) * 10
  } catch {
    // not Linux: the total alone
  }
  return { total: (u.user + u.system) / 1000, mainThread }
}

const RESIDENTS = 2_000
const SINGLE = 50
/** instances of the function the local cloud runs at once, by default: its own default (one per core) */
const INSTANCES = DEFAULT_INSTANCES

/** The demo street, with every resident reachable and enough extra members that 2,000 + 50 can press 收到. */
function benchCommunity() {
  const demo = buildDemoCommunity()
  const people: PersonDoc[] = demo.people.map((p) =>
    p.householdId ? { ...p, openid: p.openid ?? `o_bench_${p._id}` } : p,
  )
  const households = demo.units.filter((u) => u.level === 'household')
  for (let i = 0; people.filter((p) => p.householdId).length < RESIDENTS + SINGLE; i++) {
    const home = households[i % households.length]
    people.push({
      _id: `bench${i}`,
      openid: `o_bench_extra_${i}`,
      name: `住户${i}`,
      phone: '13800000000',
      householdId: home._id,
      homePath: home.path,
      roles: [{ role: 'resident', unitId: home._id }],
      createdAt: new Date(),
    })
  }
  return { units: demo.units, people }
}

/**
 * The residents' phones: one keep-alive agent, so that the load generator (in this process, on the same 2 cores)
 * costs little beside what it measures; fetch opened a connection per call and took a quarter of the main thread.
 */
const phones = new http.Agent({ keepAlive: true, maxSockets: 256 })

function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: phones,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function call(
  cloud: LocalCloud,
  openid: string,
  action: string,
  payload: unknown,
): Promise<{ ok: boolean; data?: { id?: string }; code?: string }> {
  const text = await post(
    `${cloud.url}/local/call`,
    JSON.stringify({ name: 'notices', openid, data: { action, payload } }),
  )
  const body = JSON.parse(text) as {
    result?: { ok: boolean; data?: { id?: string }; code?: string }
    errMsg?: string
  }
  if (!body.result) throw new Error(`notices.${action} failed: ${body.errMsg}`)
  return body.result
}

async function publish(cloud: LocalCloud, staff: PersonDoc, streetId: string, title: string): Promise<string> {
  const res = await call(cloud, staff.openid as string, 'publish', {
    title,
    body: '请各户按时收看并回复收到。',
    urgency: 'urgent',
    expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    unitIds: [streetId],
  })
  if (!res.ok) throw new Error(`publish refused: ${res.code}`)
  return res.data?.id as string
}

function levelSums(counters: ReachCounterDoc[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of counters) out[c.level] = (out[c.level] ?? 0) + c.reached
  return out
}

/**
 * Fires the notices function's countAcks timer back to back until no 收到 waits to be counted (a community's or
 * street's notice counts them in batches, core/notices/counting.ts); how many firings it took.
 */
export async function countEveryAck(cloud: LocalCloud): Promise<number> {
  for (let firings = 1; ; firings++) {
    const event = { Type: 'Timer', TriggerName: 'countAcks', Time: new Date().toISOString(), Message: '' }
    const fired = (await cloud.callFunction('notices', event, { openid: '' })).result as {
      ok: boolean
      data?: { acks: number; left: boolean }
    }
    if (!fired.ok) throw new Error('countAcks failed')
    if (fired.data?.acks === 0 && !fired.data.left) return firings
  }
}

/**
 * `functionsDir`: the built functions to run (default cloudfunctions/), e.g. a private build to compare two versions;
 * `cold`: the burst also starts the function's instances (by default they are warmed first); `instances`: how many
 * the local cloud runs at once (default: the local cloud's, one per core; more on 2 cores spend CPU switching between them); `opened`: the
 * crowd opened the notice before pressing 收到 (the default: as in the app, where 收到 is on the opened notice and
 * opening writes the read mark), or (false) presses it unopened, one write more each; `warmAcks`: that many residents first press 收到 on an earlier notice
 * through the instances (a platform instance is warm from earlier traffic; each worker's JIT otherwise warms during
 * the burst itself).
 */
export async function benchAcks(
  opts: { functionsDir?: string; cold?: boolean; instances?: number; opened?: boolean; warmAcks?: number } = {},
): Promise<AckFigures> {
  const instances = opts.instances ?? INSTANCES
  const opened = opts.opened ?? true
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-acks-'))
  const { units, people } = benchCommunity()
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    durability: 'fsync',
    timers: false,
    functionsDir: opts.functionsDir,
    maxInstancesPerFunction: instances,
  })
  try {
    await cloud.seed({ units, people })
    const street = units.find((u) => u.level === 'street') as { _id: string }
    const staff = people.find((p) => p.roles.some((r) => r.role === 'streetStaff')) as PersonDoc
    const residents = people.filter((p) => p.householdId && p.openid)

    // one at a time: the latency a resident feels when nothing else is going on
    const quiet = await publish(cloud, staff, street._id, '单条收到延迟')
    const first = residents.slice(0, SINGLE)
    const single = await runLoad(SINGLE, 1, async (i) => {
      const res = await call(cloud, first[i].openid as string, 'ack', { noticeId: quiet })
      if (!res.ok) throw new Error(`ack refused: ${res.code}`)
    })

    // the function's instances warm (as many as the local cloud runs at once), unless the cold start is measured:
    // each worker's first load of wx-server-sdk costs ~0.5 s of CPU, which the platform spends on its own machines
    if (!opts.cold) {
      const warm = await Promise.all(
        first.slice(0, instances).map((p) => call(cloud, p.openid as string, 'detail', { noticeId: quiet })),
      )
      if (warm.some((r) => !r.ok)) throw new Error('warm-up refused')
      const warmAcks = opts.warmAcks ?? 0
      if (warmAcks > 0) {
        const earlier = await publish(cloud, staff, street._id, '预热通知')
        const warmers = residents.slice(SINGLE, SINGLE + warmAcks)
        await runLoad(warmers.length, instances, async (i) => {
          const res = await call(cloud, warmers[i].openid as string, 'ack', { noticeId: earlier })
          if (!res.ok) throw new Error(`warm-up ack refused: ${res.code}`)
        })
      }
    }

    // everyone at once
    const noticeId = await publish(cloud, staff, street._id, '全街道紧急通知')
    const crowd = residents.slice(SINGLE, SINGLE + RESIDENTS)
    if (opened) {
      const readAt = new Date()
      await cloud.seed({
        acks: crowd.map((p) => ({ _id: ackId(noticeId, p._id), noticeId, personId: p._id, readAt })),
      })
    }
    let failed = 0
    const failures: Record<string, number> = {}
    // idle keep-alive sockets of the phases before may be closed by the server under the burst's first requests
    phones.destroy()
    const requests = countRequests(cloud.engine)
    cloud.queryStats({ reset: true })
    const cpuBefore = cpuNow()
    const burst = await runLoad(crowd.length, crowd.length, async (i) => {
      const res = await call(cloud, crowd[i].openid as string, 'ack', { noticeId }).catch(
        (e: unknown) => ({ ok: false, code: String((e as Error).message ?? e).slice(0, 80) }) as const,
      )
      if (!res.ok) {
        failed++
        const why = (res as { code?: string }).code ?? 'unknown'
        failures[why] = (failures[why] ?? 0) + 1
      }
    })
    const cpuAfter = cpuNow()
    const burstExamined = cloud.queryStats().examined
    const burstRequests = requests.counts
    requests.reset()

    // the street's notice counts its 收到 by the countAcks timer: fired back to back until nothing waits
    const countStart = performance.now()
    const firings = await countEveryAck(cloud)
    const counting = {
      seconds: (performance.now() - countStart) / 1000,
      firings,
      requests: Object.values(requests.counts).reduce((x, y) => x + y, 0),
    }
    requests.reset()

    const receipts = cloud.engine.find('receipts', { noticeId }, { limit: 1_000_000 }) as unknown as ReceiptDoc[]
    const counters = cloud.engine.find(
      'reachCounters',
      { noticeId },
      { limit: 1_000_000 },
    ) as unknown as ReachCounterDoc[]
    const acks = cloud.engine.find('acks', { noticeId, ackedAt: { $exists: true } }, { limit: 1_000_000 })
    const week = periodOf('week', new Date())
    const stats = cloud.engine.find('unitStats', { unitId: street._id, period: week }, { limit: 1_000 })
    const everyReceipt = cloud.engine.find('receipts', {}, { limit: 1_000_000 }) as unknown as ReceiptDoc[]
    return {
      single,
      burst,
      residents: crowd.length,
      households: new Set(crowd.map((p) => p.householdId)).size,
      receipts: receipts.length,
      // the street's shards summed; every level below must say the same (checked in levels)
      counted: counters.filter((c) => c.level === 'street').reduce((n, c) => n + c.reached, 0),
      levels: levelSums(counters),
      acked: acks.length,
      failed,
      failures,
      burstRequests,
      burstExamined,
      counting,
      dashboard: {
        reached: stats.reduce((n, d) => n + Number(d.reached ?? 0), 0),
        households: new Set(everyReceipt.map((r) => r.householdId)).size,
      },
      burstCpuMs: {
        total: cpuAfter.total - cpuBefore.total,
        mainThread: cpuAfter.mainThread - cpuBefore.mainThread,
      },
    }
  } finally {
    await cloud.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
