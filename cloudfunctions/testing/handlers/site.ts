/**
 * The site worker's side: the sites they work, a site's slots and the households of one slot, calling a slot (叫号,
 * its time kept once), and marking a household done by its code or from the list. Every action checks the caller
 * is a worker of that very site: a worker of another site is refused.
 */
import { beijingDay } from '../../../core/notices/beijing-time'
import { codeBookingId, codeValid } from '../../../core/testing/token'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { roundOf, workerSite } from '../access'
import { markHouseholdDone } from '../ledger'
import { slotView } from '../views'

/** The rounds listed for a worker at most (today's and the next ones). */
const MY_ROUNDS = 10
const DAY_MS = 86_400_000

export const mySites: Action<'testing', 'mySites'> = {
  async handle({ caller, data }) {
    const me = caller.person?._id ?? ''
    // yesterday's too: a round's day may run past midnight on the worker's clock
    const rounds = await data.testingRounds.ofWorker(me, beijingDay(new Date(Date.now() - DAY_MS)), MY_ROUNDS)
    return {
      rows: rounds.flatMap((r) =>
        r.sites.flatMap((s, siteIndex) =>
          s.workerIds.includes(me)
            ? [{ roundId: r._id, roundName: r.name, date: r.date, siteIndex, name: s.name, place: s.place }]
            : [],
        ),
      ),
    }
  },
}

export const site: Action<'testing', 'site'> = {
  async handle({ payload, caller, data }) {
    const round = await roundOf(data, payload.roundId)
    const s = workerSite(caller, round, payload.siteIndex)
    const slots = await data.testingSlots.ofSite(round, payload.siteIndex)
    // the slot asked for, else the last called one not all done, else the first not called
    const shown =
      (payload.slotId ? slots.find((x) => x._id === payload.slotId) : undefined) ??
      [...slots].reverse().find((x) => x.calledAt && x.done < x.booked) ??
      slots.find((x) => !x.calledAt) ??
      slots[slots.length - 1] ??
      null
    if (payload.slotId && shown?._id !== payload.slotId) throw new AppError('NOT_FOUND')
    const households = shown ? await data.testingBookings.ofSlot(shown._id) : []
    return {
      round: { id: round._id, name: round.name, date: round.date },
      siteIndex: payload.siteIndex,
      site: { name: s.name, place: s.place },
      slots: slots.map(slotView),
      slot: shown ? slotView(shown) : null,
      households: households.map((b) => ({
        bookingId: b._id,
        door: b.door,
        done: !!b.doneAt,
        doneAt: b.doneAt ? b.doneAt.toISOString() : null,
      })),
    }
  },
}

export const call: Action<'testing', 'call'> = {
  async handle({ payload, caller, data }) {
    const [slot] = await data.testingSlots.byIds([payload.slotId])
    if (!slot) throw new AppError('NOT_FOUND')
    workerSite(caller, await roundOf(data, slot.roundId), slot.siteIndex)
    const me = caller.person?._id ?? ''
    const called = await data.transaction(async (tx) => {
      const held = await tx.testingSlots.get(slot._id)
      if (!held) throw new AppError('NOT_FOUND')
      if (held.calledAt) return held
      const now = new Date()
      await tx.testingSlots.update(slot._id, { calledAt: now, calledBy: me })
      return { ...held, calledAt: now, calledBy: me }
    })
    return slotView(called)
  },
}

export const markDone: Action<'testing', 'markDone'> = {
  async handle({ payload, caller, data }) {
    const round = await roundOf(data, payload.roundId)
    let bookingId = payload.bookingId
    if (payload.code !== undefined) {
      // the code must be this round's true code of the booking it names: a resident cannot make another's
      const named = codeBookingId(payload.code)
      if (!named || !codeValid(round.secret, payload.code, named)) throw new AppError('TESTING_CODE_INVALID')
      bookingId = named
    }
    if (!bookingId) throw new AppError('TESTING_CODE_INVALID')
    const booking = await data.testingBookings.get(bookingId)
    if (!booking || booking.roundId !== round._id)
      throw new AppError(payload.code ? 'TESTING_CODE_INVALID' : 'NOT_FOUND')
    workerSite(caller, round, booking.siteIndex)
    const me = caller.person?._id ?? ''
    const { booking: done, already } = await markHouseholdDone(data, round, bookingId, me, new Date())
    return { bookingId, door: done.door, doneAt: (done.doneAt as Date).toISOString(), already }
  },
}
