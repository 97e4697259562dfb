/** The unread count of the 通知 tab, shared by notices.feed / notices.unreadCount and grid.home (首页). */
import { pathIds } from '../core/units'
import type { Caller } from './caller'
import type { Data } from './data'

/** The ids a notice to the caller's home carries: the household and every ancestor up to the street. */
export const homeIds = (caller: Caller): string[] => (caller.person?.homePath ? pathIds(caller.person.homePath) : [])

/** Live notices to the caller's home that they have not opened or acknowledged. */
export async function unreadNotices(data: Data, caller: Caller, ids: string[], now: Date): Promise<number> {
  const personId = caller.person?._id
  if (!personId || ids.length === 0) return 0
  const live = await data.notices.liveIds(ids, now)
  if (live.length === 0) return 0
  const seen = await data.acks.ofPerson(personId, live)
  return live.length - new Set(seen.map((a) => a.noticeId)).size
}
