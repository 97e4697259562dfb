/**
 * Deciding a claim: one transaction over the claim and the people it writes (core/join/decision.ts decides what),
 * then the claimant's subscriptions follow a move. The platform's transactions take no queries, so who the
 * claimant may already be is found before it starts; inside, the claim is re-read (the compare of
 * compare-and-set): a second decider's transaction conflicts at the write, is retried, and stops there. The unit
 * counters above the household (and above the home a claimant leaves) move in the same transaction.
 *
 * The households' members (whose figures before the change decide the counters' delta: whether the household was
 * reachable already) are read in each attempt, after it has started: a change of those members committed later
 * (another approval into the same household at the same moment) moved the same counters, so this attempt
 * conflicts at its counter write and the next one reads the members again. Read once before the transaction, two
 * approvals into one unreached household would each count it reachable.
 *
 * While the household's building (or a unit above it) is being moved, a decision is refused (UNIT_MOVING): its
 * records would name the old path after the move rewrote the others, and its delta would go to the ancestors the
 * building left. The units on the path are read in the transaction; a move recorded after that read shifts the
 * same counters, so this attempt conflicts and the next one sees the move.
 */
import { claimMove, householdMove, waitsForMove, withMember, type CounterMove } from '../../core/grid/counters'
import { approval, arrivalOf, isPending, rejection, type Verdict } from '../../core/join/decision'
import type { ClaimDoc, PersonDoc } from '../../core/model'
import { pathIds, type StoredUnit } from '../../core/units'
import { AppError } from '../../server/errors'
import type { Data } from '../../server/data'
import { moveInTx } from '../../server/data/unit-counters'

export interface Decision {
  claimId: string
  verdict: Omit<Verdict, 'at'>
  /** The person already carrying the claimant's openid (a leader living elsewhere, a resident moving in). */
  claimant: PersonDoc | null
  /** An imported member of the household with the claim's name and phone and no openid yet. */
  twin: PersonDoc | null
}

/** The decided claim, or null when it was no longer pending (decided by someone else a moment ago). */
export async function decide(data: Data, d: Decision): Promise<ClaimDoc | null> {
  const home = d.verdict.household
  const awayId = d.claimant?.householdId !== home._id ? d.claimant?.householdId : undefined
  const decided = await data.transaction(async (tx) => {
    const claim = await tx.claims.get(d.claimId)
    if (!isPending(claim)) return null
    const onPath: (StoredUnit | null)[] = []
    for (const id of pathIds(home.path)) onPath.push(await tx.units.get(id))
    if (waitsForMove(home.path, onPath)) throw new AppError('UNIT_MOVING')
    // who lives in the households the approval changes, as of this attempt (see above: not before the transaction)
    const [members, awayMembers] = d.verdict.approve
      ? await Promise.all([data.people.inHousehold(home._id), awayId ? data.people.inHousehold(awayId) : []])
      : [[], []]
    const verdict: Verdict = { ...d.verdict, at: new Date() }
    if (!verdict.approve) {
      const patch = rejection(verdict)
      await tx.claims.update(claim._id, patch)
      await moveInTx(tx, [claimMove(claim, patch)], verdict.at)
      return { ...claim, ...patch }
    }
    const claimant = d.claimant ? ((await tx.people.get(d.claimant._id)) ?? d.claimant) : null
    const twin = !claimant && d.twin ? await tx.people.get(d.twin._id) : null
    const arrival = arrivalOf(claim, verdict, claimant, twin)
    let personId: string
    let prior: PersonDoc | null = null
    if (arrival.kind === 'add') {
      personId = await tx.people.add(arrival.doc)
    } else {
      await tx.people.update(arrival.personId, arrival.patch)
      personId = arrival.personId
      prior = claimant ?? twin
    }
    const arrived = {
      ...(prior ?? ({ _id: personId } as PersonDoc)),
      ...(arrival.kind === 'add' ? arrival.doc : arrival.patch),
      _id: personId,
    }
    const patch = approval(verdict, personId)
    await tx.claims.update(claim._id, patch)
    const moves: CounterMove[] = [
      claimMove(claim, patch),
      householdMove(home.path, true, members, withMember(members, arrived, home._id)),
    ]
    // a resident moving in leaves the home they had
    if (prior?.homePath && prior.householdId && prior.householdId !== home._id) {
      moves.push(householdMove(prior.homePath, true, awayMembers, withMember(awayMembers, arrived, prior.householdId)))
    }
    await moveInTx(tx, moves, verdict.at)
    return { ...claim, ...patch }
  })
  // someone already known moved in: what copies their home follows (a leave or a deletion drops it instead)
  if (decided && d.verdict.approve && d.claimant) {
    await data.subscriptions.rehome(d.claimant._id, d.verdict.household.path, new Date())
  }
  return decided
}
