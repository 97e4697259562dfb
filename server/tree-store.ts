/**
 * The database as the `org` function needs it: the units and people under a unit, creating and editing units,
 * moving a subtree, and writing an imported roster. Like repository.ts, every query shape lives here next to the
 * indexes of core/schema.ts that serve it (units path_1 / level_1_path_1 / parentId_1, people homePath_1 /
 * roles.unitId_1, claims status_1_householdPath_1, groups gridId_1; a move's prefix queries over subscriptions'
 * homePath and notices' unitPaths run once per move, over few documents).
 *
 * Multi-document writes: transactions on this platform cover single documents only, so a move or an import
 * is a sequence of single-document writes ordered so that a crash at any point leaves a state that the same
 * call, repeated, finishes (see moveSubtree and writeImport).
 */
import type { ImportPlan } from '../core/org/roster/plan'
import type { CareFlag, PersonDoc } from '../core/model'
import type { RoleGrant } from '../core/roles'
import type { Unit } from '../core/units'
import { getDatabase, type Database } from './cloud'
import { rows, all, pathPrefix } from './query'

/** Writes in flight at once: enough to hide round trips, few enough not to swamp one function's connection. */
export const WRITE_CONCURRENCY = 16

/** A move recorded on the moved unit before anything else is written, so a repeated call can finish it. */
export interface PendingMove {
  fromPath: string
  toPath: string
  parentId: string
}
export type StoredUnit = Unit & { moving?: PendingMove }

/** Runs `fn` over every item with at most `limit` running at once; rejects with the first failure. */
export async function eachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** `path` with its prefix `from` replaced by `to` (paths under a moved unit). */
const rebase = (path: string, from: string, to: string): string => to + path.slice(from.length)

export interface TreeStore {
  unit(id: string): Promise<StoredUnit | null>
  /** Every unit at or under `path`, retired ones too; households only when asked. */
  unitsUnder(path: string, households: boolean): Promise<StoredUnit[]>
  /** Homes of the people living under `path` (only their homePath: for counting). */
  homesUnder(path: string): Promise<string[]>
  peopleUnder(path: string): Promise<PersonDoc[]>
  roleHolders(unitIds: readonly string[]): Promise<PersonDoc[]>
  countPendingClaimsUnder(path: string): Promise<number>
  addUnit(unit: Unit): Promise<void>
  updateUnit(id: string, patch: Partial<Pick<Unit, 'name' | 'retired' | 'wartime'>>): Promise<void>
  /** Moves `unit` (with its own path) under a new parent path; returns how many units and people moved. */
  moveSubtree(unit: StoredUnit, move: PendingMove): Promise<{ moved: number; people: number }>
  writeImport(plan: ImportPlan): Promise<void>
}

