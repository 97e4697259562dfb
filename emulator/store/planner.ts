/**
 * How a query finds its documents, and what it cost. The planner picks the smallest candidate set any index
 * gives (an `_id` list, a geo box, an equality bucket, a range or prefix of a field index; a range is counted
 * only up to the best size found so far, so choosing never costs more than the choice); with `orderBy` + `limit`
 * on an indexed field it may instead walk that field's order and stop at the limit, within a budget of the best
 * candidate set (then falls back to it). Every query is counted: documents examined (tested against the query),
 * and whether an index served it. A query whose conditions no index serves, on a collection above the
 * threshold, is reported once per shape (or refused, with policy 'error'), as the service's index advice does.
 */
import { mergedConditionsOn, shapeOf, topFields } from './conditions'
import type { FieldIndex, Range } from './field-index'
import { makeQuery } from './operators'
import { StoreError } from './errors'
import { idKey, type Doc } from './values'

export type Sort = Record<string, 1 | -1>
export type UnindexedPolicy = 'warn' | 'error' | 'ignore'

/** What the planner needs of a collection (the engine's). */
export interface Indexed {
  docs: Map<string, Doc>
  indexes: Map<string, FieldIndex>
}

interface Choice {
  /** the index used: a field, `_id`, or 'geo' */
  index: string
  size: number
  range?: Range
  ids(): Iterable<string>
}

/** One query, as `explain` reports it. */
export interface Plan {
  collection: string
  shape: string
  /** 'index <field>' (candidates from an index), 'order <field>' (walked in the index's order), or 'scan' */
  via: string
  examined: number
  returned: number
}

export interface PlanStats {
  queries: number
  /** queries whose candidates came from an index (or a walk of one) */
  indexed: number
  /** documents tested against a query */
  examined: number
  returned: number
  byCollection: Record<string, { queries: number; examined: number }>
  /** queries no index served, by collection and shape, most examined first */
  unindexed: Array<{ collection: string; shape: string; count: number; examined: number }>
}

export interface PlannerOptions {
  unindexed?: UnindexedPolicy
  unindexedAbove?: number
  warn?: (message: string) => void
}

export interface FindSpec {
  sort?: Sort
  skip?: number
  limit?: number
  projection?: Doc
  /** candidates already narrowed by a geo index */
  geoIds?: Set<string>
  /** documents to test instead of the collection's (a transaction's view), in order: no index is used */
  view?: Doc[]
  /** puts the candidates in the order the answer needs before the query runs ($nearSphere: nearest first) */
  arrange?: (docs: Doc[]) => Doc[]
}

export class Planner {
  private counts = fresh()
  private readonly unindexed = new Map<string, { collection: string; shape: string; count: number; examined: number }>()
  private readonly warned = new Set<string>()
  policy: UnindexedPolicy
  private readonly above: number
  private readonly warn: (message: string) => void
  last: Plan | undefined

  constructor(opts: PlannerOptions = {}) {
    this.policy = opts.unindexed ?? 'warn'
    this.above = opts.unindexedAbove ?? 1_000
    this.warn = opts.warn ?? ((m) => console.warn(m))
  }

  stats(): PlanStats {
    return {
      ...this.counts,
      byCollection: Object.fromEntries(Object.entries(this.counts.byCollection).map(([k, v]) => [k, { ...v }])),
      unindexed: [...this.unindexed.values()].map((u) => ({ ...u })).sort((a, b) => b.examined - a.examined),
    }
  }

  /** Starts counting afresh (warnings already given are not repeated). */
  reset(): void {
    this.counts = fresh()
    this.unindexed.clear()
  }

