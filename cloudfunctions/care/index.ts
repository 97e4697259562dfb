/**
 * The `care` function (关爱对象 / 重点人员 and 四包一, issue 12 item 6): staff mark care persons and name their four
 * helpers, helpers make the daily check (每日探访), grid chiefs and staff read the list, helpers their own; the
 * `missedChecks` timer raises one alert per care person per day nobody checked on them after 20:00 Beijing, and the
 * `careMessages` timer tells their helpers and grid chief once (subscribe messages, ./messages.ts).
 * Who sees flags and checks: core/care/visibility.ts; every such read is audited.
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { check } from './handlers/check'
import { findPeople, mark, team } from './handlers/keep'
import { detail, list, mine } from './handlers/views'
import { careMessages } from './messages'
import { missedChecks } from './missed'

const handlers: Handlers<'care'> = { mark, team, findPeople, list, detail, check, mine }

export const main = createMain('care', handlers, wxPlatform, { missedChecks, careMessages })
