/**
 * The `testing` function (错时采样, issue 12): rounds over a community or grid with their sites and workers, each
 * building's slots, the resumable assignment job, the households' slot cards and moves, the site workers' calls and
 * dones, and live coverage from counters moved in the same transaction as every booking and done; once assigned, the
 * round's notice and each household's slot message (announce.ts, the slotMessages timer).
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { slotMessages } from './announce'
import { repairCountersTimer } from './repair-counters'
import { coverage, notDone } from './handlers/coverage'
import { book, mySlot } from './handlers/resident'
import { assign, createRound, planSlotsAction, round, rounds } from './handlers/rounds'
import { call, markDone, mySites, site } from './handlers/site'

const handlers: Handlers<'testing'> = {
  createRound,
  planSlots: planSlotsAction,
  assign,
  rounds,
  round,
  coverage,
  notDone,
  mySlot,
  book,
  mySites,
  site,
  call,
  markDone,
}

export const main = createMain('testing', handlers, wxPlatform, {
  slotMessages,
  // the coverage counters recounted and mended, a window of buildings per firing (repair-counters.ts)
  repairCounters: repairCountersTimer,
})
