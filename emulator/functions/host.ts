/**
 * The function host: finds <functionsDir>/<name>/index.js (+ config.json), keeps a small pool of warm
 * worker_threads per function and runs each invocation in one of them with its own identity, as the platform
 * runs one invocation per instance at a time. A timeout terminates the instance and fails the call the way the
 * platform does.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { buildSync } from 'esbuild'
import type { RpcOp } from './openapi'
import type { FromWorker, ToWorker, WorkerInit } from './worker'
import { localSdkEnv } from './sdk-env'

export interface Identity {
  openid: string
  appid?: string
  unionid?: string
}

export interface TimerTrigger {
  name: string
  type: 'timer'
  config: string
}

export interface FunctionConfig {
  /** seconds, as in the platform's config.json (default 3) */
  timeout: number
  triggers: TimerTrigger[]
}

export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; errCode: number; errMsg: string }

export interface HostOptions {
  functionsDir: string
  /** the /admin URL the SDK inside each worker talks to */
  adminUrl: string
  envId: string
  appid: string
  blockedWords: string[]
  /** most concurrent instances of one function (further calls queue); default DEFAULT_INSTANCES */
  maxInstances?: number
  /** environment variables of one function (configured per function on the platform) */
  functionEnv?: Record<string, Record<string, string>>
  onRpc: (op: RpcOp, arg: unknown, caller: Identity) => Promise<unknown>
}

/** Platform error codes for a failed invocation (what callFunction rejects with). */
export const FUNCTION_ERRORS = {
  notFound: -501000,
  executeFail: -504002,
  timeout: -504003,
} as const

interface Instance {
  worker: Worker
  busy: boolean
  version: number
  lastUsed: number
  current?: {
    id: number
    resolve: (o: InvokeOutcome) => void
    timer: NodeJS.Timeout
    identity: Identity
  }
}

interface Pool {
  instances: Instance[]
  queue: Array<() => void>
  version: number
  mtimeMs: number
}

/**
 * Instances of one function at once, by default: one per core (at least 2). On the platform each instance runs on
 * a CPU of its own; here they share this machine's cores, and more instances than cores run nothing more at once
 * but spend CPU switching between them (a 收到 burst of 2,000: 8.4 s of CPU with 2 instances on 2 cores, 13.2 s
 * with 8; docs/benchmarks.md). No function calls itself, so a queue behind busy instances cannot deadlock.
 */
export const DEFAULT_INSTANCES = Math.max(2, os.availableParallelism())

/** idle instances are terminated after this long */
const IDLE_MS = 5 * 60 * 1000

let workerSource: string | undefined
/** The worker as plain JS (built once per process). */
function workerCode(): string {
  if (!workerSource) {
    const out = buildSync({
      entryPoints: [path.join(__dirname, 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    })
    workerSource = out.outputFiles[0].text
  }
  return workerSource
}

export function readFunctionConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json')
  let raw: { timeout?: unknown; triggers?: unknown } = {}
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof raw
    } catch (e) {
      throw new Error(`${file} is not valid JSON: ${(e as Error).message}`)
    }
  }
  const timeout = typeof raw.timeout === 'number' && raw.timeout > 0 ? raw.timeout : 3
  const triggers = Array.isArray(raw.triggers)
    ? (raw.triggers as TimerTrigger[]).filter((t) => t && t.type === 'timer' && typeof t.config === 'string')
    : []
  return { timeout, triggers }
}

export class FunctionHost {
  private readonly pools = new Map<string, Pool>()
  private readonly active = new Map<string, { identity: Identity; source: string }>()
  private seq = 0
  private closed = false
  private readonly reaper: NodeJS.Timeout

  constructor(private readonly opts: HostOptions) {
    workerCode()
    // like the platform recycling idle instances: a long `npm start` does not keep every worker ever spawned
    this.reaper = setInterval(() => this.reapIdle(IDLE_MS), IDLE_MS / 2)
    this.reaper.unref()
  }

