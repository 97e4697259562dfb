/**
 * 三长议事 votes (issue 13): who may vote on a council meeting's agenda, the quorum, and the tally. Pure: no I/O.
 *
 * Who votes: the members of the meeting — the grid's three heads (core/grants.ts: a grid chief or party leader whose
 * grant over the grid counts, a building head whose grant over one of the grid's buildings counts; a 战时网格's
 * temporary leader is not one of the three heads) taken when the meeting is scheduled, plus the staff or residents
 * it invites. Each member has one vote per agenda item: 赞成 (for), 反对 (against) or 弃权 (abstain), changeable while
 * the item is open.
 *
 * The rule of a decision:
 * - an item's **turnout** is the members who took part in it: who cast a vote on it (online, or recorded in person by
 *   the chief) together with who is on the meeting's presence list (a member present and not voting still counts);
 * - **quorum** is present when turnout ≥ ⌈eligible × numerator ⁄ denominator⌉ (default ⅔ of the members, and at
 *   least one); without quorum an item cannot be decided;
 * - with quorum the item **passes** (通过) when more votes are for than against among the votes cast (abstentions
 *   count for the quorum, not for the outcome); a tie or more against is **not passed** (不通过).
 */
import { headsInForce } from '../grants'
import type { RoleGrant } from '../roles'
import { isWithin, type Unit } from '../units'

export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const
export type VoteChoice = (typeof VOTE_CHOICES)[number]
export const VOTE_CHOICE_LABELS: Record<VoteChoice, string> = { for: '赞成', against: '反对', abstain: '弃权' }

export const DECISION_OUTCOMES = ['passed', 'rejected'] as const
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number]
export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, string> = { passed: '通过', rejected: '不通过' }

/** The share of the members that must take part: numerator ⁄ denominator. */
export interface QuorumRule {
  numerator: number
  denominator: number
}
export const DEFAULT_QUORUM: QuorumRule = { numerator: 2, denominator: 3 }

/** The counts of an item's votes. */
export interface Tally {
  for: number
  against: number
  abstain: number
}
export const EMPTY_TALLY: Tally = { for: 0, against: 0, abstain: 0 }

/** Whether a person with these grants is one of the grid's three heads (grants in force, not a temporary leader's). */
export function isGridHead(roles: readonly RoleGrant[], units: ReadonlyMap<string, Unit>, grid: Unit): boolean {
  return headsInForce(roles, units).some((g) => {
    if (g.wartimeGridId || g.unit.wartime) return false
    if (g.role === 'buildingHead') return isWithin(g.unit.path, grid.path)
    return g.unit._id === grid._id
  })
}

/** The grid's three heads among `people`, in the order given. */
export function gridHeads<P extends { _id: string; roles: readonly RoleGrant[]; deletedAt?: Date }>(
  people: readonly P[],
  units: ReadonlyMap<string, Unit>,
  grid: Unit,
): P[] {
  return people.filter((p) => !p.deletedAt && isGridHead(p.roles, units, grid))
}

/** Whether `personId` may vote at a meeting of these members. */
export const mayVote = (memberIds: readonly string[], personId: string): boolean => memberIds.includes(personId)

/** How many members must take part for quorum: ⌈eligible × rule⌉, at least one. */
export function quorumNeeded(eligible: number, rule: QuorumRule = DEFAULT_QUORUM): number {
  if (eligible <= 0) return 1
  // integer arithmetic: ⌈eligible × n ⁄ d⌉ with no floating error (3 × ⅔ is exactly 2)
  return Math.max(1, Math.ceil((eligible * rule.numerator) / rule.denominator))
}

/** Whether a quorum rule is usable: a share above nothing and at most all. */
export const validQuorum = (rule: QuorumRule): boolean =>
  Number.isInteger(rule.numerator) &&
  Number.isInteger(rule.denominator) &&
  rule.numerator > 0 &&
  rule.denominator > 0 &&
  rule.numerator <= rule.denominator

/** The tally after one person's vote moves from `previous` (none: a first vote) to `next`. */
export function moveTally(tally: Tally, previous: VoteChoice | undefined, next: VoteChoice): Tally {
  if (previous === next) return tally
  const moved = { ...tally, [next]: tally[next] + 1 }
  if (previous) moved[previous] = tally[previous] - 1
  return moved
}

/** The tally recounted from the vote records (one per person and item). */
export function recount(votes: readonly { choice: VoteChoice }[]): Tally {
  return votes.reduce((t, v) => ({ ...t, [v.choice]: t[v.choice] + 1 }), { ...EMPTY_TALLY })
}

/** The members who took part in an item: its voters together with the meeting's presence list (members only). */
export function turnout(memberIds: readonly string[], voterIds: readonly string[], presentIds: readonly string[]) {
  const members = new Set(memberIds)
  return new Set([...voterIds, ...presentIds].filter((id) => members.has(id))).size
}

export type Decision =
  | { quorate: false; turnout: number; needed: number }
  | { quorate: true; turnout: number; needed: number; outcome: DecisionOutcome }

/** The decision of an item from its tally and turnout, by the rule above. */
export function decide(input: { tally: Tally; turnout: number; eligible: number; quorum?: QuorumRule }): Decision {
  const needed = quorumNeeded(input.eligible, input.quorum)
  if (input.turnout < needed) return { quorate: false, turnout: input.turnout, needed }
  return {
    quorate: true,
    turnout: input.turnout,
    needed,
    outcome: input.tally.for > input.tally.against ? 'passed' : 'rejected',
  }
}
