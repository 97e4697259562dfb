/**
 * The `deliver` timer (config.json, every minute): sends each new notice's subscribe message to the residents in
 * its scope who accepted one (一次性订阅), in bounded batches so a firing ends well inside the function's timeout
 * however large the audience. A job's cursor (which target unit, after which subscription) is saved after every
 * message, so the next firing resumes exactly where this one stopped; a lease keeps two overlapping firings off
 * the same job; a message is taken from the subscription before it is sent, so nobody gets one twice.
 * Recipients are the people as they are now (server/recipients.ts): who left, was deleted or moved away
 * gets nothing; a subscription made after the notice was published, and a person who already opened it, neither.
 */
import { isLive } from '../../core/notices/expiry'
import { NOTICE_TEMPLATE, noticeMessage } from '../../core/notices/links'
import { dueForNotice } from '../../core/notices/messages'
import { recipientsUnder, spendAndSend } from '../../server/recipients'
import type { TimerHandler } from '../../server/router'

/** Messages one firing sends at most (each: a conditional update, a send, a cursor save). */
export const SENDS_PER_FIRING = 200
/** Jobs one firing looks at. */
const JOBS_PER_FIRING = 10
/** Longer than a firing may run (config.json timeout), so a lease outlives its holder only if it crashed. */
const LEASE_MS = 55_000
const PAGE = 50

export const deliver: TimerHandler = async ({ data }) => {
  let budget = SENDS_PER_FIRING
  let sentNow = 0
  let finished = 0
  for (const job of await data.deliveries.pending(JOBS_PER_FIRING)) {
    if (budget <= 0) break
    const now = new Date()
    if (!(await data.deliveries.lease(job._id, now, new Date(+now + LEASE_MS)))) continue
    const notice = await data.notices.get(job.noticeId)
    if (!notice || !isLive(notice, now)) {
      await data.deliveries.save(job._id, { status: 'done', doneAt: now, lockedUntil: new Date(0) })
      finished++
      continue
    }
    let { unitIndex, after, sent } = job
    while (budget > 0 && unitIndex < notice.unitPaths.length) {
      const asked = Math.min(PAGE, budget)
      const page = await recipientsUnder(data, notice.unitPaths[unitIndex], NOTICE_TEMPLATE.id, after, asked)
      budget -= page.scanned
      const read = await data.acks.readersAmong(
        notice._id,
        page.recipients.map((r) => r.personId),
      )
      const due = dueForNotice(notice, page.recipients, read)
      for (const r of due) {
        after = r.sub._id
        const message = noticeMessage(notice, { openid: r.openid, templateId: r.sub.templateId })
        // refused by WeChat (unsubscribed, blocked): the message is spent either way; the others go on
        if (await spendAndSend(data, r, message, `notices deliver ${notice._id}`)) {
          sent++
          sentNow++
        }
        await data.deliveries.save(job._id, { unitIndex, after, sent })
      }
      after = page.last
      if (page.done) {
        unitIndex++
        after = ''
      }
      await data.deliveries.save(job._id, { unitIndex, after, sent })
    }
    const done = unitIndex >= notice.unitPaths.length
    if (done) finished++
    await data.deliveries.save(job._id, {
      lockedUntil: new Date(0),
      ...(done ? { status: 'done' as const, doneAt: new Date() } : {}),
    })
  }
  return { sent: sentNow, finished }
}