  private reapIdle(idleMs: number): void {
    const now = Date.now()
    for (const pool of this.pools.values())
      for (const inst of [...pool.instances]) if (!inst.busy && now - inst.lastUsed > idleMs) this.discard(pool, inst)
  }

  /** Deployed functions: every folder with an index.js. */
  list(): Array<{ name: string; config: FunctionConfig }> {
    if (!fs.existsSync(this.opts.functionsDir)) return []
    return fs
      .readdirSync(this.opts.functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(this.opts.functionsDir, d.name, 'index.js')))
      .flatMap((d) => {
        try {
          return [{ name: d.name, config: readFunctionConfig(path.join(this.opts.functionsDir, d.name)) }]
        } catch (e) {
          console.warn(`[local cloud] function ${d.name} skipped: ${(e as Error).message}`)
          return []
        }
      })
  }

  /** The identity of an invocation in flight, by the session token its worker's SDK sends (nested calls). */
  callerOf(token: unknown): { identity: Identity; source: string } | undefined {
    return typeof token === 'string' ? this.active.get(token) : undefined
  }

  /**
   * Runs one invocation. `source` is what getWXContext().SOURCE reports: 'wx_client' from the mini-program,
   * 'wx_trigger' for timers, the caller's source + ',scf' for a function called by another.
   */
  async invoke(name: string, event: unknown, identity: Identity, source = 'wx_client'): Promise<InvokeOutcome> {
    if (this.closed) return { ok: false, errCode: FUNCTION_ERRORS.executeFail, errMsg: 'local cloud is closed' }
    const dir = path.join(this.opts.functionsDir, name)
    const index = path.join(dir, 'index.js')
    if (!/^[A-Za-z0-9_-]+$/.test(name) || !fs.existsSync(index)) {
      return {
        ok: false,
        errCode: FUNCTION_ERRORS.notFound,
        errMsg: `FunctionName parameter could not be found (${name})`,
      }
    }
    let config: FunctionConfig
    try {
      config = readFunctionConfig(dir)
    } catch (e) {
      return { ok: false, errCode: FUNCTION_ERRORS.executeFail, errMsg: (e as Error).message }
    }
    const pool = this.pool(name, index)
    const inst = await this.acquire(pool, name, index)
    const token = crypto.randomUUID()
    const id = ++this.seq
    this.active.set(token, { identity, source })
    try {
      return await new Promise<InvokeOutcome>((resolve) => {
        const timer = setTimeout(() => {
          // like the platform: the instance is killed, the call fails
          inst.current = undefined
          this.discard(pool, inst)
          resolve({
            ok: false,
            errCode: FUNCTION_ERRORS.timeout,
            errMsg: `errCode: ${FUNCTION_ERRORS.timeout} functions execute timeout | errMsg: Invoking task timed out after ${config.timeout} seconds`,
          })
        }, config.timeout * 1000)
        inst.current = { id, resolve, timer, identity }
        const msg: ToWorker = {
          t: 'invoke',
          id,
          event,
          context: {
            callbackWaitsForEmptyEventLoop: false,
            function_name: name,
            function_version: '$LATEST',
            namespace: this.opts.envId,
            memory_limit_in_mb: 256,
            time_limit_in_ms: config.timeout * 1000,
            request_id: token,
          },
          env: {
            WX_OPENID: identity.openid,
            WX_APPID: identity.appid ?? this.opts.appid,
            WX_UNIONID: identity.unionid ?? '',
            TCB_SOURCE: source,
            TCB_SESSIONTOKEN: token,
          },
        }
        inst.worker.postMessage(msg)
      })
    } finally {
      this.active.delete(token)
      this.release(pool, inst)
    }
  }

  private pool(name: string, index: string): Pool {
    let pool = this.pools.get(name)
    const mtimeMs = fs.statSync(index).mtimeMs
    if (!pool) this.pools.set(name, (pool = { instances: [], queue: [], version: 0, mtimeMs }))
    if (pool.mtimeMs !== mtimeMs) {
      // rebuilt since the instances started: new calls get fresh instances, idle old ones go
      pool.mtimeMs = mtimeMs
      pool.version++
      for (const inst of [...pool.instances]) if (!inst.busy) this.discard(pool, inst)
    }
    return pool
  }

  private async acquire(pool: Pool, name: string, index: string): Promise<Instance> {
    for (;;) {
      const idle = pool.instances.find((i) => !i.busy && i.version === pool.version)
      if (idle) {
        idle.busy = true
        return idle
      }
      if (pool.instances.length < (this.opts.maxInstances ?? DEFAULT_INSTANCES)) {
        const inst = this.spawn(pool, name, index)
        inst.busy = true
        return inst
      }
      await new Promise<void>((r) => pool.queue.push(r))
    }
  }

  private release(pool: Pool, inst: Instance): void {
    inst.busy = false
    inst.lastUsed = Date.now()
    if (inst.version !== pool.version) this.discard(pool, inst)
    pool.queue.shift()?.()
  }

  private discard(pool: Pool, inst: Instance): void {
    const i = pool.instances.indexOf(inst)
    if (i >= 0) pool.instances.splice(i, 1)
    if (inst.current) clearTimeout(inst.current.timer)
    void inst.worker.terminate()
    pool.queue.shift()?.()
  }

  private spawn(pool: Pool, name: string, index: string): Instance {
    const init: WorkerInit = { functionIndex: index, blockedWords: this.opts.blockedWords }
    const worker = new Worker(workerCode(), {
      eval: true,
      workerData: init,
      env: {
        ...process.env,
        ...this.opts.functionEnv?.[name],
        ...localSdkEnv(this.opts.adminUrl, this.opts.envId),
        TCB_CONTEXT_KEYS: 'TCB_SESSIONTOKEN',
        SCF_FUNCTIONNAME: name,
        WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      },
      stdout: false,
      stderr: false,
    })
    const inst: Instance = { worker, busy: false, version: pool.version, lastUsed: Date.now() }
    worker.on('message', (m: FromWorker) => {
      if (m.t === 'rpc') {
        const caller = inst.current?.identity ?? { openid: '' }
        this.opts.onRpc(m.op, m.arg, caller).then(
          (value) => worker.postMessage({ t: 'rpc', id: m.id, ok: true, value } satisfies ToWorker),
          (e: Error) => worker.postMessage({ t: 'rpc', id: m.id, ok: false, error: e.message } satisfies ToWorker),
        )
        return
      }
      const cur = inst.current
      if (!cur || cur.id !== m.id) return
      clearTimeout(cur.timer)
      inst.current = undefined
      if (m.ok) cur.resolve({ ok: true, result: JSON.parse(m.json) as unknown })
      else
        cur.resolve({
          ok: false,
          errCode: FUNCTION_ERRORS.executeFail,
          errMsg: `errCode: ${FUNCTION_ERRORS.executeFail} functions execute fail | errMsg: ${m.error.name}: ${m.error.message}`,
        })
    })
    const fail = (why: string): void => {
      const cur = inst.current
      inst.current = undefined
      this.discard(pool, inst)
      if (cur) {
        clearTimeout(cur.timer)
        cur.resolve({
          ok: false,
          errCode: FUNCTION_ERRORS.executeFail,
          errMsg: `errCode: ${FUNCTION_ERRORS.executeFail} functions execute fail | errMsg: ${why}`,
        })
      }
    }
    worker.on('error', (e) => fail(`${e.name}: ${e.message}`))
    worker.on('exit', (code) => {
      if (inst.current) fail(`instance exited with code ${code}`)
    })
    pool.instances.push(inst)
    return inst
  }

  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.reaper)
    const all: Promise<number>[] = []
    for (const pool of this.pools.values()) for (const inst of pool.instances) all.push(inst.worker.terminate())
    this.pools.clear()
    await Promise.all(all)
  }
}