export function createTreeStore(db: Database = getDatabase()): TreeStore {
  const _ = db.command
  const col = (name: string) => db.collection(name)
  const under = (path: string) => pathPrefix(db, path)
  const insert = (name: string, data: object) => col(name).add({ data }) as unknown as Promise<unknown>
  const update = (name: string, id: string, data: Record<string, unknown>) =>
    col(name).doc(id).update({ data }) as unknown as Promise<unknown>

  /** Rewrites one path field of every document still under `from`; documents already moved no longer match. */
  async function rebaseAll(name: string, fieldName: string, from: string, to: string, skipId?: string) {
    const docs = await all<Record<string, unknown>>(
      col(name)
        .where({ [fieldName]: under(from) })
        .field({ _id: true, [fieldName]: true }),
    )
    const todo = docs.filter((d) => d._id !== skipId)
    await eachBounded(todo, WRITE_CONCURRENCY, (d) =>
      update(name, d._id as string, { [fieldName]: rebase(d[fieldName] as string, from, to) }),
    )
    return todo.length
  }

  /** Rewrites the paths under `from` in one array field (a notice's unitPaths); rewritten ones no longer match. */
  async function rebaseEach(name: string, fieldName: string, from: string, to: string) {
    const docs = await all<Record<string, unknown>>(
      col(name)
        .where({ [fieldName]: under(from) })
        .field({ _id: true, [fieldName]: true }),
    )
    const inside = (p: string) => p.startsWith(from)
    await eachBounded(docs, WRITE_CONCURRENCY, (d) =>
      update(name, d._id as string, {
        [fieldName]: _.set((d[fieldName] as string[]).map((p) => (inside(p) ? rebase(p, from, to) : p))),
      }),
    )
    return docs.length
  }

  return {
    async unit(id) {
      return (await rows<StoredUnit>(col('units').where({ _id: id }).limit(1)))[0] ?? null
    },
    unitsUnder: (path, households) =>
      all<StoredUnit>(
        col('units').where(households ? { path: under(path) } : { path: under(path), level: _.neq('household') }),
      ),
    async homesUnder(path) {
      const docs = await all<{ homePath: string }>(
        col('people')
          .where({ homePath: under(path) })
          .field({ _id: true, homePath: true }),
      )
      return docs.map((d) => d.homePath)
    },
    peopleUnder: (path) => all<PersonDoc>(col('people').where({ homePath: under(path) })),
    async roleHolders(unitIds) {
      const ids = [...new Set(unitIds)]
      const out: PersonDoc[] = []
      // `in` lists stay short: the platform caps the size of one query
      for (let i = 0; i < ids.length; i += 100) {
        out.push(...(await all<PersonDoc>(col('people').where({ 'roles.unitId': _.in(ids.slice(i, i + 100)) }))))
      }
      return [...new Map(out.map((p) => [p._id, p])).values()]
    },
    async countPendingClaimsUnder(path) {
      const res = (await col('claims')
        .where({ status: 'pending', householdPath: under(path) })
        .count()) as unknown as { total: number }
      return res.total
    },
    async addUnit(unit) {
      await col('units').add({ data: unit })
    },
    async updateUnit(id, patch) {
      await update('units', id, patch)
    },

    /**
     * Order, for a crash at any point: (1) record the move on the unit itself (one document, atomic);
     * (2) rewrite the paths of everything under it: units, then people's homePath, subscriptions' homePath,
     * claims' householdPath, bound groups' gridPath and the unitPaths of notices published to units under it —
     * each document independently, those already rewritten no longer match the old prefix; (3) last, the unit's own path and parent, clearing the record. Until (3)
     * the tree still shows the unit under its old parent; a repeated move (handlers resume any recorded move
     * first) redoes only what (2) had not reached, then (3).
     */
    async moveSubtree(unit, move) {
      if (!unit.moving) await update('units', unit._id, { moving: move })
      const { fromPath, toPath, parentId } = move
      const moved = await rebaseAll('units', 'path', fromPath, toPath, unit._id)
      const people = await rebaseAll('people', 'homePath', fromPath, toPath)
      await rebaseAll('subscriptions', 'homePath', fromPath, toPath)
      await rebaseAll('claims', 'householdPath', fromPath, toPath)
      await rebaseAll('groups', 'gridPath', fromPath, toPath)
      await rebaseEach('notices', 'unitPaths', fromPath, toPath)
      await update('units', unit._id, { path: toPath, parentId, moving: _.remove() })
      return { moved: moved + 1, people }
    },

    /**
     * Parents before children (grids, buildings, households, then people, then edits of existing people), each
     * document written once with an id chosen up front. A crash midway leaves some of the file written; the
     * same file imported again matches what is there by name and writes only the rest.
     */
    async writeImport(plan) {
      const byLevel = (level: Unit['level']) => plan.units.filter((u) => u.level === level)
      for (const level of ['grid', 'microgrid', 'household'] as const) {
        await eachBounded(byLevel(level), WRITE_CONCURRENCY, (u) => insert('units', u))
      }
      await eachBounded(plan.wartime, WRITE_CONCURRENCY, (w) => update('units', w.id, { wartime: w.wartime }))
      await eachBounded(plan.people, WRITE_CONCURRENCY, (p) => insert('people', p))
      await eachBounded(
        plan.updates,
        WRITE_CONCURRENCY,
        (u: { id: string; roles: RoleGrant[]; careFlags: CareFlag[] }) =>
          update('people', u.id, { roles: _.set(u.roles), careFlags: _.set(u.careFlags) }),
      )
    },
  }
}
