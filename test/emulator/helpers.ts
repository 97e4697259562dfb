/**
 * Shared setup for the local-cloud conformance suites: a local cloud on an ephemeral port with a temp data
 * directory, and the real wx-server-sdk in this process pointed at it by environment variables only.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import cloudSdk from 'wx-server-sdk'
import { localSdkEnv, startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../emulator'

export const FIXTURE_FUNCTIONS = path.join(__dirname, 'fixtures', 'functions')
export const TIMER_FUNCTIONS = path.join(__dirname, 'fixtures', 'timer-functions')

export const tempDir = (tag: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `wgt-${tag}-`))

/** Everything the SDK needs to talk to a local cloud at `url` instead of WeChat's. */
export function sdkEnv(url: string, openid = 'o-test'): Record<string, string> {
  return {
    ...localSdkEnv(`${url}/admin`),
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_OPENID: openid,
    WX_APPID: 'wx-test',
  }
}

/** Points this process's wx-server-sdk at `url` and returns it initialised. */
export function sdkAt(url: string): typeof cloudSdk {
  Object.assign(process.env, sdkEnv(url))
  cloudSdk.init({ env: 'local' })
  return cloudSdk
}

/**
 * wx-server-sdk's d.ts types each call as a callback-or-promise union (`Promise<T> | void | string`), so an
 * awaited result cannot be used without casts; the suites use this loose view of the very same SDK object.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseDb = any
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any

export const databaseOf = (sdk: typeof cloudSdk): LooseDb => sdk.database()

export interface TestCloud {
  cloud: LocalCloud
  dataDir: string
  sdk: typeof cloudSdk
  db: LooseDb
  close(): Promise<void>
}

export async function startTestCloud(opts: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = opts.dataDir ?? tempDir('cloud')
  const cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, port: 0, ...opts, dataDir })
  return {
    cloud,
    dataDir,
    sdk: sdkAt(cloud.url),
    db: databaseOf(cloudSdk),
    async close() {
      await cloud.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The error a rejected SDK promise carries ({errCode, errMsg}). */
export async function rejection(p: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; message?: string }> {
  try {
    await p
  } catch (e) {
    return e as { errCode?: number; errMsg?: string }
  }
  throw new Error('expected the call to fail')
}
