/**
 * A newcomer's first minutes, in a real browser on the h5 build against the local cloud with the demo
 * community: pick a persona on the 本地演示 page, see your own grid and its three heads; switch to a grid chief
 * of another grid and see that grid, with its counts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import { startLocalCloud, type LocalCloud } from '../../emulator'
import { buildDemoCommunity } from '../../emulator/seed'
import { buildFunctions } from '../../scripts/build-functions'
import { launchBrowser } from './browser'

jest.setTimeout(120_000)

const ROOT = path.resolve(__dirname, '../..')
const SHOTS = path.join(ROOT, 'test-results')
const demo = buildDemoCommunity()
let cloud: LocalCloud
let browser: Browser
let dataDir: string

beforeAll(async () => {
  const staticDir = path.join(ROOT, 'dist-h5')
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist-h5/ missing: run npm run build:h5')
  await buildFunctions(['grid'])
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-browser-'))
  cloud = await startLocalCloud({ dataDir, port: 0, staticDir, personas: demo.personas })
  await cloud.seed({ units: demo.units, people: demo.people })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

// the seed is the oracle
const unit = (id: string) => demo.units.find((u) => u._id === id) as Unit
const personaPerson = (role: string): PersonDoc => {
  const openid = demo.personas.find((p) => p.role === role)?.openid
  return demo.people.find((p) => p.openid === openid) as PersonDoc
}
const holder = (role: string, unitId: string) =>
  demo.people.find((p) => p.roles.some((r) => r.role === role && r.unitId === unitId)) as PersonDoc

async function pickPersona(page: Page, label: string): Promise<void> {
  await page.locator('.personas-banner__title').waitFor()
  await page.locator('.persona', { hasText: label }).first().click()
  await page.locator('.home-grid__name').waitFor({ timeout: 15_000 })
}

describe('h5 on the local cloud', () => {
  it('a resident picks their persona and sees their own grid and its three heads, phones to call', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(cloud.url + '/')

    await expect(page.locator('.personas-banner__title').innerText()).resolves.toContain('本地演示')
    const resident = personaPerson('resident')
    await pickPersona(page, `居民 · ${resident.name}`)

    const gridId = ancestorAt(resident.homePath as string, 'grid') as string
    const microgridId = unit(resident.householdId as string).parentId as string
    expect(await page.locator('.home-hero__greeting').innerText()).toContain(resident.name)
    expect(await page.locator('.home-grid__name').innerText()).toContain(unit(gridId).name)
    const heads = await page.locator('.head-row').allInnerTexts()
    expect(heads).toHaveLength(3)
    for (const [i, [role, unitId]] of (
      [
        ['gridChief', gridId],
        ['partyLeader', gridId],
        ['buildingHead', microgridId],
      ] as const
    ).entries()) {
      expect(heads[i]).toContain(holder(role, unitId).name)
    }
    expect(await page.locator('.head-row__call').count()).toBe(3)
    await page.screenshot({ path: path.join(SHOTS, 'home-resident.png') })

    // 我的: their own phone in full and their household
    await page.locator('.taro-tabbar__tabbar >> text=我的').click()
    await page.waitForTimeout(1000)
    const mine = await page.locator('body').innerText()
    expect(mine).toContain(resident.phone)
    expect(mine).toContain(unit(resident.householdId as string).name)
    expect(errors).toEqual([])
    await page.close()
  })

  it('switching to a grid chief of another grid shows that grid and its counts instead', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } })
    await page.goto(cloud.url + '/')
    const resident = personaPerson('resident')
    await pickPersona(page, `居民 · ${resident.name}`)
    await page.locator('.taro-tabbar__tabbar >> text=我的').click()
    await page.locator('.local-demo-switch').click()

    const chief = personaPerson('gridChief')
    await pickPersona(page, `网格长 · ${chief.name}`)
    const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
    expect(gridId).not.toBe(ancestorAt(resident.homePath as string, 'grid'))
    expect(await page.locator('.home-hero__greeting').innerText()).toContain(chief.name)
    expect(await page.locator('.home-grid__name').innerText()).toContain(unit(gridId).name)

    const households = demo.units.filter((u) => u.level === 'household' && isWithin(u.path, unit(gridId).path)).length
    // the counts arrive from grid.overview after the first screen
    await page.locator('.overview', { hasText: `${households}` }).waitFor({ timeout: 15_000 })
    await page.screenshot({ path: path.join(SHOTS, 'home-grid-chief.png') })
    await page.close()
  })
})
