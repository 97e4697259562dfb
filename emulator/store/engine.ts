/**
 * The document engine: collections as in-memory maps (with equality indexes), MongoDB semantics from mingo,
 * durability from the journal (see journal.ts for why), and optimistic transactions.
 *
 * Transactions give snapshot reads: when any write set commits, every open transaction first keeps the
 * before-image of each document it touches, so a transaction keeps seeing the database as it was at its start.
 * Commit checks the transaction's write set against versions (first committer wins) and fails with
 * DATABASE_TRANSACTION_CONFLICT, which makes the SDK's runTransaction retry.
 */
import crypto from 'node:crypto'
import { Query, aggregate as mingoAggregate, update as mingoUpdate } from 'mingo'
import { Journal, type Durability, type Op, type ReplayResult } from './journal'
import { EqualityIndex, cloneDoc, equalityValues, idKey, type Doc } from './equality-index'
import { StoreError, collectionNotExist, transactionConflict } from './errors'

export type { Doc }
export type Sort = Record<string, 1 | -1>

export interface FindOptions {
  sort?: Sort
  skip?: number
  limit?: number
  projection?: Doc
  tx?: string
}

interface Collection {
  docs: Map<string, Doc>
  indexes: Map<string, EqualityIndex>
}

interface Tx {
  startSeq: number
  startedAt: number
  /** pending writes, by doc key; null = delete */
  writes: Map<string, { c: string; id: unknown; d: Doc | null }>
  /** before-images of documents changed by others since the transaction started; null = did not exist */
  before: Map<string, Doc | null>
}

export interface EngineOptions {
  durability?: Durability
  /** compact when the journal grows beyond this many bytes (default 16 MB) */
  compactBytes?: number
  /** open transactions older than this are aborted (default 30 s, as a platform would time them out) */
  txTimeoutMs?: number
}

const docKey = (c: string, id: unknown): string => c + '\u0000' + idKey(id)
/** Auto ids look like the real service's: 32 hex characters. */
export const newId = (): string => crypto.randomBytes(16).toString('hex')

export class Engine {
  private readonly colls = new Map<string, Collection>()
  private readonly versions = new Map<string, number>()
  private readonly txs = new Map<string, Tx>()
  private seq = 0
  private compacting = false
  private readonly journal: Journal
  readonly replay: ReplayResult
  private readonly compactBytes: number
  private readonly txTimeoutMs: number
  private readonly gcTimer: NodeJS.Timeout

