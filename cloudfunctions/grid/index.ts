/** The `grid` cloud function: who the caller is, the grid they belong to or lead, its households and neighbours
 * (core/contract/grid.ts); `home` is 首页 in one call. The `repairCounters` timer mends the unit counters. */
import { createMain, wxPlatform } from '../../server/router'
import { home } from './handlers/home'
import { households } from './handlers/households'
import { me } from './handlers/me'
import { neighbours } from './handlers/neighbours'
import { overview } from './handlers/overview'
import { repairCountersTimer } from './repair-counters'

export const main = createMain('grid', { me, home, overview, households, neighbours }, wxPlatform, {
  repairCounters: repairCountersTimer,
})
