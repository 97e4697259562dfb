/**
 * What every repository shares: whole result sets past the per-get cap, counts, path prefixes, conditional
 * updates, duplicate-id detection, and path rewriting for moves. Only server/data/ imports this module.
 * The SDK types `get()`/`count()` loosely (they also take callbacks); the documents are ours.
 */
import { eachBounded, WRITE_CONCURRENCY } from '../bounded'
import type { Database } from '../cloud'

export type Collection = ReturnType<Database['collection']>
export type Query = ReturnType<Collection['where']>

/** Cloud functions read at most 1000 documents per get (the SDK's default is 100). */
export const PAGE = 1000

/** `in` lists stay short: the platform caps the size of one query. */
export const IN_SLICE = 100

export const rows = async <T>(query: Query): Promise<T[]> =>
  (await (query.get() as unknown as Promise<{ data: T[] }>)).data

export const first = async <T>(query: Query): Promise<T | null> => (await rows<T>(query.limit(1)))[0] ?? null

/** Every match, page by page in a stable order. */
export async function all<T>(query: Query): Promise<T[]> {
  const out: T[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await rows<T>(query.orderBy('_id', 'asc').skip(offset).limit(PAGE))
    out.push(...page)
    if (page.length < PAGE) return out
  }
}

export const total = async (query: Query): Promise<number> =>
  (await (query.count() as unknown as Promise<{ total: number }>)).total

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** Matches materialised paths at or under `path` (served by the path indexes as a prefix). */
export const pathPrefix = (db: Database, path: string) => db.RegExp({ regexp: `^${escapeRegExp(path)}`, options: '' })

/** How many documents an update changed (the SDK types its result loosely). */
export const updated = (res: unknown): number => (res as { stats?: { updated?: number } }).stats?.updated ?? 0

/** Every match of an `in` query over many ids, in slices the service accepts (duplicates asked once). */
export async function allIn<T>(ids: readonly string[], query: (slice: string[]) => Query): Promise<T[]> {
  const unique = [...new Set(ids)]
  const out: T[] = []
  for (let i = 0; i < unique.length; i += IN_SLICE) out.push(...(await all<T>(query(unique.slice(i, i + IN_SLICE)))))
  return out
}

/** The service answers a duplicate _id with -502001 (DATABASE_DUPLICATE_WRITE), in any of the SDK's error shapes. */
export function isDuplicate(error: unknown): boolean {
  const e = error as { errCode?: unknown; code?: unknown; message?: unknown; errMsg?: unknown } | null
  return (
    e?.errCode === -502001 ||
    e?.code === 'DATABASE_DUPLICATE_WRITE' ||
    /duplicate/i.test(`${String(e?.message ?? '')} ${String(e?.errMsg ?? '')}`)
  )
}

/** Adds a document with a chosen _id; false when that id exists already (the write was a repeat). */
export async function addOnce<T extends { _id: string }>(col: Collection, doc: T): Promise<boolean> {
  try {
    await col.add({ data: doc })
    return true
  } catch (error) {
    if (isDuplicate(error)) return false
    throw error
  }
}

const update = (col: Collection, id: string, data: Record<string, unknown>) =>
  col.doc(id).update({ data }) as unknown as Promise<unknown>

/** `path` with its prefix `from` replaced by `to` (paths under a moved unit). */
export const rebasePath = (path: string, from: string, to: string): string => to + path.slice(from.length)

/**
 * Rewrites one path field of every document still under `from`; documents already rewritten no longer match, so a
 * repeated call after a crash finishes the rest. Returns how many it rewrote.
 */
export async function rebaseField(
  db: Database,
  col: Collection,
  field: string,
  from: string,
  to: string,
  skipId?: string,
) {
  const docs = await all<Record<string, unknown>>(
    col.where({ [field]: pathPrefix(db, from) }).field({ _id: true, [field]: true }),
  )
  const todo = docs.filter((d) => d._id !== skipId)
  await eachBounded(todo, WRITE_CONCURRENCY, (d) =>
    update(col, d._id as string, { [field]: rebasePath(d[field] as string, from, to) }),
  )
  return todo.length
}

/** Rewrites the paths under `from` in one array field (a notice's unitPaths); rewritten ones no longer match. */
export async function rebaseEach(db: Database, col: Collection, field: string, from: string, to: string) {
  const docs = await all<Record<string, unknown>>(
    col.where({ [field]: pathPrefix(db, from) }).field({ _id: true, [field]: true }),
  )
  const inside = (p: string) => p.startsWith(from)
  await eachBounded(docs, WRITE_CONCURRENCY, (d) =>
    update(col, d._id as string, {
      [field]: db.command.set((d[field] as string[]).map((p) => (inside(p) ? rebasePath(p, from, to) : p))),
    }),
  )
  return docs.length
}
