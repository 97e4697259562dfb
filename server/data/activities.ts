/**
 * `activities`: one document per volunteer activity, its roles carrying their counters (filled, waiting, seq).
 * Indexes (core/schema.ts): audience.id_1_status_1_startAt_1 (open activities for my grid, community and teams),
 * organiserId_1_startAt_-1 (what I organise), unitPath_1_startAt_1 (日调度: a unit's activities starting today).
 */
import type { ActivityDoc } from '../../core/model'
import { unsigned } from '../../core/notices/origin'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rows, total } from './query'

export interface Activities {
  get(id: string): Promise<ActivityDoc | null>
  byIds(ids: readonly string[]): Promise<ActivityDoc[]>
  add(doc: ActivityDoc): Promise<void>
  /** Open activities for any of these audiences that have not ended, soonest first. */
  open(audienceIds: readonly string[], now: Date, skip: number, limit: number): Promise<ActivityDoc[]>
  /** What a person organises and has not confirmed yet, latest start first. */
  organising(personId: string, limit: number): Promise<ActivityDoc[]>
  /** Everything a person posted, open or confirmed, latest start first, paged (我组织的). */
  organisedBy(personId: string, skip: number, limit: number): Promise<ActivityDoc[]>
  /** 日调度: activities of units at or under a path starting in [from, to), soonest first. */
  startingUnder(path: string, from: Date, to: Date, limit: number): Promise<ActivityDoc[]>
  /** 日调度: how many startingUnder holds. */
  countStartingUnder(path: string, from: Date, to: Date): Promise<number>
  /** A deleted organiser's name goes from what residents see (和平里社区 · 许玉兰 → 和平里社区): every activity they
   * posted (index organiserId_1_startAt_-1), page by page; one already unsigned is left as it is. */
  unsign(organiserId: string, name: string): Promise<void>
}

export function activities(db: Database): Activities {
  const _ = db.command
  const col = () => db.collection('activities')
  return {
    get: (id) => first<ActivityDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<ActivityDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async add({ _id, ...data }) {
      await col().doc(_id).set({ data })
    },
    open: (audienceIds, now, skip, limit) =>
      rows<ActivityDoc>(
        col()
          .where({ 'audience.id': _.in([...audienceIds]), status: 'open', endAt: _.gt(now) })
          .orderBy('startAt', 'asc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit),
      ),
    organising: (personId, limit) =>
      rows<ActivityDoc>(col().where({ organiserId: personId, status: 'open' }).orderBy('startAt', 'desc').limit(limit)),
    startingUnder: (path, from, to, limit) =>
      rows<ActivityDoc>(
        col()
          .where({ unitPath: pathPrefix(db, path), startAt: _.gte(from).and(_.lt(to)) })
          .orderBy('startAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    countStartingUnder: (path, from, to) =>
      total(col().where({ unitPath: pathPrefix(db, path), startAt: _.gte(from).and(_.lt(to)) })),
    organisedBy: (personId, skip, limit) =>
      rows<ActivityDoc>(
        col().where({ organiserId: personId }).orderBy('startAt', 'desc').orderBy('_id', 'asc').skip(skip).limit(limit),
      ),
    async unsign(organiserId, name) {
      const signed = await all<Pick<ActivityDoc, '_id' | 'origin'>>(
        col().where({ organiserId }).field({ _id: true, origin: true }),
      )
      for (const a of signed) {
        const origin = unsigned(a.origin, name)
        if (origin !== null) await col().doc(a._id).update({ data: { origin } })
      }
    },
  }
}
