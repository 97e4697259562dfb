/** The `grid` cloud function: who the caller is, the grid they belong to or lead, its households and neighbours
 * (core/contract/grid.ts); `home` is 首页 in one call. */
import { createMain } from '../../server/router'
import { home } from './handlers/home'
import { households } from './handlers/households'
import { me } from './handlers/me'
import { neighbours } from './handlers/neighbours'
import { overview } from './handlers/overview'

export const main = createMain('grid', { me, home, overview, households, neighbours })
