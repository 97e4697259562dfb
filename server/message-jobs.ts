/**
 * "Send this template to these people": the one job that sends a source's subscribe messages (一次性订阅) when the
 * message differs per person or the people are not a unit's residents — a call-up's reserve members anywhere in the
 * scope, a testing round's households each told their own slot. (A notice's own messages go by the `deliver` timer
 * of the notices function, over its units.)
 *
 * A source's action writes its job (`messageJob`, core/ids.ts messageJobId: once per source; `reopen` when more
 * people joined it); its function's timer (`messageTimer`) sends the jobs of its kinds:
 * - Bounded per firing: a time budget well inside the 60 s timeout, a cap on the source rows read, batches of BATCH.
 * - Resumable: a job is held under a lease and its cursor (the source's own id order) saved after every batch, so a
 *   firing that fails loses at most one batch of progress and one that is killed holds the job until LEASE_MS.
 * - Never twice: each message is taken from the person's subscription with the source's purpose before it is sent
 *   (server/recipients.ts spendAndSendAs), so a repeated batch, an overlapping firing or a reopened job skips who had
 *   theirs; recipients are the people as they are now (deleted, no WeChat identity, no home: nothing).
 */
import type { MessageJobDoc } from '../core/model'
import { messageJobId } from '../core/ids'
import type { Data } from './data'
import { spendAndSendAs, type Recipient } from './recipients'
import type { TimerHandler } from './router'

type SubscribeMessage = Parameters<typeof spendAndSendAs>[2]

/** Source rows (members, bookings) one firing reads at most. */
export const READS_PER_FIRING = 10_000
/** How long a firing goes on sending: well inside the 60 s timeout, leaving time to save and release. */
export const FIRING_MS = 40_000
/** Source rows read per batch; the batch's messages go out at once, then the cursor is saved. */
export const BATCH = 25
/** Longer than a firing may run (config.json timeout), so a lease outlives its holder only if it crashed. */
export const LEASE_MS = 65_000
/** Jobs one firing looks at. */
const JOBS_PER_FIRING = 20

/** One page of a source after a cursor: each recipient with their own message, and where the next page starts. */
export interface MessagePage {
  messages: { recipient: Recipient; message: SubscribeMessage }[]
  /** source rows read (what the firing's cap counts) */
  scanned: number
  last: string
  done: boolean
}

export type MessagePager = (after: string, limit: number) => Promise<MessagePage>

export interface MessageSource {
  /** in logs: `emergency callUp <id>` */
  label: string
  /** what each message is spent on (one per person per purpose) */
  purpose(sourceId: string): string
  /** Reads the source once per firing: its pager, or null when there is nothing more to send (gone, ended). */
  pager(data: Data, job: MessageJobDoc, now: Date): Promise<MessagePager | null>
}

/** The job a source's action writes ('pending'); nothing is sent by the action itself. */
export const messageJob = (kind: MessageJobDoc['kind'], sourceId: string, now: Date): MessageJobDoc => ({
  _id: messageJobId(kind, sourceId),
  kind,
  sourceId,
  status: 'pending',
  after: '',
  sent: 0,
  failed: 0,
  lockedUntil: new Date(0),
  createdAt: now,
})

/**
 * Writes the source's job, once; when it exists and is done, `reopen` sends it again from the start to whoever is
 * due and has not had theirs (more people joined the source).
 */
export async function queueMessages(
  data: Data,
  kind: MessageJobDoc['kind'],
  sourceId: string,
  now: Date,
  reopen = false,
): Promise<void> {
  const added = await data.messageJobs.add(messageJob(kind, sourceId, now))
  if (!added && reopen) await data.messageJobs.reopen(messageJobId(kind, sourceId))
}

interface Firing {
  data: Data
  deadline: number
  left: number
  sent: number
}

/** The timer that sends the jobs of these kinds: `{ sent, finished }` of this firing. */
export function messageTimer(sources: Partial<Record<MessageJobDoc['kind'], MessageSource>>): TimerHandler {
  const kinds = Object.keys(sources) as MessageJobDoc['kind'][]
  return async ({ data }) => {
    const f: Firing = { data, deadline: Date.now() + FIRING_MS, left: READS_PER_FIRING, sent: 0 }
    let finished = 0
    for (const job of await data.messageJobs.free(kinds, new Date(), JOBS_PER_FIRING)) {
      if (Date.now() >= f.deadline || f.left <= 0) break
      const source = sources[job.kind]
      if (source && (await sendJob(f, job, source))) finished++
    }
    return { sent: f.sent, finished }
  }
}

/** Sends one job batch by batch until it is done or the firing's budget ends; true when it is done. */
async function sendJob(f: Firing, job: MessageJobDoc, source: MessageSource): Promise<boolean> {
  const { data } = f
  const now = new Date()
  if (!(await data.messageJobs.lease(job._id, now, new Date(+now + LEASE_MS)))) return false
  let released = false
  try {
    const pager = await source.pager(data, job, now)
    const purpose = source.purpose(job.sourceId)
    let { after, sent, failed } = job
    let done = !pager
    while (pager && !done && Date.now() < f.deadline && f.left > 0) {
      const page = await pager(after, Math.min(BATCH, f.left))
      f.left -= page.scanned
      const outcomes = await Promise.all(
        page.messages.map(({ recipient, message }) =>
          spendAndSendAs(data, recipient, message, `${source.label} ${job.sourceId}`, purpose),
        ),
      )
      const took = outcomes.filter((o) => o === 'sent').length
      sent += took
      f.sent += took
      failed += outcomes.filter((o) => o === 'refused').length
      after = page.last
      done = page.done
      await data.messageJobs.save(job._id, { after, sent, failed })
    }
    await data.messageJobs.save(job._id, {
      lockedUntil: new Date(0),
      ...(done ? { status: 'done' as const, doneAt: new Date() } : {}),
    })
    released = true
    return done
  } finally {
    // a firing that throws lets the next one resume at once; one that is killed, after LEASE_MS
    if (!released) await data.messageJobs.save(job._id, { lockedUntil: new Date(0) }).catch(() => undefined)
  }
}