  find(name: string, coll: Indexed, query: Doc, spec: FindSpec = {}): Doc[] {
    const sort = spec.sort && Object.keys(spec.sort).length ? spec.sort : undefined
    const limit = spec.limit !== undefined && Number.isFinite(spec.limit) ? spec.limit : undefined
    const skip = spec.skip ?? 0
    const best = spec.view ? undefined : this.choose(coll, query, spec.geoIds)
    const filtered = topFields(query).size > 0
    this.refuse(name, coll, query, sort, !!spec.view || !!best || !filtered)
    let examined = 0
    if (sort && limit !== undefined && !spec.view && !spec.geoIds && !spec.arrange) {
      const walked = this.walk(coll, query, sort, skip, limit, best)
      examined += walked.examined
      if (walked.docs) {
        const out = spec.projection ? makeQuery({}).find<Doc>(walked.docs, spec.projection).all() : walked.docs
        this.record(name, coll, query, sort, `order ${Object.keys(sort)[0]}`, !best && filtered, examined, out.length)
        return out
      }
    }
    let docs = spec.view ?? (best ? this.docsOf(coll, best.ids()) : [...coll.docs.values()])
    examined += docs.length
    if (spec.arrange) docs = spec.arrange(docs)
    let cursor = makeQuery(query).find<Doc>(docs, spec.projection)
    if (sort) cursor = cursor.sort(sort)
    if (skip) cursor = cursor.skip(skip)
    if (limit !== undefined) cursor = cursor.limit(limit)
    const out = cursor.all()
    const unserved = spec.view ? false : filtered ? !best : !!sort
    const via = spec.view ? 'transaction' : best ? `index ${best.index}` : 'scan'
    this.record(name, coll, query, sort, via, unserved, examined, out.length)
    return out
  }

  count(name: string, coll: Indexed, query: Doc, geoIds?: Set<string>): number {
    const best = this.choose(coll, query, geoIds)
    const filtered = topFields(query).size > 0
    this.refuse(name, coll, query, undefined, !!best || !filtered)
    const docs = best ? this.docsOf(coll, best.ids()) : coll.docs.values()
    const q = makeQuery(query)
    let n = 0
    let examined = 0
    for (const d of docs) {
      examined++
      if (q.test(d)) n++
    }
    this.record(name, coll, query, undefined, best ? `index ${best.index}` : 'scan', filtered && !best, examined, n)
    return n
  }

  /** The documents an aggregation starts from: those its leading $match can take from an index. */
  matchCandidates(name: string, coll: Indexed, match: Doc | undefined): Doc[] {
    const best = match ? this.choose(coll, match) : undefined
    const filtered = !!match && topFields(match).size > 0
    this.refuse(name, coll, match ?? {}, undefined, !!best || !filtered)
    const docs = best ? this.docsOf(coll, best.ids()) : [...coll.docs.values()]
    this.record(
      name,
      coll,
      match ?? {},
      undefined,
      best ? `index ${best.index}` : 'scan',
      filtered && !best,
      docs.length,
      docs.length,
    )
    return docs
  }

  /** The documents the best index offers for `query` (the whole collection without one); nothing is counted. */
  candidates(coll: Indexed, query: Doc, geoIds?: Set<string>): Doc[] {
    const best = this.choose(coll, query, geoIds)
    return best ? this.docsOf(coll, best.ids()) : [...coll.docs.values()]
  }

  private docsOf(coll: Indexed, ids: Iterable<string>): Doc[] {
    const out: Doc[] = []
    for (const id of ids) {
      const d = coll.docs.get(id)
      if (d) out.push(d)
    }
    return out
  }

  /**
   * The smallest candidate set an index offers, or undefined when every index would need the whole collection.
   * Equalities are sized exactly (a bucket's size); ranges are counted in rounds of a doubling cap, all of them
   * each round, so sizing costs about (number of ranges) × (the smallest one), never a count of a huge range.
   */
  private choose(coll: Indexed, query: Doc, geoIds?: Set<string>): Choice | undefined {
    let best: Choice | undefined = geoIds && { index: 'geo', size: geoIds.size, ids: () => geoIds }
    const ranges: Array<{ field: string; ix: FieldIndex; range: Range }> = []
    const fields = topFields(query)
    for (const field of fields) {
      const ix = coll.indexes.get(field)
      if (!ix || !ix.usableWith(fields)) continue
      for (const c of mergedConditionsOn(query, field)) {
        if (c.kind === 'eq') {
          const byId = field === '_id'
          const size = byId ? c.values.length : ix.lookupSize(c.values)
          if (!best || size < best.size)
            best = { index: field, size, ids: () => (byId ? c.values.map(idKey) : (ix.lookup(c.values) ?? [])) }
        } else ranges.push({ field, ix, range: c.range })
      }
    }
    for (let round = 64; ranges.length; round *= 2) {
      const cap = best ? Math.min(round, best.size) : round
      let found = false
      for (const { field, ix, range } of ranges) {
        const size = ix.rangeSize(range, cap)
        if (size <= cap && (!best || size < best.size)) {
          best = { index: field, size, range, ids: () => ix.rangeIds(range) }
          found = true
        }
      }
      // a range within the cap is the smallest of them (the others exceed it); none can beat a best within it
      if (found || (best && cap >= best.size)) break
    }
    return best
  }

