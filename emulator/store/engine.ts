/**
 * The document engine: collections as in-memory maps (with field indexes), MongoDB semantics from mingo,
 * durability from the journal (see journal.ts for why), and optimistic transactions.
 *
 * Queries go through a planner (planner.ts): an index narrows the candidates, or walks a sort in order and stops
 * at the limit; every query is counted (documents examined, index or scan), and a query no index serves on a
 * large collection is reported once per shape, as the real service's index advice does.
 *
 * Transactions give snapshot reads: when any write set commits, every open transaction first keeps the
 * before-image of each document it touches, so a transaction keeps seeing the database as it was at its start.
 * Write-write conflicts are found AT THE WRITE, as on the real service (MongoDB underneath): a transaction's
 * write to a document that another open transaction has written, or that changed since this one started, is
 * refused with DATABASE_TRANSACTION_CONFLICT and the transaction is over. A write outside any transaction to a
 * document an open transaction has written waits until that transaction ends (MongoDB's document lock).
 */
import crypto from 'node:crypto'
import { update as mingoUpdate } from 'mingo'
import { encodeLine } from './codec'
import { Journal, type Durability, type Op, type ReplayResult } from './journal'
import { FieldIndex } from './field-index'
import { Planner, type Plan, type PlanStats, type UnindexedPolicy } from './planner'
import { cloneDoc, idKey, isDate, isRegExp, type Doc } from './values'
import { StoreError, collectionNotExist, geoIndexMissing, transactionConflict, transactionNotExist } from './errors'
import { GEO_OPERATORS, GeoIndex, asGeometry, boxAround, geometriesAt, metersTo, nearSpec, queryBox } from './geo'
import { makeQuery, runPipeline } from './operators'

export type { Doc }
export type { Plan, PlanStats, UnindexedPolicy }
export type Sort = Record<string, 1 | -1>

export interface FindOptions {
  sort?: Sort
  skip?: number
  limit?: number
  projection?: Doc
  tx?: string
}

export interface Collection {
  docs: Map<string, Doc>
  /** field indexes by field; `_id` always has one */
  indexes: Map<string, FieldIndex>
  /** 2dsphere indexes by field */
  geo: Map<string, GeoIndex>
}

const newCollection = (): Collection => ({
  docs: new Map(),
  indexes: new Map([['_id', new FieldIndex('_id')]]),
  geo: new Map(),
})

export type IndexKind = 1 | -1 | '2dsphere'

interface Tx {
  id: string
  startSeq: number
  startedAt: number
  /** pending writes, by doc key; null = delete */
  writes: Map<string, { c: string; id: unknown; d: Doc | null }>
  /** before-images of documents changed by others since the transaction started; null = did not exist */
  before: Map<string, Doc | null>
  /** called when the transaction ends (commit, abort, conflict, timeout): releases writers waiting on its locks */
  onEnd: Array<() => void>
}

export interface EngineOptions {
  durability?: Durability
  /** compact when the journal grows beyond this many bytes (default 16 MB) */
  compactBytes?: number
  /** open transactions older than this are aborted (default 30 s, as a platform would time them out) */
  txTimeoutMs?: number
  /** a query no index serves on a collection larger than `unindexedAbove`: 'warn' once per shape (default), 'error' refuses it, 'ignore' */
  unindexed?: UnindexedPolicy
  /** collection size from which unindexed queries are reported (default 1,000 documents) */
  unindexedAbove?: number
  /** where unindexed-query warnings and compaction failures go (default console.warn) */
  warn?: (message: string) => void
}

const docKey = (c: string, id: unknown): string => c + '\u0000' + idKey(id)
/** Auto ids look like the real service's: 32 hex characters. */
export const newId = (): string => crypto.randomBytes(16).toString('hex')

export class Engine {
  private readonly colls = new Map<string, Collection>()
  private readonly versions = new Map<string, number>()
  private readonly txs = new Map<string, Tx>()
  /** documents written by an open transaction: doc key -> transaction id */
  private readonly locks = new Map<string, string>()
  private seq = 0
  private compacting: Promise<void> | undefined
  private closing = false
  private readonly journal: Journal
  readonly replay: ReplayResult
  private readonly compactBytes: number
  private readonly txTimeoutMs: number
  private readonly gcTimer: NodeJS.Timeout
  private readonly planner: Planner
  private readonly warn: (message: string) => void

