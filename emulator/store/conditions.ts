/**
 * What a query asks of one field, in the terms an index can answer: equality values (`{f: v}`, `$eq`, `$in`),
 * a range (`$gt`/`$gte`/`$lt`/`$lte` with a string, number or date bound) or a prefix (a regex anchored with `^`
 * and a literal start, as `db.RegExp({regexp: '^/s/c/'})` sends it). Conditions come from the top level and from
 * a top-level `$and`; anything under `$or`, `$nor` or `$not` can only be tested, never looked up. The shape of a
 * query (fields and operators, values left out) names it in statistics and index advice.
 */
import type { Range } from './field-index'
import type { Bound } from './sorted-list'
import { scalarOf } from './field-index'
import { isDate, isRegExp, type Doc } from './values'

export type Condition = { kind: 'eq'; values: unknown[] } | { kind: 'range'; range: Range }

const isObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v) && !isRegExp(v)

const RANGE_OPS = ['$gt', '$gte', '$lt', '$lte'] as const

/** Every indexable condition the query puts on `field`. */
export function conditionsOn(query: Doc, field: string, out: Condition[] = []): Condition[] {
  if (field in query) {
    const c = conditionOf(query[field])
    if (c) out.push(c)
  }
  if (Array.isArray(query.$and)) for (const sub of query.$and) if (isObject(sub)) conditionsOn(sub, field, out)
  return out
}

/** Fields the query conditions at the top level or in a top-level $and (the ones an index may serve). */
export function topFields(query: Doc, out = new Set<string>()): Set<string> {
  for (const k of Object.keys(query)) {
    if (!k.startsWith('$')) out.add(k)
    else if (k === '$and' && Array.isArray(query.$and))
      for (const sub of query.$and) if (isObject(sub)) topFields(sub, out)
  }
  return out
}

/**
 * The conditions on `field` with its ranges of one type intersected into one (`_.gt(a).and(_.lt(b))` arrives as
 * two conditions in a `$and`; together they are the one range an index reads). Safe over arrays too: a document
 * meeting every range has a value at or above the highest lower bound, and field-index.ts reads a two-bound
 * range from its lower bound on while any document holds several values. Ranges of different types stay apart.
 */
export function mergedConditionsOn(query: Doc, field: string): Condition[] {
  const out: Condition[] = []
  const byType = new Map<string, Range>()
  for (const c of conditionsOn(query, field)) {
    if (c.kind === 'eq') {
      out.push(c)
      continue
    }
    const had = byType.get(c.range.type)
    byType.set(c.range.type, had ? intersect(had, c.range) : c.range)
  }
  for (const range of byType.values()) out.push({ kind: 'range', range })
  return out
}

function intersect(a: Range, b: Range): Range {
  const lo = !a.lo ? b.lo : !b.lo ? a.lo : tighter(a.lo, b.lo, 1)
  const hi = !a.hi ? b.hi : !b.hi ? a.hi : tighter(a.hi, b.hi, -1)
  // no prefix mark: the result is a plain two-bound range, read from its lower bound when values are arrays
  return { type: a.type, ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) }
}

/** Of two bounds, the one that excludes more: the higher lower bound (`dir` 1) or the lower upper bound (-1). */
function tighter(a: Bound<string | number>, b: Bound<string | number>, dir: 1 | -1): Bound<string | number> {
  if (a.value === b.value) return a.inclusive ? b : a
  return a.value > b.value === (dir === 1) ? a : b
}

