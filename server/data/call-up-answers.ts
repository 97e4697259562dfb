/**
 * `callUpAnswers`: one member's answer to one call-up (core/ids.ts callUpAnswerId), written only inside the answer and
 * assign transactions together with the call-up's counts (tx.callUpAnswers). Reads: a call-up's answers, optionally of
 * one kind of answer, newest first (index callUpId_1_answer_1_answeredAt_-1); a member's answers by id.
 */
import type { CallUpAnswer } from '../../core/contract/emergency'
import type { CallUpAnswerDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, rows, total } from './query'

export interface CallUpAnswers {
  byIds(ids: readonly string[]): Promise<CallUpAnswerDoc[]>
  /** Every answer a person gave, newest first (their export and deletion: index personId_1_answeredAt_-1). */
  ofPerson(personId: string): Promise<CallUpAnswerDoc[]>
  /** Their deletion: every answer keeps what was answered (the call-up's counts stay true), not who (name, phone,
   * note go). No count moves. */
  anonymiseOf(personId: string, name: string): Promise<void>
  /** A recount of a call-up's answers by counting (the counts' repair; index callUpId_1_answer_1_answeredAt_-1):
   * three counts, however many answered. */
  countsOf(callUpId: string): Promise<{ coming: number; cannot: number; assigned: number }>
  /** How many of a call-up's answers were given or assigned at or after `at` (the repair leaves such a call-up for
   * its next turn: its counts may be moving). */
  changedSince(callUpId: string, at: Date): Promise<number>
  ofCallUp(
    callUpId: string,
    answer: CallUpAnswer | undefined,
    skip: number,
    limit: number,
  ): Promise<{ rows: CallUpAnswerDoc[]; more: boolean }>
  /** A deleted staff member's name off what they did as staff (`assignment.byName`; privacy.requestDeletion, any number of times). */
  renameStaff(personId: string, name: string): Promise<void>
}

export function callUpAnswers(db: Database): CallUpAnswers {
  const _ = db.command
  const col = () => db.collection('callUpAnswers')
  return {
    byIds: (ids) => allIn<CallUpAnswerDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    ofPerson: (personId) => all<CallUpAnswerDoc>(col().where({ personId }).orderBy('answeredAt', 'desc')),
    async anonymiseOf(personId, name) {
      await col()
        .where({ personId })
        .update({ data: { name, phone: '', note: '' } })
    },
    async countsOf(callUpId) {
      const [coming, cannot, assigned] = await Promise.all([
        total(col().where({ callUpId, answer: 'coming' })),
        total(col().where({ callUpId, answer: 'cannot' })),
        total(col().where({ callUpId, assignment: _.neq(null) })),
      ])
      return { coming, cannot, assigned }
    },
    changedSince: (callUpId, at) =>
      total(
        col().where(
          _.or([
            { callUpId, answeredAt: _.gte(at) },
            { callUpId, 'assignment.at': _.gte(at) },
          ]),
        ),
      ),
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
    async renameStaff(personId, name) {
      await col()
        .where({ 'assignment.by': personId })
        .update({ data: { 'assignment.byName': name } })
    },
  }
}
