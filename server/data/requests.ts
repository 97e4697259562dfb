/**
 * `requests`: one document per request (诉求), changed only by a move of core/requests/machine.ts inside the
 * transaction that appends its event (cloudfunctions/requests/act.ts); outside one it is read. Indexes
 * (core/schema.ts): ownerKey_1_group_1_nextDueAt_1 (the inbox of whoever owns it now), path_1_group_1_updatedAt_-1,
 * path_1_level_1_group_1_updatedAt_-1 and path_1_overdue_1_updatedAt_-1 (everything under a leader's unit),
 * buildingId_1_category_1_group_1_createdAt_-1 and gridId_1_category_1_group_1_createdAt_-1 (duplicate hints),
 * group_1_nextDueAt_1 and state_1_resolvedAt_1 (the sweep timer), reporterId_1 (a person's own: their export and
 * deletion), path_1_group_1_overdue_1_nextDueAt_1 (日调度: what falls due today under a unit), overduePath_1_updatedAt_-1
 * (日调度: what is open and overdue under a unit).
 */
import type { RequestLevel, StateGroup } from '../../core/contract/requests'
import type { RequestDoc } from '../../core/model'
import type { KeysetCursor } from '../../core/requests/cursor'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rows, total } from './query'

/** What a leader's "everything under my unit" list may be narrowed to. */
export interface UnderFilter {
  group?: StateGroup
  level?: RequestLevel
  overdue?: boolean
  /** a department's own: only requests that are (or were last) with this department */
  departmentId?: string
}

export interface Requests {
  get(id: string): Promise<RequestDoc | null>
  byIds(ids: readonly string[]): Promise<RequestDoc[]>
  /** What one owner (a grid, community, street id or a departmentScopeKey) holds in a group, soonest due first
   * (none due first of all, as the database orders null), ties by id; after the row `after` names (keyset). */
  owned(
    ownerKey: string,
    group: StateGroup,
    overdue: boolean | undefined,
    after: KeysetCursor | undefined,
    limit: number,
  ): Promise<RequestDoc[]>
  /** Everything at or under a unit's path, most recently changed first, ties by id; after the row `after` names. */
  under(path: string, filter: UnderFilter, after: KeysetCursor | undefined, limit: number): Promise<RequestDoc[]>
  /** Open requests of a category in one building, newest first (duplicate hints). */
  openInBuilding(buildingId: string, category: string, limit: number): Promise<RequestDoc[]>
  /** Open requests of a category in one grid, newest first (duplicate hints when no building is known). */
  openInGrid(gridId: string, category: string, limit: number): Promise<RequestDoc[]>
  /** Open requests whose next deadline is at or before `now`, earliest first (the sweep's bounded batch). */
  dueBy(now: Date, skip: number, limit: number): Promise<RequestDoc[]>
  /** Done (unrated) requests resolved at or before `before`, oldest first (the sweep's auto-close batch). */
  doneBefore(before: Date, skip: number, limit: number): Promise<RequestDoc[]>
  /** Every request a person reported, page by page (privacy: their export, their deletion). */
  allOfReporter(reporterId: string): Promise<RequestDoc[]>
  /** 日调度: open requests at or under a path, not yet overdue, whose next deadline is at or before `by`, soonest
   * first (index path_1_group_1_overdue_1_nextDueAt_1). */
  dueUnder(path: string, by: Date, limit: number): Promise<RequestDoc[]>
  /** 日调度: how many dueUnder holds. */
  countDueUnder(path: string, by: Date): Promise<number>
  /** 日调度: open requests marked overdue at or under a path, most recently changed first, ties by id (index
   * overduePath_1_updatedAt_-1: only open overdue ones carry the field, so those that ended late are never read). */
  overdueUnder(path: string, limit: number): Promise<RequestDoc[]>
}

export function requests(db: Database): Requests {
  const _ = db.command
  const col = () => db.collection('requests')
  const dueWhere = (path: string, by: Date) => ({
    path: pathPrefix(db, path),
    group: 'open',
    overdue: false,
    nextDueAt: _.lte(by),
  })
  return {
    get: (id) => first<RequestDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<RequestDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    owned(ownerKey, group, overdue, after, limit) {
      const base = { ownerKey, group, ...(overdue !== undefined ? { overdue } : {}) }
      // ascending puts the rows with no deadline (null) first: after one of those come its null peers by id, then
      // every dated row; after a dated row, only later dates (or the same date and a later id)
      const where = !after
        ? base
        : after.at === null
          ? _.or([
              { ...base, nextDueAt: null, _id: _.gt(after.id) },
              { ...base, nextDueAt: _.gt(new Date(0)) },
            ])
          : _.or([
              { ...base, nextDueAt: _.gt(after.at) },
              { ...base, nextDueAt: after.at, _id: _.gt(after.id) },
            ])
      return rows<RequestDoc>(col().where(where).orderBy('nextDueAt', 'asc').orderBy('_id', 'asc').limit(limit))
    },
    under(path, filter, after, limit) {
      const base = {
        path: pathPrefix(db, path),
        ...(filter.group ? { group: filter.group } : {}),
        ...(filter.level ? { level: filter.level } : {}),
        ...(filter.overdue !== undefined ? { overdue: filter.overdue } : {}),
        ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
      }
      const where =
        after && after.at
          ? _.or([
              { ...base, updatedAt: _.lt(after.at) },
              { ...base, updatedAt: after.at, _id: _.gt(after.id) },
            ])
          : base
      return rows<RequestDoc>(col().where(where).orderBy('updatedAt', 'desc').orderBy('_id', 'asc').limit(limit))
    },
    openInBuilding: (buildingId, category, limit) =>
      rows<RequestDoc>(col().where({ buildingId, category, group: 'open' }).orderBy('createdAt', 'desc').limit(limit)),
    openInGrid: (gridId, category, limit) =>
      rows<RequestDoc>(col().where({ gridId, category, group: 'open' }).orderBy('createdAt', 'desc').limit(limit)),
    dueBy: (now, skip, limit) =>
      rows<RequestDoc>(
        col()
          .where({ group: 'open', nextDueAt: _.lte(now) })
          .orderBy('nextDueAt', 'asc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit),
      ),
    doneBefore: (before, skip, limit) =>
      rows<RequestDoc>(
        col()
          .where({ state: 'done', resolvedAt: _.lte(before) })
          .orderBy('resolvedAt', 'asc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit),
      ),
    allOfReporter: (reporterId) => all<RequestDoc>(col().where({ reporterId })),
    dueUnder: (path, by, limit) =>
      rows<RequestDoc>(col().where(dueWhere(path, by)).orderBy('nextDueAt', 'asc').orderBy('_id', 'asc').limit(limit)),
    countDueUnder: (path, by) => total(col().where(dueWhere(path, by))),
    overdueUnder: (path, limit) =>
      rows<RequestDoc>(
        col()
          .where({ overduePath: pathPrefix(db, path) })
          .orderBy('updatedAt', 'desc')
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
  }
}
