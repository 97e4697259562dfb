/**
 * `callUpAnswers`: one member's answer to one call-up (core/ids.ts callUpAnswerId), written only inside the answer and
 * assign transactions together with the call-up's counts (tx.callUpAnswers). Reads: a call-up's answers, optionally of
 * one kind of answer, newest first (index callUpId_1_answer_1_answeredAt_-1); a member's answers by id.
 */
import type { CallUpAnswer } from '../../core/contract/emergency'
import type { CallUpAnswerDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, rows } from './query'

export interface CallUpAnswers {
  byIds(ids: readonly string[]): Promise<CallUpAnswerDoc[]>
  ofCallUp(
    callUpId: string,
    answer: CallUpAnswer | undefined,
    skip: number,
    limit: number,
  ): Promise<{ rows: CallUpAnswerDoc[]; more: boolean }>
}

export function callUpAnswers(db: Database): CallUpAnswers {
  const _ = db.command
  const col = () => db.collection('callUpAnswers')
  return {
    byIds: (ids) => allIn<CallUpAnswerDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async ofCallUp(callUpId, answer, skip, limit) {
      const found = await rows<CallUpAnswerDoc>(
        col()
          .where({ callUpId, ...(answer ? { answer } : {}) })
          .orderBy('answeredAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(skip)
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
  }
}
