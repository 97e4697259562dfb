/** How notices look to the app: cards in feeds and lists, targets as unit refs, with the caller's read state. */
import type { NoticeCard, UnitRef } from '../../core/contract'
import type { NoticeDoc } from '../../core/model'
import { excerpt } from '../../core/notices/card'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { byId, iso, unitRef } from '../../server/views'

export function card(n: NoticeDoc, state: { read: boolean; householdReached: boolean }): NoticeCard {
  return {
    id: n._id,
    title: n.title,
    excerpt: excerpt(n.body),
    urgency: n.urgency,
    ackRequired: n.ackRequired,
    publishedAt: iso(n.publishedAt),
    expiresAt: iso(n.expiresAt),
    origin: n.origin,
    read: state.read,
    householdReached: state.householdReached,
  }
}

/** Cards of these notices with the caller's read state (their acks) and household's reach (its receipts): 2 reads. */
export async function cardsFor(notices: NoticeDoc[], caller: Caller, data: Data): Promise<NoticeCard[]> {
  const ids = notices.map((n) => n._id)
  const personId = caller.person?._id
  const householdId = caller.person?.householdId
  const [acks, receipts] = await Promise.all([
    personId && ids.length ? data.acks.ofPerson(personId, ids) : [],
    householdId && ids.length ? data.receipts.ofHousehold(householdId, ids) : [],
  ])
  const read = new Set(acks.map((a) => a.noticeId))
  const reached = new Set(receipts.map((r) => r.noticeId))
  return notices.map((n) => card(n, { read: read.has(n._id), householdReached: reached.has(n._id) }))
}

/** The units a notice was published to, in the order the publisher chose them. */
export async function targetsOf(notices: NoticeDoc[], data: Data): Promise<Map<string, UnitRef[]>> {
  const units = byId(await data.units.byIds(notices.flatMap((n) => n.unitIds)))
  return new Map(
    notices.map((n) => [
      n._id,
      n.unitIds.flatMap((id) => {
        const u = units.get(id)
        return u ? [unitRef(u)] : []
      }),
    ]),
  )
}
