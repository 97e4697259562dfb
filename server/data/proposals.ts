/**
 * `proposals`: the matters raised for a grid's council (议题, core/ids.ts proposalId). Reads: by id, by ids; a grid's
 * tab (stage) newest change first in keyset pages (index gridId_1_stage_1_stageAt_-1: a page costs its rows), the
 * same index's newest open ones for `similar` (bounded); a person's own (proposerId_1, privacy). Writes go through
 * transactions (tx.proposals: filing, supports, status moves re-read the document there) except a deletion's
 * anonymising.
 */
import type { ProposalStage } from '../../core/contract/council'
import type { ProposalDoc } from '../../core/model'
import type { KeysetCursor } from '../../core/requests/cursor'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rows, total } from './query'

export interface Proposals {
  get(id: string): Promise<ProposalDoc | null>
  byIds(ids: readonly string[]): Promise<ProposalDoc[]>
  /** Up to `limit` proposals of a grid in one stage, newest change first, after the cursor (the last row shown). */
  inStage(
    gridId: string,
    stage: ProposalStage,
    after: KeysetCursor | undefined,
    limit: number,
  ): Promise<{ rows: ProposalDoc[]; more: boolean }>
  /** The grid's `limit` newest open proposals (what `similar` compares a draft with). */
  newestOpen(gridId: string, limit: number): Promise<ProposalDoc[]>
  /** Every proposal `personId` raised (导出我的数据, deletion). */
  ofProposer(personId: string): Promise<ProposalDoc[]>
  /** 周例会 / 月通报: the `limit` newest proposals decided at or under `path` in [from, to), and how many in all
   * (index status_1_gridPath_1_decision.at_-1). */
  decidedUnder(path: string, from: Date, to: Date, limit: number): Promise<{ rows: ProposalDoc[]; total: number }>
  /** Every proposal with a step `personId` made (a head's 列入议程 / 不予上会 on others' proposals: deletion; index
   * history.byId_1). */
  steppedBy(personId: string): Promise<ProposalDoc[]>
  /** A deletion's anonymising of one proposal (proposer and their steps renamed; outside any transaction). */
  anonymise(id: string, patch: Pick<ProposalDoc, 'proposerId' | 'proposerName' | 'history'>): Promise<void>
}

export function proposals(db: Database): Proposals {
  const _ = db.command
  const col = () => db.collection('proposals')
  return {
    get: (id) => first<ProposalDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<ProposalDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async inStage(gridId, stage, after, limit) {
      const where = after?.at
        ? _.or([
            { gridId, stage, stageAt: _.lt(after.at) },
            { gridId, stage, stageAt: after.at, _id: _.lt(after.id) },
          ])
        : { gridId, stage }
      const found = await rows<ProposalDoc>(
        col()
          .where(where)
          .orderBy('stageAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    newestOpen: (gridId, limit) =>
      rows<ProposalDoc>(
        col().where({ gridId, stage: 'open' }).orderBy('stageAt', 'desc').orderBy('_id', 'desc').limit(limit),
      ),
    ofProposer: (personId) => all<ProposalDoc>(col().where({ proposerId: personId })),
    steppedBy: (personId) => all<ProposalDoc>(col().where({ 'history.byId': personId })),
    async decidedUnder(path, from, to, limit) {
      const where = { status: 'decided', gridPath: pathPrefix(db, path), 'decision.at': _.gte(from).and(_.lt(to)) }
      const [found, count] = await Promise.all([
        rows<ProposalDoc>(col().where(where).orderBy('decision.at', 'desc').orderBy('_id', 'desc').limit(limit)),
        total(col().where(where)),
      ])
      return { rows: found, total: count }
    },
    async anonymise(id, patch) {
      await col().doc(id).update({ data: patch })
    },
  }
}
