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

export { holderOf, personaPerson, unitOf } from '../demo'

const ROOT = path.resolve(__dirname, '../..')
export const SHOTS = path.join(ROOT, 'test-results')

export interface TabOptions {
  timezoneId?: string
}

export interface DemoCloud {
  cloud: LocalCloud
  browser: Browser
  demo: DemoCommunity
  /** A new browser tab the size of a phone, collecting uncaught page errors; `timezoneId` sets the zone it runs in
   * (e.g. 'America/New_York'; the machine's by default). */
  newPage(options?: TabOptions): Promise<Page & { errors: string[] }>
  /** A new tab signed in as `person` on the page at `route` (a path of src/routes.ts), once its first load is over. */
  openAs(person: PersonDoc, route: string, options?: TabOptions): Promise<Page & { errors: string[] }>
  close(): Promise<void>
}

/** `options.timers: false` for suites that fire the timers themselves (as the platform would), never on a clock. */
export async function startDemoCloud(
  tag: string,
  options: Pick<LocalCloudOptions, 'timers' | 'mediaCheck'> = {},
): Promise<DemoCloud> {
  const staticDir = path.join(ROOT, 'dist-h5')
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist-h5/ missing: run npm run build:h5')
  await buildFunctions()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `wgt-browser-${tag}-`))
  const demo = buildDemoCommunity()
  // image verdicts go to the files function, as 消息推送 is configured on a real environment (docs/deploy.md)
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    staticDir,
    personas: demo.personas,
    messagePush: { wxa_media_check: 'files' },
    ...options,
  })
  await cloud.seed({
    units: demo.units,
    people: demo.people,
    unitCounters: demo.unitCounters,
    ...demo.points,
    ...demo.requests,
  })
  const browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  const newPage = async (options: TabOptions = {}) => {
    const page = (await browser.newPage({ viewport: { width: 375, height: 800 }, ...options })) as Page & {
      errors: string[]
    }
    page.errors = []
    page.on('pageerror', (e) => page.errors.push(e.message))
    return page
  }
  return {
    cloud,
    browser,
    demo,
    newPage,
    async openAs(person, route, options) {
      const page = await newPage(options)
      await signInAs(page, person)
      await page.goto(`${cloud.url}/#/${route}`)
      await page.locator('.app-page:visible').first().waitFor()
      await page.locator('.page-state--loading').waitFor({ state: 'detached' })
      return page
    },
    async close() {
      await browser.close()
      await cloud.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A screenshot of the page as it is, in test-results/. */
export const shot = (page: Page, name: string, fullPage = false): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage })

/**
 * Picks a persona on the 本地演示 page (shown when no one is signed in, or after switching); with `landing`, waits
 * until the app shows it, and otherwise fails naming the persona and what the page showed instead (screenshot too).
 */
export async function pickPersona(page: Page, label: string, landing?: string): Promise<void> {
  await page.locator('.personas-banner__title').waitFor()
  await page.locator('.persona', { hasText: label }).first().click()
  if (!landing) return
  await page
    .locator(landing)
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(async (e: Error) => {
      await shot(page, 'signin-failed')
      throw new Error(
        `${label}: ${landing} not shown: ${e.message}\nthe page shows: ${await page.locator('body').innerText()}`,
      )
    })
}

/** Signs a page in as a person of the demo without the 本地演示 page (the local login keeps the openid in localStorage). */
export async function signInAs(page: Page, person: PersonDoc): Promise<void> {
  const persona = { openid: person.openid, role: 'resident', label: person.name, description: '' }
  await page.addInitScript((p) => window.localStorage.setItem('wanggetong.persona', JSON.stringify(p)), persona)
}