  constructor(dir: string, opts: EngineOptions = {}) {
    this.warn = opts.warn ?? ((m) => console.warn(m))
    this.planner = new Planner({ unindexed: opts.unindexed, unindexedAbove: opts.unindexedAbove, warn: this.warn })
    const { journal, replay } = Journal.open(dir, opts.durability ?? 'fsync', (op) => this.applyOp(op))
    this.journal = journal
    this.replay = replay
    this.seq = replay.lastSeq
    this.compactBytes = opts.compactBytes ?? 16 * 1024 * 1024
    this.txTimeoutMs = opts.txTimeoutMs ?? 30_000
    this.gcTimer = setInterval(() => this.expireTransactions(), 5_000)
    this.gcTimer.unref()
  }

  /** Number of fdatasync calls so far (group commit: far fewer than writes under concurrency). */
  get syncCount(): number {
    return this.journal.syncs
  }

  // ---------- collections and indexes ----------

  hasCollection(name: string): boolean {
    return this.colls.has(name)
  }

  collectionNames(): string[] {
    return [...this.colls.keys()]
  }

  /** Creates a collection durably. Returns false if it already existed. */
  async createCollection(name: string): Promise<boolean> {
    if (this.colls.has(name)) return false
    await this.commitOps([{ k: 'coll', c: name }])
    return true
  }

  /**
   * Adds an index on `field` (equality, ranges, prefixes and order), or with kind '2dsphere' a geo index, which
   * geo queries on that field require. A later key of a compound index passes the keys before it as `lead`: it
   * is looked up only by queries that condition those too (field-index.ts), never walked for a sort.
   */
  ensureIndex(name: string, field: string, kind: IndexKind = 1, lead: readonly string[] = []): void {
    const coll = this.coll(name)
    if (kind === '2dsphere') {
      if (coll.geo.has(field)) return
      const gx = new GeoIndex(field)
      for (const [id, d] of coll.docs) gx.add(id, d)
      coll.geo.set(field, gx)
      return
    }
    const held = coll.indexes.get(field)
    if (held) return held.allow(lead)
    if (!FieldIndex.supports(field)) return
    const ix = new FieldIndex(field, lead)
    for (const [id, d] of coll.docs) ix.add(id, d)
    coll.indexes.set(field, ix)
  }

  private coll(name: string): Collection {
    const c = this.colls.get(name)
    if (!c) throw collectionNotExist(name)
    return c
  }

  size(name: string): number {
    return this.coll(name).docs.size
  }

  // ---------- reads ----------

  /** Read fence: resolves when every write this engine has applied is durable. */
  fence(): Promise<void> {
    return this.journal.sync()
  }

