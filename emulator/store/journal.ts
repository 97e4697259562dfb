/**
 * Durable storage for the local cloud: an append-only journal plus a snapshot.
 *
 * Why a journal and not SQLite/LMDB (measured in the engine spike, 10,000 committed single-doc writes on this
 * 2-core ext4 box): better-sqlite3 needs a native compile (51 s install, offline prebuild fails) and does
 * 1.45 s with fsync per commit; lmdb 3.0 s and is key-value only; nedb has no aggregation and no fsync. In-memory
 * maps with mingo give full MongoDB query/aggregate semantics, and a journal line per committed write set gives
 * atomic transactions on disk. With GROUP COMMIT (every write that arrives while an fdatasync runs shares the
 * next one) the fsync cost is paid once per batch instead of once per write, and no dependency is added.
 *
 * Format: one JSON line per committed write set: {"s":seq,"o":[ops]} (values as relaxed EJSON).
 * A crash can leave only the LAST line torn; replay drops it and truncates the file there. Snapshots are written
 * tmp + fsync + rename (+ directory fsync) and record the last seq they contain, so replaying a journal that
 * still holds older lines after a crash mid-compaction is harmless.
 */
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'

export type Durability = 'fsync' | 'write'

/** One change in a write set. `d` present = put (insert or replace); absent = delete `id`. `k:'coll'` = create collection. */
export type Op =
  | { k: 'put'; c: string; d: Record<string, unknown> }
  | { k: 'del'; c: string; id: unknown }
  | { k: 'coll'; c: string }

export interface ReplayResult {
  snapshotSeq: number
  /** Highest seq on disk: the engine continues numbering after it. */
  lastSeq: number
  applied: number
  tornBytes: number
}

const JOURNAL = 'journal.jsonl'
const SNAPSHOT = 'snapshot.ejson'

export class Journal {
  private fd: number
  private pending: string[] = []
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = []
  private flushing: Promise<void> | null = null
  private bytes = 0
  private closed = false
  /** set when a write or fdatasync failed: memory may now be ahead of disk, so every later write is refused */
  private failed: Error | null = null
  /** Number of fdatasync calls made (group commit makes this far smaller than the number of writes). */
  syncs = 0

  private constructor(
    readonly dir: string,
    readonly durability: Durability,
  ) {
    this.fd = fs.openSync(path.join(dir, JOURNAL), 'a')
    this.bytes = fs.fstatSync(this.fd).size
  }

  /**
   * Opens the store in `dir`: feeds the snapshot's ops, then every complete journal line after it, to `apply`.
   * A torn last line (crash during an append) is cut off so later appends start on a clean line.
   */
  static open(
    dir: string,
    durability: Durability,
    apply: (op: Op) => void,
  ): { journal: Journal; replay: ReplayResult } {
    fs.mkdirSync(dir, { recursive: true })
    lock(dir)
    try {
      return Journal.replay(dir, durability, apply)
    } catch (e) {
      unlock(dir)
      throw e
    }
  }

  private static replay(
    dir: string,
    durability: Durability,
    apply: (op: Op) => void,
  ): { journal: Journal; replay: ReplayResult } {
    let snapshotSeq = 0
    const snapFile = path.join(dir, SNAPSHOT)
    if (fs.existsSync(snapFile)) {
      const snap = EJSON.parse(fs.readFileSync(snapFile, 'utf8')) as { seq: number; ops: Op[] }
      snapshotSeq = snap.seq
      for (const op of snap.ops) apply(op)
    }
    fs.rmSync(snapFile + '.tmp', { force: true })
    const jFile = path.join(dir, JOURNAL)
    let applied = 0
    let tornBytes = 0
    let lastSeq = snapshotSeq
    if (fs.existsSync(jFile)) {
      const buf = fs.readFileSync(jFile)
      let start = 0
      let goodEnd = 0
      while (start < buf.length) {
        let nl = buf.indexOf(0x0a, start)
        const last = nl === -1
        if (last) nl = buf.length
        const line = buf.subarray(start, nl).toString('utf8')
        if (line.trim()) {
          let rec: { s: number; o: Op[] }
          try {
            rec = EJSON.parse(line) as { s: number; o: Op[] }
            if (typeof rec.s !== 'number' || !Array.isArray(rec.o)) throw new Error('not a write set')
          } catch (e) {
            // Only the tail may be torn; a bad line followed by good ones means real corruption: refuse loudly.
            const rest = buf
              .subarray(nl + 1)
              .toString('utf8')
              .trim()
            if (rest) throw new Error(`local cloud journal corrupt at byte ${start}: ${(e as Error).message}`)
            tornBytes = buf.length - start
            break
          }
          if (rec.s > snapshotSeq) {
            for (const op of rec.o) apply(op)
            applied++
          }
          lastSeq = Math.max(lastSeq, rec.s)
        }
        goodEnd = last ? nl : nl + 1
        start = nl + 1
      }
      if (goodEnd < buf.length || (buf.length > 0 && buf[buf.length - 1] !== 0x0a)) {
        // cut the torn tail, and make sure the file ends with a newline before the next append
        const fd = fs.openSync(jFile, 'r+')
        fs.ftruncateSync(fd, goodEnd)
        if (goodEnd > 0 && buf[goodEnd - 1] !== 0x0a) fs.writeSync(fd, '\n', goodEnd)
        fs.fsyncSync(fd)
        fs.closeSync(fd)
      }
    }
    return { journal: new Journal(dir, durability), replay: { snapshotSeq, lastSeq, applied, tornBytes } }
  }

