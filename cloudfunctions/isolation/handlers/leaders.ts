/**
 * What leaders read: a grid's figures (or each grid's of a community) — households in isolation now (a bounded
 * count), tasks due and done today (the grid's isolationDays counter, moved with every task change), overdue tasks
 * (a bounded count over the last OVERDUE_WINDOW_DAYS) — and the overdue tasks a page at a time.
 */
import { isolationDayId } from '../../../core/ids'
import { OVERDUE_AFTER_MINUTES, OVERDUE_WINDOW_DAYS } from '../../../core/isolation/schedule'
import type { Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { decodeCursor, encodeCursor, rowOf, today } from '../access'

const DAY = 24 * 3_600_000
const overdueWindow = (now: Date) => ({
  from: new Date(+now - OVERDUE_WINDOW_DAYS * DAY),
  to: new Date(+now - OVERDUE_AFTER_MINUTES * 60_000),
})

export const figures: Action<'isolation', 'figures'> = {
  target: (p) => p.unitId,
  async handle({ data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    if (target.level !== 'grid' && target.level !== 'community') throw new AppError('ISOLATION_UNIT_LEVEL')
    const now = new Date()
    const day = today(now)
    const grids: Unit[] =
      target.level === 'grid'
        ? [target]
        : (await data.units.childrenOf(target._id)).filter((u) => u.level === 'grid' && !u.retired)
    const { from, to } = overdueWindow(now)
    const counters = new Map(
      (await data.isolationDays.byIds(grids.map((g) => isolationDayId(g._id, day)))).map((c) => [c.gridId, c]),
    )
    const rows = await Promise.all(
      grids.map(async (g) => {
        const [isolated, overdue] = await Promise.all([
          data.isolations.countInForce(g.path, now),
          data.isolationTasks.count(g.path, ['open', 'claimed'], from, to),
        ])
        const c = counters.get(g._id)
        return { grid: { id: g._id, name: g.name }, isolated, dueToday: c?.due ?? 0, doneToday: c?.done ?? 0, overdue }
      }),
    )
    return { day, grids: rows }
  },
}

export const overdue: Action<'isolation', 'overdue'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const now = new Date()
    const { from, to } = overdueWindow(now)
    const after = decodeCursor(payload.cursor)
    const page = await data.isolationTasks.page(
      target.path,
      ['open', 'claimed'],
      from,
      to,
      after && { dueAt: after.at, id: after.id },
      payload.pageSize,
    )
    const last = page.rows[page.rows.length - 1]
    return {
      rows: page.rows.map((t) => rowOf(t, caller.person?._id, now)),
      nextCursor: page.more && last ? encodeCursor(last.dueAt, last._id) : null,
    }
  },
}
