/**
 * Reading helpers every store shares: whole result sets past the per-get cap, counts, and path prefixes.
 * The SDK types `get()`/`count()` loosely (they also take callbacks); the documents are ours.
 */
import type { Database } from './cloud'

export type Query = ReturnType<ReturnType<Database['collection']>['where']>

/** Cloud functions read at most 1000 documents per get (the SDK's default is 100). */
export const PAGE = 1000

export const rows = async <T>(query: Query): Promise<T[]> =>
  (await (query.get() as unknown as Promise<{ data: T[] }>)).data

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

/** Every match of an `in` query over many ids, in slices the service accepts. */
export async function allIn<T>(ids: readonly string[], query: (slice: string[]) => Query): Promise<T[]> {
  const unique = [...new Set(ids)]
  const out: T[] = []
  for (let i = 0; i < unique.length; i += 100) out.push(...(await all<T>(query(unique.slice(i, i + 100)))))
  return out
}
