/**
 * 收到 under load: 2,000 residents acknowledge one street-wide notice at once through the local cloud
 * (HTTP → function workers → wx-server-sdk → engine), beside a single acknowledgement's latency. Afterwards the
 * ledger is checked: every acknowledgement answered, one receipt per household, counters equal to receipts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PersonDoc, ReachCounterDoc, ReceiptDoc } from '../core/model'
import { startLocalCloud, type LocalCloud } from '../emulator'
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
}

const RESIDENTS = 2_000
const SINGLE = 50

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

async function call(
  cloud: LocalCloud,
  openid: string,
  action: string,
  payload: unknown,
): Promise<{ ok: boolean; data?: { id?: string }; code?: string }> {
  const res = await fetch(`${cloud.url}/local/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'notices', openid, data: { action, payload } }),
  })
  const body = (await res.json()) as {
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

export async function benchAcks(): Promise<AckFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-acks-'))
  const { units, people } = benchCommunity()
  const cloud = await startLocalCloud({ dataDir, port: 0, durability: 'fsync', timers: false })
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

    // everyone at once
    const noticeId = await publish(cloud, staff, street._id, '全街道紧急通知')
    const crowd = residents.slice(SINGLE, SINGLE + RESIDENTS)
    let failed = 0
    const failures: Record<string, number> = {}
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

    const receipts = cloud.engine.find('receipts', { noticeId }, { limit: 1_000_000 }) as unknown as ReceiptDoc[]
    const counters = cloud.engine.find(
      'reachCounters',
      { noticeId },
      { limit: 1_000_000 },
    ) as unknown as ReachCounterDoc[]
    const acks = cloud.engine.find('acks', { noticeId, ackedAt: { $exists: true } }, { limit: 1_000_000 })
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
    }
  } finally {
    await cloud.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
