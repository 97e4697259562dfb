/**
 * The `missedChecks` timer (config.json, every 30 minutes): once a day's cutoff (CARE_CHECK_CUTOFF_HOUR, 20:00 Beijing)
 * has passed, every active care person nobody checked on that day (and who was a care person by the cutoff) gets ONE
 * alert for the day (core/ids.ts careAlertId), raised in a transaction that re-reads the care person and marks
 * lastAlertDay and openAlertDay (未探访, shown to the team and the grid chief on their care pages; a check clears it).
 * - Bounded: at most CARE_ALERTS_PER_FIRING care persons and FIRING_MS per firing.
 * - Resumable: a care person alerted drops out of the query (lastAlertDay is the day), so the next firing continues
 *   with the rest; within a firing the pages follow an _id cursor.
 * - Safe to run twice: the second finds nobody due, and a racing twin conflicts on the alert's id.
 * - Told: the alert's transaction also writes its message job (server/message-jobs.ts, core/ids.ts messageJobId of the
 *   alert's id); the careMessages timer (./messages.ts) sends each helper and grid chief who accepted the missed-check
 *   template (core/care/missed-message.ts) one message — none once somebody has checked since.
 */
import { dueDay } from '../../core/care/days'
import { careAlertId } from '../../core/ids'
import type { Data } from '../../server/data'
import { messageJob } from '../../server/message-jobs'
import type { TimerHandler } from '../../server/router'
import { countInTx, dayMoment } from '../../server/unit-stats'

export const CARE_ALERTS_PER_FIRING = 500
const BATCH = 50
const FIRING_MS = 40_000

async function raise(data: Data, id: string, day: string, cutoffAt: Date, at: Date): Promise<boolean> {
  return data.transaction(async (tx) => {
    const c = await tx.carePersons.get(id)
    if (!c || !c.active || c.lastCheckDay >= day || c.lastAlertDay >= day || +new Date(c.activeSince) > +cutoffAt)
      return false
    const alertId = careAlertId(id, day)
    if (await tx.careAlerts.get(alertId)) return false
    await tx.careAlerts.set(alertId, {
      carePersonId: id,
      name: c.name,
      day,
      homePath: c.homePath,
      helperIds: c.helperIds,
      raisedAt: at,
    })
    await tx.carePersons.update(id, { lastAlertDay: day, openAlertDay: day, alerts: c.alerts + 1, updatedAt: at })
    // its subscribe messages (to the team and the grid chiefs) are queued with it: a kill cannot raise one without
    // the other, and the job's id is the alert's, so nobody is told twice about one person-day (./messages.ts)
    const { _id: jobId, ...job } = messageJob('careMissed', alertId, at)
    await tx.messageJobs.set(jobId, job)
    await countInTx(tx, { kind: 'careMissed', at: dayMoment(day), homePath: c.homePath })
    return true
  })
}

export const missedChecks: TimerHandler = async ({ data, firedAt }) => {
  const { day, cutoffAt } = dueDay(firedAt)
  const deadline = Date.now() + FIRING_MS
  let raised = 0
  let seen = 0
  let failed = 0
  for (let after = ''; seen < CARE_ALERTS_PER_FIRING && Date.now() < deadline; ) {
    const page = await data.carePersons.dueForAlert(day, cutoffAt, after, BATCH)
    for (const c of page) {
      seen++
      try {
        if (await raise(data, c._id, day, cutoffAt, firedAt)) raised++
      } catch (error) {
        failed++
        console.error(`[care timer missedChecks] ${c._id}`, error)
      }
    }
    if (page.length < BATCH) break
    after = page[page.length - 1]._id
  }
  return { day, raised, seen, failed }
}
