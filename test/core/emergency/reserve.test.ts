/**
 * core/emergency/reserve.ts: who a call-up reaches, and what answers and assignments do to its counts — table cases,
 * and a property: after any sequence of answers, changes and assignments the counts equal a recount of the answers.
 */
import fc from 'fast-check'
import { CALLUP_ANSWERS, type CallUpAnswer } from '../../../core/contract/emergency'
import { answerDelta, assignDelta, reaches, recount, type Counts } from '../../../core/emergency/reserve'

const callUp = { kinds: ['volunteer', 'partyMember'] as const, skills: ['medical'] as const, unitPath: '/s1/c1/g1/' }

describe('reaches', () => {
  it.each([
    [
      'a volunteer medic under the unit',
      { kind: 'volunteer', skills: ['medical', 'driving'], path: '/s1/c1/g1/m1/h1/' },
      true,
    ],
    ['a kind not asked for', { kind: 'cadre', skills: ['medical'], path: '/s1/c1/g1/m1/h1/' }, false],
    ['without a skill asked for', { kind: 'volunteer', skills: ['driving'], path: '/s1/c1/g1/m1/h1/' }, false],
    ['outside the unit', { kind: 'volunteer', skills: ['medical'], path: '/s1/c1/g2/m1/h1/' }, false],
  ] as const)('%s', (_what, member, expected) => {
    expect(
      reaches(
        { ...callUp, kinds: [...callUp.kinds], skills: [...callUp.skills] },
        { ...member, skills: [...member.skills] },
      ),
    ).toBe(expected)
  })

  it('asking for no skill reaches every member of the kinds', () => {
    expect(
      reaches(
        { kinds: ['volunteer'], skills: [], unitPath: '/s1/' },
        { kind: 'volunteer', skills: [], path: '/s1/c1/' },
      ),
    ).toBe(true)
  })
})

const counts = (coming: number, cannot: number, assigned: number): Counts => ({ coming, cannot, assigned })
const assignment = {
  place: '东门',
  unitId: null,
  unitName: null,
  unitLevel: null,
  by: 'p1',
  byName: '周敏',
  at: new Date(0),
}

describe('answerDelta', () => {
  it.each([
    ['a first 到岗', null, 'coming', counts(1, 0, 0)],
    ['a first 不能到', null, 'cannot', counts(0, 1, 0)],
    ['到岗 changed to 不能到', { answer: 'coming', assignment: null }, 'cannot', counts(-1, 1, 0)],
    ['the same answer again', { answer: 'coming', assignment: null }, 'coming', counts(0, 0, 0)],
    ['after being assigned', { answer: 'coming', assignment }, 'cannot', 'assigned'],
  ] as const)('%s', (_what, held, answer, expected) => {
    expect(answerDelta(held, answer)).toEqual(expected)
  })
})

describe('assignDelta', () => {
  it.each([
    ['no answer', null, 'notComing'],
    ['不能到', { answer: 'cannot', assignment: null }, 'notComing'],
    ['到岗, first time', { answer: 'coming', assignment: null }, counts(0, 0, 1)],
    ['到岗, moved to another place', { answer: 'coming', assignment }, counts(0, 0, 0)],
  ] as const)('%s', (_what, held, expected) => {
    expect(assignDelta(held)).toEqual(expected)
  })
})

type Op = { person: number; kind: 'answer'; answer: CallUpAnswer } | { person: number; kind: 'assign' }

it('keeps the counts equal to a recount of the answers, whatever the order of answers and assignments', () => {
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ person: fc.nat(5), kind: fc.constant('answer' as const), answer: fc.constantFrom(...CALLUP_ANSWERS) }),
    fc.record({ person: fc.nat(5), kind: fc.constant('assign' as const) }),
  )
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const held = new Map<number, { answer: CallUpAnswer; assignment: typeof assignment | null }>()
      const c = counts(0, 0, 0)
      const add = (d: Counts) => {
        c.coming += d.coming
        c.cannot += d.cannot
        c.assigned += d.assigned
      }
      for (const o of ops) {
        const h = held.get(o.person) ?? null
        if (o.kind === 'answer') {
          const d = answerDelta(h, o.answer)
          if (d === 'assigned') continue
          add(d)
          held.set(o.person, { answer: o.answer, assignment: null })
        } else {
          const d = assignDelta(h)
          if (d === 'notComing' || !h) continue
          add(d)
          held.set(o.person, { ...h, assignment })
        }
      }
      expect(c).toEqual(recount([...held.values()]))
      expect(c.assigned).toBeLessThanOrEqual(c.coming)
    }),
  )
})
