/**
 * Reading care persons: list (grid chiefs and staff over a unit, paged by _id, 'missed' for an open 未探访), detail
 * (the team, the grid chief, staff) and mine (我包联的, a helper's whole list with today's state). Each read that
 * shows anyone's flags or checks writes its audit entry before answering.
 */
import { CARE_LIMITS, type CareMineRow } from '../../../core/contract'
import { careDayOf } from '../../../core/care/days'
import { slotOf } from '../../../core/care/team'
import { careCheckId } from '../../../core/ids'
import { ancestorAt, ancestorPath } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId } from '../../../server/views'
import { detailFor, doorOf, recordReadOf, rowOf } from '../access'

export const list: Action<'care', 'list'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    if (unit.level === 'household') throw new AppError('INVALID_PAYLOAD', '请选择网格、社区或街道')
    const today = careDayOf(new Date())
    const page = await data.carePersons.under(unit.path, payload.filter === 'missed', payload.cursor, payload.pageSize)
    const homes = byId(await data.units.byIds(page.rows.map((c) => c.householdId)))
    const rows = page.rows.map((c) => rowOf(c, doorOf(homes, c.householdId), today))
    await recordReadOf(
      data,
      caller,
      'care.list',
      unit._id,
      unit.path,
      rows.map((r) => r.personId),
    )
    return {
      rows,
      nextCursor: page.more && page.rows.length ? page.rows[page.rows.length - 1]._id : null,
      today,
    }
  },
}

export const detail: Action<'care', 'detail'> = {
  async handle({ payload, caller, data }) {
    return detailFor(data, caller, payload.personId)
  },
}

export const mine: Action<'care', 'mine'> = {
  async handle({ caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const today = careDayOf(new Date())
    const cares = await data.carePersons.ofHelper(me._id, CARE_LIMITS.mine)
    const [homes, mineToday] = await Promise.all([
      data.units.byIds(cares.map((c) => c.householdId)).then(byId),
      data.careChecks.byIds(cares.map((c) => careCheckId(c._id, me._id, today))),
    ])
    const done = new Set(mineToday.map((k) => k.carePersonId))
    const rows: CareMineRow[] = cares.flatMap((c) => {
      const mySlot = slotOf(c.team, me._id)
      return mySlot ? [{ ...rowOf(c, doorOf(homes, c.householdId), today), mySlot, mineToday: done.has(c._id) }] : []
    })
    // not checked today first, then an open 未探访, then by name
    rows.sort(
      (a, b) =>
        Number(a.mineToday) - Number(b.mineToday) ||
        Number(!a.missedDay) - Number(!b.missedDay) ||
        a.name.localeCompare(b.name, 'zh'),
    )
    // one entry per community the list spans (staff read the log of their community)
    const byCommunity = new Map<string, string[]>()
    for (const c of cares) {
      const id = ancestorAt(c.homePath, 'community') ?? c.communityId
      byCommunity.set(id, [...(byCommunity.get(id) ?? []), c._id])
    }
    for (const [id, subjects] of byCommunity) {
      const path = ancestorPath(cares.find((c) => subjects.includes(c._id))?.homePath ?? '', 'community') ?? ''
      await recordReadOf(data, caller, 'care.mine', id, path, subjects)
    }
    return { rows, today }
  },
}
