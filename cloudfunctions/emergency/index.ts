/**
 * The `emergency` function (应急状态, issue 12): the one switch — declare, change the instructions, end, what reaches
 * the caller, one emergency, the history — and the reserve force (应急力量): register, one's own entry and call-ups,
 * staff's list, call-ups with their answers, answer and assign (core/contract/emergency.ts).
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { answer, assign, callUp, callUpDetail, callUps } from './handlers/call-ups'
import { mine, register, reserve } from './handlers/reserve'
import { current, declare, detail, end, list, updateInstructions } from './handlers/switch'

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
}

export const main = createMain('emergency', handlers, wxPlatform)
