/**
 * The `requests` function (诉求, issue 11): report with duplicate hints, 我也遇到了, my requests, the detail with the
 * moves a viewer may make, every move through one transaction (core/requests/machine.ts decides), the leaders' and
 * departments' inbox; patrols, the three rates and settings (engineer P's handlers); the `sweep` timer (overdue →
 * escalated, unrated for a week → closed).
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { act } from './handlers/act'
import { detail } from './handlers/detail'
import { follow } from './handlers/follow'
import { inbox } from './handlers/inbox'
import { mine } from './handlers/mine'
import { logPatrol, patrols } from './handlers/patrols'
import { rates } from './handlers/rates'
import { report } from './handlers/report'
import { settings } from './handlers/settings'
import { similar } from './handlers/similar'
import { subscribe } from './handlers/subscribe'
import { updateSettings } from './handlers/update-settings'
import { sweep } from './sweep'

const handlers: Handlers<'requests'> = {
  settings,
  similar,
  report,
  follow,
  mine,
  detail,
  act,
  inbox,
  subscribe,
  // patrols, the three rates and settings
  updateSettings,
  rates,
  logPatrol,
  patrols,
}

export const main = createMain('requests', handlers, wxPlatform, { sweep })
