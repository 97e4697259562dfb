/**
 * The `careMessages` timer (config.json, every minute): sends the messages of each missed daily check (未探访) the
 * missedChecks timer raised (./missed.ts queues the job in the alert's own transaction) through server/message-jobs.ts
 * — to the care person's helpers (the team when it was raised) and the grid chiefs of their grid who accepted the
 * missed-check template (core/care/missed-message.ts), ONE each: every message is spent with the alert's purpose, so a
 * repeated, overlapping or killed firing never tells anybody twice about one person-day. Nothing is sent once a check
 * has closed the alert, or when the care person or the alert is gone (unmarked, deleted).
 */
import { CARE_MISSED_TEMPLATE, careMissedMessage, careMissedPurpose } from '../../core/care/missed-message'
import { ancestorAt } from '../../core/units'
import type { Data } from '../../server/data'
import { messageTimer, type MessageSource } from '../../server/message-jobs'
import type { Recipient } from '../../server/recipients'
import { byId } from '../../server/views'

/** Who is told: the alert's helpers and the grid chiefs over the care person's home, still joined and not deleted
 * (a helper need not live in the community — police, doctors — so no home is asked of them). */
async function recipientsOf(data: Data, helperIds: readonly string[], homePath: string): Promise<Recipient[]> {
  const gridId = ancestorAt(homePath, 'grid')
  const chiefs = gridId
    ? (await data.people.holdingRolesOver([gridId])).filter((p) =>
        p.roles.some((r) => r.role === 'gridChief' && r.unitId === gridId),
      )
    : []
  const ids = [...new Set([...helperIds, ...chiefs.map((p) => p._id)])]
  if (!ids.length) return []
  const subs = await data.subscriptions.ofPeople(ids, CARE_MISSED_TEMPLATE.id)
  const people = byId(await data.people.byIds(subs.map((s) => s.personId)))
  return subs.flatMap((sub): Recipient[] => {
    const p = people.get(sub.personId)
    if (!p || p.deletedAt || !p.openid) return []
    return [{ sub, personId: p._id, openid: p.openid, homePath: p.homePath ?? '' }]
  })
}

/** One alert: its few recipients in one page. */
const missed: MessageSource = {
  label: 'care missedCheck',
  purpose: careMissedPurpose,
  async pager(data, job) {
    const alert = await data.careAlerts.get(job.sourceId)
    const c = alert ? await data.carePersons.get(alert.carePersonId) : null
    // checked since (the alert is closed), unmarked or deleted: nobody needs telling
    if (!alert || !c || !c.active || c.openAlertDay !== alert.day) return null
    return async () => {
      const recipients = await recipientsOf(data, alert.helperIds, c.homePath)
      return {
        messages: recipients.map((r) => ({
          recipient: r,
          message: careMissedMessage(alert, { openid: r.openid, templateId: r.sub.templateId }),
        })),
        scanned: recipients.length,
        last: '',
        done: true,
      }
    }
  },
}

/** The `careMessages` timer (config.json, every minute). */
export const careMessages = messageTimer({ careMissed: missed })
