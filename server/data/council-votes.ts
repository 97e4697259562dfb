/**
 * `councilVotes`: one member's vote on one agenda item (core/ids.ts councilVoteId), written only inside the vote and
 * in-person record transactions with the item's tally (tx.councilVotes). Reads: by ids (a meeting's members × its
 * items, both bounded), a person's votes (index personId_1: export and deletion).
 */
import type { CouncilVoteDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn } from './query'

export interface CouncilVotes {
  byIds(ids: readonly string[]): Promise<CouncilVoteDoc[]>
  /** Every vote a person cast or had recorded (their 导出我的数据). */
  ofPerson(personId: string): Promise<CouncilVoteDoc[]>
  /** Their deletion: each vote keeps its choice (the tallies stay true), not who cast it. No tally moves. */
  anonymiseOf(personId: string, name: string): Promise<void>
}

export function councilVotes(db: Database): CouncilVotes {
  const _ = db.command
  const col = () => db.collection('councilVotes')
  return {
    byIds: (ids) => allIn<CouncilVoteDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    ofPerson: (personId) => all<CouncilVoteDoc>(col().where({ personId })),
    async anonymiseOf(personId, name) {
      await col().where({ personId }).update({ data: { name } })
    },
  }
}
