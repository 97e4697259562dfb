/** The `grid` cloud function: who the caller is, and the grid they belong to or lead (core/contract/grid.ts). */
import { createMain } from '../../server/router'
import { me } from './handlers/me'
import { overview } from './handlers/overview'

export const main = createMain('grid', { me, overview })
