/**
 * The local cloud: the real, unmodified wx-server-sdk runs inside function workers pointed (by environment
 * variables only) at this backend, which speaks its wire protocol over durable local storage.
 * See docs/local-cloud.md for the HTTP endpoints.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { COLLECTIONS } from '../core/schema'
import type { Persona } from '../core/persona'
import { Engine, type Doc, type PlanStats, type UnindexedPolicy } from './store/engine'
import type { Durability } from './store/journal'
import { handleDatabase, wireError, type WireParams } from './wire/database'
import { FunctionHost, type Identity, type InvokeOutcome } from './functions/host'
import { CloudIds } from './open/cloud-ids'
import { Outbox } from './open/outbox'
import { MediaChecks, type MediaCheckEvent, type MediaCheckRules } from './open/media-check'
import { LocalStorage } from './open/storage'
import { Scheduler, type TimerFiring } from './timers/scheduler'
import { createServer } from './http/server'

export { cloudIdMarker, isCloudIdMarker, type CloudIdMarker } from '../core/cloud-id'
export { Engine, type Doc, type Plan, type PlanStats, type UnindexedPolicy } from './store/engine'
export { localSdkEnv } from './functions/sdk-env'
export type { Durability } from './store/journal'
export type { Persona } from '../core/persona'
export type { TimerFiring } from './timers/scheduler'
export type { MediaCheckEvent, MediaCheckRules } from './open/media-check'

export interface LocalCloudOptions {
  dataDir: string
  /** 0 = ephemeral; always binds 127.0.0.1 */
  port?: number
  /** default <repo>/cloudfunctions (each <name>/index.js bundled + config.json) */
  functionsDir?: string
  /** served at / (the h5 build, dist-h5); SPA fallback to index.html */
  staticDir?: string
  /** default 'fsync' (group commit) */
  durability?: Durability
  /** msgSecCheck stand-in word list */
  blockedWords?: string[]
  /** served at GET /local/personas (local demo login) */
  personas?: Persona[]
  /** default 'local' */
  envId?: string
  /** APPID functions see in getWXContext() and event.userInfo (default 'wx-local-app') */
  appid?: string
  /** most concurrent instances per function (default one per core, at least 2: functions/host.ts DEFAULT_INSTANCES) */
  maxInstancesPerFunction?: number
  /** schedule config.json timer triggers (default true) */
  timers?: boolean
  /** called after each timer invocation (logging) */
  onTimer?: (f: TimerFiring) => void
  /** largest file cloud storage accepts (default 10 MB) */
  maxUploadBytes?: number
  /** each function's own environment variables (the console's 环境变量), e.g. `{ org: { BOOTSTRAP_SECRET } }` */
  functionEnv?: Record<string, Record<string, string>>
  /** a query no index serves on a collection of more than 1,000 documents: 'warn' once per shape (default), 'error', 'ignore' */
  unindexedQueries?: UnindexedPolicy
  /** how the security.mediaCheckAsync stand-in decides and delivers verdicts (word and hash lists, delay, hold, drop) */
  mediaCheck?: Partial<MediaCheckRules>
  /** 消息推送: the function each pushed event goes to, e.g. `{ wxa_media_check: 'files' }` (none: events are dropped) */
  messagePush?: Record<string, string>
}

export interface LocalCloud {
  url: string
  callFunction(name: string, data: unknown, opts: { openid: string }): Promise<{ result: unknown }>
  outbox(): unknown[]
  mintCloudID(data: unknown): string
  /** bulk upsert by _id, collection by collection; returns once the load is compacted into the snapshot (engine.settle) */
  seed(collections: Record<string, object[]>): Promise<void>
  close(): Promise<void>
  /** the storage engine (tests, benchmarks) */
  engine: Engine
  /** what replay found at start: journal lines applied and bytes of torn tail dropped */
  recovery: { applied: number; tornBytes: number }
  /** number of documents per collection */
  stats(): Record<string, number>
  /** queries since start (or the last reset): documents examined, indexed or not, unindexed shapes */
  queryStats(opts?: { reset?: boolean }): PlanStats
  /** the image checks: change their rules, release held verdicts, wait until due ones are handled */
  mediaChecks: MediaChecks
}

