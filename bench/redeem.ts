/**
 * 积分兑换 under contention, through the local cloud (HTTP → function workers → wx-server-sdk → engine), beside a
 * single redeem's latency: residents with enough points redeem one at a time; then a crowd redeems ONE service at
 * the same moment — with stock for everyone (every redeem contends on the service and succeeds: the throughput of
 * one hot service), and with stock 10 (the oversell race: 10 win, the rest are told it is sold out). Afterwards the
 * ledger is checked: vouchers = stock taken, no balance below zero, every account equal to the sum of its legs.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { transferId } from '../core/ids'
import type { AccountDoc, PersonDoc, ServiceDoc, TransferDoc, VoucherDoc } from '../core/model'
import { ancestorAt } from '../core/units'
import { startLocalCloud, type LocalCloud } from '../emulator'
import { buildDemoCommunity } from '../emulator/seed'
import { seedLedger } from '../emulator/seed/points-wallet'
import { buildFunctions } from '../scripts/build-functions'
import { runLoad, type LoadResult } from './load'

const SINGLE = Number(process.env.BENCH_REDEEM_SINGLE ?? 50)
const CROWD = Number(process.env.BENCH_REDEEM_CROWD ?? 200)
const SCARCE = 10
const INSTANCES = 8
const COST = 5

export interface CrowdFigures {
  load: LoadResult
  stock: number
  vouchers: number
  stockLeft: number
  /** why the refused ones were refused, by code */
  refusals: Record<string, number>
}

export interface RedeemFigures {
  single: LoadResult
  ample: CrowdFigures
  scarce: CrowdFigures
  /** the ledger's invariants after the run: problems found (0 = consistent) */
  problems: number
  negative: number
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 })
function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
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

async function call(cloud: LocalCloud, openid: string, action: string, payload: unknown) {
  const text = await post(
    `${cloud.url}/local/call`,
    JSON.stringify({ name: 'points', openid, data: { action, payload } }),
  )
  const body = JSON.parse(text) as { result?: { ok: boolean; code?: string }; errMsg?: string }
  if (!body.result) throw new Error(`points.${action} failed: ${body.errMsg}`)
  return body.result
}

const service = (id: string, community: string, stock: number, at: Date): ServiceDoc => ({
  _id: id,
  title: `压测服务 ${id}`,
  description: '',
  provider: { kind: 'pool', id: community },
  providerName: '压测社区',
  communityId: community,
  unitIds: [community],
  cost: COST,
  stock,
  issued: 0,
  perPersonLimit: 1,
  validUntil: new Date(+at + 86_400_000),
  voucherDays: 7,
  status: 'open',
  createdBy: 'bench',
  createdAt: at,
  updatedAt: at,
})

