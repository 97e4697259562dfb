/**
 * Stored values as the engine sees them: realm-safe type checks, the key of a scalar, deep copies, and the values
 * at a dotted path (descending through arrays, as MongoDB's dotted paths do).
 */
export type Doc = Record<string, unknown>

/** Realm-safe checks: documents may come from another realm (structuredClone, vm contexts, workers). */
const tag = (v: unknown): string => Object.prototype.toString.call(v)
export const isDate = (v: unknown): v is Date => tag(v) === '[object Date]'
export const isRegExp = (v: unknown): v is RegExp => tag(v) === '[object RegExp]'

/** Index key of a scalar, or undefined when the value is not indexable. */
export function scalarKey(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return 's:' + v
    case 'number':
      return 'n:' + v
    case 'boolean':
      return 'b:' + v
    default:
      return isDate(v) ? 'd:' + v.getTime() : undefined
  }
}

/** Stable key of a document id (ids are strings in practice; numbers are allowed by the SDK). */
export const idKey = (id: unknown): string => scalarKey(id) ?? JSON.stringify(id)

/**
 * Deep copy of a stored document. Not structuredClone: that builds Dates in Node's main realm, which code in
 * another realm (jest's vm sandbox, where mingo and bson may be loaded) does not recognise as Dates.
 */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as T
  if (isDate(v)) return new Date(v.getTime()) as T
  if (isRegExp(v)) return new RegExp(v.source, v.flags) as T
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = cloneDoc(x)
    return out as T
  }
  return v
}

const isObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v) && !isRegExp(v)

/** All scalar values reachable at `path`, descending through arrays like MongoDB's dotted paths. */
export function valuesAt(doc: Doc, path: string[]): unknown[] {
  let cur: unknown[] = [doc]
  for (const seg of path) {
    const next: unknown[] = []
    for (const v of cur) {
      if (Array.isArray(v)) {
        for (const e of v) if (isObject(e) && seg in e) next.push(e[seg])
      } else if (isObject(v) && seg in v) next.push(v[seg])
    }
    cur = next
  }
  const out: unknown[] = []
  for (const v of cur)
    if (Array.isArray(v)) out.push(...v)
    else out.push(v)
  return out
}
