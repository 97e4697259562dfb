/**
 * The `duty` function (卡口值守, issue 12): checkpoints and their shifts, seats taken and given up (capacity and
 * overlap decided in one transaction with the person's duty document), check-in and check-out with the rotating
 * code, handover notes, the leaders' roster and warnings, and points for confirmed hours; the repairCounters timer
 * mends the shifts' seat counts (repair-counters.ts).
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { addShifts, checkpoints, createCheckpoint, updateSettings } from './handlers/checkpoints'
import { checkCode, checkIn, checkOut, confirmShift, handover } from './handlers/on-duty'
import { findPeople } from './handlers/people'
import { assign, cancel, signUp } from './handlers/seats'
import { myShifts, roster, shift, warnings } from './handlers/views'
import { repairCountersTimer } from './repair-counters'

const handlers: Handlers<'duty'> = {
  createCheckpoint,
  checkpoints,
  addShifts,
  roster,
  signUp,
  assign,
  findPeople,
  cancel,
  myShifts,
  shift,
  checkCode,
  checkIn,
  checkOut,
  handover,
  warnings,
  confirmShift,
  updateSettings,
}

export const main = createMain('duty', handlers, wxPlatform, {
  // the shifts' seat counts recounted from their sign-ups and mended, a window of shifts per firing
  repairCounters: repairCountersTimer,
})
