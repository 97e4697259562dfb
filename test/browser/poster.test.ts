/**
 * 扫码入格 in a real browser on the h5 build against the local cloud: a building head opens 入格海报 from 网格管理,
 * sees the building's name, where it is, the code and what to do; a phone's camera reads the code from the
 * poster's image (jsqr + pngjs) and opens what it encodes; the newcomer lands on 加入网格 for that building only.
 * 重新生成 makes the old code lead nowhere.
 */
import jsQR from 'jsqr'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import type { Unit } from '../../core/units'
import { pickPersona, personaPerson, shot as snap, startDemoCloud, unitOf, type DemoCloud } from './demo-cloud'

jest.setTimeout(180_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('poster')
})
afterAll(async () => {
  await d?.close()
})

const unit = (id: string): Unit => unitOf(d.demo, id)
const shot = (page: Page, name: string) => snap(page, `poster-${name}`)

/** What a phone's camera reads off the poster's code, fetched from the image the page shows. */
async function scanPoster(page: Page): Promise<string> {
  const img = page.locator('.poster__code img')
  await img.waitFor()
  await page.waitForFunction(() => {
    const el = document.querySelector('.poster__code img') as HTMLImageElement | null
    return !!el && el.complete && el.naturalWidth > 0
  })
  const src = await img.getAttribute('src')
  if (!src) throw new Error('the poster’s code image has no src')
  const res = await page.request.get(new URL(src, page.url()).toString())
  expect(res.ok()).toBe(true)
  const png = PNG.sync.read(await res.body())
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  if (!code) throw new Error('no QR code on the poster')
  return code.data
}

it('a building head prints a poster; scanning it opens 加入网格 for that building; 重新生成 retires the old code', async () => {
  const head = personaPerson(d.demo, 'buildingHead')
  const building = unit(head.roles.find((r) => r.role === 'buildingHead')?.unitId as string)
  const grid = unit(building.parentId as string)

  // the building head opens 入格海报 from 网格管理
  const headPage = await d.newPage()
  await headPage.goto(d.cloud.url + '/')
  await pickPersona(headPage, `楼栋长 · ${head.name}`)
  await headPage.locator('.manage-link--households:visible').first().click()
  await headPage.locator('.invite-poster').click()
  await headPage.locator('.poster__name').waitFor()
  expect(await headPage.locator('.poster__name').innerText()).toBe(building.name)
  expect(await headPage.locator('.poster__place').innerText()).toContain(grid.name)
  expect(await headPage.locator('.poster__howto').innerText()).toContain('微信扫一扫')
  const opened = await scanPoster(headPage)
  await shot(headPage, 'building-head')
  expect(opened.startsWith(`${d.cloud.url}/#/pages/join/index?scene=`)).toBe(true)

  // a new WeChat user's phone opens what the code says
  const newcomer = await d.newPage()
  await newcomer.goto(opened)
  await pickPersona(newcomer, '新访客 1')
  await newcomer.locator('.privacy-guide__agree').click()
  await newcomer.locator('.join-grid__name').waitFor()
  expect(await newcomer.locator('.join-grid__name').innerText()).toContain(grid.name)
  const buildings = await newcomer.locator('.join-building').allInnerTexts()
  expect(buildings.map((b) => b.trim())).toEqual([building.name])
  await shot(newcomer, 'scanned')

  // 重新生成: the printed code stops working, the new one leads to the same building
  await headPage.locator('.poster-renew').click()
  await headPage.locator('.taro-modal__foot >> text=重新生成').click()
  await headPage.locator('.manage-message', { hasText: '旧海报已失效' }).waitFor()
  const renewed = await scanPoster(headPage)
  expect(renewed).not.toBe(opened)

  const late = await d.newPage()
  await late.goto(opened)
  await pickPersona(late, '新访客 2')
  await late.locator('.join-invalid').waitFor()
  expect(await late.locator('.join-invalid').innerText()).toContain('邀请已失效')
  await late.goto(renewed)
  await late.reload()
  await late.locator('.join-grid__name, .privacy-guide__agree').first().waitFor()
  if (await late.locator('.privacy-guide__agree').isVisible()) await late.locator('.privacy-guide__agree').click()
  await late.locator('.join-building', { hasText: building.name }).waitFor()

  for (const page of [headPage, newcomer, late]) expect(page.errors).toEqual([])
})
