/**
 * The cloud functions as the platform runs them: freshly bundled by scripts/build-functions.ts, hosted by the
 * local cloud (emulator/index.ts) over the demo community, called as a given openid. The base harness of every
 * function's suites (join-cloud.ts, notices-cloud.ts, org-cloud.ts build on it).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import cloudSdk from 'wx-server-sdk'
import { ERROR_MESSAGES, type Envelope, type ErrorCode } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import { COLLECTIONS } from '../../../core/schema'
import { localSdkEnv, startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../../emulator'
import { buildDemoCommunity, type DemoCommunity } from '../../../emulator/seed'
import { buildFunctions } from '../../../scripts/build-functions'

export interface FunctionsCloud {
  cloud: LocalCloud
  demo: DemoCommunity
  call<T = unknown>(openid: string, data: unknown): Promise<Envelope<T>>
  /** The person behind a persona of the picker. */
  persona(role: string): PersonDoc
  /** Every document of every collection of core/schema.ts, read back through a wx-server-sdk of our own. */
  dump(): Promise<Record<string, unknown[]>>
  close(): Promise<void>
}

/** `functions`: which to bundle first (default just `grid`; the permission matrix needs them all). `options`: the
 * msgSecCheck stand-in's word list, and whether timers run by themselves (tests that fire them pass false). */
export async function startFunctionsCloud(
  functions: readonly string[] = ['grid'],
  options: Pick<LocalCloudOptions, 'blockedWords' | 'timers' | 'mediaCheck'> = {},
): Promise<FunctionsCloud> {
  await buildFunctions(functions)
  const dataDir = mkdtempSync(join(tmpdir(), 'wgt-functions-'))
  // image verdicts go to the files function, as 消息推送 is configured on a real environment (docs/deploy.md)
  const cloud = await startLocalCloud({ dataDir, port: 0, messagePush: { wxa_media_check: 'files' }, ...options })
  const demo = buildDemoCommunity()
  await cloud.seed({
    units: demo.units,
    people: demo.people,
    unitCounters: demo.unitCounters,
    ...demo.points,
    ...demo.requests,
  })

  const saved = { ...process.env }
  Object.assign(process.env, localSdkEnv(`${cloud.url}/admin`))
  cloudSdk.init({ env: 'local' })

  return {
    cloud,
    demo,
    async call<T>(openid: string, data: unknown) {
      return (await cloud.callFunction('grid', data, { openid })).result as Envelope<T>
    },
    persona(role) {
      const openid = demo.personas.find((p) => p.role === role)?.openid
      const person = demo.people.find((p) => p.openid === openid)
      if (!person) throw new Error(`no persona for ${role}`)
      return person
    },
    dump: () => readCollections(COLLECTIONS.map((c) => c.name)),
    async close() {
      await cloud.close()
      process.env = saved
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The exact refusal an action answers with: the code and its standard message. */
export const exactly = (code: ErrorCode) => ({ ok: false, code, message: ERROR_MESSAGES[code] })

/** The data of an envelope the test expects to be accepted; a refusal fails the test with its code and message. */
export const data = <T>(res: { ok: boolean; data?: T; code?: string; message?: string }): T => {
  if (!res.ok) throw new Error(`refused: ${res.code}${res.message ? ` ${res.message}` : ''}`)
  return res.data as T
}

/** Every document of these collections, by id, a thousand at a time (the local cloud's started cloud). */
export async function readCollections(names: readonly string[]): Promise<Record<string, unknown[]>> {
  const db = cloudSdk.database()
  const out: Record<string, unknown[]> = {}
  for (const name of names) {
    const docs: unknown[] = []
    for (let offset = 0; ; offset += 1000) {
      const page = (await db.collection(name).orderBy('_id', 'asc').skip(offset).limit(1000).get()) as {
        data: unknown[]
      }
      docs.push(...page.data)
      if (page.data.length < 1000) break
    }
    out[name] = docs
  }
  return out
}
