/**
 * The `emergency` function (应急状态, issue 12): the one switch — declare, change the instructions, end, what reaches
 * the caller, one emergency, the history — and the reserve force (应急力量): register, one's own entry and call-ups,
 * staff's list, call-ups with their answers, answer and assign; 战时网格 (handlers/microgrids.ts) and the
 * retireMicroGrids timer finishing an end's retiring of them (core/contract/emergency.ts).
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { callUpMessages } from './announce'
import { answer, assign, callUp, callUpDetail, callUps } from './handlers/call-ups'
import {
  changeMicroGridLeader,
  createMicroGrid,
  microGrid,
  microGridCandidates,
  microGrids,
  myMicroGrids,
  renameMicroGrid,
  retireMicroGrid,
} from './handlers/microgrids'
import { mine, register, reserve } from './handlers/reserve'
import { current, declare, detail, end, list, updateInstructions } from './handlers/switch'
import { repairCallUpCountsTimer } from './repair-counts'
import { retireMicroGrids } from './wartime'

const handlers: Handlers<'emergency'> = {
  declare,
  updateInstructions,
  end,
  current,
  detail,
  list,
  register,
  mine,
  reserve,
  callUp,
  callUps,
  callUpDetail,
  answer,
  assign,
  microGrids,
  microGrid,
  createMicroGrid,
  renameMicroGrid,
  changeMicroGridLeader,
  retireMicroGrid,
  myMicroGrids,
  microGridCandidates,
}

export const main = createMain('emergency', handlers, wxPlatform, {
  retireMicroGrids,
  callUpMessages,
  // the call-ups' answer counts recounted and mended, a window of call-ups per firing (repair-counts.ts)
  repairCallUpCounts: repairCallUpCountsTimer,
})
