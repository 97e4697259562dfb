/**
 * Coverage, live (覆盖): a unit's households (its unit counter), booked and done (the round's sharded counters), and
 * one page of its children the same way — a bounded read whatever lies below; a building adds its slots'
 * door-to-done. 不落一户: a building's households not yet done, a page, read by household and booking id.
 */
import { TESTING_LIMITS } from '../../../core/contract/testing'
import { testingBookingId } from '../../../core/ids'
import { doorToDone, NONE } from '../../../core/testing/coverage'
import { doorLabel } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { roundOf, withinRound } from '../access'

export const coverage: Action<'testing', 'coverage'> = {
  target: async (p, data) => p.unitId ?? (await data.testingRounds.get(p.roundId))?.scopeUnitId ?? null,
  async handle({ payload, data, target }) {
    const round = await roundOf(data, payload.roundId)
    const unit = withinRound(round, target)
    const page =
      unit.level === 'microgrid'
        ? { rows: [], more: false }
        : await data.units.childrenPage(unit._id, payload.cursor, TESTING_LIMITS.pageSize)
    const shown = [unit, ...page.rows]
    const ids = shown.map((u) => u._id)
    const [counters, figures, slots] = await Promise.all([
      data.unitCounters.byIds(ids),
      data.testingCounters.figures(round._id, ids),
      unit.level === 'microgrid' ? data.testingSlots.ofBuilding(round._id, unit._id) : Promise.resolve([]),
    ])
    const row = (u: (typeof shown)[number]) => ({
      id: u._id,
      name: u.name,
      level: u.level,
      households: counters.find((c) => c._id === u._id)?.households ?? 0,
      ...(figures.get(u._id) ?? NONE),
    })
    const last = page.rows[page.rows.length - 1]
    return {
      round: { id: round._id, name: round.name, date: round.date, goalMinutes: TESTING_LIMITS.goalMinutes },
      unit: row(unit),
      children: page.rows.map(row),
      nextCursor: page.more && last?.siblingKey ? last.siblingKey : null,
      slots: slots.map((s) => ({
        slotId: s._id,
        startAt: s.startAt.toISOString(),
        done: s.done,
        ...doorToDone(s.doneSeconds, TESTING_LIMITS.goalMinutes),
      })),
    }
  },
}

/** Households read per call at most while filling a page of those not done (a building holds a few hundred). */
const SCAN = 200

export const notDone: Action<'testing', 'notDone'> = {
  target: (p) => p.buildingId,
  async handle({ payload, data, target }) {
    const round = await roundOf(data, payload.roundId)
    const building = withinRound(round, target)
    if (building.level !== 'microgrid') throw new AppError('TESTING_BUILDING_INVALID')
    const after = payload.cursor ?? ''
    const households = (await data.units.householdsOf(building._id))
      .filter((h) => h._id > after)
      .sort((a, b) => (a._id < b._id ? -1 : 1))
      .slice(0, SCAN)
    const [bookings, slots] = await Promise.all([
      data.testingBookings.byIds(households.map((h) => testingBookingId(round._id, h._id))),
      data.testingSlots.ofBuilding(round._id, building._id),
    ])
    const rows = []
    let last = after
    let full = false
    for (const h of households) {
      if (rows.length === TESTING_LIMITS.pageSize) {
        full = true
        break
      }
      last = h._id
      const b = bookings.find((x) => x.householdId === h._id)
      if (b?.doneAt) continue
      const slot = b ? slots.find((s) => s._id === b.slotId) : undefined
      rows.push({
        householdId: h._id,
        door: doorLabel(h) || h.name,
        slotStartAt: b ? b.startAt.toISOString() : null,
        calledAt: slot?.calledAt ? slot.calledAt.toISOString() : null,
      })
    }
    // more when the page filled before the households ran out, or the read stopped at its bound
    return { rows, nextCursor: full || households.length === SCAN ? last : null }
  },
}
