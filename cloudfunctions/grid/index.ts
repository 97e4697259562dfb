/** The `grid` cloud function: who the caller is, the grid they belong to or lead, its households and neighbours
 * (core/contract/grid.ts). */
import { createMain } from '../../server/router'
import { households } from './handlers/households'
import { me } from './handlers/me'
import { neighbours } from './handlers/neighbours'
import { overview } from './handlers/overview'

export const main = createMain('grid', { me, overview, households, neighbours })
