/** 三长议事 votes: who may vote, the quorum, the tally and the decision rule (core/council/vote.ts). */
import fc from 'fast-check'
import {
  decide,
  EMPTY_TALLY,
  gridHeads,
  isGridHead,
  mayVote,
  moveTally,
  quorumNeeded,
  recount,
  turnout,
  validQuorum,
  VOTE_CHOICES,
  type Tally,
  type VoteChoice,
} from '../../../core/council/vote'
import { grid, h3_1_402, otherGrid, person, units } from '../grid/tree'

describe('who is one of the grid’s three heads', () => {
  it.each([
    ['the grid chief of the grid', [{ role: 'gridChief', unitId: 'g1' }], true],
    ['the party leader of the grid', [{ role: 'partyLeader', unitId: 'g1' }], true],
    ['a building head of one of its buildings', [{ role: 'buildingHead', unitId: 'b3' }], true],
    ['the grid chief of another grid', [{ role: 'gridChief', unitId: 'g2' }], false],
    ['a resident of the grid', [{ role: 'resident', unitId: h3_1_402._id }], false],
    ['community staff over the grid', [{ role: 'communityStaff', unitId: 'c1' }], false],
    ['the head of a retired 战时网格', [{ role: 'buildingHead', unitId: 'w1' }], false],
    ['a grid chief’s grant over a building', [{ role: 'gridChief', unitId: 'b3' }], false],
    ['a temporary leader’s grant', [{ role: 'buildingHead', unitId: 'b3', wartimeGridId: 'w9' }], false],
  ] as const)('%s → %s', (_what, roles, expected) => {
    expect(isGridHead(roles, units, grid)).toBe(expected)
  })

  it('lists the heads among people, leaving out the deleted and the other grid’s', () => {
    const people = [
      person('p1', '王芳', h3_1_402, { roles: [{ role: 'gridChief', unitId: 'g1' }] }),
      person('p2', '李强', undefined, { roles: [{ role: 'partyLeader', unitId: 'g1' }], deletedAt: new Date() }),
      person('p3', '赵敏', undefined, { roles: [{ role: 'buildingHead', unitId: 'b12' }] }),
      person('p4', '钱进', undefined, { roles: [{ role: 'gridChief', unitId: otherGrid._id }] }),
    ]
    expect(gridHeads(people, units, grid).map((p) => p.name)).toEqual(['王芳', '赵敏'])
  })

  it('lets only members vote', () => {
    expect(mayVote(['p1', 'p2'], 'p2')).toBe(true)
    expect(mayVote(['p1', 'p2'], 'p3')).toBe(false)
  })
})

describe('the quorum', () => {
  it.each([
    [3, undefined, 2],
    [4, undefined, 3],
    [5, undefined, 4],
    [6, undefined, 4],
    [1, undefined, 1],
    [0, undefined, 1],
    [5, { numerator: 1, denominator: 2 }, 3],
    [4, { numerator: 1, denominator: 2 }, 2],
    [5, { numerator: 1, denominator: 1 }, 5],
  ])('%i members, rule %j → %i must take part', (eligible, rule, needed) => {
    expect(quorumNeeded(eligible, rule)).toBe(needed)
  })

  it.each([
    [{ numerator: 2, denominator: 3 }, true],
    [{ numerator: 3, denominator: 3 }, true],
    [{ numerator: 0, denominator: 3 }, false],
    [{ numerator: 4, denominator: 3 }, false],
    [{ numerator: 1.5, denominator: 3 }, false],
  ])('rule %j is usable: %s', (rule, ok) => {
    expect(validQuorum(rule)).toBe(ok)
  })

  it('counts voters and the present once each, members only', () => {
    expect(turnout(['a', 'b', 'c'], ['a', 'b'], ['b', 'c', 'x'])).toBe(3)
    expect(turnout(['a', 'b', 'c'], [], [])).toBe(0)
  })
})

describe('the decision', () => {
  const t = (f: number, a: number, s: number): Tally => ({ for: f, against: a, abstain: s })
  it.each([
    ['2 for of 3, quorum', t(2, 0, 0), 2, 3, { quorate: true, outcome: 'passed' }],
    ['1 for 1 against: a tie does not pass', t(1, 1, 0), 2, 3, { quorate: true, outcome: 'rejected' }],
    ['1 for 2 abstain: more for than against', t(1, 0, 2), 3, 3, { quorate: true, outcome: 'passed' }],
    ['0 for 0 against 2 abstain', t(0, 0, 2), 2, 3, { quorate: true, outcome: 'rejected' }],
    ['1 against 1 for 1 abstain', t(1, 1, 1), 3, 3, { quorate: true, outcome: 'rejected' }],
    ['1 voter of 3: no quorum', t(1, 0, 0), 1, 3, { quorate: false }],
    ['3 of 5 under ⅔: no quorum', t(3, 0, 0), 3, 5, { quorate: false }],
  ] as const)('%s', (_what, tally, taking, eligible, expected) => {
    expect(decide({ tally, turnout: taking, eligible })).toMatchObject(expected)
  })

  it('with a half quorum, 2 of 4 decide', () => {
    expect(decide({ tally: t(2, 0, 0), turnout: 2, eligible: 4, quorum: { numerator: 1, denominator: 2 } })).toEqual({
      quorate: true,
      turnout: 2,
      needed: 2,
      outcome: 'passed',
    })
  })
})

describe('the tally', () => {
  it.each<[VoteChoice | undefined, VoteChoice, Tally]>([
    [undefined, 'for', { for: 1, against: 0, abstain: 0 }],
    ['for', 'against', { for: 0, against: 1, abstain: 0 }],
    ['against', 'against', { for: 0, against: 1, abstain: 0 }],
  ])('a vote from %s to %s moves the tally', (previous, next, expected) => {
    const before = previous ? moveTally(EMPTY_TALLY, undefined, previous) : EMPTY_TALLY
    expect(moveTally(before, previous, next)).toEqual(expected)
  })

  it('equals a recount of the last vote of each person after any sequence of votes and changes', () => {
    const choice = fc.constantFrom(...VOTE_CHOICES)
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), choice), { maxLength: 60 }), (steps) => {
        const last = new Map<number, VoteChoice>()
        let tally = EMPTY_TALLY
        for (const [who, next] of steps) {
          tally = moveTally(tally, last.get(who), next)
          last.set(who, next)
        }
        expect(tally).toEqual(recount([...last.values()].map((c) => ({ choice: c }))))
        expect(tally.for + tally.against + tally.abstain).toBe(last.size)
      }),
    )
  })
})
