/** The demo's proposals (emulator/seed/council.ts): every state in the resident persona's grid, counts = records. */
import { COUNCIL_LIMITS } from '../../core/contract/council'
import type { ProposalDoc, ProposalSupportDoc } from '../../core/model'
import { buildDemoCommunity } from '../../emulator/seed'

const d = buildDemoCommunity()
const proposals = (d.requests as { proposals: ProposalDoc[] }).proposals
const supports = (d.requests as { proposalSupports: ProposalSupportDoc[] }).proposalSupports
const personaIds = new Set(d.personas.flatMap((p) => d.people.find((x) => x.openid === p.openid)?._id ?? []))

it('seeds a proposal in every state, one a support short of the threshold, in the resident persona’s grid', () => {
  const resident = d.people.find((p) => p.openid === d.personas.find((x) => x.role === 'resident')?.openid)
  const theirs = proposals.filter((p) => resident?.homePath?.startsWith(p.gridPath))
  expect(new Set(theirs.map((p) => p.status))).toEqual(new Set(['open', 'agenda', 'declined']))
  expect(theirs.some((p) => p.status === 'open' && p.supports === COUNCIL_LIMITS.defaultThreshold - 1)).toBe(true)
  expect(theirs.find((p) => p.status === 'declined')?.declineReason).not.toBe('')
})

it('seeds one open proposal, a support short, in the other grid chief persona’s grid', () => {
  const chief = d.people.find((p) => p.openid === d.personas.find((x) => x.role === 'gridChief')?.openid)
  const gridId = chief?.roles.find((r) => r.role === 'gridChief')?.unitId
  const theirs = proposals.filter((p) => p.gridId === gridId)
  expect(theirs.map((p) => [p.status, p.supports])).toEqual([['open', COUNCIL_LIMITS.defaultThreshold - 1]])
  // every other one is in the resident persona's grid
  const resident = d.people.find((p) => p.openid === d.personas.find((x) => x.role === 'resident')?.openid)
  for (const p of proposals.filter((x) => x.gridId !== gridId))
    expect(resident?.homePath?.startsWith(p.gridPath)).toBe(true)
})

it('keeps each count equal to its active supports, never the proposer’s, never a persona’s', () => {
  for (const p of proposals) {
    const mine = supports.filter((s) => s.proposalId === p._id && s.active)
    expect(mine).toHaveLength(p.supports)
    expect(mine.map((s) => s.personId)).not.toContain(p.proposerId)
    for (const s of mine) expect(personaIds.has(s.personId)).toBe(false)
  }
  expect(new Set(supports.map((s) => s._id)).size).toBe(supports.length)
})
