/**
 * The `deliver` timer (config.json, every minute, 60 s timeout): sends each new notice's subscribe message to the
 * residents in its scope who accepted one (一次性订阅).
 * - A new job (written by publish) is opened once, under a lease: the audience is split into DELIVERY_SHARDS
 *   shards by subscription-id range (core/notices/messages.ts shardRanges), or one shard when it fits in one
 *   round; who is due (the progress figure's denominator, fixed when sending starts) is counted range by range,
 *   all at once, so no count reads more than one shard's part of the audience.
 * - Shards go out in parallel, each under its own lease, so overlapping firings never send the same batch; a
 *   shard's cursor is saved after every batch, so a firing that crashes loses at most one batch of progress.
 * - Nobody gets two: a message is taken from the subscription (a conditional decrement that also records
 *   `deliver:<noticeId>`) before it is sent, so a batch repeated after a crash skips who already had it.
 * - Bounded per call: a time budget well inside the timeout (opening jobs gets the first OPENING_MS of it and
 *   stops once a firing's worth of sends is due; the rest wait for the next firing), a cap on subscriptions
 *   read, and each page query reads about its page (subscriptions in `_id` order within the shard's range, which
 *   the `_id` index walks).
 * Recipients are the people as they are now (server/recipients.ts): who left, was deleted or moved away gets
 * nothing; a subscription made after the notice was published, and a person who already opened it, neither.
 */
import type { DeliveryDoc, DeliveryShardDoc, NoticeDoc } from '../../core/model'
import { isLive } from '../../core/notices/expiry'
import { NOTICE_TEMPLATE, noticeMessage } from '../../core/notices/links'
import { DELIVERY_SHARDS, dueForNotice, shardRanges } from '../../core/notices/messages'
import type { Data } from '../../server/data'
import { recipientsUnder, spendAndSendAs } from '../../server/recipients'
import type { TimerHandler } from '../../server/router'

/** Subscriptions one firing reads at most (each is at most one conditional update and one send). */
export const SENDS_PER_FIRING = 20_000
/** How long a firing goes on sending: well inside the 60 s timeout, leaving time to save and release. */
export const FIRING_MS = 40_000
/** Subscriptions read per batch; the batch's messages go out at once, then the cursor is saved. */
export const BATCH = 25
/** Longer than a firing may run (config.json timeout), so a lease outlives its holder only if it crashed. */
const LEASE_MS = 65_000
/** Jobs one firing opens or closes. */
const JOBS_PER_FIRING = 20
/** How long a firing goes on opening jobs (counting who is due) before it only sends: jobs left open next time. */
export const OPENING_MS = 10_000

interface Firing {
  data: Data
  deadline: number
  /** subscriptions this firing may still read */
  left: number
  sent: number
  notices: Map<string, Promise<NoticeDoc | null>>
}

export const deliver: TimerHandler = async ({ data }) => {
  const start = Date.now()
  const f: Firing = { data, deadline: start + FIRING_MS, left: SENDS_PER_FIRING, sent: 0, notices: new Map() }
  let finished = 0
  // who is due, counted this firing: past a firing's worth of sends, later jobs wait (and count what is left then)
  let counted = 0
  for (const job of await data.deliveries.pending(JOBS_PER_FIRING)) {
    if (Date.now() >= start + OPENING_MS || counted >= SENDS_PER_FIRING) break
    const opened = await openJob(f, job)
    if (opened === 'done') finished++
    else if (opened !== 'held') counted += opened.due
  }
  const queue = await data.deliveries.freeShards(new Date(), DELIVERY_SHARDS * JOBS_PER_FIRING)
  // as many shards at once as one job has: a single large notice goes out over all its shards in parallel
  const workers = await Promise.allSettled(
    Array.from({ length: Math.min(DELIVERY_SHARDS, queue.length) }, async () => {
      for (let shard = queue.shift(); shard; shard = queue.shift()) {
        if (Date.now() >= f.deadline || f.left <= 0) return
        await sendShard(f, shard)
      }
    }),
  )
  // the firing ends only when every shard has stopped, then fails as the first failed one did
  const failure = workers.find((w): w is PromiseRejectedResult => w.status === 'rejected')
  if (failure) throw failure.reason
  for (const job of await data.deliveries.sending(JOBS_PER_FIRING)) {
    const shards = await data.deliveries.shardsOf(job._id)
    if (shards.length >= (job.shards ?? 0) && shards.every((s) => s.status === 'done')) {
      await data.deliveries.save(job._id, { status: 'done', doneAt: new Date() })
      finished++
    }
  }
  return { sent: f.sent, finished }
}

