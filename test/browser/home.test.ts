/**
 * A newcomer's first minutes, in a real browser on the h5 build against the local cloud with the demo
 * community: pick a persona on the 本地演示 page, see your own grid and its three heads; switch to a grid chief
 * of another grid and see that grid, with its counts.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import {
  holderOf,
  personaPerson as personaOf,
  pickPersona as pick,
  SHOTS,
  startDemoCloud,
  unitOf,
  type DemoCloud,
} from './demo-cloud'

jest.setTimeout(120_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('home')
})
afterAll(async () => {
  await d?.close()
})

// the seed is the oracle
const unit = (id: string): Unit => unitOf(d.demo, id)
const personaPerson = (role: string): PersonDoc => personaOf(d.demo, role)
const holder = (role: string, unitId: string): PersonDoc => holderOf(d.demo, role, unitId)
const pickPersona = (page: Page, label: string): Promise<void> => pick(page, label, '.home-grid__name')

/** The cloud calls the page sends from now on, as `function.action`. */
function callsOf(page: Page): { list: string[]; clear: () => void } {
  const list: string[] = []
  page.on('request', (r) => {
    if (!r.url().endsWith('/local/call')) return
    const { name, data } = JSON.parse(r.postData() ?? '{}') as { name: string; data: { action: string } }
    list.push(`${name}.${data.action}`)
  })
  return { list, clear: () => void list.splice(0) }
}

describe('h5 on the local cloud', () => {
  it('a resident picks their persona and sees their own grid and its three heads, phones to call', async () => {
    const page = await d.newPage()
    await page.goto(d.cloud.url + '/')

    await expect(page.locator('.personas-banner__title').innerText()).resolves.toContain('本地演示')
    const resident = personaPerson('resident')
    const calls = callsOf(page)
    await pickPersona(page, `居民 · ${resident.name}`)
    await page.waitForLoadState('networkidle')
    // 首页 in one call, the 通知 badge from the same answer
    expect(calls.list).toEqual(['grid.home'])
    calls.clear()

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
    await page.locator('.me-profile__phone:visible', { hasText: resident.phone }).waitFor()
    const mine = await page.locator('body').innerText()
    expect(mine).toContain(resident.phone)
    expect(mine).toContain(unit(resident.householdId as string).name)
    await page.waitForLoadState('networkidle')
    // 我的 right after 首页 shows what 首页 loaded: no call of its own
    expect(calls.list).toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'me-resident.png') })
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('offers two households of one building and a housemate; 退出本户 as one shows on 首页 at once', async () => {
    const [first, neighbour, housemate] = [0, 1, 2].map((n) => personaOf(d.demo, 'resident', n))
    expect(neighbour.householdId).not.toBe(first.householdId)
    expect(unit(neighbour.householdId as string).parentId).toBe(unit(first.householdId as string).parentId)
    expect(housemate.householdId).toBe(first.householdId)

    const page = await d.newPage()
    await page.goto(d.cloud.url + '/')
    await page.locator('.personas-banner__title').waitFor()
    for (const p of [first, neighbour, housemate])
      await page.locator('.persona', { hasText: `居民 · ${p.name}` }).waitFor()
    await page.screenshot({ path: path.join(SHOTS, 'personas-residents.png'), fullPage: true })
    await pickPersona(page, `居民 · ${neighbour.name}`)
    expect(await page.locator('.home-hero__door').innerText()).toBe(unit(neighbour.householdId as string).name)

    await page.locator('.taro-tabbar__tabbar >> text=我的').click()
    await page.locator('.me-leave').click()
    await page.locator('.taro-modal__foot >> text=退出').click()
    await page.locator('.taro-tabbar__tabbar >> text=首页').click()
    // the same 首页, without a reload: no door, no grid, the way back in
    await page.locator('.home-hero__greeting', { hasText: neighbour.name }).waitFor()
    await page.locator('.join-entry').first().waitFor({ timeout: 15_000 })
    expect(await page.locator('.home-hero__door').count()).toBe(0)
    expect(await page.locator('.home-grid__name').count()).toBe(0)
    await page.screenshot({ path: path.join(SHOTS, 'home-after-leaving.png') })
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('switching to a grid chief of another grid shows that grid and its counts instead', async () => {
    const page = await d.newPage()
    await page.goto(d.cloud.url + '/')
    const resident = personaPerson('resident')
    await pickPersona(page, `居民 · ${resident.name}`)
    await page.locator('.taro-tabbar__tabbar >> text=我的').click()
    await page.locator('.local-demo-switch').click()

    const chief = personaPerson('gridChief')
    const calls = callsOf(page)
    await pickPersona(page, `网格长 · ${chief.name}`)
    const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
    expect(gridId).not.toBe(ancestorAt(resident.homePath as string, 'grid'))
    expect(await page.locator('.home-hero__greeting').innerText()).toContain(chief.name)
    expect(await page.locator('.home-grid__name').innerText()).toContain(unit(gridId).name)

    const households = d.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, unit(gridId).path)).length
    // the counts come with the first screen's one call
    await page.locator('.overview', { hasText: `${households}` }).waitFor({ timeout: 15_000 })
    await page.screenshot({ path: path.join(SHOTS, 'home-grid-chief.png') })
    await page.waitForLoadState('networkidle')
    expect(calls.list.filter((c) => c.startsWith('grid.') || c.startsWith('notices.'))).toEqual(['grid.home'])
    calls.clear()

    await page.locator('.taro-tabbar__tabbar >> text=我的').click()
    await page.locator('.me-profile__phone:visible', { hasText: chief.phone }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(calls.list).toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'me-grid-chief.png') })
    await page.close()
  })

  it('community staff see their community’s totals and its grids in name order, all on one page', async () => {
    const page = await d.newPage()
    await page.goto(d.cloud.url + '/')
    const staff = personaPerson('communityStaff')
    const communityId = staff.roles.find((r) => r.role === 'communityStaff')?.unitId as string
    const community = unit(communityId)
    await pick(page, `社区工作者 · ${staff.name}`, '.overview')
    const households = d.demo.units.filter(
      (u) => u.level === 'household' && !u.retired && isWithin(u.path, community.path),
    ).length
    await page
      .locator('.overview__value', { hasText: `${households}` })
      .first()
      .waitFor()
    const grids = d.demo.units
      .filter((u) => u.parentId === communityId && u.level === 'grid' && !u.retired)
      .map((u) => u.name)
      .sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }))
    expect((await page.locator('.overview__row-name').allInnerTexts()).map((t) => t.trim())).toEqual(grids)
    // every grid fits on the first page: their number is shown, and there is nothing more to load
    expect(await page.locator('.overview__label', { hasText: '网格数' }).count()).toBe(1)
    expect(await page.locator('.overview__more').count()).toBe(0)
    await page.locator('.overview').scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(SHOTS, 'home-community-staff.png') })
    await page.close()
  })
})
