/** Support rules (core/council/support.ts): once per person, not one's own, only while open, the threshold crossing. */
import fc from 'fast-check'
import { decline, stageOf, support, thresholdOf, toAgenda, withdraw, withStep } from '../../../core/council/support'
import { COUNCIL_LIMITS } from '../../../core/contract/council'
import type { ProposalStatus, ProposalStep } from '../../../core/model'

const p = (status: ProposalStatus, supports: number) => ({ status, supports, proposerId: 'proposer' })

describe('thresholdOf', () => {
  it('is the default without settings, the chief’s value with', () => {
    expect(thresholdOf(null)).toBe(COUNCIL_LIMITS.defaultThreshold)
    expect(thresholdOf({})).toBe(COUNCIL_LIMITS.defaultThreshold)
    expect(thresholdOf({ supportThreshold: 5 })).toBe(5)
  })
})

describe('support', () => {
  it.each([
    [
      'a first support below the threshold',
      p('open', 0),
      'a',
      false,
      3,
      { ok: true, changed: true, supports: 1, toAgenda: false },
    ],
    [
      'the support that reaches it',
      p('open', 2),
      'a',
      false,
      3,
      { ok: true, changed: true, supports: 3, toAgenda: true },
    ],
    ['a threshold of one', p('open', 0), 'a', false, 1, { ok: true, changed: true, supports: 1, toAgenda: true }],
    ['a second support', p('open', 2), 'a', true, 3, { ok: true, changed: false }],
    ['one’s own', p('open', 0), 'proposer', false, 3, { ok: false, code: 'PROPOSAL_OWN' }],
    ['on the agenda already', p('agenda', 3), 'a', false, 3, { ok: false, code: 'PROPOSAL_NOT_OPEN' }],
    ['a retry after the crossing', p('agenda', 3), 'a', true, 3, { ok: true, changed: false }],
    ['declined', p('declined', 1), 'a', false, 3, { ok: false, code: 'PROPOSAL_NOT_OPEN' }],
  ])('%s', (_n, proposal, who, supporting, threshold, want) =>
    expect(support(proposal, who, supporting, threshold)).toEqual(want),
  )
})

describe('withdraw', () => {
  it.each([
    ['a support', p('open', 2), true, { ok: true, changed: true, supports: 1, toAgenda: false }],
    ['none to withdraw', p('open', 2), false, { ok: true, changed: false }],
    ['after it reached the agenda', p('agenda', 3), true, { ok: false, code: 'PROPOSAL_NOT_OPEN' }],
  ])('%s', (_n, proposal, supporting, want) => expect(withdraw(proposal, supporting)).toEqual(want))
})

describe('a head’s moves', () => {
  it.each([
    ['open', { ok: true, changed: true }],
    ['agenda', { ok: true, changed: false }],
    ['decided', { ok: false, code: 'PROPOSAL_CLOSED' }],
    ['declined', { ok: false, code: 'PROPOSAL_CLOSED' }],
  ] as const)('toAgenda of %s', (status, want) => expect(toAgenda({ status })).toEqual(want))

  it.each([
    ['open', null, { ok: true }],
    ['agenda', null, { ok: true }],
    ['agenda', 'meeting_1', { ok: false, code: 'PROPOSAL_ON_MEETING' }],
    ['decided', null, { ok: false, code: 'PROPOSAL_CLOSED' }],
    ['declined', null, { ok: false, code: 'PROPOSAL_CLOSED' }],
  ] as const)('decline of %s (meeting %s)', (status, meetingId, want) =>
    expect(decline({ status, meetingId })).toEqual(want),
  )

  it('stages: open, agenda, closed', () => {
    expect([stageOf('open'), stageOf('agenda'), stageOf('decided'), stageOf('declined')]).toEqual([
      'open',
      'agenda',
      'closed',
      'closed',
    ])
  })

  it('keeps the newest history steps', () => {
    const step = (i: number) => ({ status: 'open' as const, at: new Date(i), byId: '', byName: `${i}`, note: '' })
    let h: ProposalStep[] = [step(0)]
    for (let i = 1; i < 30; i++) h = withStep(h, step(i))
    expect(h).toHaveLength(COUNCIL_LIMITS.history)
    expect(h[h.length - 1].byName).toBe('29')
  })
})

it('property: any sequence of supports and withdrawals keeps the count equal to the supporters, and crosses the threshold once', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.record({ who: fc.integer({ min: 0, max: 7 }), support: fc.boolean() }), { maxLength: 60 }),
      (threshold, moves) => {
        let doc = p('open', 0)
        const supporters = new Set<number>()
        let crossings = 0
        for (const m of moves) {
          const r = m.support
            ? support(doc, `p${m.who}`, supporters.has(m.who), threshold)
            : withdraw(doc, supporters.has(m.who))
          if (!r.ok || !r.changed) continue
          if (m.support) supporters.add(m.who)
          else supporters.delete(m.who)
          doc = { ...doc, supports: r.supports, status: r.toAgenda ? 'agenda' : doc.status }
          if (r.toAgenda) crossings++
        }
        expect(doc.supports).toBe(supporters.size)
        expect(crossings).toBe(doc.status === 'agenda' ? 1 : 0)
        if (doc.status === 'agenda') expect(doc.supports).toBeGreaterThanOrEqual(threshold)
        else expect(doc.supports).toBeLessThan(threshold)
      },
    ),
  )
})
