/**
 * Subscribe messages of one street-wide notice through the local cloud: the deliver timer fired until the job is
 * done, messages/s, firings, documents examined per message, each subscriber messaged exactly once (the outbox,
 * counted per openid), and what that makes of 100,000 subscribers on the platform's limits (docs/deploy.md).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BATCH, FIRING_MS, SENDS_PER_FIRING } from '../cloudfunctions/notices/deliver'
import { subscriptionId } from '../core/ids'
import type { PersonDoc, SubscriptionDoc } from '../core/model'
import { NOTICE_TEMPLATE } from '../core/notices/links'
import { DELIVERY_SHARDS } from '../core/notices/messages'
import { startLocalCloud } from '../emulator'
import { buildDemoCommunity } from '../emulator/seed'

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 20_000)
/** Assumed on the platform (docs/deploy.md): one batch = a page read, a readers read, 25 conditional updates and
 * 25 sends at once, a cursor save; about 200 ms with a send's ~100 ms round trip. */
const PLATFORM_BATCH_MS = 200
const PLATFORM_FIRING_EVERY_S = 60

export interface DeliveryFigures {
  subscribers: number
  firings: number
  seconds: number
  perSecond: number
  examinedPerMessage: number
  /** documents examined per message by collection, most first: which query grows with the audience */
  byCollection: Array<{ collection: string; queries: number; examinedPerMessage: number }>
  once: boolean
  platform: { perFiring: number; firings: number; minutes: number }
}

export async function benchDelivery(): Promise<DeliveryFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-delivery-'))
  const demo = buildDemoCommunity()
  const households = demo.units.filter((u) => u.level === 'household')
  const hex = (i: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0') + String(i).padStart(8, '0')
  const extra: PersonDoc[] = Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const home = households[i % households.length]
    return {
      _id: `p${hex(i)}`,
      openid: `o_deliver_${i}`,
      name: `住户${i}`,
      phone: '13800000000',
      householdId: home._id,
      homePath: home.path,
      roles: [{ role: 'resident', unitId: home._id }],
      createdAt: new Date(0),
    }
  })
  const subscriptions: SubscriptionDoc[] = extra.map((p) => ({
    _id: subscriptionId(p._id, NOTICE_TEMPLATE.id),
    personId: p._id,
    homePath: p.homePath as string,
    templateId: NOTICE_TEMPLATE.id,
    remaining: 1,
    since: new Date(0),
    updatedAt: new Date(0),
  }))
  const cloud = await startLocalCloud({ dataDir, port: 0, durability: 'fsync', timers: false })
  try {
    await cloud.seed({ units: demo.units, people: [...demo.people, ...extra], subscriptions })
    const street = demo.units.find((u) => u.level === 'street') as { _id: string }
    const staff = demo.people.find((p) => p.roles.some((r) => r.role === 'streetStaff')) as PersonDoc
    const published = (await cloud.callFunction(
      'notices',
      {
        action: 'publish',
        payload: {
          title: '全街道停水通知',
          body: '明日上午停水，请提前储水。',
          urgency: 'urgent',
          expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          unitIds: [street._id],
        },
      },
      { openid: staff.openid as string },
    )) as { result: { ok: boolean; data?: { id: string }; code?: string } }
    if (!published.result.ok) throw new Error(`publish refused: ${published.result.code}`)
    const noticeId = published.result.data!.id
    cloud.queryStats({ reset: true })
    const before = cloud.outbox().length
    const t0 = performance.now()
    let firings = 0
    for (;;) {
      firings++
      const event = { Type: 'Timer', TriggerName: 'deliver', Time: new Date().toISOString(), Message: '' }
      const res = (await cloud.callFunction('notices', event, { openid: '' })).result as { ok: boolean }
      if (!res.ok) throw new Error('deliver firing failed')
      const job = cloud.engine.find('deliveries', { _id: noticeId }, { limit: 1 })[0] as { status: string }
      if (job.status === 'done') break
    }
    const seconds = (performance.now() - t0) / 1000
    const sent = (cloud.outbox().slice(before) as { touser: string }[]).map((m) => m.touser)
    const mine = new Set(extra.map((p) => p.openid as string))
    const counts = new Map<string, number>()
    for (const t of sent) counts.set(t, (counts.get(t) ?? 0) + 1)
    const once = [...mine].every((o) => counts.get(o) === 1) && [...counts.values()].every((n) => n === 1)
    // the platform: every shard sends a batch every PLATFORM_BATCH_MS for FIRING_MS, capped by SENDS_PER_FIRING
    const perFiring = Math.min(SENDS_PER_FIRING, DELIVERY_SHARDS * BATCH * Math.floor(FIRING_MS / PLATFORM_BATCH_MS))
    const platformFirings = Math.ceil(100_000 / perFiring)
    const stats = cloud.queryStats()
    const messages = Math.max(1, sent.length)
    return {
      subscribers: SUBSCRIBERS,
      firings,
      seconds,
      perSecond: sent.length / seconds,
      examinedPerMessage: stats.examined / messages,
      byCollection: Object.entries(stats.byCollection)
        .map(([collection, c]) => ({ collection, queries: c.queries, examinedPerMessage: c.examined / messages }))
        .sort((a, b) => b.examinedPerMessage - a.examinedPerMessage),
      once,
      platform: {
        perFiring,
        firings: platformFirings,
        // the last firing starts (n - 1) minutes after the first and sends for at most FIRING_MS
        minutes: ((platformFirings - 1) * PLATFORM_FIRING_EVERY_S + FIRING_MS / 1000) / 60,
      },
    }
  } finally {
    await cloud.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Prints the figures (docs/benchmarks.md records them). */
export async function printDelivery(): Promise<void> {
  const d = await benchDelivery()
  console.log(`\nsubscribe messages (notices deliver timer through the local cloud, one street-wide notice):`)
  console.log(
    `  ${d.subscribers} subscribers: ${d.firings} firing(s), ${d.seconds.toFixed(1)} s, ${d.perSecond.toFixed(0)} messages/s, ` +
      `${d.examinedPerMessage.toFixed(1)} documents examined per message, each messaged exactly once: ${d.once ? 'yes' : 'NO'}`,
  )
  console.log(
    `  examined per message by collection: ` +
      d.byCollection.map((c) => `${c.collection} ${c.examinedPerMessage.toFixed(1)} (${c.queries} queries)`).join(', '),
  )
  console.log(
    `  platform (docs/deploy.md): ${DELIVERY_SHARDS} shards × ${BATCH} per ${PLATFORM_BATCH_MS} ms batch for ${FIRING_MS / 1000} s, ` +
      `at most ${SENDS_PER_FIRING} per firing → ${d.platform.perFiring} per firing; 100,000 subscribers: ` +
      `${d.platform.firings} firings, done ${d.platform.minutes.toFixed(1)} min after the first`,
  )
}
