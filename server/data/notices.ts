/**
 * `notices`: one document per notice whatever its audience. Indexes (core/schema.ts): unitIds_1_publishedAt_-1
 * (feeds, relay inbox), publisherId_1_publishedAt_-1 (我发布的), unitPaths_1_publishedAt_-1 (the dashboard repair's
 * notices under a community or street). A move's prefix query over unitPaths runs once
 * per move, over few documents.
 */
import type { NoticeDoc } from '../../core/model'
import { unsigned } from '../../core/notices/origin'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rebaseEach, rows, total } from './query'

export interface Notices {
  get(id: string): Promise<NoticeDoc | null>
  byIds(ids: readonly string[]): Promise<NoticeDoc[]>
  /** Live notices to any of these units: `urgent` only, or every other urgency; newest first. */
  live(unitIds: readonly string[], now: Date, urgent: boolean, skip: number, limit: number): Promise<NoticeDoc[]>
  countLive(unitIds: readonly string[], now: Date, urgent: boolean): Promise<number>
  /** Live notices to any of these units, newest first, at most `limit` (the relay inbox). */
  recentLive(unitIds: readonly string[], now: Date, limit: number): Promise<NoticeDoc[]>
  /** Ids of every live notice to these units (the unread badge: a person's feed is short-lived and small). */
  liveIds(unitIds: readonly string[], now: Date): Promise<string[]>
  publishedBy(publisherId: string, skip: number, limit: number): Promise<NoticeDoc[]>
  /** A deleted publisher's name goes from what residents see: 和平里社区 · 许玉兰 → 和平里社区. */
  unsign(publisherId: string, name: string): Promise<void>
  /** Rewrites the unitPaths under `from` of every notice published to units under it. */
  rebasePaths(from: string, to: string): Promise<number>
  /** dashboard.repairStats: notices to any of these units published in [from, to) (index unitIds_1_publishedAt_-1). */
  publishedToBetween(unitIds: readonly string[], from: Date, to: Date): Promise<NoticeDoc[]>
  /** dashboard.repairStats: notices to a unit at or under `path` published in [from, to) (index
   * unitPaths_1_publishedAt_-1: one prefix range, whatever the number of units under it). */
  publishedUnderBetween(path: string, from: Date, to: Date): Promise<NoticeDoc[]>
}

export function notices(db: Database): Notices {
  const _ = db.command
  const col = () => db.collection('notices')
  const liveWhere = (unitIds: readonly string[], now: Date) => ({ unitIds: _.in([...unitIds]), expiresAt: _.gt(now) })
  const byUrgency = (urgent: boolean) => ({ urgency: urgent ? 'urgent' : _.neq('urgent') })
  return {
    get: (id) => first<NoticeDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<NoticeDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    live: (unitIds, now, urgent, skip, limit) =>
      rows<NoticeDoc>(
        col()
          .where({ ...liveWhere(unitIds, now), ...byUrgency(urgent) })
          .orderBy('publishedAt', 'desc')
          .orderBy('_id', 'desc')
          .skip(skip)
          .limit(limit),
      ),
    countLive: (unitIds, now, urgent) => total(col().where({ ...liveWhere(unitIds, now), ...byUrgency(urgent) })),
    recentLive: (unitIds, now, limit) =>
      rows<NoticeDoc>(
        col().where(liveWhere(unitIds, now)).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').limit(limit),
      ),
    async liveIds(unitIds, now) {
      const found = await all<{ _id: string }>(col().where(liveWhere(unitIds, now)).field({ _id: true }))
      return found.map((n) => n._id)
    },
    publishedBy: (publisherId, skip, limit) =>
      rows<NoticeDoc>(
        col().where({ publisherId }).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').skip(skip).limit(limit),
      ),
    async unsign(publisherId, name) {
      const signed = await all<Pick<NoticeDoc, '_id' | 'origin'>>(
        col().where({ publisherId }).field({ _id: true, origin: true }),
      )
      for (const n of signed) {
        const origin = unsigned(n.origin, name)
        if (origin !== null) await col().doc(n._id).update({ data: { origin } })
      }
    },
    rebasePaths: (from, to) => rebaseEach(db, col(), 'unitPaths', from, to),
    // dashboard.repairStats: the notices a unit's period counts
    async publishedToBetween(unitIds, from, to) {
      const found = await allIn<NoticeDoc>(unitIds, (slice) =>
        col().where({ unitIds: _.in(slice), publishedAt: _.and(_.gte(from), _.lt(to)) }),
      )
      return [...new Map(found.map((n) => [n._id, n])).values()]
    },
    publishedUnderBetween: (path, from, to) =>
      all<NoticeDoc>(col().where({ unitPaths: pathPrefix(db, path), publishedAt: _.and(_.gte(from), _.lt(to)) })),
  }
}