  get size(): number {
    return this.bytes
  }

  /**
   * Queues one committed write set. The returned promise resolves once the line is on disk (fdatasync'd in
   * 'fsync' mode): only then may the write be acknowledged to a client.
   */
  append(seq: number, ops: Op[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('local cloud store is closed'))
    if (this.failed) return Promise.reject(this.failed)
    this.pending.push(EJSON.stringify({ s: seq, o: ops }, { relaxed: true }) + '\n')
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject })
      this.kick()
    })
  }

  /** Resolves when everything appended so far is durable (a read fence: never show a client undurable data). */
  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed)
    if (!this.pending.length && !this.flushing) return Promise.resolve()
    return new Promise((resolve, reject) => {
      if (this.pending.length) {
        this.waiters.push({ resolve, reject })
      } else {
        // nothing queued: wait for the flush in progress
        this.flushing!.then(resolve, reject)
      }
    })
  }

  private kick(): void {
    if (this.flushing) return // the running flush picks up everything queued meanwhile (group commit)
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null
      // a write queued after the loop's last check (by a continuation of a just-acknowledged write) must not wait
      if (this.pending.length) this.kick()
    })
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.join('')
      const waiters = this.waiters
      this.pending = []
      this.waiters = []
      try {
        const buf = Buffer.from(batch, 'utf8')
        let off = 0
        while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off)
        this.bytes += buf.length
        if (this.durability === 'fsync') {
          this.syncs++
          await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())))
        }
        for (const w of waiters) w.resolve()
      } catch (e) {
        this.failed = new Error(`local cloud journal write failed (restart to recover): ${(e as Error).message}`)
        for (const w of [...waiters, ...this.waiters]) w.reject(this.failed)
        this.pending = []
        this.waiters = []
      }
    }
  }

  /**
   * Replaces snapshot + journal by a fresh snapshot of `ops` (the whole state, as of `seq`). Crash-safe: the new
   * snapshot is complete on disk before it replaces the old one, and journal lines <= seq are skipped on replay.
   */
  async compact(state: () => { seq: number; ops: Op[] }): Promise<void> {
    // wait until nothing is queued or in flight; from here on everything runs synchronously, so no append can
    // slip between taking the state and truncating the journal
    while (this.pending.length || this.flushing) await this.sync()
    const { seq, ops } = state()
    const snapFile = path.join(this.dir, SNAPSHOT)
    const tmp = snapFile + '.tmp'
    const fd = fs.openSync(tmp, 'w')
    fs.writeSync(fd, EJSON.stringify({ seq, ops }, { relaxed: true }))
    fs.fsyncSync(fd)
    fs.closeSync(fd)
    fs.renameSync(tmp, snapFile)
    syncDir(this.dir)
    fs.ftruncateSync(this.fd, 0)
    fs.fsyncSync(this.fd)
    this.bytes = 0
  }

  async close(): Promise<void> {
    await this.sync().catch(() => undefined)
    this.closed = true
    fs.closeSync(this.fd)
    unlock(this.dir)
  }
}

/**
 * One process per data directory: two local clouds appending to one journal would interleave write sets and
 * break replay. A lock left by a dead process (kill -9) is stale and taken over.
 */
function lock(dir: string): void {
  const file = path.join(dir, 'LOCK')
  const holder = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : 0
  if (holder && holder !== process.pid && alive(holder)) {
    throw new Error(`local cloud data directory ${dir} is in use by process ${holder}`)
  }
  fs.writeFileSync(file, String(process.pid))
}

function unlock(dir: string): void {
  const file = path.join(dir, 'LOCK')
  try {
    if (Number(fs.readFileSync(file, 'utf8').trim()) === process.pid) fs.rmSync(file)
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
    fs.closeSync(fd)
  } catch {
    // some filesystems refuse fsync on a directory; the rename is still atomic
  }
}
