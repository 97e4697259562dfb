/**
 * `$jsonSchema` for queries, as MongoDB (and so CloudBase) evaluates it: JSON Schema draft 4 keywords plus
 * `bsonType`. mingo has the operator but leaves the validator to its caller; this is that validator. A keyword
 * MongoDB does not support (`format`, `$ref`, `default`, `definitions`, `id`) is refused as MongoDB refuses it.
 */
import { StoreError } from './errors'
import { isDate, isRegExp } from './values'

type Schema = Record<string, unknown>
type Check = (v: unknown) => boolean

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v) && !isRegExp(v)

const INT32 = 2 ** 31
const BSON_TYPES: Record<string, Check> = {
  double: (v) => typeof v === 'number' && !Number.isInteger(v),
  string: (v) => typeof v === 'string',
  object: isPlainObject,
  array: Array.isArray,
  bool: (v) => typeof v === 'boolean',
  date: isDate,
  null: (v) => v === null,
  regex: isRegExp,
  int: (v) => typeof v === 'number' && Number.isInteger(v) && v >= -INT32 && v < INT32,
  long: (v) => typeof v === 'number' && Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  number: (v) => typeof v === 'number',
}
/** JSON types; MongoDB has no "integer" type. */
const JSON_TYPES: Record<string, Check> = {
  object: isPlainObject,
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
}

const IGNORED = new Set(['title', 'description'])
const SUPPORTED = new Set([
  'bsonType', 'type', 'enum', 'required', 'properties', 'additionalProperties', 'patternProperties',
  'minProperties', 'maxProperties', 'dependencies', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minLength', 'maxLength', 'pattern', 'items', 'additionalItems', 'minItems', 'maxItems',
  'uniqueItems', 'allOf', 'anyOf', 'oneOf', 'not',
]) // prettier-ignore

const refuse = (message: string): never => {
  throw new StoreError('DATABASE_REQUEST_FAILED', message)
}

const same = (a: unknown, b: unknown): boolean => {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime()
  return JSON.stringify(a) === JSON.stringify(b)
}

const typeCheck = (names: unknown, table: Record<string, Check>, keyword: string): Check => {
  const list = Array.isArray(names) ? names : [names]
  const checks = list.map((n) => table[String(n)] ?? refuse(`Unknown $jsonSchema ${keyword}: ${String(n)}`))
  return (v) => checks.some((c) => c(v))
}

