/**
 * The database as the reach side of `notices` needs it (reach, unreached, visit, remind); the writes that count
 * a household are in server/reach-ledger.ts. Every query shape lives here, next to the indexes of core/schema.ts
 * that serve it: units level_1_path_1 (households per building, one aggregate; buildings under a unit) and
 * parentId_1 (a building's households), reachCounters noticeId_1, receipts noticeId_1_microgridId_1, people
 * householdId_1, subscriptions by homePath prefix (few: one per person who accepted a message), reminders by _id.
 * Reads grow with the number of buildings under the unit (1,000 per read), never with residents or acks.
 */
import type { PersonDoc, ReachCounterDoc, ReceiptDoc } from '../core/model'
import type { Unit } from '../core/units'
import { getDatabase, type Database } from './cloud'
import { all, pathPrefix, allIn, rows } from './query'
import { subscriptionStore, type SubscriptionStore } from './subscription-store'

/** One reminder of a notice to the unreached under a unit on one day (Beijing): `${noticeId}_${unitId}_${day}`. */
export interface ReminderDoc {
  _id: string
  noticeId: string
  unitId: string
  /** YYYY-MM-DD in Beijing time */
  day: string
  by: string
  at: Date
  sent: number
}

export interface ReachStore extends SubscriptionStore {
  readonly db: Database
  /** Households (not retired) per building under a unit: one aggregate grouped by the household's parent. */
  householdsPerBuilding(path: string): Promise<Map<string, number>>
  /** The buildings (micro-grids, retired ones left out) at or under a unit. */
  buildingsUnder(path: string): Promise<Unit[]>
  /** Units by id (the grids that name the rows). */
  units(ids: readonly string[]): Promise<Unit[]>
  /** The building counters of a notice (one per building reached so far). */
  counters(noticeId: string): Promise<ReachCounterDoc[]>
  /** The households of one building, retired ones left out. */
  householdsOf(microgridId: string): Promise<Unit[]>
  /** Which households of one building a notice reached (its receipts there). */
  reachedIn(noticeId: string, microgridId: string): Promise<Set<string>>
  /** Which of these households a notice reached (receipts by id). */
  reachedAmong(noticeId: string, householdIds: readonly string[]): Promise<Set<string>>
  /** The members of these households (deleted people left out). */
  membersOf(householdIds: readonly string[]): Promise<PersonDoc[]>
  /** The reminder of that id, or null (not reminded that day). */
  reminder(id: string): Promise<ReminderDoc | null>
  /** Creates the day's reminder; false when it already exists (someone reminded this unit today). */
  createReminder(doc: ReminderDoc): Promise<boolean>
  setReminderSent(id: string, sent: number): Promise<void>
  /** Gives the day's reminder back: it sent nothing. */
  removeReminder(id: string): Promise<void>
}

const isDuplicate = (error: unknown): boolean => {
  const e = error as { errCode?: unknown; code?: unknown; message?: unknown; errMsg?: unknown } | null
  return (
    e?.errCode === -502001 ||
    e?.code === 'DATABASE_DUPLICATE_WRITE' ||
    /duplicate/i.test(`${String(e?.message ?? '')} ${String(e?.errMsg ?? '')}`)
  )
}

/** Groups per aggregate page (the service returns few groups unless told how many). */
const GROUPS = 1000

export function createReachStore(db: Database): ReachStore {
  const _ = db.command
  const $ = db.command.aggregate
  const col = (name: 'units' | 'people' | 'receipts' | 'reachCounters' | 'reminders' | 'subscriptions') =>
    db.collection(name)

  return {
    db,
    async householdsPerBuilding(path) {
      const out = new Map<string, number>()
      for (let skip = 0; ; skip += GROUPS) {
        const res = (await col('units')
          .aggregate()
          .match({ level: 'household', path: pathPrefix(db, path), retired: _.neq(true) })
          .group({ _id: '$parentId', households: $.sum(1) })
          .sort({ _id: 1 })
          .skip(skip)
          .limit(GROUPS)
          .end()) as unknown as { list: { _id: string; households: number }[] }
        for (const g of res.list) out.set(g._id, g.households)
        if (res.list.length < GROUPS) return out
      }
    },
    buildingsUnder: (path) =>
      all<Unit>(col('units').where({ level: 'microgrid', path: pathPrefix(db, path), retired: _.neq(true) })),
    units: (ids) => allIn<Unit>(ids, (slice) => col('units').where({ _id: _.in(slice) })),
    counters: (noticeId) => all<ReachCounterDoc>(col('reachCounters').where({ noticeId })),
    householdsOf: (microgridId) =>
      all<Unit>(col('units').where({ parentId: microgridId, level: 'household', retired: _.neq(true) })),
    async reachedIn(noticeId, microgridId) {
      const found = await all<Pick<ReceiptDoc, 'householdId'>>(
        col('receipts').where({ noticeId, microgridId }).field({ householdId: true }),
      )
      return new Set(found.map((r) => r.householdId))
    },
    async reachedAmong(noticeId, householdIds) {
      const found = await allIn<Pick<ReceiptDoc, 'householdId'>>(
        householdIds.map((h) => `${noticeId}_${h}`),
        (slice) =>
          col('receipts')
            .where({ _id: _.in(slice) })
            .field({ householdId: true }),
      )
      return new Set(found.map((r) => r.householdId))
    },
    async membersOf(householdIds) {
      const people = await allIn<PersonDoc>(householdIds, (slice) => col('people').where({ householdId: _.in(slice) }))
      return people.filter((p) => !p.deletedAt)
    },
    reminder: async (id) => (await rows<ReminderDoc>(col('reminders').where({ _id: id }).limit(1)))[0] ?? null,
    async createReminder(doc) {
      try {
        await col('reminders').add({ data: doc })
        return true
      } catch (error) {
        if (isDuplicate(error)) return false
        throw error
      }
    },
    async setReminderSent(id, sent) {
      await col('reminders').doc(id).update({ data: { sent } })
    },
    async removeReminder(id) {
      await col('reminders').doc(id).remove()
    },
    ...subscriptionStore(db),
  }
}

let store: ReachStore | undefined
/** The store over the function's own database (one per warm instance, like the SDK itself). */
export const reachStore = (): ReachStore => (store ??= createReachStore(getDatabase()))
