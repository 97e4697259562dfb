/**
 * The `reports` function (周例会 / 月通报, issue 13 item 5): a community's and street's weekly summary and monthly
 * bulletin — generated on demand (generate) and by the `weeklyReports` / `monthlyReports` timers for the period just
 * ended (timers.ts), listed, read, exported as an .xlsx and published as a notice to the unit in one tap.
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { generate, get, list } from './handlers/reports'
import { exportReport, publish } from './handlers/share'
import { monthlyReports, weeklyReports } from './timers'

const handlers: Handlers<'reports'> = { generate, list, get, export: exportReport, publish }

export const main = createMain('reports', handlers, wxPlatform, { weeklyReports, monthlyReports })
