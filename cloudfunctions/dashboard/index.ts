/**
 * The `dashboard` function (数据看板, issue 13 item 3): a unit's figures read from counters (overview); 日调度 (item 4):
 * a unit's dispatch list for today (dispatch) and the `dispatchMessages` timer that sends each subscribed leader the
 * morning's counts (dispatch-messages.ts); the `repairStats` timer that recounts the period figures unit by unit and
 * mends drift (repair.ts).
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { dispatchMessages } from './dispatch-messages'
import { dispatch } from './handlers/dispatch'
import { overview } from './handlers/overview'
import { repairStatsTimer } from './repair'

const handlers: Handlers<'dashboard'> = { overview, dispatch }

export const main = createMain('dashboard', handlers, wxPlatform, {
  dispatchMessages,
  // the period figures recounted from the records and mended, REPAIR_STEPS unit-periods per firing (repair.ts)
  repairStats: repairStatsTimer,
})