/** Compiles a schema into a predicate; throws (refusing the query) on an unsupported keyword. */
export function compileJsonSchema(schema: unknown): Check {
  if (!isPlainObject(schema)) return refuse('$jsonSchema must be an object')
  const checks: Check[] = []
  const s = schema as Schema
  for (const k of Object.keys(s)) {
    if (IGNORED.has(k)) continue
    if (!SUPPORTED.has(k)) refuse(`$jsonSchema keyword '${k}' is not currently supported`)
  }
  const num = (k: string): number | undefined => (typeof s[k] === 'number' ? (s[k] as number) : undefined)
  if (s.bsonType !== undefined) checks.push(typeCheck(s.bsonType, BSON_TYPES, 'bsonType'))
  if (s.type !== undefined) checks.push(typeCheck(s.type, JSON_TYPES, 'type'))
  if (Array.isArray(s.enum)) {
    const allowed = s.enum as unknown[]
    checks.push((v) => allowed.some((a) => same(a, v)))
  }
  // keywords below apply only to values of their kind, as in JSON Schema
  const onNumber = (f: (n: number) => boolean): void => void checks.push((v) => typeof v !== 'number' || f(v))
  const min = num('minimum')
  const max = num('maximum')
  if (min !== undefined) onNumber((n) => (s.exclusiveMinimum === true ? n > min : n >= min))
  if (max !== undefined) onNumber((n) => (s.exclusiveMaximum === true ? n < max : n <= max))
  const multipleOf = num('multipleOf')
  if (multipleOf !== undefined) onNumber((n) => Number.isInteger(n / multipleOf))
  const onString = (f: (t: string) => boolean): void => void checks.push((v) => typeof v !== 'string' || f(v))
  const minLength = num('minLength')
  const maxLength = num('maxLength')
  if (minLength !== undefined) onString((t) => [...t].length >= minLength)
  if (maxLength !== undefined) onString((t) => [...t].length <= maxLength)
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u')
    onString((t) => re.test(t))
  }
  const onArray = (f: (a: unknown[]) => boolean): void => void checks.push((v) => !Array.isArray(v) || f(v))
  const minItems = num('minItems')
  const maxItems = num('maxItems')
  if (minItems !== undefined) onArray((a) => a.length >= minItems)
  if (maxItems !== undefined) onArray((a) => a.length <= maxItems)
  if (s.uniqueItems === true) onArray((a) => a.every((x, i) => a.findIndex((y) => same(x, y)) === i))
  if (Array.isArray(s.items)) {
    const tuple = (s.items as unknown[]).map(compileJsonSchema)
    const extra =
      s.additionalItems === false
        ? () => false
        : isPlainObject(s.additionalItems)
          ? compileJsonSchema(s.additionalItems)
          : null
    onArray((a) => a.every((x, i) => (i < tuple.length ? tuple[i](x) : extra ? extra(x) : true)))
  } else if (s.items !== undefined) {
    const item = compileJsonSchema(s.items)
    onArray((a) => a.every(item))
  }
  const onObject = (f: (o: Record<string, unknown>) => boolean): void =>
    void checks.push((v) => !isPlainObject(v) || f(v))
  if (Array.isArray(s.required)) {
    const required = s.required as string[]
    onObject((o) => required.every((k) => o[k] !== undefined))
  }
  const minProps = num('minProperties')
  const maxProps = num('maxProperties')
  if (minProps !== undefined) onObject((o) => Object.keys(o).length >= minProps)
  if (maxProps !== undefined) onObject((o) => Object.keys(o).length <= maxProps)
  const props = isPlainObject(s.properties)
    ? Object.entries(s.properties).map(([k, sub]) => [k, compileJsonSchema(sub)] as const)
    : []
  const patterns = isPlainObject(s.patternProperties)
    ? Object.entries(s.patternProperties).map(([p, sub]) => [new RegExp(p, 'u'), compileJsonSchema(sub)] as const)
    : []
  if (props.length) onObject((o) => props.every(([k, c]) => o[k] === undefined || c(o[k])))
  if (patterns.length)
    onObject((o) => Object.entries(o).every(([k, v]) => patterns.every(([re, c]) => !re.test(k) || c(v))))
  if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
    const extra = s.additionalProperties === false ? () => false : compileJsonSchema(s.additionalProperties)
    const named = new Set(props.map(([k]) => k))
    onObject((o) =>
      Object.entries(o).every(([k, v]) => named.has(k) || patterns.some(([re]) => re.test(k)) || extra(v)),
    )
  }
  if (isPlainObject(s.dependencies)) {
    const deps = Object.entries(s.dependencies).map(
      ([k, d]) =>
        [
          k,
          Array.isArray(d) ? (o: Record<string, unknown>) => d.every((x) => o[x] !== undefined) : compileJsonSchema(d),
        ] as const,
    )
    onObject((o) => deps.every(([k, d]) => o[k] === undefined || d(o)))
  }
  const many = (k: string): Check[] => (Array.isArray(s[k]) ? (s[k] as unknown[]).map(compileJsonSchema) : [])
  const allOf = many('allOf')
  const anyOf = many('anyOf')
  const oneOf = many('oneOf')
  if (allOf.length) checks.push((v) => allOf.every((c) => c(v)))
  if (anyOf.length) checks.push((v) => anyOf.some((c) => c(v)))
  if (oneOf.length) checks.push((v) => oneOf.filter((c) => c(v)).length === 1)
  if (s.not !== undefined) {
    const not = compileJsonSchema(s.not)
    checks.push((v) => !not(v))
  }
  return (v) => checks.every((c) => c(v))
}
