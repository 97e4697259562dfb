/**
 * The database as the `notices` function needs it (the reach side has server/reach-store.ts and
 * server/reach-ledger.ts). Every query shape lives here, next to the indexes of core/schema.ts that serve it:
 * notices unitIds_1_publishedAt_-1 (feeds, relay inbox) and publisherId_1_publishedAt_-1 (我发布的), acks
 * personId_1_noticeId_1, reachCounters noticeId_1, relays noticeId_1, deliveries status_1; subscriptions are
 * found by homePath prefix (few: one per person who accepted a subscribe message).
 * Publishing writes two documents whatever the audience: the notice and its delivery job.
 */
import type { AckDoc, DeliveryDoc, NoticeDoc, ReachCounterDoc, ReceiptDoc, RelayDoc } from '../core/model'
import { getDatabase, type Database } from './cloud'
import { rows, all, total, updated, allIn } from './query'
import { subscriptionStore, type SubscriptionStore } from './subscription-store'
import { transaction } from './transaction'

export interface NoticeStore extends SubscriptionStore {
  readonly db: Database
  /** The notice and its delivery job, in one transaction (both or neither). */
  publish(notice: NoticeDoc, delivery: DeliveryDoc): Promise<void>
  notice(id: string): Promise<NoticeDoc | null>
  notices(ids: readonly string[]): Promise<NoticeDoc[]>
  /** Live notices to any of these units: `urgent` only, or every other urgency; newest first. */
  live(unitIds: readonly string[], now: Date, urgent: boolean, skip: number, limit: number): Promise<NoticeDoc[]>
  countLive(unitIds: readonly string[], now: Date, urgent: boolean): Promise<number>
  /** Live notices to any of these units, newest first, at most `limit` (the relay inbox). */
  recentLive(unitIds: readonly string[], now: Date, limit: number): Promise<NoticeDoc[]>
  /** Ids of every live notice to these units (the unread badge: a person's feed is short-lived and small). */
  liveIds(unitIds: readonly string[], now: Date): Promise<string[]>
  /** The person's acks among these notices. */
  acksOf(personId: string, noticeIds: readonly string[]): Promise<AckDoc[]>
  /** Which of these notices reached this household (their receipts). */
  receiptsOf(householdId: string, noticeIds: readonly string[]): Promise<ReceiptDoc[]>
  /** Which of these people opened or acknowledged the notice (their acks by id). */
  readersAmong(noticeId: string, personIds: readonly string[]): Promise<Set<string>>
  /** Marks the notice read by the person, once: an existing ack (read or 收到) is left as it is. (A notice that asks
   * for no 收到 is reached by reading: notices.detail counts the household through the ledger first.) */
  markRead(noticeId: string, personId: string, at: Date): Promise<void>

  /** Creates or replaces the relay of a notice into one grid (the note may change; the notice never does). */
  relay(doc: RelayDoc): Promise<void>
  relayOf(noticeId: string, gridId: string): Promise<RelayDoc | null>
  relaysOf(noticeIds: readonly string[]): Promise<RelayDoc[]>

  publishedBy(publisherId: string, skip: number, limit: number): Promise<NoticeDoc[]>
  /** Households reached so far per notice: the sum of its building counters. */
  reachedTotals(noticeIds: readonly string[]): Promise<Map<string, number>>

  /** Delivery jobs waiting to be (further) sent, oldest first. */
  pendingDeliveries(limit: number): Promise<DeliveryDoc[]>
  /** Takes a job for one firing unless another firing holds it; true when this firing got it. */
  lease(jobId: string, now: Date, until: Date): Promise<boolean>
  /** Saves a job's progress (cursor, count, status). */
  saveDelivery(jobId: string, patch: Partial<Omit<DeliveryDoc, '_id'>>): Promise<void>
}

const isDuplicate = (error: unknown): boolean => {
  const e = error as { errCode?: unknown; code?: unknown; message?: unknown } | null
  return e?.errCode === -502001 || e?.code === 'DATABASE_DUPLICATE_WRITE' || /duplicate/i.test(String(e?.message))
}

