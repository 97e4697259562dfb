/**
 * mingo's operators with the corrections that make it answer as the real service (MongoDB) does, in one context
 * every query, update and aggregation of the engine uses:
 * - `$elemMatch`: a field condition (`{v: {$gt: 0}}`, also `$exists`, `$mod`) tests only elements that are
 *   objects; an operator condition (`{$gt: 0}`) tests each element itself, never the elements of a nested array.
 *   mingo tested plain values against field conditions and matched arrays the service does not match.
 * - `$geoWithin`, `$geoIntersects`, `$nearSphere` (`$near`): geo.ts; the engine checks the 2dsphere index first.
 * - `$jsonSchema`: json-schema.ts.
 * - `$week`: weeks start on Sunday and days before the first Sunday are week 0 (mingo was one too high).
 * - `$indexOfCP`: missing from mingo.
 * - `$substr` / `$substrBytes`: a negative length means "to the end of the string".
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { Aggregator } from 'mingo/aggregator'
import { Context, evalExpr } from 'mingo/core'
import * as accumulatorOperators from 'mingo/operators/accumulator'
import * as expressionOperators from 'mingo/operators/expression'
import * as pipelineOperators from 'mingo/operators/pipeline'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import * as windowOperators from 'mingo/operators/window'
import { Query } from 'mingo/query'
import type { Options } from 'mingo/types'
import { isDate, isRegExp, type Doc } from './values'
import { geometriesAt, intersects, intersectsGeometry, isWithin, metersTo, nearSpec, withinRegion } from './geo'
import { compileJsonSchema } from './json-schema'

type Predicate = (obj: unknown) => boolean
type QueryOp = (selector: string, value: unknown, options: Options) => Predicate
type ExpressionOp = (obj: unknown, expr: unknown, options: Options) => unknown

const isObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v) && !isRegExp(v)

/** Values at a dotted path, descending through arrays of objects (numeric segments index arrays). */
function valuesAt(v: unknown, path: string[]): unknown[] {
  if (!path.length) return [v]
  const [seg, ...rest] = path
  if (Array.isArray(v)) {
    if (/^\d+$/.test(seg)) return valuesAt(v[Number(seg)], rest)
    return v.flatMap((e) => (isObject(e) ? valuesAt(e, path) : []))
  }
  if (isObject(v) && seg in v) return valuesAt(v[seg], rest)
  return []
}

const same = (a: unknown, b: unknown): boolean => {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime()
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Operators that compare a value; against a nested array element they never match (MongoDB compares types). */
const SCALAR_OPS = new Set(['$gt', '$gte', '$lt', '$lte', '$mod', '$regex', '$options'])

const $elemMatch: QueryOp = (selector, criteria, options) => {
  const c = isObject(criteria) ? criteria : {}
  const keys = Object.keys(c)
  const operatorOnly = keys.length > 0 && keys.every((k) => k.startsWith('$') && !['$and', '$or', '$nor'].includes(k))
  const path = selector.split('.')
  let test: Predicate
  if (operatorOnly) {
    const whole = new Query({ v: c }, options)
    test = (e) => {
      if (!Array.isArray(e)) return whole.test({ v: e })
      // a nested array is one value: only whole-value operators can match it
      return keys.every((k) => {
        const arg = c[k]
        if (SCALAR_OPS.has(k)) return false
        if (k === '$eq') return same(e, arg)
        if (k === '$ne') return !same(e, arg)
        if (k === '$in') return Array.isArray(arg) && arg.some((a) => same(e, a))
        if (k === '$nin') return !Array.isArray(arg) || !arg.some((a) => same(e, a))
        if (k === '$exists') return Boolean(arg)
        return new Query({ v: { [k]: arg } }, options).test({ v: e })
      })
    }
  } else {
    const q = new Query(c, options)
    test = (e) => isObject(e) && q.test(e)
  }
  return (obj) => valuesAt(obj, path).some((arr) => Array.isArray(arr) && arr.some(test))
}

const geoField =
  (match: (g: ReturnType<typeof geometriesAt>[number]) => boolean) =>
  (selector: string): Predicate =>
  (obj) =>
    isObject(obj) && geometriesAt(obj, selector.split('.')).some(match)

const $geoWithin: QueryOp = (selector, value) => {
  const region = withinRegion(value)
  return geoField((g) => isWithin(g, region))(selector)
}
const $geoIntersects: QueryOp = (selector, value) => {
  const other = intersectsGeometry(value)
  return geoField((g) => intersects(g, other))(selector)
}
const $nearSphere: QueryOp = (selector, value) => {
  const n = nearSpec(value)
  return geoField((g) => {
    const d = metersTo(n.center, g)
    return d >= n.min && d <= n.max
  })(selector)
}

const $jsonSchema: QueryOp = (_selector, schema) => {
  const check = compileJsonSchema(schema)
  return (obj) => check(obj)
}

// ---------- expressions ----------

const original = expressionOperators as unknown as Record<string, ExpressionOp>

/** MongoDB's $week: (day of year - day of week (1 = Sunday) + 7) / 7, rounded down; Jan 1 before a Sunday is 0. */
const $week: ExpressionOp = (obj, expr, options) => {
  const doy = original.$dayOfYear(obj, expr, options)
  const dow = original.$dayOfWeek(obj, expr, options)
  if (typeof doy !== 'number' || typeof dow !== 'number') return null
  return Math.floor((doy - dow + 7) / 7)
}

const fail = (message: string): never => {
  throw new Error(message)
}

/** $indexOfCP: [string, substring, start?, end?] in code points; null for a null string, -1 when absent. */
const $indexOfCP: ExpressionOp = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) fail('$indexOfCP expects 2 to 4 arguments')
  const [s, sub, start, end] = evalExpr(obj, expr, options) as unknown[]
  if (s === null || s === undefined) return null
  if (typeof s !== 'string') return fail('$indexOfCP requires a string as the first argument')
  if (typeof sub !== 'string') return fail('$indexOfCP requires a string as the second argument')
  const cps = [...s]
  const from = start === undefined ? 0 : Number(start)
  const to = end === undefined ? cps.length : Math.min(Number(end), cps.length)
  if (!Number.isInteger(from) || from < 0) fail('$indexOfCP requires a nonnegative integral start index')
  if (!Number.isInteger(to) || to < 0) fail('$indexOfCP requires a nonnegative integral end index')
  const needle = [...sub]
  for (let i = from; i + needle.length <= to; i++) {
    let hit = true
    for (let j = 0; j < needle.length && hit; j++) hit = cps[i + j] === needle[j]
    if (hit) return i
  }
  return -1
}

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8')