  constructor(dir: string, opts: EngineOptions = {}) {
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

  /** Adds an equality index on `field` (the first key of a compound index is what equality lookups use). */
  ensureIndex(name: string, field: string): void {
    const coll = this.coll(name)
    if (coll.indexes.has(field) || !EqualityIndex.supports(field)) return
    const ix = new EqualityIndex(field)
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
    const docs = this.candidates(c, query, opts.tx)
    const projection = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined
    let cursor = new Query(query).find<Doc>(docs, projection)
    if (opts.sort && Object.keys(opts.sort).length) cursor = cursor.sort(opts.sort)
    if (opts.skip) cursor = cursor.skip(opts.skip)
    if (opts.limit !== undefined && Number.isFinite(opts.limit)) cursor = cursor.limit(opts.limit)
    return cursor.all()
  }

  count(c: string, query: Doc): number {
    const q = new Query(query)
    let n = 0
    for (const d of this.candidates(c, query)) if (q.test(d)) n++
    return n
  }

  aggregate(c: string, pipeline: Doc[]): Doc[] {
    const docs = [...this.coll(c).docs.values()]
    return mingoAggregate(docs, pipeline, {
      collectionResolver: (name: string) => [...(this.colls.get(name)?.docs.values() ?? [])],
      processingMode: 1, // ProcessingMode.CLONE_INPUT: stages must never mutate stored documents
    }) as Doc[]
  }

  /** Documents that may match: an index bucket when the query pins an indexed field, else the whole collection. */
  private candidates(c: string, query: Doc, txId?: string): Doc[] {
    const coll = this.coll(c)
    let ids: Iterable<string> | undefined
    const idVals = equalityValues(query, '_id')
    if (idVals) ids = idVals.map(idKey)
    else {
      for (const [field, ix] of coll.indexes) {
        const vals = equalityValues(query, field)
        const hit = vals && ix.lookup(vals)
        if (hit) {
          ids = hit
          break
        }
      }
    }
    const base: Doc[] = []
    if (ids) {
      for (const id of ids) {
        const d = coll.docs.get(id)
        if (d) base.push(d)
      }
    } else base.push(...coll.docs.values())
    if (!txId) return base
    // the transaction's view: snapshot before-images and its own pending writes replace current versions
    const tx = this.tx(txId)
    const view = new Map<string, Doc | null>()
    for (const d of base) view.set(docKey(c, d._id), d)
    for (const [k, d] of tx.before) if (k.startsWith(c + '\u0000')) view.set(k, d)
    for (const [k, w] of tx.writes) if (w.c === c) view.set(k, w.d)
    return [...view.values()].filter((d): d is Doc => d !== null)
  }

  // ---------- writes ----------

  async insert(c: string, docs: Doc[], txId?: string): Promise<unknown[]> {
    this.coll(c)
    const tx = txId ? this.tx(txId) : undefined
    const ops: Op[] = []
    const seen = new Set<string>()
    for (const d of docs) {
      if (d._id === undefined || d._id === null) d._id = newId()
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
    await this.write(ops, tx)
    return docs.map((d) => d._id)
  }

  /**
   * Updates matching documents with a MongoDB modifier, or replaces them (`replace`, the SDK's doc.set).
   * `updated` counts documents actually changed, as MongoDB's nModified does.
   */
  async update(
    c: string,
    query: Doc,
    modifier: Doc,
    opts: { multi?: boolean; upsert?: boolean; replace?: boolean; tx?: string } = {},
  ): Promise<{ updated: number; upsertedId?: unknown }> {
    const tx = opts.tx ? this.tx(opts.tx) : undefined
    const hits = this.find(c, query, { limit: opts.multi ? undefined : 1, tx: opts.tx })
    const ops: Op[] = []
    for (const old of hits) {
      let d: Doc
      if (opts.replace) d = { ...cloneDoc(modifier), _id: old._id }
      else {
        d = cloneDoc(old)
        if (mingoUpdate(d, modifier).length === 0) continue
      }
      if (opts.replace && sameDoc(old, d)) continue
      ops.push({ k: 'put', c, d })
    }
    if (!hits.length && opts.upsert) {
      const id = query._id !== undefined && typeof query._id !== 'object' ? query._id : newId()
      let d: Doc
      if (opts.replace) d = { ...cloneDoc(modifier), _id: id }
      else {
        d = { _id: id }
        mingoUpdate(d, modifier)
      }
      await this.insert(c, [d], opts.tx)
      return { updated: 0, upsertedId: id }
    }
    await this.write(ops, tx)
    return { updated: ops.length }
  }

  async remove(c: string, query: Doc, opts: { multi?: boolean; tx?: string } = {}): Promise<number> {
    const tx = opts.tx ? this.tx(opts.tx) : undefined
    const hits = this.find(c, query, { limit: opts.multi ? undefined : 1, tx: opts.tx })
    await this.write(
      hits.map((d) => ({ k: 'del', c, id: d._id })),
      tx,
    )
    return hits.length
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

  private async write(ops: Op[], tx?: Tx): Promise<void> {
    if (!ops.length) return
    if (!tx) return this.commitOps(ops)
    for (const op of ops) {
      if (op.k === 'put') tx.writes.set(docKey(op.c, op.d._id), { c: op.c, id: op.d._id, d: op.d })
      else if (op.k === 'del') tx.writes.set(docKey(op.c, op.id), { c: op.c, id: op.id, d: null })
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
    if (this.journal.size > this.compactBytes && !this.compacting) void this.compact()
    return durable
  }

  private applyOp(op: Op): void {
    if (op.k === 'coll') {
      if (!this.colls.has(op.c)) this.colls.set(op.c, { docs: new Map(), indexes: new Map() })
      return
    }
    let coll = this.colls.get(op.c)
    if (!coll) this.colls.set(op.c, (coll = { docs: new Map(), indexes: new Map() }))
    const id = op.k === 'put' ? op.d._id : op.id
    const key = idKey(id)
    const old = coll.docs.get(key)
    if (old) for (const ix of coll.indexes.values()) ix.remove(key, old)
    if (op.k === 'put') {
      coll.docs.set(key, op.d)
      for (const ix of coll.indexes.values()) ix.add(key, op.d)
    } else coll.docs.delete(key)
  }

  /** Rewrites the whole state as a snapshot and empties the journal (crash-safe, see journal.ts). */
  async compact(): Promise<void> {
    if (this.compacting) return
    this.compacting = true
    try {
      await this.journal.compact(() => {
        const ops: Op[] = []
        for (const [c, coll] of this.colls) {
          ops.push({ k: 'coll', c })
          for (const d of coll.docs.values()) ops.push({ k: 'put', c, d })
        }
        return { seq: this.seq, ops }
      })
    } finally {
      this.compacting = false
    }
  }

  // ---------- transactions ----------

  begin(): string {
    const id = crypto.randomUUID()
    this.txs.set(id, { startSeq: this.seq, startedAt: Date.now(), writes: new Map(), before: new Map() })
    return id
  }

  private tx(id: string): Tx {
    const t = this.txs.get(id)
    if (!t) throw new StoreError('DATABASE_REQUEST_FAILED', `transaction ${id} does not exist or has ended`)
    return t
  }

  /** First committer wins: any document in the write set changed since the start is a conflict. */
  async commit(id: string): Promise<void> {
    const t = this.tx(id)
    this.txs.delete(id)
    for (const k of t.writes.keys()) if ((this.versions.get(k) ?? 0) > t.startSeq) throw transactionConflict()
    const ops: Op[] = [...t.writes.values()].map((w) =>
      w.d ? { k: 'put', c: w.c, d: w.d } : { k: 'del', c: w.c, id: w.id },
    )
    if (ops.length) await this.commitOps(ops)
  }

  abort(id: string): void {
    this.txs.delete(id)
  }

  private expireTransactions(): void {
    const now = Date.now()
    for (const [id, t] of this.txs) if (now - t.startedAt > this.txTimeoutMs) this.txs.delete(id)
  }

  async close(): Promise<void> {
    clearInterval(this.gcTimer)
    await this.journal.close()
  }
}

function sameDoc(a: Doc, b: Doc): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b)
  } catch {
    return false
  }
}