export async function benchRedeem(): Promise<RedeemFigures> {
  await buildFunctions(['points'])
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-redeem-'))
  const demo = buildDemoCommunity()
  const community = 'c1'
  const residents = demo.people.filter(
    (p) => p.openid && p.roles.length === 1 && p.homePath && ancestorAt(p.homePath, 'community') === community,
  )
  const need = SINGLE + CROWD * 2
  if (residents.length < SINGLE + CROWD) throw new Error(`the demo community has ${residents.length} residents`)
  // every resident gets enough points for each redeem they make, posted as real grants through the seed ledger
  const at = new Date()
  const ledger = seedLedger((demo.points.accounts ?? []) as AccountDoc[])
  for (const p of residents)
    ledger.post({
      id: transferId('grant', `bench_${p._id}`),
      from: { kind: 'pool', id: community },
      to: { kind: 'person', id: p._id },
      amount: COST * 3,
      kind: 'grant',
      reason: '奖励：压测',
      ref: { kind: 'adjustment', id: `bench_${p._id}` },
      actorId: 'bench',
      at,
    })
  const { accounts, transfers } = ledger.docs()
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    durability: 'fsync',
    timers: false,
    maxInstancesPerFunction: INSTANCES,
  })
  try {
    await cloud.seed({
      units: demo.units,
      people: demo.people,
      unitCounters: demo.unitCounters,
      ...demo.points,
      accounts,
      // the demo's own movements and the grants above: every account equal to its legs from the start
      transfers: [...((demo.points.transfers ?? []) as TransferDoc[]), ...transfers],
      services: [
        ...((demo.points.services ?? []) as ServiceDoc[]),
        service('bench-single', community, need, at),
        service('bench-ample', community, need, at),
        service('bench-scarce', community, SCARCE, at),
      ],
    })
    const redeem = (p: PersonDoc, serviceId: string) =>
      call(cloud, p.openid as string, 'redeem', { serviceId, requestId: `bench-${serviceId}-${p._id}` })

    // one at a time: the latency a resident feels when nobody else is redeeming
    const single = await runLoad(SINGLE, 1, async (i) => {
      const res = await redeem(residents[i], 'bench-single')
      if (!res.ok) throw new Error(`redeem refused: ${res.code}`)
    })
    // as many warm instances as the local cloud runs at once (the platform starts its own)
    await Promise.all(residents.slice(0, INSTANCES).map((p) => call(cloud, p.openid as string, 'wallet', {})))

    const crowd = async (serviceId: string, people: PersonDoc[], stock: number): Promise<CrowdFigures> => {
      const refusals: Record<string, number> = {}
      const load = await runLoad(people.length, people.length, async (i) => {
        const res = await redeem(people[i], serviceId).catch((e: unknown) => ({
          ok: false,
          code: String((e as Error).message ?? e).slice(0, 80),
        }))
        if (!res.ok) refusals[res.code ?? '?'] = (refusals[res.code ?? '?'] ?? 0) + 1
      })
      const vouchers = cloud.engine.find('vouchers', { serviceId }, { limit: 1_000_000 }) as unknown as VoucherDoc[]
      const s = cloud.engine.find('services', { _id: serviceId }, { limit: 1 })[0] as unknown as ServiceDoc
      return { load, stock, vouchers: vouchers.length, stockLeft: s.stock, refusals }
    }
    const crowdPeople = residents.slice(SINGLE, SINGLE + CROWD)
    const ample = await crowd('bench-ample', crowdPeople, need)
    const scarce = await crowd('bench-scarce', crowdPeople, SCARCE)

    // the ledger afterwards
    const stored = cloud.engine.find('accounts', {}, { limit: 1_000_000 }) as unknown as AccountDoc[]
    const moves = cloud.engine.find('transfers', {}, { limit: 1_000_000 }) as unknown as TransferDoc[]
    const sums = new Map<string, number>()
    for (const t of moves) for (const l of t.legs) sums.set(l.accountId, (sums.get(l.accountId) ?? 0) + l.amount)
    const problems = stored.filter((a) => a.balance !== (sums.get(a._id) ?? 0)).length
    const negative = stored.filter((a) => a.kind !== 'pool' && a.balance < 0).length
    return { single, ample, scarce, problems, negative }
  } finally {
    await cloud.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const ms = (n: number): string => `${n.toFixed(0)} ms`

export async function printRedeem(): Promise<void> {
  const r = await benchRedeem()
  const row = (what: string, l: LoadResult) =>
    `| ${what} | ${l.ops} | ${l.concurrency} | ${l.perSecond.toFixed(1)} | ${ms(l.p50)} | ${ms(l.p99)} |`
  console.log('\n积分兑换 (points.redeem through the local cloud, one service):')
  console.log('| what | redeems | at once | redeems/s | p50 | p99 |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  console.log(row('one resident at a time', r.single))
  console.log(row(`${r.ample.load.ops} residents at once, stock for all`, r.ample.load))
  console.log(row(`${r.scarce.load.ops} residents at once, stock ${r.scarce.stock}`, r.scarce.load))
  const line = (c: CrowdFigures) =>
    `stock ${c.stock}: ${c.vouchers} vouchers, ${c.stockLeft} left, refused ${JSON.stringify(c.refusals)}` +
    (c.vouchers + c.stockLeft === c.stock ? '' : ' (STOCK INCONSISTENT)')
  console.log(`  ${line(r.ample)}`)
  console.log(`  ${line(r.scarce)}`)
  console.log(
    `  ledger: ${r.problems} accounts off their legs, ${r.negative} below zero` +
      (r.problems === 0 && r.negative === 0 ? ' (consistent)' : ' (INCONSISTENT)'),
  )
}
