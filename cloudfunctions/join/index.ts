/** The `join` cloud function: invites, claiming a household, leaders' decisions, leaving, group chats
 * (core/contract/join.ts). */
import { createMain } from '../../server/router'
import { claimHousehold, decideClaim, myClaims, pendingClaims } from './handlers/claims'
import { bindGroup, gridGroups, unbindGroup } from './handlers/groups'
import { createBindCard, createInvite, openInvite, poster } from './handlers/invites'
import { leaveHousehold } from './handlers/leave'

export const main = createMain('join', {
  createInvite,
  poster,
  createBindCard,
  openInvite,
  claimHousehold,
  myClaims,
  pendingClaims,
  decideClaim,
  leaveHousehold,
  bindGroup,
  unbindGroup,
  gridGroups,
})
