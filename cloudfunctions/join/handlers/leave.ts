/** join.leaveHousehold: the caller leaves their household; every household-scoped call refuses them at once. */
import type { ParsedPayload, UnitRef } from '../../../core/contract'
import { AppError } from '../../../server/errors'
import { joinStore } from '../../../server/join-store'
import type { ActionDef } from '../../../server/router'
import { ref } from '../views'

export const leaveHousehold: ActionDef<ParsedPayload<'join', 'leaveHousehold'>, { left: UnitRef }> = {
  async handle({ caller, repo }) {
    const person = caller.person
    const householdId = person?.householdId ?? person?.roles.find((g) => g.role === 'resident')?.unitId
    if (!person || !householdId) throw new AppError('NOT_FOUND', '你目前不属于任何一户')
    const home = caller.units.get(householdId) ?? (await repo.unit(householdId))
    // roles, householdId and homePath go in one update: no call ever sees the person half-left
    await joinStore().leave(person)
    return { left: home ? ref(home) : { id: householdId, name: '', level: 'household' } }
  },
}
