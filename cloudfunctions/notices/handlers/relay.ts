/**
 * notices.relay and notices.relayInbox (转发到本网格群): a grid chief passes a notice from above into the grid's
 * group as a share card. The notice is not copied — residents still see one notice, with its origin — the relay
 * only records the grid chief's note, which the card's page shows (core/notices/links.ts noticePath).
 */
import type { NoticeCard, ParsedPayload, UnitRef } from '../../../core/contract'
import type { NoticeDoc } from '../../../core/model'
import { noticePath } from '../../../core/notices/links'
import { isWithin, pathIds, type Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import { noticeStore } from '../../../server/notice-store'
import type { ActionDef } from '../../../server/router'
import { cardsFor, isLive, unitRef } from '../cards'

/** The inbox shows the newest notices from above; older ones are still relayed from 我的通知 or the detail. */
const INBOX_LIMIT = 50

/** Published to a unit above the grid (not to the grid itself: its chief shares those directly). */
const fromAbove = (n: Pick<NoticeDoc, 'unitPaths'>, grid: Pick<Unit, 'path'>): boolean =>
  n.unitPaths.some((p) => p !== grid.path && isWithin(grid.path, p))

export const relay: ActionDef<ParsedPayload<'notices', 'relay'>, { path: string; title: string }> = {
  target: (p) => p.gridId,
  async handle({ payload, caller, target }) {
    const grid = target as Unit
    if (grid.level !== 'grid' || grid.retired) throw new AppError('NOT_FOUND')
    const store = noticeStore()
    const notice = await store.notice(payload.noticeId)
    if (!notice) throw new AppError('NOT_FOUND')
    if (!fromAbove(notice, grid)) throw new AppError('FORBIDDEN', '只能转发上级发到本网格的通知')
    if (!isLive(notice, new Date())) throw new AppError('NOTICE_EXPIRED')
    await store.relay({
      _id: `${notice._id}_${grid._id}`,
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

export const relayInbox: ActionDef<ParsedPayload<'notices', 'relayInbox'>, (NoticeCard & { grids: UnitRef[] })[]> = {
  async handle({ caller }) {
    const store = noticeStore()
    const grids = caller.grants.flatMap((g) => {
      const unit = caller.units.get(g.unitId)
      return g.role === 'gridChief' && unit?.level === 'grid' ? [unit] : []
    })
    const above = [...new Set(grids.flatMap((g) => pathIds(g.path).filter((id) => id !== g._id)))]
    if (above.length === 0) return []
    const notices = await store.recentLive(above, new Date(), INBOX_LIMIT)
    const relayed = new Set((await store.relaysOf(notices.map((n) => n._id))).map((r) => r._id))
    const open = notices.flatMap((n) => {
      const todo = grids.filter((g) => fromAbove(n, g) && !relayed.has(`${n._id}_${g._id}`))
      return todo.length ? [{ notice: n, grids: todo.map(unitRef) }] : []
    })
    const cards = await cardsFor(
      open.map((o) => o.notice),
      caller,
      store,
    )
    return cards.map((c, i) => ({ ...c, grids: open[i].grids }))
  },
}
