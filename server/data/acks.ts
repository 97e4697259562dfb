/**
 * `acks`: one person's opening and 收到 of a notice (core/ids.ts ackId). Indexes (core/schema.ts):
 * personId_1_noticeId_1; uncounted_1_noticeId_1 (the 收到 a batched notice keeps for the countAcks timer).
 */
import { ackId } from '../../core/ids'
import type { AckDoc } from '../../core/model'
import type { Database } from '../cloud'
import { addOnce, allIn, first, IN_SLICE, rows, total, updated } from './query'

export interface Acks {
  get(noticeId: string, personId: string): Promise<AckDoc | null>
  /** Writes the person's ack as given (its id from core/ids.ts). */
  put(doc: AckDoc): Promise<void>
  /** The person's acks among these notices. */
  ofPerson(personId: string, noticeIds: readonly string[]): Promise<AckDoc[]>
  /** Which of these people opened or acknowledged the notice. */
  readersAmong(noticeId: string, personIds: readonly string[]): Promise<Set<string>>
  /**
   * Marks the notice read by the person, once: an existing ack (read or 收到) is left as it is. `uncountedFor`: a
   * notice without 回执 counted in batches, whose reading reaches the household (core/notices/counting.ts): the
   * mark carries `uncounted` and that household, for the countAcks timer.
   */
  markRead(noticeId: string, personId: string, at: Date, uncountedFor?: string): Promise<void>
  /**
   * Records the person's 收到: added to their read mark (one write, the usual case: 收到 is pressed on the opened
   * notice), or created read and acknowledged; false when they had pressed it before (the first ackedAt stays).
   */
  markAcked(noticeId: string, personId: string, at: Date, uncountedFor?: string): Promise<boolean>
  /** A page of 收到 not yet counted (`uncountedFor` above; server/ack-counting.ts), any notice, in no set order. */
  uncounted(limit: number): Promise<AckDoc[]>
  /** These 收到 are counted now: their mark goes (a mark gone already is left alone). */
  markCounted(ids: readonly string[]): Promise<void>
  /** How many 收到 of the notice wait to be counted. */
  uncountedOf(noticeId: string): Promise<number>
}

/** What a 收到 (or reading) left for the countAcks timer carries, in the same write as the ack itself. */
const uncountedMark = (householdId: string | undefined) =>
  householdId ? { uncounted: true as const, householdId } : {}

export function acks(db: Database): Acks {
  const _ = db.command
  const col = () => db.collection('acks')
  return {
    get: (noticeId, personId) => first<AckDoc>(col().where({ _id: ackId(noticeId, personId) })),
    async put({ _id, ...data }) {
      await col().doc(_id).set({ data })
    },
    ofPerson: (personId, noticeIds) =>
      allIn<AckDoc>(noticeIds, (slice) => col().where({ personId, noticeId: _.in(slice) })),
    async readersAmong(noticeId, personIds) {
      const found = await allIn<Pick<AckDoc, 'personId'>>(
        personIds.map((p) => ackId(noticeId, p)),
        (slice) =>
          col()
            .where({ _id: _.in(slice) })
            .field({ personId: true }),
      )
      return new Set(found.map((a) => a.personId))
    },
    async markRead(noticeId, personId, at, uncountedFor) {
      // add, never set: a 收到 written a moment ago (ackedAt) must not be overwritten by the opening
      await addOnce(col(), {
        _id: ackId(noticeId, personId),
        noticeId,
        personId,
        readAt: at,
        ...uncountedMark(uncountedFor),
      })
    },
    async markAcked(noticeId, personId, at, uncountedFor) {
      const _id = ackId(noticeId, personId)
      // a 收到 left for the timer carries its mark and household in the same write: nothing acknowledged is uncounted
      const mark = uncountedMark(uncountedFor)
      const addAck = async () =>
        updated(
          await col()
            .where({ _id, ackedAt: _.exists(false) })
            .update({ data: { ackedAt: at, ...mark } }),
        ) > 0
      if (await addAck()) return true
      if (await addOnce(col(), { _id, noticeId, personId, readAt: at, ackedAt: at, ...mark })) return true
      // it exists: acknowledged before, or opened just now (a read mark written between the two)
      return addAck()
    },
    uncounted: (limit) => rows<AckDoc>(col().where({ uncounted: true }).limit(limit)),
    async markCounted(ids) {
      for (let i = 0; i < ids.length; i += IN_SLICE)
        await col()
          .where({ _id: _.in(ids.slice(i, i + IN_SLICE)), uncounted: true })
          .update({ data: { uncounted: _.remove() } })
    },
    uncountedOf: (noticeId) => total(col().where({ uncounted: true, noticeId })),
  }
}
