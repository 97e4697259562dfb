/**
 * The index over one (possibly dotted) field path: per value type an equality map (value -> ids) and a sorted
 * list of the distinct values, so one index serves equality ($eq, $in), ranges ($gt/$gte/$lt/$lte on strings,
 * numbers and dates) and anchored prefixes (`^literal`), and can hand out ids in the field's order for a sort.
 * Arrays are multi-key (each element is indexed), as in MongoDB. Only scalars are indexed; NaN (a number or an
 * invalid date) sits beside the order and joins every range of its type, so an answer is never short of what a
 * scan would match. The index is a way to FIND candidates: the engine still tests every candidate with the
 * query, so a superset is always safe.
 */
import { SortedList, type Bound } from './sorted-list'
import { isDate, valuesAt, type Doc } from './values'

/** The types an order exists for ('b' booleans: equality only). */
export type RangeType = 's' | 'n' | 'd'
type Scalar = { t: RangeType; v: string | number } | { t: 'b'; v: boolean }

/** A document's value as index key: its type and the value it orders by (a date by its time). */
export function scalarOf(v: unknown): Scalar | undefined {
  switch (typeof v) {
    case 'string':
      return { t: 's', v }
    case 'number':
      return { t: 'n', v }
    case 'boolean':
      return { t: 'b', v }
    default:
      return isDate(v) ? { t: 'd', v: v.getTime() } : undefined
  }
}

/** Ids of one value: most values in an index belong to one document, so a lone id is kept without a Set. */
type Bucket = string | Set<string>

function addTo<K>(m: Map<K, Bucket>, k: K, id: string): boolean {
  const b = m.get(k)
  if (b === undefined) {
    m.set(k, id)
    return true
  }
  if (typeof b === 'string') {
    if (b !== id) m.set(k, new Set([b, id]))
  } else b.add(id)
  return false
}

/** Removes `id` from the bucket of `k`; true when the bucket is gone (the value left the index). */
function removeFrom<K>(m: Map<K, Bucket>, k: K, id: string): boolean {
  const b = m.get(k)
  if (b === undefined) return false
  if (typeof b === 'string') {
    if (b !== id) return false
    m.delete(k)
    return true
  }
  b.delete(id)
  if (b.size === 1) m.set(k, b.values().next().value as string)
  return false
}

const bucketSize = (b: Bucket | undefined): number => (b === undefined ? 0 : typeof b === 'string' ? 1 : b.size)
function* idsOf(b: Bucket | undefined): Generator<string> {
  if (b === undefined) return
  if (typeof b === 'string') yield b
  else yield* b
}

/**
 * The values of one type. For `_id` (`idPrefix` set) there is no map: a value is its document's only id, whose
 * key is the value with the type's prefix (values.ts idKey), so the collection's own map is the equality index.
 */
class Typed<K extends string | number> {
  private readonly eq: Map<K, Bucket> | undefined
  readonly order = new SortedList<K>()
  /** NaN values (numbers, invalid dates): outside the order */
  readonly nan = new Set<string>()
  constructor(private readonly idPrefix?: string) {
    if (idPrefix === undefined) this.eq = new Map()
  }
  add(k: K, id: string): void {
    if (k !== k) this.nan.add(id)
    else if (!this.eq) this.order.insert(k)
    else if (addTo(this.eq, k, id)) this.order.insert(k)
  }
  remove(k: K, id: string): void {
    if (k !== k) this.nan.delete(id)
    else if (!this.eq) this.order.delete(k)
    else if (removeFrom(this.eq, k, id)) this.order.delete(k)
  }
  /** The ids of a value taken from `order` (so present). */
  at(k: K): Bucket | undefined {
    return this.eq ? this.eq.get(k) : this.idPrefix + String(k)
  }
  get(k: K): Bucket | undefined {
    return this.eq ? this.eq.get(k) : this.order.has(k) ? this.idPrefix + String(k) : undefined
  }
}

export interface Range {
  type: RangeType
  lo?: Bound<string | number>
  hi?: Bound<string | number>
  /** set when the range is "strings starting with this" (an anchored regex): [prefix, next string after the prefix run) */
  prefix?: string
}

