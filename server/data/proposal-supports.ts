/**
 * `proposalSupports`: one person's support of a proposal (core/ids.ts proposalSupportId), `active` while it counts.
 * Reads: by id; a person's (personId_1: 导出我的数据, deletion); a proposal's active ones (proposalId_1_active_1: the
 * recount of its count). Writes go through transactions (tx.proposalSupports, with the proposal's count) except the
 * removal of a deleted person's record once its count has moved.
 */
import type { ProposalSupportDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, first, total } from './query'

export interface ProposalSupports {
  get(id: string): Promise<ProposalSupportDoc | null>
  /** Every support record of `personId`, active or withdrawn. */
  ofPerson(personId: string): Promise<ProposalSupportDoc[]>
  /** How many active supports a proposal has (the recount of ProposalDoc.supports). */
  countActive(proposalId: string): Promise<number>
  remove(id: string): Promise<void>
}

export function proposalSupports(db: Database): ProposalSupports {
  const col = () => db.collection('proposalSupports')
  return {
    get: (id) => first<ProposalSupportDoc>(col().where({ _id: id })),
    ofPerson: (personId) => all<ProposalSupportDoc>(col().where({ personId })),
    countActive: (proposalId) => total(col().where({ proposalId, active: true })),
    async remove(id) {
      await col().doc(id).remove()
    },
  }
}
