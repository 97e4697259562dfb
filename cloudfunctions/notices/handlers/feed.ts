/** notices.feed and notices.unreadCount: what reaches the caller's home, urgent pinned, newest first. */
import type { NoticeDoc } from '../../../core/model'
import type { Action } from '../../../server/router'
import { homeIds, unreadNotices as unread } from '../../../server/unread-notices'
import { cardsFor } from '../cards'

export const feed: Action<'notices', 'feed'> = {
  async handle({ payload, caller, data }) {
    const ids = homeIds(caller)
    if (ids.length === 0) return { rows: [], unread: 0 }
    const now = new Date()
    const { page, pageSize } = payload
    const skip = page * pageSize
    // urgent notices first (pinned), then the rest; each newest first. One page may span both.
    const urgentTotal = await data.notices.countLive(ids, now, true)
    const notices: NoticeDoc[] = []
    if (skip < urgentTotal) notices.push(...(await data.notices.live(ids, now, true, skip, pageSize)))
    const rest = pageSize - notices.length
    if (rest > 0) notices.push(...(await data.notices.live(ids, now, false, Math.max(0, skip - urgentTotal), rest)))
    const [rows, count] = await Promise.all([cardsFor(notices, caller, data), unread(data, caller, ids, now)])
    return { rows, unread: count }
  },
}

export const unreadCount: Action<'notices', 'unreadCount'> = {
  async handle({ caller, data }) {
    return { unread: await unread(data, caller, homeIds(caller), new Date()) }
  },
}
