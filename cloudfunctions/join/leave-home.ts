/**
 * A person leaving their household: roles, householdId and homePath go in one write, in one transaction with the
 * counters above the home. The person is re-read inside, so a leave repeated after it happened moves nothing; the
 * household's members are read in each attempt after it started (transactions take no queries), so a change of
 * them committed meanwhile (an approval into the household) makes this attempt conflict at the counters and the
 * next read them again (cloudfunctions/join/decide.ts).
 */
import { householdMove, withMember } from '../../core/grid/counters'
import { withoutHome } from '../../core/join/household'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { moveInTx } from '../../server/data/unit-counters'

export async function leaveHome(data: Data, person: PersonDoc, householdId: string): Promise<void> {
  await data.transaction(async (tx) => {
    const fresh = await tx.people.get(person._id)
    if (!fresh?.homePath || fresh.householdId !== householdId) return
    const members = await data.people.inHousehold(householdId)
    const { _id, householdId: _home, homePath, ...rest } = fresh
    const left: PersonDoc = { _id, ...rest, roles: withoutHome(fresh.roles) }
    await tx.people.set(_id, { ...rest, roles: left.roles })
    await moveInTx(tx, [householdMove(homePath, true, members, withMember(members, left, householdId))], new Date())
  })
}