function conditionOf(v: unknown): Condition | undefined {
  if (scalarOf(v)) return { kind: 'eq', values: [v] }
  if (isRegExp(v)) return prefixCondition(v.source, v.flags)
  if (!isObject(v)) return undefined
  const keys = Object.keys(v)
  if (!keys.length || !keys.every((k) => k.startsWith('$'))) return undefined // a whole-object equality
  if ('$eq' in v && scalarOf(v.$eq)) return { kind: 'eq', values: [v.$eq] }
  if (Array.isArray(v.$in) && v.$in.length && v.$in.every((x) => scalarOf(x))) return { kind: 'eq', values: v.$in }
  if ('$regex' in v) {
    const options = typeof v.$options === 'string' ? v.$options : ''
    if (isRegExp(v.$regex)) return prefixCondition(v.$regex.source, v.$regex.flags + options)
    if (typeof v.$regex === 'string') return prefixCondition(v.$regex, options)
  }
  let range: Range | undefined
  for (const op of RANGE_OPS) {
    if (!(op in v)) continue
    const s = scalarOf(v[op])
    if (!s || s.t === 'b' || s.v !== s.v) continue // booleans, NaN and non-scalars: no order to use
    range ??= { type: s.t }
    if (range.type !== s.t) continue // a bound of another type matches nothing (MongoDB brackets types)
    const bound = { value: s.v as string | number, inclusive: op.endsWith('e') }
    if (op.startsWith('$g')) range.lo = bound
    else range.hi = bound
  }
  return range && { kind: 'range', range }
}

/**
 * The literal every match starts with, for a pattern anchored at `^` (no `|` anywhere, no i/m/x flags): the
 * characters up to the first metacharacter, less one made optional by a following `?`, `*` or `{`.
 */
export function literalPrefix(source: string, flags: string): string | undefined {
  if (/[imx]/.test(flags) || !source.startsWith('^')) return undefined
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') i++
    else if (source[i] === '|') return undefined // an alternative need not be anchored
  }
  let out = ''
  for (let i = 1; i < source.length; ) {
    let lit: string
    let len = 1
    const ch = source[i]
    if (ch === '\\') {
      const next = source[i + 1]
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break // \d, \w, \b, \u…, back-references
      lit = next
      len = 2
    } else if ('.[]()*+?{}^$'.includes(ch)) break
    else lit = ch
    const after = source[i + len]
    if (after === '?' || after === '*' || after === '{') break
    out += lit
    if (after === '+') break
    i += len
  }
  return out
}

function prefixCondition(source: string, flags: string): Condition | undefined {
  const prefix = literalPrefix(source, flags)
  return prefix === undefined ? undefined : { kind: 'range', range: prefixRange(prefix) }
}

/**
 * The strings starting with `prefix` as a range: from the prefix itself up to (not including) the prefix with
 * its last character that can grow grown by one ('ab' -> 'ac'); every string in between starts with the prefix.
 */
export function prefixRange(prefix: string): Range {
  const range: Range = { type: 's', prefix, lo: { value: prefix, inclusive: true } }
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i)
    if (code < 0xffff) {
      range.hi = { value: prefix.slice(0, i) + String.fromCharCode(code + 1), inclusive: false }
      break
    }
  }
  return range
}

/** The shape of a query: its fields and operators with every value left out, keys in order. */
export function shapeOf(query: unknown): string {
  if (Array.isArray(query)) return `[${query.map(shapeOf).join(',')}]`
  if (isRegExp(query)) return literalPrefix(query.source, query.flags) === undefined ? 'regex' : 'prefix'
  if (!isObject(query)) return 'value'
  const parts = Object.keys(query)
    .sort()
    .map((k) => {
      const v = query[k]
      if (k === '$and' || k === '$or' || k === '$nor') return `${k}:${shapeOf(v)}`
      if (isObject(v) && Object.keys(v).some((o) => o.startsWith('$'))) {
        const ops = Object.keys(v).filter((o) => o !== '$options')
        if (ops.includes('$regex')) return `${k}:${conditionOf(v)?.kind === 'range' ? 'prefix' : 'regex'}`
        return `${k}:${ops.sort().join('|')}`
      }
      return `${k}:${isRegExp(v) ? shapeOf(v) : scalarOf(v) ? 'eq' : 'value'}`
    })
  return `{${parts.join(',')}}`
}
