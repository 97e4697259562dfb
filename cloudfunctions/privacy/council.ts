/**
 * What the council (三长议事) stored about a person, for their export, and how their deletion follows it
 * (core/privacy/council.ts): each active support is withdrawn in ONE transaction with its proposal's count (so the
 * count equals the support records at every step, wherever a deletion is cut off), then the record is removed; their
 * proposals stay under the deleted name. Every step is safe to run again.
 */
import { noCouncil, proposalWithout, type CouncilFacts } from '../../core/privacy/council'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'

export async function councilOf(data: Data, person: PersonDoc): Promise<CouncilFacts> {
  const [proposals, supports] = await Promise.all([
    data.proposals.ofProposer(person._id),
    data.proposalSupports.ofPerson(person._id),
  ])
  if (!proposals.length && !supports.length) return noCouncil
  const supported = new Map((await data.proposals.byIds(supports.map((s) => s.proposalId))).map((p) => [p._id, p]))
  return { proposals, supports, supported }
}

export async function forgetCouncil(data: Data, person: PersonDoc, name: string): Promise<void> {
  for (const s of await data.proposalSupports.ofPerson(person._id)) {
    await data.transaction(async (tx) => {
      const fresh = await tx.proposalSupports.get(s._id)
      if (!fresh?.active) return
      const p = await tx.proposals.get(fresh.proposalId)
      const now = new Date()
      if (p) await tx.proposals.update(p._id, { supports: Math.max(0, p.supports - 1), updatedAt: now })
      await tx.proposalSupports.update(s._id, { active: false, withdrawnAt: now, updatedAt: now })
    })
    await data.proposalSupports.remove(s._id)
  }
  for (const p of await data.proposals.ofProposer(person._id)) {
    const patch = proposalWithout(p, person._id, name)
    if (patch) await data.proposals.anonymise(p._id, patch)
  }
}
