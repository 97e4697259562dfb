/**
 * A resident's side: their household's slot in each round it is booked in (time, site, the code to show, other
 * slots with room) in one call, and booking or moving their household to a slot of its building.
 */
import { ancestorAt, isWithin } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { householdRef } from '../assign'
import { roundOf } from '../access'
import { bookHousehold } from '../ledger'
import { mySlotView } from '../views'

/** The rounds a card shows at most (the latest bookings of the household). */
const CARDS = 3

const homeOf = (caller: Caller) => {
  const id = caller.person?.householdId
  const home = id ? caller.units.get(id) : undefined
  if (!home || home.level !== 'household') throw new AppError('TESTING_NOT_BOOKED')
  return home
}

export const mySlot: Action<'testing', 'mySlot'> = {
  async handle({ caller, data }) {
    const home = homeOf(caller)
    const bookings = await data.testingBookings.ofHousehold(home._id, CARDS)
    const rows = await Promise.all(
      bookings.map(async (b) => {
        const [round, slots] = await Promise.all([
          data.testingRounds.get(b.roundId),
          data.testingSlots.ofBuilding(b.roundId, b.buildingId),
        ])
        return round ? mySlotView(round, b, slots) : null
      }),
    )
    return { rows: rows.filter((r) => r !== null) }
  },
}

export const book: Action<'testing', 'book'> = {
  async handle({ payload, caller, data }) {
    const home = homeOf(caller)
    const [slot] = await data.testingSlots.byIds([payload.slotId])
    if (!slot) throw new AppError('NOT_FOUND')
    const round = await roundOf(data, slot.roundId)
    const buildingId = ancestorAt(home.path, 'microgrid')
    if (!buildingId || !isWithin(home.path, round.scopePath)) throw new AppError('TESTING_BUILDING_INVALID')
    const me = caller.person?._id ?? ''
    const { booking } = await bookHousehold(data, round, householdRef(home, buildingId), slot._id, me, new Date())
    return mySlotView(round, booking, await data.testingSlots.ofBuilding(round._id, buildingId))
  },
}
