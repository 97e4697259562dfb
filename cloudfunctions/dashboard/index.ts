/**
 * The `dashboard` function (数据看板, issue 13 item 3): a unit's figures read from counters (overview); 日调度 (item 4):
 * a unit's dispatch list for today (dispatch) and the `dispatchMessages` timer that sends each subscribed leader the
 * morning's counts (dispatch-messages.ts).
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { dispatchMessages } from './dispatch-messages'
import { dispatch } from './handlers/dispatch'
import { overview } from './handlers/overview'

const handlers: Handlers<'dashboard'> = { overview, dispatch }

export const main = createMain('dashboard', handlers, wxPlatform, { dispatchMessages })
