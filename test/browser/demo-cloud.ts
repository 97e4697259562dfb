/**
 * What every browser suite stands on: the functions freshly bundled, the local cloud serving the h5 build
 * with the demo community, and headless Chromium.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../emulator'
import { buildDemoCommunity, type DemoCommunity } from '../../emulator/seed'
import { buildFunctions } from '../../scripts/build-functions'
import { launchBrowser } from './browser'

const ROOT = path.resolve(__dirname, '../..')
export const SHOTS = path.join(ROOT, 'test-results')

export interface DemoCloud {
  cloud: LocalCloud
  browser: Browser
  demo: DemoCommunity
  /** A new browser tab the size of a phone, collecting uncaught page errors. */
  newPage(): Promise<Page & { errors: string[] }>
  close(): Promise<void>
}

/** `options.timers: false` for suites that fire the timers themselves (as the platform would), never on a clock. */
export async function startDemoCloud(tag: string, options: Pick<LocalCloudOptions, 'timers'> = {}): Promise<DemoCloud> {
  const staticDir = path.join(ROOT, 'dist-h5')
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist-h5/ missing: run npm run build:h5')
  await buildFunctions()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `wgt-browser-${tag}-`))
  const demo = buildDemoCommunity()
  const cloud = await startLocalCloud({ dataDir, port: 0, staticDir, personas: demo.personas, ...options })
  await cloud.seed({ units: demo.units, people: demo.people })
  const browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  return {
    cloud,
    browser,
    demo,
    async newPage() {
      const page = (await browser.newPage({ viewport: { width: 375, height: 800 } })) as Page & { errors: string[] }
      page.errors = []
      page.on('pageerror', (e) => page.errors.push(e.message))
      return page
    },
    async close() {
      await browser.close()
      await cloud.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The person behind the n-th persona of a role on the 本地演示 page. */
export function personaPerson(demo: DemoCommunity, role: string, nth = 0): PersonDoc {
  const openid = demo.personas.filter((p) => p.role === role)[nth]?.openid
  const person = demo.people.find((p) => p.openid === openid)
  if (!person) throw new Error(`no persona ${role}#${nth}`)
  return person
}

/** Picks a persona on the 本地演示 page (shown when no one is signed in, or after switching). */
export async function pickPersona(page: Page, label: string): Promise<void> {
  await page.locator('.personas-banner__title').waitFor()
  await page.locator('.persona', { hasText: label }).first().click()
}