/** An error shaped like the one wx-server-sdk's callFunction rejects with. */
export class CallFunctionError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`cloud.callFunction:fail ${errMsg}`)
    this.name = 'CallFunctionError'
  }
}

const DEFAULT_FUNCTIONS_DIR = path.resolve(__dirname, '..', 'cloudfunctions')

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const dataDir = path.resolve(opts.dataDir)
  fs.mkdirSync(dataDir, { recursive: true })
  const envId = opts.envId ?? 'local'
  const appid = opts.appid ?? 'wx-local-app'
  const engine = new Engine(path.join(dataDir, 'db'), {
    durability: opts.durability ?? 'fsync',
    unindexed: opts.unindexedQueries,
  })
  // a long journal, an old one-string snapshot or segments a failed compaction left: one fresh snapshot
  const { applied, legacySnapshot, segments } = engine.replay
  if (applied > 10_000 || legacySnapshot || segments) await engine.compact()
  for (const spec of COLLECTIONS) {
    await engine.createCollection(spec.name)
    for (const ix of spec.indexes) {
      // every key of a compound index: a later one serves queries that also condition the keys before it
      const keys = Object.entries(ix.keys)
      keys.forEach(([field, kind], i) => {
        const lead = keys.slice(0, i).map(([f]) => f)
        if (i === 0 || kind !== '2dsphere') engine.ensureIndex(spec.name, field, kind, lead)
      })
    }
  }
  const outbox = new Outbox(dataDir)
  const cloudIds = new CloudIds()
  const personas = opts.personas ?? []
  // the host needs the server's URL, so it is created once the server listens
  const late: { host?: FunctionHost; url?: string } = {}
  const storage = new LocalStorage({ dataDir, envId, baseUrl: () => late.url!, maxBytes: opts.maxUploadBytes })

  const invoke = (name: string, data: unknown, who: Identity, source?: string): Promise<InvokeOutcome> => {
    const event = {
      ...(cloudIds.replaceInEvent(data ?? {}) as Record<string, unknown>),
      userInfo: { appId: who.appid ?? appid, openId: who.openid },
    }
    return late.host!.invoke(name, event, who, source)
  }

  // verdicts of security.mediaCheckAsync, pushed to the function 消息推送 names, as the platform calls it (no user)
  const mediaChecks = new MediaChecks(
    storage,
    {
      appid,
      deliver: async (event: MediaCheckEvent) => {
        const target = opts.messagePush?.[event.Event]
        if (!target) return
        const out = await invoke(target, event, { openid: '' }, 'wx_msg')
        if (!out.ok) console.warn(`[local cloud] ${event.Event} push to ${target} failed: ${out.errMsg}`)
      },
    },
    opts.mediaCheck,
  )

  const queryStats = ({ reset = false } = {}): PlanStats => {
    const s = engine.stats()
    if (reset) engine.resetStats()
    return s
  }

  const admin = async (b: Record<string, unknown>): Promise<unknown> => {
    const action = typeof b.action === 'string' ? b.action : ''
    // for benchmarks in another process: what the queries cost (see docs/local-cloud.md)
    if (action === 'local.queryStats')
      return { requestId: crypto.randomUUID(), data: queryStats({ reset: b.reset === true }) }
    // the image checks' rules, and held verdicts released (see docs/local-cloud.md)
    if (action === 'local.mediaCheck') {
      const rules = mediaChecks.configure(b as Partial<MediaCheckRules>)
      const released = b.release === true ? await mediaChecks.release() : 0
      return { requestId: crypto.randomUUID(), data: { rules, released, held: mediaChecks.heldCount() } }
    }
    if (action.startsWith('database.')) return handleDatabase(engine, action, b as WireParams)
    if (action.startsWith('storage.')) return storage.wire(action, b)
    if (action === 'functions.invokeFunction') {
      // a function calling another runs it as the same user (found by the calling invocation's session token)
      const caller = late.host!.callerOf(b.tcb_sessionToken)
      let data: unknown = {}
      try {
        data = typeof b.request_data === 'string' && b.request_data ? JSON.parse(b.request_data) : {}
      } catch {
        return wireError('INVALID_PARAM', 'request_data is not JSON')
      }
      const out = await invoke(
        String(b.function_name ?? ''),
        data,
        caller?.identity ?? { openid: '' },
        caller ? `${caller.source},scf` : 'scf',
      )
      if (out.ok) return { requestId: crypto.randomUUID(), data: { response_data: JSON.stringify(out.result) } }
      return wireError(out.errCode === -501000 ? 'FUNCTIONS_REQUEST_FAIL' : 'FUNCTIONS_EXECUTE_FAIL', out.errMsg)
    }
    return wireError('INVALID_PARAM', `the local cloud does not support the action ${action || '(none)'}`)
  }

  const server = createServer({
    staticDir: opts.staticDir,
    storage,
    admin,
    call: async (b) => {
      const { name, openid, data } = b
      if (typeof name !== 'string' || !name)
        return { status: 400, body: { errCode: -501007, errMsg: 'name is required' } }
      if (typeof openid !== 'string') return { status: 400, body: { errCode: -501007, errMsg: 'openid is required' } }
      if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
        return { status: 400, body: { errCode: -501007, errMsg: 'data must be an object' } }
      }
      const out = await invoke(name, data ?? {}, { openid })
      if (out.ok) return { status: 200, body: { result: out.result } }
      return { status: out.errCode === -501000 ? 404 : 200, body: { errCode: out.errCode, errMsg: out.errMsg } }
    },
    personas: () => personas,
    outbox: () => outbox.list(),
    cloudid: (b) => {
      if (!('data' in b)) return { status: 400, body: { errCode: -501007, errMsg: 'data is required' } }
      return { status: 200, body: { cloudID: cloudIds.mint(b.data) } }
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const url = (late.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`)

  // phonenumber.getPhoneNumber codes already exchanged: single use across every worker, as on the platform
  const spentPhoneCodes = new Set<string>()
  const host = (late.host = new FunctionHost({
    functionsDir: opts.functionsDir ?? DEFAULT_FUNCTIONS_DIR,
    adminUrl: `${url}/admin`,
    envId,
    appid,
    blockedWords: opts.blockedWords ?? [],
    maxInstances: opts.maxInstancesPerFunction,
    functionEnv: opts.functionEnv,
    onRpc: async (op, arg) => {
      if (op === 'outbox') return outbox.add(arg)
      if (op === 'mediaCheck') return mediaChecks.submit(arg as Parameters<MediaChecks['submit']>[0])
      if (op === 'phoneCode') return !spentPhoneCodes.has(String(arg)) && !!spentPhoneCodes.add(String(arg))
      return (Array.isArray(arg) ? arg : []).map((id) => cloudIds.resolve(String(id)))
    },
  }))
  const scheduler = new Scheduler(host, opts.onTimer)
  if (opts.timers !== false) {
    for (const problem of scheduler.start()) console.warn(`[local cloud] timer skipped: ${problem}`)
  }

  let closing: Promise<void> | undefined
  return {
    url,
    engine,
    recovery: { applied: engine.replay.applied, tornBytes: engine.replay.tornBytes },
    async callFunction(name, data, { openid }) {
      const out = await invoke(name, data, { openid })
      if (!out.ok) throw new CallFunctionError(out.errCode, out.errMsg)
      return { result: out.result }
    },
    outbox: () => outbox.list(),
    mintCloudID: (data) => cloudIds.mint(data),
    async seed(collections) {
      for (const [name, docs] of Object.entries(collections)) await engine.put(name, docs as Doc[])
      // a bulk load: its snapshot is written before seed() returns, never under the calls after it
      await engine.settle()
    },
    queryStats,
    mediaChecks,
    stats() {
      const out: Record<string, number> = {}
      for (const c of engine.collectionNames()) out[c] = engine.size(c)
      return out
    },
    close() {
      closing ??= (async () => {
        scheduler.stop()
        mediaChecks.close()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        await host.close()
        await engine.close()
      })()
      return closing
    },
  }
}