export class FieldIndex {
  readonly path: string[]
  private readonly typed: { s: Typed<string>; n: Typed<number>; d: Typed<number> }
  private readonly bools = new Map<boolean, Bucket>()
  /** documents by the shape of their value: exactly one scalar of a type, or anything else (missing, many, null) */
  private readonly single = { s: 0, n: 0, d: 0, b: 0 }
  private irregular = 0
  /** documents with several values (arrays): each bound of a range may be met by a different one */
  private multi = 0

  /**
   * The earlier keys of each compound index this field is a later key of (undefined: an index of its own or a
   * first key). Such a field is looked up only for a query that conditions every earlier key of one of them, as
   * the service uses a compound index only with its leading keys; its order is never walked for a sort.
   */
  private leads: string[][] | undefined

  constructor(
    readonly field: string,
    lead: readonly string[] = [],
  ) {
    this.leads = lead.length ? [[...lead]] : undefined
    this.path = field.split('.')
    const id = field === '_id'
    this.typed = {
      s: new Typed(id ? 's:' : undefined),
      n: new Typed(id ? 'n:' : undefined),
      d: new Typed(id ? 'd:' : undefined),
    }
  }

  /** Another index holds this field: as its first key (`lead` empty) it serves alone from now on. */
  allow(lead: readonly string[]): void {
    if (!lead.length) this.leads = undefined
    else this.leads?.push([...lead])
  }

  /** An index of its own, or the first key of one: usable by any query, its order walkable for a sort. */
  get alone(): boolean {
    return !this.leads
  }

  /** Whether a query conditioning `fields` may look this index up. */
  usableWith(fields: ReadonlySet<string>): boolean {
    return !this.leads || this.leads.some((lead) => lead.every((f) => fields.has(f)))
  }

  /** Paths with a numeric segment (`a.0.b`) address array positions: those need a scan. */
  static supports(field: string): boolean {
    return !field.split('.').some((s) => /^\d+$/.test(s))
  }

  private scalars(doc: Doc): Scalar[] {
    const out: Scalar[] = []
    for (const v of valuesAt(doc, this.path)) {
      const s = scalarOf(v)
      if (s) out.push(s)
    }
    return out
  }

  /** The value shape of a document, for knowing when the index order is the whole collection's order. */
  private shape(doc: Doc, scalars: Scalar[]): 's' | 'n' | 'd' | 'b' | undefined {
    if (scalars.length !== 1) return undefined
    // one value, not inside an array: a dotted path through an array may give several tomorrow
    let cur: unknown = doc
    for (const seg of this.path) {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined
      cur = (cur as Doc)[seg]
    }
    return Array.isArray(cur) ? undefined : scalars[0].t
  }

  /** The value at a one-segment path when it is a lone scalar (the common case: no arrays to walk). */
  private direct(doc: Doc): Scalar | undefined {
    return this.path.length === 1 ? scalarOf(doc[this.field]) : undefined
  }

  add(id: string, doc: Doc): void {
    const one = this.direct(doc)
    if (one) {
      if (one.t === 'b') addTo(this.bools, one.v, id)
      else (this.typed[one.t] as Typed<string | number>).add(one.v, id)
      this.single[one.t]++
      return
    }
    const ss = this.scalars(doc)
    for (const s of ss) {
      if (s.t === 'b') addTo(this.bools, s.v, id)
      else (this.typed[s.t] as Typed<string | number>).add(s.v, id)
    }
    const sh = this.shape(doc, ss)
    if (sh) this.single[sh]++
    else this.irregular++
    if (ss.length > 1) this.multi++
  }

  remove(id: string, doc: Doc): void {
    const one = this.direct(doc)
    if (one) {
      if (one.t === 'b') removeFrom(this.bools, one.v, id)
      else (this.typed[one.t] as Typed<string | number>).remove(one.v, id)
      this.single[one.t]--
      return
    }
    const ss = this.scalars(doc)
    for (const s of ss) {
      if (s.t === 'b') removeFrom(this.bools, s.v, id)
      else (this.typed[s.t] as Typed<string | number>).remove(s.v, id)
    }
    const sh = this.shape(doc, ss)
    if (sh) this.single[sh]--
    else this.irregular--
    if (ss.length > 1) this.multi--
  }

