/**
 * The `dashboard` function (数据看板, issue 13 item 3): a unit's figures read from counters (overview), and the
 * `repairStats` timer that mends drift of the period figures (repair.ts).
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { overview } from './handlers/overview'

const handlers: Handlers<'dashboard'> = { overview }

export const main = createMain('dashboard', handlers, wxPlatform)
