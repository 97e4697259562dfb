/**
 * Equality index over one (possibly dotted) field path: value key -> ids. Arrays are multi-key (each element is
 * indexed), as in MongoDB, so `{tags: 'x'}` finds documents whose `tags` array contains 'x'. Only scalar values
 * are indexed; a query on anything else (objects, null, operators other than $eq/$in) falls back to a scan.
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

export class EqualityIndex {
  private readonly buckets = new Map<string, Set<string>>()
  private readonly path: string[]

  constructor(readonly field: string) {
    this.path = field.split('.')
  }

  /** Indexes whose path has a numeric segment (`a.0.b`) are not supported: positional paths need a scan. */
  static supports(field: string): boolean {
    return !field.split('.').some((s) => /^\d+$/.test(s))
  }

  private keys(doc: Doc): Set<string> {
    const ks = new Set<string>()
    for (const v of valuesAt(doc, this.path)) {
      const k = scalarKey(v)
      if (k !== undefined) ks.add(k)
    }
    return ks
  }

  add(id: string, doc: Doc): void {
    for (const k of this.keys(doc)) {
      let b = this.buckets.get(k)
      if (!b) this.buckets.set(k, (b = new Set()))
      b.add(id)
    }
  }

  remove(id: string, doc: Doc): void {
    for (const k of this.keys(doc)) {
      const b = this.buckets.get(k)
      if (!b) continue
      b.delete(id)
      if (!b.size) this.buckets.delete(k)
    }
  }

  /** Ids whose field equals any of `values`, or undefined if a value is not indexable (caller must scan). */
  lookup(values: unknown[]): Set<string> | undefined {
    const out = new Set<string>()
    for (const v of values) {
      const k = scalarKey(v)
      if (k === undefined) return undefined
      for (const id of this.buckets.get(k) ?? []) out.add(id)
    }
    return out
  }
}

/**
 * The equality values a query pins `field` to (`{f: v}`, `{f: {$eq: v}}`, `{f: {$in: [...]}}`, also inside a
 * top-level $and), or undefined when the query does not constrain it by equality.
 */
export function equalityValues(query: Doc, field: string): unknown[] | undefined {
  const direct = pinned(query[field])
  if (direct) return direct
  const and = query.$and
  if (Array.isArray(and)) {
    for (const sub of and)
      if (isObject(sub)) {
        const v = equalityValues(sub, field)
        if (v) return v
      }
  }
  return undefined
}

function pinned(v: unknown): unknown[] | undefined {
  if (v === undefined) return undefined
  if (scalarKey(v) !== undefined) return [v]
  if (isObject(v)) {
    const keys = Object.keys(v)
    if (keys.length === 1 && keys[0] === '$eq' && scalarKey(v.$eq) !== undefined) return [v.$eq]
    if (
      keys.length === 1 &&
      keys[0] === '$in' &&
      Array.isArray(v.$in) &&
      v.$in.every((x) => scalarKey(x) !== undefined)
    )
      return v.$in as unknown[]
  }
  return undefined
}
