/**
 * What the council (三长议事) stored about a person, for their export, and what their deletion leaves of it: their
 * proposals stay for the grid (the matter was raised; its supports and outcome are the grid's) under 已注销居民, with
 * every step they made renamed; their supports are withdrawn (each proposal's count moves with it) and removed.
 * Pure; the I/O is cloudfunctions/privacy/council.ts.
 */
import type { MyCouncil } from '../contract/council'
import type { ProposalDoc, ProposalSupportDoc } from '../model'

export interface CouncilFacts {
  proposals: ProposalDoc[]
  supports: ProposalSupportDoc[]
  /** the proposals the supports are of, by id */
  supported: ReadonlyMap<string, Pick<ProposalDoc, 'title'>>
  // meetings and votes: H6 — the person's votes as their export shows them (core/privacy/council-votes.ts)
  votes?: NonNullable<MyCouncil['votes']>
}

export const noCouncil: CouncilFacts = { proposals: [], supports: [], supported: new Map() }

const iso = (d: Date | string): string => new Date(d).toISOString()

export const myCouncil = (f: CouncilFacts): MyCouncil => ({
  proposals: [...f.proposals]
    .sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
    .map((p) => ({ title: p.title, text: p.text, status: p.status, supports: p.supports, at: iso(p.createdAt) })),
  supports: [...f.supports]
    .sort((a, b) => +new Date(b.at) - +new Date(a.at))
    .map((s) => ({ title: f.supported.get(s.proposalId)?.title ?? '', active: s.active, at: iso(s.at) })),
  // meetings and votes: H6
  ...(f.votes?.length ? { votes: f.votes } : {}),
})

/** A proposal of theirs, or one with steps of theirs, without their name: null when nothing names them any more. */
export function proposalWithout(
  p: Pick<ProposalDoc, 'proposerId' | 'proposerName' | 'history'>,
  personId: string,
  name: string,
): Pick<ProposalDoc, 'proposerId' | 'proposerName' | 'history'> | null {
  const mine = p.proposerId === personId && p.proposerName !== name
  const steps = p.history.some((h) => h.byId === personId && h.byName !== name)
  if (!mine && !steps) return null
  return {
    proposerId: p.proposerId,
    proposerName: p.proposerId === personId ? name : p.proposerName,
    history: p.history.map((h) => (h.byId === personId ? { ...h, byName: name } : h)),
  }
}