  /**
   * orderBy + limit over an indexed field: documents in the index's order (within the query's own range on that
   * field), tested one by one, until skip + limit matched. Tried when it should cost less than sorting the best
   * candidate set; gives up (docs undefined) after examining as many as the best candidate set holds, so it never
   * costs more than twice the best plan.
   */
  private walk(
    coll: Indexed,
    query: Doc,
    sort: Sort,
    skip: number,
    limit: number,
    best: Choice | undefined,
  ): { docs?: Doc[]; examined: number } {
    const [field, dir] = Object.entries(sort)[0]
    const ix = coll.indexes.get(field)
    const want = skip + limit
    if (!ix || !ix.alone || (best && best.size <= want)) return { examined: 0 }
    const own = mergedConditionsOn(query, field)
    if (own.some((c) => c.kind === 'eq')) return { examined: 0 } // one value: its bucket is the set to sort
    const ranges = own.flatMap((c) => (c.kind === 'range' ? [c.range] : []))
    if (ranges.length > 1) return { examined: 0 } // ranges of two types: the order of neither holds every match
    const range = ranges[0]
    if (best && best.index !== field) {
      // candidates of another index, spread evenly over the order: reaching skip + limit of them examines about
      // (skip + limit) × total / best.size documents (at most the own range's), against best.size for sorting
      const span = range ? ix.rangeSize(range, best.size) : coll.docs.size
      if (Math.min(span, (want * coll.docs.size) / best.size) >= best.size) return { examined: 0 }
    }
    // (the best being this field's own range: walking it examines skip + limit up to its size, never more)
    const groups = ix.ordered(coll.docs.size, dir < 0, range)
    if (!groups) return { examined: 0 }
    const budget = best ? best.size : Infinity
    const q = makeQuery(query)
    const more = Object.keys(sort).length > 1
    const out: Doc[] = []
    let toSkip = skip
    let examined = 0
    for (const ids of groups) {
      let docs: Doc[] = []
      for (const id of ids) {
        const d = coll.docs.get(id)
        if (!d) continue
        examined++
        if (q.test(d)) docs.push(d)
      }
      if (examined > budget) return { examined }
      if (more && docs.length > 1) docs = makeQuery({}).find<Doc>(docs).sort(sort).all() // ties: by the other keys
      for (const d of docs) {
        if (toSkip > 0) toSkip--
        else if (out.push(d) === limit) return { docs: out, examined }
      }
    }
    return { docs: out, examined }
  }

  /** With policy 'error', a query no index serves on a large collection is refused before it runs. */
  private refuse(name: string, coll: Indexed, query: Doc, sort: Sort | undefined, served: boolean): void {
    if (served || this.policy !== 'error' || coll.docs.size <= this.above) return
    throw new StoreError('DATABASE_REQUEST_FAILED', `no index serves this query on ${name}: ${describe(query, sort)}`)
  }

  private record(
    name: string,
    coll: Indexed,
    query: Doc,
    sort: Sort | undefined,
    via: string,
    unserved: boolean,
    examined: number,
    returned: number,
  ): void {
    const c = this.counts
    c.queries++
    c.examined += examined
    c.returned += returned
    if (!unserved && via !== 'scan') c.indexed++
    const per = (c.byCollection[name] ??= { queries: 0, examined: 0 })
    per.queries++
    per.examined += examined
    const shape = describe(query, sort)
    this.last = { collection: name, shape, via, examined, returned }
    if (!unserved || coll.docs.size <= this.above) return
    const key = `${name} ${shape}`
    const u = this.unindexed.get(key) ?? { collection: name, shape, count: 0, examined: 0 }
    u.count++
    u.examined += examined
    this.unindexed.set(key, u)
    if (this.policy === 'warn' && !this.warned.has(key)) {
      this.warned.add(key)
      this.warn(
        `[local cloud] no index serves ${name} ${shape} (${coll.docs.size} documents, ${examined} examined): ` +
          'declare one in core/schema.ts (the real service would advise one too)',
      )
    }
  }
}

const describe = (query: Doc, sort: Sort | undefined): string =>
  shapeOf(query) + (sort ? ` orderBy ${JSON.stringify(sort)}` : '')

const fresh = () => ({
  queries: 0,
  indexed: 0,
  examined: 0,
  returned: 0,
  byCollection: {} as Record<string, { queries: number; examined: number }>,
})
