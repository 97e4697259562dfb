/**
 * One warm function instance. The host bundles this file with esbuild at start and runs it as plain JS in a
 * worker_thread (no tsx inside workers). Like a platform instance it serves one invocation at a time: before
 * each call it sets the invocation's identity in process.env (each worker has its own env copy), which is all
 * cloud.getWXContext() reads.
 */
import { createRequire } from 'node:module'
import { parentPort, workerData } from 'node:worker_threads'
import { makeGetOpenData, makeOpenApi, type Rpc, type RpcOp } from './openapi'

export interface WorkerInit {
  functionIndex: string
  blockedWords: string[]
}
export type ToWorker =
  | { t: 'invoke'; id: number; event: unknown; context: Record<string, unknown>; env: Record<string, string> }
  | { t: 'rpc'; id: number; ok: boolean; value?: unknown; error?: string }
export type FromWorker =
  | { t: 'done'; id: number; ok: true; json: string }
  | { t: 'done'; id: number; ok: false; error: { name: string; message: string } }
  | { t: 'rpc'; id: number; op: RpcOp; arg: unknown }

const port = parentPort!
const init = workerData as WorkerInit
// The worker's environment is its own copy already; as a plain object each read is a property lookup instead
// of a call into Node's environment store (~0.2 µs each): wx-server-sdk re-reads some twenty variables several
// times per database request (getCloudbaseContext), a few percent of a 收到 burst's CPU.
process.env = { ...process.env }
const post = (m: FromWorker): void => port.postMessage(m)

const rpcs = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
let rpcSeq = 0
const rpc: Rpc = (op, arg) =>
  new Promise((resolve, reject) => {
    const id = ++rpcSeq
    rpcs.set(id, { resolve, reject })
    post({ t: 'rpc', id, op, arg })
  })

// The function's own copy of wx-server-sdk (resolved from its folder) is the one to patch.
const load = createRequire(init.functionIndex)
try {
  const cloud = load('wx-server-sdk') as Record<string, unknown>
  // the SDK's endpoint is the local cloud's /admin: the h5 twin is served from the same origin
  const appUrl = () => new URL((JSON.parse(process.env.TCB_CONTEXT_CNFG ?? '{}') as { URL: string }).URL).origin
  const host = { blockedWords: init.blockedWords, rpc, openid: () => process.env.WX_OPENID ?? '', appUrl }
  cloud.openapi = makeOpenApi(host)
  cloud.getOpenData = makeGetOpenData(host)
} catch {
  // a function that does not use wx-server-sdk needs no stand-ins
}

type Main = (event: unknown, context: unknown) => unknown
let main: Main | undefined
let loadError: Error | undefined
try {
  const mod = load(init.functionIndex) as { main?: Main; default?: { main?: Main } }
  main = mod.main ?? mod.default?.main
  if (typeof main !== 'function') loadError = new Error(`${init.functionIndex} does not export main`)
} catch (e) {
  loadError = e as Error
}

port.on('message', (m: ToWorker) => {
  if (m.t === 'rpc') {
    const p = rpcs.get(m.id)
    rpcs.delete(m.id)
    if (m.ok) p?.resolve(m.value)
    else p?.reject(Object.assign(new Error(m.error), { errCode: -1, errMsg: m.error }))
    return
  }
  void invoke(m)
})

async function invoke(m: Extract<ToWorker, { t: 'invoke' }>): Promise<void> {
  Object.assign(process.env, m.env)
  try {
    if (loadError || !main) throw loadError
    const result = await main(m.event, m.context)
    // the platform returns the result as JSON: Dates become strings, undefined becomes null
    post({ t: 'done', id: m.id, ok: true, json: JSON.stringify(result === undefined ? null : result) })
  } catch (e) {
    const err = e instanceof Error ? e : new Error(typeof e === 'string' ? e : JSON.stringify(e))
    post({ t: 'done', id: m.id, ok: false, error: { name: err.name, message: err.message } })
  }
}
