/**
 * `units`: the tree (street → community → grid → micro-grid → household). Indexes (core/schema.ts): path_1,
 * parentId_1, level_1_path_1, siblingKey_1. Retired units are kept for history; the queries say whether they count.
 * Every write keeps `siblingKey` (core/grid/siblings.ts) in step with the name and parent.
 */
import { siblingRange, withSiblingKey } from '../../core/grid/siblings'
import type { Level, StoredUnit, Unit } from '../../core/units'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rebaseField, rows, total } from './query'

/** Groups per aggregate page (the service returns few groups unless told how many). */
const GROUPS = 1000
/** Ids per `in` list (the platform caps the size of one query). */
const IN_SLICE = 100

export interface Units {
  get(id: string): Promise<StoredUnit | null>
  byIds(ids: readonly string[]): Promise<Unit[]>
  /** Child units below `parentId`, households and retired units left out (households are counted, never listed). */
  childrenOf(parentId: string): Promise<Unit[]>
  /**
   * One page of the child units below `parentId` in sibling order (households and retired units left out),
   * after the key `cursor`: at most `limit` of them, and whether more follow. One range read of `siblingKey`,
   * so its cost is the page's, whatever the number of children. `withRetired`: retired units too (组织架构).
   */
  childrenPage(
    parentId: string,
    cursor: string | undefined,
    limit: number,
    withRetired?: boolean,
  ): Promise<{ rows: Unit[]; more: boolean }>
  /**
   * How many child units (retired ones too, households never) each of these units has; a unit with none is
   * missing. One aggregate over `parentId_1`: it examines the children of these units, not what lies below them.
   */
  childCounts(parentIds: readonly string[]): Promise<Map<string, number>>
  /** Sets a unit's sibling key (the repair, for units written before the key existed). */
  setSiblingKey(id: string, key: string): Promise<void>
  /** Every unit at or under `path`, retired ones too; households only when asked. */
  under(path: string, households: boolean): Promise<StoredUnit[]>
  /** Every household under a unit, retired ones left out. */
  householdsUnder(path: string): Promise<Unit[]>
  /** The households of one building (micro-grid), retired ones left out. */
  householdsOf(microgridId: string): Promise<Unit[]>
  /** The buildings (micro-grids, retired ones left out) at or under a unit. */
  buildingsUnder(path: string): Promise<Unit[]>
  /** Households (not retired) per building under a unit: one aggregate grouped by the household's parent. */
  householdsPerBuilding(path: string): Promise<Map<string, number>>
  /** Households under a unit, retired ones included (the overview counts what the roster holds). */
  countHouseholdsUnder(path: string): Promise<number>
  /** Up to `limit` units of one level (retired ones too) with an id after `after`, by id: the repair's pages. */
  atLevelAfter(level: Level, after: string, limit: number): Promise<StoredUnit[]>
  add(unit: Unit): Promise<void>
  update(
    id: string,
    patch: Partial<Pick<StoredUnit, 'name' | 'retired' | 'wartime' | 'path' | 'parentId' | 'moving'>>,
  ): Promise<void>
  /** Forgets a recorded move once it is finished. */
  clearMove(id: string, path: string, parentId: string): Promise<void>
  /** Rewrites the path of every unit still under `from` (the moved unit itself, `skipId`, last); how many. */
  rebase(from: string, to: string, skipId: string): Promise<number>
}

export function units(db: Database): Units {
  const _ = db.command
  const $ = db.command.aggregate
  const col = () => db.collection('units')
  const under = (path: string) => pathPrefix(db, path)
  return {
    get: (id) => first<StoredUnit>(col().where({ _id: id })),
    byIds: (ids) => allIn<Unit>(ids, (slice) => col().where({ _id: _.in(slice) })),
    childrenOf: (parentId) => all<Unit>(col().where({ parentId, level: _.neq('household'), retired: _.neq(true) })),
    async childrenPage(parentId, cursor, limit, withRetired = false) {
      const { after, before } = siblingRange(parentId, cursor)
      const range = { siblingKey: _.gt(after).and(_.lt(before)) }
      const found = await rows<Unit>(
        col()
          .where(withRetired ? range : { ...range, retired: _.neq(true) })
          .orderBy('siblingKey', 'asc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    async childCounts(parentIds) {
      const out = new Map<string, number>()
      const ids = [...new Set(parentIds)]
      // a page's worth of parents is one slice: one group each at most, well under GROUPS
      for (let i = 0; i < ids.length; i += IN_SLICE) {
        const res = (await col()
          .aggregate()
          .match({ parentId: _.in(ids.slice(i, i + IN_SLICE)), level: _.neq('household') })
          .group({ _id: '$parentId', units: $.sum(1) })
          .limit(GROUPS)
          .end()) as unknown as { list: { _id: string; units: number }[] }
        for (const g of res.list) out.set(g._id, g.units)
      }
      return out
    },
    async setSiblingKey(id, key) {
      await col()
        .doc(id)
        .update({ data: { siblingKey: key } })
    },
    under: (path, households) =>
      all<StoredUnit>(
        col().where(households ? { path: under(path) } : { path: under(path), level: _.neq('household') }),
      ),
    householdsUnder: (path) => all<Unit>(col().where({ level: 'household', path: under(path), retired: _.neq(true) })),
    householdsOf: (microgridId) =>
      all<Unit>(col().where({ parentId: microgridId, level: 'household', retired: _.neq(true) })),
    buildingsUnder: (path) => all<Unit>(col().where({ level: 'microgrid', path: under(path), retired: _.neq(true) })),
    async householdsPerBuilding(path) {
      const out = new Map<string, number>()
      for (let skip = 0; ; skip += GROUPS) {
        const res = (await col()
          .aggregate()
          .match({ level: 'household', path: under(path), retired: _.neq(true) })
          .group({ _id: '$parentId', households: $.sum(1) })
          .sort({ _id: 1 })
          .skip(skip)
          .limit(GROUPS)
          .end()) as unknown as { list: { _id: string; households: number }[] }
        for (const g of res.list) out.set(g._id, g.households)
        if (res.list.length < GROUPS) return out
      }
    },
    countHouseholdsUnder: (path) => total(col().where({ level: 'household', path: under(path) })),
    atLevelAfter: (level, after, limit) =>
      rows<StoredUnit>(
        col()
          .where({ level, _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    async add(unit) {
      await col().add({ data: withSiblingKey(unit) })
    },
    async update(id, patch) {
      // a new name or parent moves the unit among its siblings: its key follows
      const was =
        patch.name !== undefined || patch.parentId !== undefined ? await first<Unit>(col().where({ _id: id })) : null
      const key = was ? withSiblingKey({ ...was, ...patch }).siblingKey : undefined
      await col()
        .doc(id)
        .update({ data: key ? { ...patch, siblingKey: key } : patch })
    },
    async clearMove(id, path, parentId) {
      const was = await first<Unit>(col().where({ _id: id }))
      const key = was ? withSiblingKey({ ...was, parentId }).siblingKey : undefined
      await col()
        .doc(id)
        .update({ data: { path, parentId, moving: _.remove(), ...(key ? { siblingKey: key } : {}) } })
    },
    rebase: (from, to, skipId) => rebaseField(db, col(), 'path', from, to, skipId),
  }
}