/** $substr / $substrBytes with a negative length: from the index to the end, as on the service. */
const substrToEnd =
  (op: ExpressionOp): ExpressionOp =>
  (obj, expr, options) => {
    if (Array.isArray(expr) && expr.length === 3) {
      const [s, index, count] = evalExpr(obj, expr, options) as unknown[]
      if (typeof count === 'number' && count < 0 && typeof index === 'number') {
        const str = typeof s === 'string' ? s : ''
        return op(obj, [{ $literal: str }, index, Math.max(utf8Length(str) - index, 0)], options)
      }
    }
    return op(obj, expr, options)
  }

const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: {
    ...expressionOperators,
    $week,
    $indexOfCP,
    $substr: substrToEnd(original.$substr),
    $substrBytes: substrToEnd(original.$substrBytes),
  },
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: {
    ...queryOperators,
    $elemMatch,
    $geoWithin,
    $geoIntersects,
    $nearSphere,
    $near: $nearSphere,
    $jsonSchema,
  },
  window: windowOperators,
} as unknown as Parameters<typeof Context.init>[0])

const OPTIONS = { context: CONTEXT } as unknown as Partial<Options>

/**
 * The options of every query, built once. Given plain options, mingo copies every operator of the context into a
 * new one for each query (~35 µs, a tenth of the database thread under a 收到 burst); given its own ComputeOptions
 * it only copies the per-query locals. That class is not in mingo's public exports, so it is taken from the very
 * module file mingo/query uses (the same module instance, so mingo recognises it).
 */
const COMPUTE_OPTIONS = (() => {
  const load = createRequire(__filename)
  const internal = load(path.join(path.dirname(load.resolve('mingo/core')), '_internal.js')) as {
    ComputeOptions?: { init(o: Partial<Options>): unknown }
  }
  return (internal.ComputeOptions?.init(OPTIONS) ?? OPTIONS) as Partial<Options>
})()

/** A query with the corrected operators. */
export const makeQuery = (criteria: Doc): Query => new Query(criteria, COMPUTE_OPTIONS)

/** An aggregation with the corrected operators; `CLONE_INPUT` so stages never mutate stored documents. */
export function runPipeline(docs: Doc[], pipeline: Doc[], collectionResolver: (name: string) => Doc[]): Doc[] {
  const opts = { ...OPTIONS, collectionResolver, processingMode: 1 } as unknown as Partial<Options>
  return new Aggregator(pipeline, opts).run(docs) as Doc[]
}