  find(c: string, query: Doc, opts: FindOptions = {}): Doc[] {
    const coll = this.coll(c)
    const geoIds = this.checkGeo(c, query)
    const near = nearOf(query)
    let arrange: ((docs: Doc[]) => Doc[]) | undefined
    if (near && !(opts.sort && Object.keys(opts.sort).length)) {
      // $nearSphere answers nearest first (an explicit orderBy overrides it, as in MongoDB)
      const center = nearSpec(near.value).center
      const path = near.field.split('.')
      const dist = (d: Doc): number => Math.min(...geometriesAt(d, path).map((g) => metersTo(center, g)))
      arrange = (docs) =>
        docs
          .map((d) => [dist(d), d] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, d]) => d)
    }
    const projection = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined
    const view = opts.tx ? this.txView(c, this.planner.candidates(coll, query, geoIds), opts.tx, query) : undefined
    return this.planner.find(c, coll, query, { ...opts, projection, geoIds, view, arrange })
  }

  count(c: string, query: Doc): number {
    return this.planner.count(c, this.coll(c), query, this.checkGeo(c, query))
  }

  /** Runs `find` and tells how it was answered: the index used, documents examined and returned. */
  explain(c: string, query: Doc, opts: FindOptions = {}): Plan {
    this.find(c, query, opts)
    return this.planner.last!
  }

  /** Queries so far: how many, documents examined, and the shapes no index served (see planner.ts). */
  stats(): PlanStats {
    return this.planner.stats()
  }

  resetStats(): void {
    this.planner.reset()
  }

  /** What happens to a query no index serves on a large collection: 'warn' (once per shape), 'error', 'ignore'. */
  set unindexedPolicy(policy: UnindexedPolicy) {
    this.planner.policy = policy
  }

  aggregate(c: string, pipeline: Doc[]): Doc[] {
    let docs: Doc[]
    let stages = pipeline
    if (stages.length && '$geoNear' in stages[0]) {
      docs = this.geoNear(c, stages[0].$geoNear)
      stages = stages.slice(1)
    } else {
      // a leading $match takes its candidates from an index (the stage still runs on them)
      const match = stages.length && isObject(stages[0].$match) ? stages[0].$match : undefined
      if (match && geoConditions(match).length) docs = [...this.coll(c).docs.values()]
      else docs = this.planner.matchCandidates(c, this.coll(c), match)
    }
    if (stages.some((s) => '$geoNear' in s))
      throw new StoreError('DATABASE_REQUEST_FAILED', '$geoNear is only valid as the first stage in a pipeline')
    for (const s of stages) if (isObject(s.$match)) this.checkGeo(c, s.$match)
    // stages run on clones (CLONE_INPUT): they must never mutate stored documents
    return runPipeline(docs, stages, (name: string) => [...(this.colls.get(name)?.docs.values() ?? [])])
  }

  /** The $geoNear stage: documents near a point, nearest first, with their distance in `distanceField`. */
  private geoNear(c: string, spec: unknown): Doc[] {
    if (!isObject(spec)) throw new StoreError('DATABASE_REQUEST_FAILED', '$geoNear requires an object')
    const coll = this.coll(c)
    const near = asGeometry(spec.near)
    if (!near || near.type !== 'Point')
      throw new StoreError('DATABASE_REQUEST_FAILED', '$geoNear requires near as a Point')
    if (typeof spec.distanceField !== 'string' || !spec.distanceField)
      throw new StoreError('DATABASE_REQUEST_FAILED', "$geoNear requires a 'distanceField' option as a String")
    let field = typeof spec.key === 'string' ? spec.key : undefined
    if (field === undefined) {
      if (coll.geo.size > 1)
        throw new StoreError('DATABASE_REQUEST_FAILED', 'There is more than one 2dsphere index; $geoNear needs a key')
      field = [...coll.geo.keys()][0]
    }
    const ix = field !== undefined ? coll.geo.get(field) : undefined
    if (!ix || field === undefined) throw geoIndexMissing(c, field ?? 'near')
    const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d)
    const min = num(spec.minDistance, 0)
    const max = num(spec.maxDistance, Infinity)
    const q = isObject(spec.query) && Object.keys(spec.query).length ? makeQuery(spec.query) : undefined
    const path = field.split('.')
    const out: Array<[number, Doc]> = []
    for (const id of ix.lookup(Number.isFinite(max) ? boxAround(near.coordinates, max) : undefined)) {
      const d = coll.docs.get(id)
      if (!d || (q && !q.test(d))) continue
      const gs = geometriesAt(d, path)
      if (!gs.length) continue
      const dist = Math.min(...gs.map((g) => metersTo(near.coordinates, g)))
      if (dist < min || dist > max) continue
      out.push([dist, d])
    }
    out.sort((a, b) => a[0] - b[0])
    const multiplier = num(spec.distanceMultiplier, 1)
    return out.map(([dist, d]) => {
      const doc = cloneDoc(d)
      setPath(doc, spec.distanceField as string, dist * multiplier)
      if (typeof spec.includeLocs === 'string') setPath(doc, spec.includeLocs, cloneDoc(geometriesAt(d, path)[0]))
      return doc
    })
  }

  /**
   * Geo conditions need a 2dsphere index on their field (the service refuses them otherwise); returns the
   * narrowest index lookup a top-level one allows.
   */
  private checkGeo(c: string, query: Doc): Set<string> | undefined {
    const coll = this.coll(c)
    let ids: Set<string> | undefined
    for (const g of geoConditions(query)) {
      const ix = coll.geo.get(g.field)
      if (!ix) throw geoIndexMissing(c, g.field)
      if (g.topLevel && !ids) ids = ix.lookup(queryBox(g.op, g.value))
    }
    return ids
  }

  /**
   * A transaction's view of candidates: snapshot before-images and its own pending writes replace current versions.
   * A query by _id (every operation a transaction runs: doc().get/update/set/remove) takes only those documents'
   * versions, as the service reads one document: not every document the transaction wrote or others committed since
   * it began (a 收到 in a burst once examined 164 documents for its 20 gets and writes, and spent the CPU on them).
   */
  private txView(c: string, base: Doc[], txId: string, query: Doc): Doc[] {
    const tx = this.tx(txId)
    const view = new Map<string, Doc | null>()
    for (const d of base) view.set(docKey(c, d._id), d)
    const ids = idsOf(query)
    if (ids)
      for (const id of ids) {
        const k = docKey(c, id)
        const w = tx.writes.get(k)
        if (w) view.set(k, w.d)
        else if (tx.before.has(k)) view.set(k, tx.before.get(k) ?? null)
      }
    else {
      for (const [k, d] of tx.before) if (k.startsWith(c + '\u0000')) view.set(k, d)
      for (const [k, w] of tx.writes) if (w.c === c) view.set(k, w.d)
    }
    return [...view.values()].filter((d): d is Doc => d !== null)
  }

  // ---------- writes ----------

  async insert(c: string, docs: Doc[], txId?: string): Promise<unknown[]> {
    this.coll(c)
    const tx = txId ? this.tx(txId) : undefined
    for (const d of docs) if (d._id === undefined || d._id === null) d._id = newId()
    return this.apply(tx, () => {
      const ops: Op[] = []
      const seen = new Set<string>()
      for (const d of docs) {
        const k = docKey(c, d._id)
        if (seen.has(k) || this.exists(c, d._id, tx)) {
          throw new StoreError(
            'DATABASE_REQUEST_FAILED',
            `E11000 duplicate key error collection: ${c} index: _id_ dup key: { _id: ${JSON.stringify(d._id)} }`,
          )
        }
        seen.add(k)
        ops.push({ k: 'put', c, d })
      }
      return { ops, result: docs.map((d) => d._id) }
    })
  }

  /**
   * Updates matching documents with a MongoDB modifier, or replaces them (`replace`, the SDK's doc.set).
   * `updated` counts documents actually changed, as MongoDB's nModified does; except that a replace counts the
   * document it found even when the content is the same, as the service's doc.set reports ("若指定的 _id 已存在则为 1").
   */
  async update(
    c: string,
    query: Doc,
    modifier: Doc,
    opts: { multi?: boolean; upsert?: boolean; replace?: boolean; tx?: string } = {},
  ): Promise<{ updated: number; upsertedId?: unknown }> {
    const tx = opts.tx ? this.tx(opts.tx) : undefined
    const upsertId = query._id !== undefined && typeof query._id !== 'object' ? query._id : newId()
    return this.apply<{ updated: number; upsertedId?: unknown }>(tx, () => {
      const hits = this.find(c, query, { limit: opts.multi ? undefined : 1, tx: opts.tx })
      const ops: Op[] = []
      let updated = 0
      for (const old of hits) {
        let d: Doc
        if (opts.replace) {
          d = { ...cloneDoc(modifier), _id: old._id }
          updated++
          if (sameDoc(old, d)) continue
        } else {
          d = cloneDoc(old)
          if (mingoUpdate(d, modifier).length === 0) continue
          updated++
        }
        ops.push({ k: 'put', c, d })
      }
      if (!hits.length && opts.upsert) {
        if (this.exists(c, upsertId, tx)) {
          throw new StoreError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${c} index: _id_`)
        }
        let d: Doc
        if (opts.replace) d = { ...cloneDoc(modifier), _id: upsertId }
        else {
          d = { _id: upsertId }
          mingoUpdate(d, modifier)
        }
        return { ops: [{ k: 'put', c, d }], result: { updated: 0, upsertedId: upsertId } }
      }
      return { ops, result: { updated } }
    })
  }

  async remove(c: string, query: Doc, opts: { multi?: boolean; tx?: string } = {}): Promise<number> {
    const tx = opts.tx ? this.tx(opts.tx) : undefined
    return this.apply(tx, () => {
      const hits = this.find(c, query, { limit: opts.multi ? undefined : 1, tx: opts.tx })
      return { ops: hits.map((d): Op => ({ k: 'del', c, id: d._id })), result: hits.length }
    })
  }

  /** Bulk upsert by _id (demo seed, fixtures), as one durable write set per call; creates the collection. */
  async put(c: string, docs: Doc[]): Promise<void> {
    const ops: Op[] = this.colls.has(c) ? [] : [{ k: 'coll', c }]
    for (const d of docs) ops.push({ k: 'put', c, d: { ...d, _id: d._id ?? newId() } })
    await this.commitOps(ops)
  }

  private exists(c: string, id: unknown, tx?: Tx): boolean {
    const k = docKey(c, id)
    if (tx) {
      const w = tx.writes.get(k)
      if (w) return w.d !== null
      if (tx.before.has(k)) return tx.before.get(k) !== null
    }
    return this.coll(c).docs.has(idKey(id))
  }

  /**
   * Plans a write and carries it out: inside a transaction it is staged (or refused as a conflict); outside, it
   * commits, unless it touches a document an open transaction has written: then it waits for that transaction
   * to end and plans again (what it matches may have changed).
   */
  private async apply<T>(tx: Tx | undefined, plan: () => { ops: Op[]; result: T }): Promise<T> {
    for (;;) {
      const { ops, result } = plan()
      if (tx) {
        this.stage(tx, ops)
        return result
      }
      const holder = this.lockHolder(ops)
      if (!holder) {
        if (ops.length) await this.commitOps(ops)
        return result
      }
      await new Promise<void>((resolve) => holder.onEnd.push(resolve))
    }
  }

  private lockHolder(ops: Op[]): Tx | undefined {
    for (const op of ops) {
      if (op.k === 'coll') continue
      const holder = this.locks.get(docKey(op.c, op.k === 'put' ? op.d._id : op.id))
      const tx = holder && this.txs.get(holder)
      if (tx) return tx
    }
    return undefined
  }

  /**
   * A transaction's write: refused, and the transaction ended, if another open transaction has written the
   * document or it changed since this transaction started; otherwise locked and kept until commit.
   */
  private stage(tx: Tx, ops: Op[]): void {
    const keyed = ops.flatMap((op) =>
      op.k === 'coll' ? [] : [{ k: docKey(op.c, op.k === 'put' ? op.d._id : op.id), op }],
    )
    for (const { k } of keyed) {
      const holder = this.locks.get(k)
      if ((holder !== undefined && holder !== tx.id) || (this.versions.get(k) ?? 0) > tx.startSeq) {
        this.end(tx)
        throw transactionConflict()
      }
    }
    for (const { k, op } of keyed) {
      this.locks.set(k, tx.id)
      if (op.k === 'put') tx.writes.set(k, { c: op.c, id: op.d._id, d: op.d })
      else if (op.k === 'del') tx.writes.set(k, { c: op.c, id: op.id, d: null })
    }
  }

  /**
   * Applies a write set in memory and queues its journal line; resolves when the line is durable. Memory and
   * journal order are the same because both happen in this one synchronous step.
   */
  private commitOps(ops: Op[]): Promise<void> {
    const seq = ++this.seq
    for (const tx of this.txs.values()) {
      for (const op of ops) {
        if (op.k === 'coll') continue
        const id = op.k === 'put' ? op.d._id : op.id
        const k = docKey(op.c, id)
        if (!tx.before.has(k)) tx.before.set(k, this.colls.get(op.c)?.docs.get(idKey(id)) ?? null)
      }
    }
    for (const op of ops) {
      this.applyOp(op)
      if (op.k !== 'coll') this.versions.set(docKey(op.c, op.k === 'put' ? op.d._id : op.id), seq)
    }
    const durable = this.journal.append(seq, ops)
    // in the background; a failure leaves the previous snapshot and the journal segments, which replay reads
    if (this.journal.size > this.compactBytes && !this.compacting && !this.journal.broken) void this.compactOrWarn()
    return durable
  }

  private compactOrWarn(): Promise<void> {
    return this.compact().catch((e: Error) =>
      this.warn(`[local cloud] compaction failed (every write is kept): ${e.message}`),
    )
  }

  private applyOp(op: Op): void {
    if (op.k === 'coll') {
      if (!this.colls.has(op.c)) this.colls.set(op.c, newCollection())
      return
    }
    let coll = this.colls.get(op.c)
    if (!coll) this.colls.set(op.c, (coll = newCollection()))
    const id = op.k === 'put' ? op.d._id : op.id
    const key = idKey(id)
    const old = coll.docs.get(key)
    if (old) {
      for (const ix of coll.indexes.values()) ix.remove(key, old)
      for (const gx of coll.geo.values()) gx.remove(key, old)
    }
    if (op.k === 'put') {
      coll.docs.set(key, op.d)
      for (const ix of coll.indexes.values()) ix.add(key, op.d)
      for (const gx of coll.geo.values()) gx.add(key, op.d)
    } else coll.docs.delete(key)
  }

  /**
   * After a bulk load (the seed): waits for a running compaction, then compacts a journal longer than the
   * threshold, so that the load's snapshot is written now and not under the requests that follow (the first
   * write after a district's seed started a compaction of all of it, 858 k documents: for about 8 s every request
   * waited behind its chunks, a grid.households call 94.9 ms instead of about 11, none of it in documents examined).
   */
  async settle(): Promise<void> {
    await this.compacting?.catch(() => undefined)
    if (this.journal.size > this.compactBytes && !this.journal.broken) await this.compactOrWarn()
  }

  /**
   * Writes the whole state as a snapshot and drops the journal it holds (crash-safe, see journal.ts), without
   * holding the event loop: the state is taken at one seq (references to the stored documents, which are never
   * changed in place: a write replaces them), the journal is rotated in the same step, and the documents are
   * encoded and written in chunks of a few milliseconds each while writes go on. One at a time: a second call
   * waits for the running one.
   */
  compact(): Promise<void> {
    this.compacting ??= this.compactNow().finally(() => {
      this.compacting = undefined
    })
    return this.compacting
  }

  private async compactNow(): Promise<void> {
    if (this.journal.broken) throw new Error('the journal failed: restart the local cloud to recover')
    const seq = this.seq
    const state: Array<[string, Doc[]]> = []
    let count = 0
    for (const [c, coll] of this.colls) {
      const docs = [...coll.docs.values()]
      state.push([c, docs])
      count += docs.length + 1
    }
    this.journal.rotate(seq)
    await this.journal.writeSnapshot(seq, count, this.snapshotChunks(state))
  }

  /** Snapshot lines in chunks of about 1 MB or 8 ms of encoding, whichever comes first. */
  private async *snapshotChunks(state: Array<[string, Doc[]]>): AsyncGenerator<string> {
    let lines: string[] = []
    let bytes = 0
    let since = performance.now()
    for (const [c, docs] of state) {
      lines.push(encodeLine({ k: 'coll', c }) + '\n')
      for (const d of docs) {
        const line = encodeLine({ k: 'put', c, d }) + '\n'
        lines.push(line)
        bytes += line.length
        if (bytes < 1 << 20 && (lines.length & 63 || performance.now() - since < 8)) continue
        if (this.closing) throw new Error('the local cloud closed during compaction')
        yield lines.join('')
        lines = []
        bytes = 0
        await new Promise<void>((resolve) => setImmediate(resolve))
        since = performance.now()
      }
    }
    yield lines.join('')
  }

  // ---------- transactions ----------

  begin(): string {
    const id = crypto.randomUUID()
    this.txs.set(id, {
      id,
      startSeq: this.seq,
      startedAt: Date.now(),
      writes: new Map(),
      before: new Map(),
      onEnd: [],
    })
    return id
  }

  /** An open transaction; one that committed, aborted, conflicted or timed out is gone, as on the service. */
  private tx(id: string): Tx {
    const t = this.txs.get(id)
    if (!t) throw transactionNotExist()
    return t
  }

  /** Ends a transaction: forgets it, releases its locks and wakes the writers waiting on them. */
  private end(t: Tx): void {
    this.txs.delete(t.id)
    for (const k of t.writes.keys()) if (this.locks.get(k) === t.id) this.locks.delete(k)
    for (const wake of t.onEnd.splice(0)) wake()
  }

  async commit(id: string): Promise<void> {
    const t = this.tx(id)
    this.txs.delete(id)
    // conflicts are refused at the write; this only catches a write that bypassed the locks (seed put)
    for (const k of t.writes.keys())
      if ((this.versions.get(k) ?? 0) > t.startSeq) {
        this.end(t)
        throw transactionConflict()
      }
    const ops: Op[] = [...t.writes.values()].map((w) =>
      w.d ? { k: 'put', c: w.c, d: w.d } : { k: 'del', c: w.c, id: w.id },
    )
    // applied in memory before the waiting writers wake, so they plan against the committed state
    const durable = ops.length ? this.commitOps(ops) : Promise.resolve()
    this.end(t)
    await durable
  }

  abort(id: string): void {
    this.end(this.tx(id))
  }

  private expireTransactions(): void {
    const now = Date.now()
    for (const t of [...this.txs.values()]) if (now - t.startedAt > this.txTimeoutMs) this.end(t)
  }
  async close(): Promise<void> {
    clearInterval(this.gcTimer)
    this.closing = true
    await this.compacting?.catch(() => undefined)
    await this.journal.close()
  }
}

/** The ids a query names exactly (`_id` equal to a value, `$eq` or `$in`), or undefined. */
function idsOf(query: Doc): unknown[] | undefined {
  const v = query._id
  if (v === undefined || isRegExp(v)) return undefined
  if (!isObject(v)) return [v]
  const keys = Object.keys(v)
  if (keys.length !== 1) return undefined
  const plain = (x: unknown) => !isObject(x) && !isRegExp(x)
  if (keys[0] === '$eq' && plain(v.$eq)) return [v.$eq]
  if (keys[0] === '$in' && Array.isArray(v.$in) && v.$in.every(plain)) return v.$in
  return undefined
}

function sameDoc(a: Doc, b: Doc): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b)
  } catch {
    return false
  }
}

const isObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v) && !isRegExp(v)

interface GeoCondition {
  field: string
  op: string
  value: unknown
  /** top level or inside a top-level $and: the index can narrow the candidates */
  topLevel: boolean
}

/** Every geo condition of a query, wherever it sits ($and/$or/$nor/$not nest them). */
function geoConditions(query: Doc, topLevel = true, out: GeoCondition[] = []): GeoCondition[] {
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' || k === '$or' || k === '$nor') {
      if (Array.isArray(v)) for (const sub of v) if (isObject(sub)) geoConditions(sub, topLevel && k === '$and', out)
      continue
    }
    if (!isObject(v)) continue
    for (const op of GEO_OPERATORS) if (op in v) out.push({ field: k, op, value: v[op], topLevel })
    if (isObject(v.$not))
      for (const op of GEO_OPERATORS) if (op in v.$not) out.push({ field: k, op, value: v.$not[op], topLevel: false })
  }
  return out
}

/** The $nearSphere condition whose distance orders the answer, if the query has one at the top. */
function nearOf(query: Doc): { field: string; value: unknown } | undefined {
  const g = geoConditions(query).find((x) => x.topLevel && (x.op === '$nearSphere' || x.op === '$near'))
  return g && { field: g.field, value: g.value }
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const segs = path.split('.')
  let cur = doc
  for (const seg of segs.slice(0, -1)) {
    if (!isObject(cur[seg])) cur[seg] = {}
    cur = cur[seg] as Doc
  }
  cur[segs[segs.length - 1]] = value
}