export function createNoticeStore(db: Database): NoticeStore {
  const _ = db.command
  const col = (name: 'notices' | 'acks' | 'receipts' | 'reachCounters' | 'relays' | 'deliveries') => db.collection(name)
  const liveWhere = (unitIds: readonly string[], now: Date) => ({ unitIds: _.in([...unitIds]), expiresAt: _.gt(now) })

  return {
    db,
    async publish(notice, delivery) {
      const { _id: noticeId, ...noticeData } = notice
      const { _id: jobId, ...jobData } = delivery
      await transaction(db, async (tx) => {
        await tx.collection('notices').doc(noticeId).set({ data: noticeData })
        await tx.collection('deliveries').doc(jobId).set({ data: jobData })
      })
    },
    notice: async (id) => (await rows<NoticeDoc>(col('notices').where({ _id: id }).limit(1)))[0] ?? null,
    notices: (ids) => allIn<NoticeDoc>(ids, (slice) => col('notices').where({ _id: _.in(slice) })),
    live(unitIds, now, urgent, skip, limit) {
      const where = { ...liveWhere(unitIds, now), urgency: urgent ? 'urgent' : _.neq('urgent') }
      return rows<NoticeDoc>(
        col('notices').where(where).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').skip(skip).limit(limit),
      )
    },
    countLive: (unitIds, now, urgent) =>
      total(col('notices').where({ ...liveWhere(unitIds, now), urgency: urgent ? 'urgent' : _.neq('urgent') })),
    recentLive: (unitIds, now, limit) =>
      rows<NoticeDoc>(
        col('notices')
          .where(liveWhere(unitIds, now))
          .orderBy('publishedAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit),
      ),
    async liveIds(unitIds, now) {
      const found = await all<{ _id: string }>(col('notices').where(liveWhere(unitIds, now)).field({ _id: true }))
      return found.map((n) => n._id)
    },
    acksOf: (personId, noticeIds) =>
      allIn<AckDoc>(noticeIds, (slice) => col('acks').where({ personId, noticeId: _.in(slice) })),
    receiptsOf: (householdId, noticeIds) =>
      allIn<ReceiptDoc>(
        noticeIds.map((n) => `${n}_${householdId}`),
        (slice) => col('receipts').where({ _id: _.in(slice) }),
      ),
    async readersAmong(noticeId, personIds) {
      const found = await allIn<Pick<AckDoc, 'personId'>>(
        personIds.map((p) => `${noticeId}_${p}`),
        (slice) =>
          col('acks')
            .where({ _id: _.in(slice) })
            .field({ personId: true }),
      )
      return new Set(found.map((a) => a.personId))
    },
    async markRead(noticeId, personId, at) {
      // add, never set: a 收到 written a moment ago (ackedAt) must not be overwritten by the opening
      try {
        await col('acks').add({ data: { _id: `${noticeId}_${personId}`, noticeId, personId, readAt: at } })
      } catch (error) {
        if (!isDuplicate(error)) throw error
      }
    },

    async relay(doc) {
      const { _id, ...data } = doc
      await col('relays').doc(_id).set({ data })
    },
    relayOf: async (noticeId, gridId) =>
      (
        await rows<RelayDoc>(
          col('relays')
            .where({ _id: `${noticeId}_${gridId}` })
            .limit(1),
        )
      )[0] ?? null,
    relaysOf: (noticeIds) => allIn<RelayDoc>(noticeIds, (slice) => col('relays').where({ noticeId: _.in(slice) })),

    publishedBy: (publisherId, skip, limit) =>
      rows<NoticeDoc>(
        col('notices')
          .where({ publisherId })
          .orderBy('publishedAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(skip)
          .limit(limit),
      ),
    async reachedTotals(noticeIds) {
      const counters = await allIn<ReachCounterDoc>(noticeIds, (slice) =>
        col('reachCounters').where({ noticeId: _.in(slice) }),
      )
      const out = new Map<string, number>(noticeIds.map((id) => [id, 0]))
      for (const c of counters) out.set(c.noticeId, (out.get(c.noticeId) ?? 0) + c.reached)
      return out
    },

    pendingDeliveries: (limit) =>
      rows<DeliveryDoc>(col('deliveries').where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(limit)),
    async lease(jobId, now, until) {
      const res = await col('deliveries')
        .where({ _id: jobId, status: 'pending', lockedUntil: _.lte(now) })
        .update({ data: { lockedUntil: until } })
      return updated(res) === 1
    },
    ...subscriptionStore(db),
    async saveDelivery(jobId, patch) {
      await col('deliveries').doc(jobId).update({ data: patch })
    },
  }
}

let store: NoticeStore | undefined
export const noticeStore = (): NoticeStore => (store ??= createNoticeStore(getDatabase()))
