/**
 * notices.relay and notices.relayInbox (转发到本网格群): a grid chief passes a notice from above into the grid's
 * group as a share card. The notice is not copied — residents still see one notice, with its origin — the relay
 * only records the grid chief's note, which the card's page shows (core/notices/links.ts noticePath).
 */
import { relayId } from '../../../core/ids'
import { fromAbove } from '../../../core/notices/audience'
import { isLive } from '../../../core/notices/expiry'
import { noticePath } from '../../../core/notices/links'
import { pathIds, type Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'
import { cardsFor } from '../cards'

/** The inbox shows the newest notices from above; older ones are still relayed from 我的通知 or the detail. */
const INBOX_LIMIT = 50

export const relay: Action<'notices', 'relay'> = {
  target: (p) => p.gridId,
  async handle({ payload, caller, target, data }) {
    const grid = target as Unit
    if (grid.level !== 'grid' || grid.retired) throw new AppError('NOT_FOUND')
    const notice = await data.notices.get(payload.noticeId)
    if (!notice) throw new AppError('NOT_FOUND')
    if (!fromAbove(notice, grid)) throw new AppError('FORBIDDEN', '只能转发上级发到本网格的通知')
    if (!isLive(notice, new Date())) throw new AppError('NOTICE_EXPIRED')
    await data.relays.put({
      _id: relayId(notice._id, grid._id),
      noticeId: notice._id,
      gridId: grid._id,
      note: payload.note ?? '',
      by: caller.person?._id ?? '',
      byName: caller.person?.name ?? '',
      at: new Date(),
    })
    return { path: noticePath(notice._id, grid._id), title: notice.title }
  },
}

export const relayInbox: Action<'notices', 'relayInbox'> = {
  async handle({ caller, data }) {
    const grids = caller.grants.flatMap((g) => {
      const unit = caller.units.get(g.unitId)
      return g.role === 'gridChief' && unit?.level === 'grid' ? [unit] : []
    })
    const above = [...new Set(grids.flatMap((g) => pathIds(g.path).filter((id) => id !== g._id)))]
    if (above.length === 0) return []
    const notices = await data.notices.recentLive(above, new Date(), INBOX_LIMIT)
    const relayed = new Set((await data.relays.ofNotices(notices.map((n) => n._id))).map((r) => r._id))
    const open = notices.flatMap((n) => {
      const todo = grids.filter((g) => fromAbove(n, g) && !relayed.has(relayId(n._id, g._id)))
      return todo.length ? [{ notice: n, grids: todo.map(unitRef) }] : []
    })
    const cards = await cardsFor(
      open.map((o) => o.notice),
      caller,
      data,
    )
    return cards.map((c, i) => ({ ...c, grids: open[i].grids }))
  },
}
