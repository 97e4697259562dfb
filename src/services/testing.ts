/**
 * The `testing` function as pages see it (错时采样, issue 12): keepers set up a round (sites, each building's slots,
 * the assignment job run to its end) and read its coverage down to a building and its households not yet done; a
 * resident reads their slot card and moves their slot; a site's worker reads the site, calls a slot and marks
 * households done by their code or from the list. Who may do what is checked on the cloud on every call.
 */
import type { Payload, Result, TestingApi } from '../../core/contract'
import { TESTING_LIMITS } from '../../core/contract/testing'
import { call } from './transport'

export type {
  TestingCoverage,
  TestingDoorToDone,
  TestingMySite,
  TestingMySlot,
  TestingNotDoneRow,
  TestingRoundRow,
  TestingRoundView,
  TestingSiteWork,
  TestingSlotView,
} from '../../core/contract'
export { TESTING_LIMITS }

type A = keyof TestingApi & string
type P<K extends A> = Payload<'testing', K>
type R<K extends A> = Result<'testing', K>

export const getTestingRounds = (unitId: string, cursor?: string): Promise<R<'rounds'>> =>
  call('testing', 'rounds', cursor ? { unitId, cursor } : { unitId })

export const getTestingRound = (roundId: string): Promise<R<'round'>> => call('testing', 'round', { roundId })

/** A fresh id for one tap: a retried create makes one round. */
export const newTapId = (): string => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`

export const createTestingRound = (input: P<'createRound'>): Promise<R<'createRound'>> =>
  call('testing', 'createRound', input)

export const planTestingSlots = (input: P<'planSlots'>): Promise<R<'planSlots'>> => call('testing', 'planSlots', input)

/** Runs the assignment job to its end, one bounded step a call; `onStep` hears each step's figures. */
export async function assignAll(roundId: string, onStep?: (booked: number) => void): Promise<number> {
  let booked = 0
  for (;;) {
    const step = await call('testing', 'assign', { roundId })
    booked += step.booked
    onStep?.(booked)
    if (step.finished) return booked
  }
}

export const getCoverage = (roundId: string, unitId?: string, cursor?: string): Promise<R<'coverage'>> =>
  call('testing', 'coverage', { roundId, ...(unitId ? { unitId } : {}), ...(cursor ? { cursor } : {}) })

export const getNotDone = (roundId: string, buildingId: string, cursor?: string): Promise<R<'notDone'>> =>
  call('testing', 'notDone', { roundId, buildingId, ...(cursor ? { cursor } : {}) })

export const getMySlots = (): Promise<R<'mySlot'>> => call('testing', 'mySlot', {})

export const bookSlot = (slotId: string): Promise<R<'book'>> => call('testing', 'book', { slotId })

export const getMySites = (): Promise<R<'mySites'>> => call('testing', 'mySites', {})

export const getSite = (roundId: string, siteIndex: number, slotId?: string): Promise<R<'site'>> =>
  call('testing', 'site', { roundId, siteIndex, ...(slotId ? { slotId } : {}) })

export const callSlot = (slotId: string): Promise<R<'call'>> => call('testing', 'call', { slotId })

/** 采样完成: by the household's code (scanned or typed), or by a booking picked from the slot's list. */
export const markTested = (roundId: string, by: { code: string } | { bookingId: string }): Promise<R<'markDone'>> =>
  call('testing', 'markDone', { roundId, ...by })

/** 08:20, Beijing time: slots are planned in it (core/testing/plan.ts), whatever zone the phone is set to; 12月20日. */
export { beijingClock as clock, monthDay as dayLabel } from '../../core/beijing-time'

/** 68% of households, or — when none */
export const share = (part: number, whole: number): string => (whole ? `${Math.round((part / whole) * 100)}%` : '—')
