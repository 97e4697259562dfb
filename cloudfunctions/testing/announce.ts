/**
 * What a testing round announces once its households are assigned (issue 12): one notice over the round's scope
 * (server/notice-publish.ts, as the keeper who ran the assignment; its reach = households told, by 收到 or a visit),
 * and to each booked household's members a subscribe message with THEIR slot's time and site, sent by the
 * `slotMessages` timer through server/message-jobs.ts — a page of bookings per batch, each person once per round
 * whatever the firings do. Both open 我的采样时段, where the slot card with its code is.
 */
import { MAX_NOTICE_DAYS } from '../../core/notices/scope'
import { sourceNoticeId } from '../../core/ids'
import type { TestingRoundDoc } from '../../core/model'
import { SLOT_TEMPLATE, roundNotice, roundNoticeExpiry, slotMessage, slotPurpose } from '../../core/testing/announce'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { messageTimer, queueMessages, type MessageSource } from '../../server/message-jobs'
import { publishNotice } from '../../server/notice-publish'
import { recipientsAmong } from '../../server/recipients'

/** The round's notice id (one per round, whatever retries). */
export const roundNoticeId = (roundId: string): string => sourceNoticeId('testing', roundId, 'assigned')

/**
 * Publishes the round's notice (once) and queues its slot messages; `more`: this step booked households, so a job
 * that had finished goes again for them. Answers the notice's id, or null when no notice could go out: the round's
 * day is over, or its name or sites fail the content check (the slot messages still go; they carry no free text
 * beyond the names the keeper's page shows).
 */
export async function announceRound(
  data: Data,
  caller: Caller,
  round: TestingRoundDoc,
  more: boolean,
  now: Date,
): Promise<string | null> {
  const id = roundNoticeId(round._id)
  const expiresAt = new Date(Math.min(+roundNoticeExpiry(round), +now + MAX_NOTICE_DAYS * 86_400_000 - 60_000))
  let published: string | null = id
  if (+expiresAt <= +now) published = null
  else
    try {
      await publishNotice(
        data,
        caller,
        {
          ...roundNotice(round),
          images: [],
          urgency: 'important',
          ackRequired: true,
          expiresAt,
          unitIds: [round.scopeUnitId],
        },
        { id, source: { kind: 'testing', id: round._id }, authority: 'scope' },
      )
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'CONTENT_RISKY') throw e
      console.warn(`[testing announce] ${round._id}: the round's notice was refused by the content check`)
      published = null
    }
  await queueMessages(data, 'testingSlots', round._id, now, more)
  return published
}

/** A round's bookings a page at a time: each member of the household with a slot subscription gets their slot. */
const slots: MessageSource = {
  label: 'testing slot',
  purpose: slotPurpose,
  async pager(data, job) {
    const round = await data.testingRounds.get(job.sourceId)
    if (!round) return null
    return async (after, limit) => {
      const bookings = await data.testingBookings.ofRound(round._id, after, limit)
      const byHousehold = new Map(bookings.map((b) => [b.householdId, b]))
      const people = await data.people.inHouseholds([...byHousehold.keys()])
      const homeOf = new Map(people.map((p) => [p._id, p.householdId ?? '']))
      const recipients = await recipientsAmong(
        data,
        people.map((p) => p._id),
        SLOT_TEMPLATE.id,
      )
      return {
        messages: recipients.flatMap((r) => {
          const b = byHousehold.get(homeOf.get(r.personId) ?? '')
          return b
            ? [{ recipient: r, message: slotMessage(round, b, { openid: r.openid, templateId: r.sub.templateId }) }]
            : []
        }),
        scanned: bookings.length,
        last: bookings.length ? bookings[bookings.length - 1]._id : after,
        done: bookings.length < limit,
      }
    }
  },
}

/** The `slotMessages` timer (config.json, every minute). */
export const slotMessages = messageTimer({ testingSlots: slots })
