/**
 * The assignment job (testing.assign): walks the round's planned buildings in order and books each household not
 * yet booked into its building's first slot with room. Each call books at most TESTING_LIMITS.assignBatch
 * households and saves where it stopped (the building's index and the last household id) after its batch. Killed
 * midway, the next call redoes the batch: bookings already written are kept (their ids are deterministic and the
 * transaction re-reads them), so no household is booked or counted twice. The step that finishes the walk announces
 * the round (`announce`: its notice and slot messages, announce.ts) before it saves the job finished, so a step killed
 * in between announces again on the next call (both are idempotent).
 */
import { TESTING_LIMITS } from '../../core/contract/testing'
import type { TestingRoundDoc, TestingSlotDoc } from '../../core/model'
import { firstWithRoom } from '../../core/testing/booking'
import { doorLabel, type Unit } from '../../core/units'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { bookHousehold, type HouseholdRef } from './ledger'

export interface AssignStep {
  booked: number
  /** households of this step no slot of their building had room for */
  unplaced: number
  finished: boolean
}

export const householdRef = (h: Unit, buildingId: string): HouseholdRef => ({
  id: h._id,
  path: h.path,
  door: doorLabel(h) || h.name,
  buildingId,
})

/** Books one household into the first slot with room, trying the next when a racing booking filled one. */
async function placeOne(
  data: Data,
  round: TestingRoundDoc,
  household: HouseholdRef,
  slots: TestingSlotDoc[],
  now: Date,
): Promise<'booked' | 'kept' | 'unplaced'> {
  for (;;) {
    const slot = firstWithRoom(slots)
    if (!slot) return 'unplaced'
    try {
      const { outcome } = await bookHousehold(data, round, household, slot._id, 'assign', now, true)
      if (outcome === 'booked') slot.booked += 1
      return outcome === 'booked' ? 'booked' : 'kept'
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'TESTING_SLOT_FULL') throw e
      slot.booked = slot.capacity
    }
  }
}

export async function assignStep(
  data: Data,
  round: TestingRoundDoc,
  now: Date,
  batch: number = TESTING_LIMITS.assignBatch,
  announce?: (more: boolean) => Promise<unknown>,
): Promise<AssignStep> {
  let { index, after } = round.assign
  let budget = batch
  let booked = 0
  let unplaced = 0
  while (budget > 0 && index < round.planned.length) {
    const { buildingId } = round.planned[index]
    const households = (await data.units.householdsOf(buildingId))
      .filter((h) => h._id > after)
      .sort((a, b) => (a._id < b._id ? -1 : 1))
      .slice(0, budget)
    if (!households.length) {
      index += 1
      after = ''
      continue
    }
    const slots = await data.testingSlots.ofBuilding(round._id, buildingId)
    for (const h of households) {
      const placed = await placeOne(data, round, householdRef(h, buildingId), slots, now)
      if (placed === 'booked') booked += 1
      if (placed === 'unplaced') unplaced += 1
    }
    after = households[households.length - 1]._id
    budget -= households.length
  }
  const finished = index >= round.planned.length
  // more: households were booked since the job last finished (this step, or one that ran before it finished)
  if (finished && announce) await announce(booked > 0 || !round.assign.finished)
  await data.testingRounds.saveAssign(round._id, { index, after, finished })
  return { booked, unplaced, finished }
}