const noticeOf = (f: Firing, id: string): Promise<NoticeDoc | null> => {
  let p = f.notices.get(id)
  if (!p) f.notices.set(id, (p = f.data.notices.get(id)))
  return p
}

/** Counts who is due and writes the shards; a crash part way is repeated by a later firing (shards add once). */
async function openJob(f: Firing, job: DeliveryDoc): Promise<{ due: number } | 'done' | 'held'> {
  const now = new Date()
  if (!(await f.data.deliveries.lease(job._id, now, new Date(+now + LEASE_MS)))) return 'held'
  const notice = await noticeOf(f, job.noticeId)
  if (!notice || !isLive(notice, now)) {
    await f.data.deliveries.save(job._id, { status: 'done', doneAt: now, lockedUntil: new Date(0) })
    return 'done'
  }
  const publishedAt = new Date(notice.publishedAt)
  // who is due, counted per shard range all at once: no count reads more than one shard's part of the audience
  const counts = await Promise.all(
    shardRanges(DELIVERY_SHARDS).flatMap((range) =>
      notice.unitPaths.map((path) => f.data.subscriptions.countDue(path, NOTICE_TEMPLATE.id, publishedAt, range)),
    ),
  )
  const due = counts.reduce((a, b) => a + b, 0)
  // a small audience is one shard: a building's notice costs a handful of requests, not sixteen leases
  const ranges = shardRanges(due > DELIVERY_SHARDS * BATCH ? DELIVERY_SHARDS : 1)
  await Promise.all(
    ranges.map(({ lo, hi }, i) =>
      f.data.deliveries.addShard({
        _id: `${job._id}:${i}`,
        noticeId: job.noticeId,
        status: 'pending',
        lo,
        hi,
        unitIndex: 0,
        after: '',
        sent: 0,
        failed: 0,
        skipped: 0,
        lockedUntil: new Date(0),
        createdAt: now,
      }),
    ),
  )
  await f.data.deliveries.save(job._id, {
    status: 'sending',
    due,
    shards: ranges.length,
    lockedUntil: new Date(0),
  })
  return { due }
}

/** Sends one shard batch by batch until it is done or the firing's budget ends; the lease is released after. */
async function sendShard(f: Firing, shard: DeliveryShardDoc): Promise<void> {
  const { data } = f
  const now = new Date()
  if (!(await data.deliveries.leaseShard(shard._id, now, new Date(+now + LEASE_MS)))) return
  let released = false
  try {
    const notice = await noticeOf(f, shard.noticeId)
    if (!notice || !isLive(notice, now)) {
      await data.deliveries.saveShard(shard._id, { status: 'done', doneAt: now, lockedUntil: new Date(0) })
      released = true
      return
    }
    const publishedAt = +new Date(notice.publishedAt)
    const purpose = `deliver:${notice._id}`
    let { unitIndex, after, sent, failed, skipped } = shard
    while (unitIndex < notice.unitPaths.length && Date.now() < f.deadline && f.left > 0) {
      const asked = Math.min(BATCH, f.left)
      const from = after || shard.lo
      const page = await recipientsUnder(data, notice.unitPaths[unitIndex], NOTICE_TEMPLATE.id, from, asked, shard.hi)
      f.left -= page.scanned
      const read = await data.acks.readersAmong(
        notice._id,
        page.recipients.map((r) => r.personId),
      )
      const due = dueForNotice(notice, page.recipients, read)
      const late = page.recipients.filter((r) => r.sub.since && +new Date(r.sub.since) > publishedAt).length
      const outcomes = await Promise.all(
        due.map((r) =>
          spendAndSendAs(
            data,
            r,
            noticeMessage(notice, { openid: r.openid, templateId: r.sub.templateId }),
            `notices deliver ${notice._id}`,
            purpose,
          ),
        ),
      )
      const took = outcomes.filter((o) => o === 'sent').length
      sent += took
      f.sent += took
      failed += outcomes.filter((o) => o === 'refused').length
      // counted as due when the job opened but not sent now: read it, left, or had it already
      skipped += page.scanned - late - due.length + outcomes.filter((o) => o === 'none').length
      after = page.last
      if (page.done) {
        unitIndex++
        after = ''
      }
      await data.deliveries.saveShard(shard._id, { unitIndex, after, sent, failed, skipped })
    }
    const done = unitIndex >= notice.unitPaths.length
    await data.deliveries.saveShard(shard._id, {
      lockedUntil: new Date(0),
      ...(done ? { status: 'done' as const, doneAt: new Date() } : {}),
    })
    released = true
  } finally {
    // a firing that throws lets the next one resume the shard at once; one that is killed, after LEASE_MS
    if (!released) await data.deliveries.saveShard(shard._id, { lockedUntil: new Date(0) }).catch(() => undefined)
  }
}