  /** Ids whose value equals any of `values`, or undefined when one is not indexable. */
  lookup(values: unknown[]): Set<string> | undefined {
    const out = new Set<string>()
    for (const v of values) {
      const s = scalarOf(v)
      if (!s) return undefined
      if (s.t === 'b') for (const id of idsOf(this.bools.get(s.v))) out.add(id)
      else if (s.v !== s.v) for (const id of this.typed[s.t].nan) out.add(id)
      else for (const id of idsOf((this.typed[s.t] as Typed<string | number>).get(s.v))) out.add(id)
    }
    return out
  }

  /** How many ids `lookup(values)` gives, at most (duplicates counted twice): cheap, for choosing an index. */
  lookupSize(values: unknown[]): number {
    let n = 0
    for (const v of values) {
      const s = scalarOf(v)
      if (!s) return Infinity
      if (s.t === 'b') n += bucketSize(this.bools.get(s.v))
      else if (s.v !== s.v) n += this.typed[s.t].nan.size
      else n += bucketSize((this.typed[s.t] as Typed<string | number>).get(s.v))
    }
    return n
  }

  /**
   * The part of the order to read for a range: `{a: {$gt: 1, $lte: 1}}` matches `a: [0.5, 9]` (9 meets one bound,
   * 0.5 the other), so while any document holds several values, a range of two operators reads from its lower
   * bound on (as MongoDB's multikey indexes do). A prefix is one condition that one value must meet: both bounds.
   */
  private span(r: Range): Range {
    return this.multi && r.prefix === undefined && r.lo && r.hi ? { type: r.type, lo: r.lo } : r
  }

  /** Ids with a value in the range, value by value in order (descending with `reverse`); NaN ones first. */
  *rangeIds(range: Range, reverse = false): Generator<string> {
    const r = this.span(range)
    const t = this.typed[r.type] as Typed<string | number>
    // a document with several values (an array) sits under each of them: hand it out once
    const seen = this.irregular ? new Set<string>() : undefined
    for (const id of t.nan) {
      seen?.add(id)
      yield id
    }
    for (const v of t.order.range(r.lo, r.hi, reverse))
      for (const id of idsOf(t.at(v))) {
        if (seen) {
          if (seen.has(id)) continue
          seen.add(id)
        }
        yield id
      }
  }

  /** Ids in the range counted up to `cap` (so choosing between indexes never costs more than the best choice). */
  rangeSize(range: Range, cap: number): number {
    const r = this.span(range)
    const t = this.typed[r.type] as Typed<string | number>
    let n = t.nan.size
    for (const v of t.order.range(r.lo, r.hi)) {
      if (n > cap) return n
      n += bucketSize(t.at(v))
    }
    return n
  }

  /**
   * Groups of ids with equal values in the field's order (within `range` if given), when that order is the whole
   * collection's: each of the `total` documents holds exactly one value, all of one type (mixed types, arrays or
   * missing values sort differently, so then the caller sorts instead, and this is undefined).
   */
  ordered(total: number, reverse: boolean, range?: Range): Iterable<Iterable<string>> | undefined {
    if (total === 0) return undefined
    // within the query's own range only documents with a value in it can match: those missing the field or holding
    // another type need not hold one; only several values in one document (arrays) put it out of the order
    const inRange = range && this.multi === 0
    if (this.irregular && !inRange) return undefined
    const type = inRange ? range.type : (['s', 'n', 'd'] as const).find((t) => this.single[t] === total)
    if (!type || (range && range.type !== type)) return undefined
    const t = this.typed[type] as Typed<string | number>
    if (t.nan.size) return undefined
    const values = t.order.range(range?.lo, range?.hi, reverse)
    return (function* () {
      for (const v of values) yield idsOf(t.at(v))
    })()
  }
}
