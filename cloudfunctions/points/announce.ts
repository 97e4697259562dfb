/**
 * The `announce` timer (config.json, every minute): each activity posted (points.postActivity writes its
 * `activityMessages` job) goes, as a subscribe message (core/points/messages.ts), to the residents of its audience
 * who accepted the new-activity template — under its grid or community by the subscriptions' home prefix, or its
 * team's members page by page — through the subscriptions and the spending of server/recipients.ts that notices
 * use. (A waiting sign-up moved up is told by server/signup-withdraw.ts.)
 * Bounded per firing (a time budget inside the 60 s timeout, a cap on what is read, batches of BATCH); resumable
 * (a job is held under a lease and its cursor saved after every batch, so a crashed firing loses at most one
 * batch of progress, never the guard); never two messages to one person about one activity (a message is taken
 * from the subscription with the purpose `activity:<id>` before it is sent, so a repeated batch skips who had it).
 */
import type { ActivityDoc, ActivityMessagesDoc } from '../../core/model'
import {
  ACTIVITY_TEMPLATE,
  activityMessage,
  announcePurpose,
  dueForActivity,
  stillAnnounced,
} from '../../core/points/messages'
import type { Data } from '../../server/data'
import { recipientsAmong, recipientsUnder, spendAndSendAs, type Recipient } from '../../server/recipients'
import type { TimerHandler } from '../../server/router'

/** Subscriptions (or team memberships) one firing reads at most. */
export const READS_PER_FIRING = 10_000
/** How long a firing goes on sending: well inside the 60 s timeout, leaving time to save and release. */
export const FIRING_MS = 40_000
/** Read per batch; the batch's messages go out at once, then the cursor is saved. */
export const BATCH = 25
/** Longer than a firing may run, so a lease outlives its holder only if it crashed. */
const LEASE_MS = 65_000
/** Jobs one firing looks at. */
const JOBS_PER_FIRING = 20

/** The job written with a new activity: nothing is sent by the post itself. */
export const announcementOf = (a: Pick<ActivityDoc, '_id' | 'createdAt'>): ActivityMessagesDoc => ({
  _id: a._id,
  activityId: a._id,
  status: 'pending',
  after: '',
  sent: 0,
  failed: 0,
  lockedUntil: new Date(0),
  createdAt: a.createdAt,
})

interface Firing {
  data: Data
  deadline: number
  left: number
  sent: number
}

export const announce: TimerHandler = async ({ data }) => {
  const f: Firing = { data, deadline: Date.now() + FIRING_MS, left: READS_PER_FIRING, sent: 0 }
  let finished = 0
  for (const job of await data.activityMessages.free(new Date(), JOBS_PER_FIRING)) {
    if (Date.now() >= f.deadline || f.left <= 0) break
    if (await sendJob(f, job)) finished++
  }
  return { sent: f.sent, finished }
}

/** One page of the audience after `after`: who is due a message, and where the next page starts. */
async function pageOf(
  data: Data,
  a: ActivityDoc,
  after: string,
  limit: number,
): Promise<{ recipients: Recipient[]; scanned: number; last: string; done: boolean }> {
  if (a.audience.kind === 'team') {
    const members = await data.teamMembers.pageOfTeam(a.audience.id, after, limit)
    const recipients = await recipientsAmong(
      data,
      members.map((m) => m.personId),
      ACTIVITY_TEMPLATE.id,
    )
    const last = members.length ? members[members.length - 1]._id : after
    return { recipients, scanned: members.length, last, done: members.length < limit }
  }
  return recipientsUnder(data, a.unitPath, ACTIVITY_TEMPLATE.id, after, limit)
}

/** Sends one job batch by batch until it is done or the firing's budget ends; true when it is done. */
async function sendJob(f: Firing, job: ActivityMessagesDoc): Promise<boolean> {
  const { data } = f
  const now = new Date()
  if (!(await data.activityMessages.lease(job._id, now, new Date(+now + LEASE_MS)))) return false
  let released = false
  try {
    const a = await data.activities.get(job.activityId)
    let { after, sent, failed } = job
    let done = !a || !stillAnnounced(a, now)
    while (a && !done && Date.now() < f.deadline && f.left > 0) {
      const page = await pageOf(data, a, after, Math.min(BATCH, f.left))
      f.left -= page.scanned
      const outcomes = await Promise.all(
        dueForActivity(a, page.recipients).map((r) =>
          spendAndSendAs(
            data,
            r,
            activityMessage(a, { openid: r.openid, templateId: r.sub.templateId }),
            `points announce ${a._id}`,
            announcePurpose(a._id),
          ),
        ),
      )
      const took = outcomes.filter((o) => o === 'sent').length
      sent += took
      f.sent += took
      failed += outcomes.filter((o) => o === 'refused').length
      after = page.last
      done = page.done
      await data.activityMessages.save(job._id, { after, sent, failed })
    }
    await data.activityMessages.save(job._id, {
      lockedUntil: new Date(0),
      ...(done ? { status: 'done' as const, doneAt: new Date() } : {}),
    })
    released = true
    return done
  } finally {
    // a firing that throws lets the next one resume at once; one that is killed, after LEASE_MS
    if (!released) await data.activityMessages.save(job._id, { lockedUntil: new Date(0) }).catch(() => undefined)
  }
}
