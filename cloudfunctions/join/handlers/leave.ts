/** join.leaveHousehold: the caller leaves their household; every household-scoped call refuses them at once. */
import { homeOf } from '../../../core/join/household'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'
import { leaveHome } from '../leave-home'
import { unknownHome } from '../views'

export const leaveHousehold: Action<'join', 'leaveHousehold'> = {
  async handle({ caller, data }) {
    const person = caller.person
    const householdId = person ? homeOf(person) : undefined
    if (!person || !householdId) throw new AppError('NOT_FOUND', '你目前不属于任何一户')
    const home = caller.units.get(householdId) ?? (await data.units.get(householdId))
    // the home goes first from what copies it: no message about the old building after this call, even if the
    // person update below fails (the call, repeated, finishes)
    await data.subscriptions.forget(person._id)
    // roles, householdId and homePath go in one write, with the counters above the home: no call ever sees the
    // person half-left
    await leaveHome(data, person, householdId)
    return { left: home ? unitRef(home) : unknownHome(householdId) }
  },
}
