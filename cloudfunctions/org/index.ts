/** The `org` cloud function: the grid tree (组织架构) and rosters, kept by community and street staff
 * (core/contract/org.ts). */
import { createMain } from '../../server/router'
import { bootstrap } from './handlers/bootstrap'
import { moveUnit } from './handlers/move'
import { exportRoster, importRoster, rosterTemplate } from './handlers/roster'
import { tree } from './handlers/tree'
import { createUnit, renameUnit, retireUnit } from './handlers/units'

export const main = createMain('org', {
  tree,
  createUnit,
  renameUnit,
  moveUnit,
  retireUnit,
  rosterTemplate,
  exportRoster,
  importRoster,
  bootstrap,
})
