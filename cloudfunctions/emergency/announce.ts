/**
 * What emergency mode announces (issue 12): the instructions as an urgent notice over the emergency's scope (the
 * declare's, then one per change), published as the staff member who declared or changed them through
 * server/notice-publish.ts — so its reach (收到 per household, the unreached to visit) and its subscribe messages are
 * a notice's like any other — and a call-up's subscribe message to each member it reaches, sent by the
 * `callUpMessages` timer through server/message-jobs.ts (once per member per call-up, whatever the firings do).
 */
import {
  CALLUP_TEMPLATE,
  EMERGENCY_NOTICE_DAYS,
  callUpMessage,
  callUpPurpose,
  declareNotice,
  noticeWhat,
  updateNotice,
} from '../../core/emergency/announce'
import { sourceNoticeId } from '../../core/ids'
import type { EmergencyDoc } from '../../core/model'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { messageTimer, type MessageSource } from '../../server/message-jobs'
import { announcementExpiry, publishNotice } from '../../server/notice-publish'
import { recipientsAmong } from '../../server/recipients'

/**
 * Publishes the emergency's instructions of `revision` (0: the declare's) as the caller, once (core/ids.ts
 * sourceNoticeId), and records it as the emergency's notice. The text passed the content check in the calling action.
 */
export async function publishInstructions(
  data: Data,
  caller: Caller,
  e: EmergencyDoc,
  revision: number,
  now: Date,
): Promise<string> {
  const id = sourceNoticeId('emergency', e._id, noticeWhat(revision))
  const text = revision ? updateNotice(e) : declareNotice(e, now)
  await publishNotice(
    data,
    caller,
    {
      ...text,
      images: [],
      urgency: 'urgent',
      ackRequired: true,
      expiresAt: announcementExpiry(new Date(e.startAt), EMERGENCY_NOTICE_DAYS, now),
      unitIds: [e.scopeUnitId],
    },
    { id, source: { kind: 'emergency', id: e._id }, authority: 'scope', checked: true },
  )
  // the emergency names its latest notice; a later change's notice is never replaced by an earlier one's retry
  await data.transaction(async (tx) => {
    const held = await tx.emergencies.get(e._id)
    if (held && (held.revision ?? 0) === revision && held.noticeId !== id)
      await tx.emergencies.update(e._id, { noticeId: id })
  })
  return id
}

/** A call-up's members, a page at a time in id order: each with a subscription of the call-up template gets one. */
const callUps: MessageSource = {
  label: 'emergency callUp',
  purpose: callUpPurpose,
  async pager(data, job) {
    const c = await data.callUps.get(job.sourceId)
    const e = c ? await data.emergencies.get(c.emergencyId) : null
    // an ended emergency's call-up is not answered any more: nothing left to send
    if (!c || !e || e.endedAt) return null
    return async (after, limit) => {
      const members = await data.reserveMembers.pageById(c.unitPath, c, after, limit)
      const recipients = await recipientsAmong(
        data,
        members.map((m) => m.personId),
        CALLUP_TEMPLATE.id,
      )
      return {
        messages: recipients.map((r) => ({
          recipient: r,
          message: callUpMessage(c, { openid: r.openid, templateId: r.sub.templateId }),
        })),
        scanned: members.length,
        last: members.length ? members[members.length - 1]._id : after,
        done: members.length < limit,
      }
    }
  },
}

/** The `callUpMessages` timer (config.json, every minute). */
export const callUpMessages = messageTimer({ callUp: callUps })
