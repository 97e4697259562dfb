/**
 * 数据看板 in a real browser on the h5 build against the local cloud and the demo: the street's staff member opens it
 * (本周 first), sees the figures against last week and both charts drawn, switches to 本月, drills into a community
 * and on into a grid; the grid chief reaches their grid's dashboard from 首页's 管理 links. Every page is
 * screenshotted at 375×800 and raises no page error; the charts are checked to have drawn (coloured pixels on the
 * canvas), not just to exist.
 */
import type { Page } from 'playwright-core'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('dashboard', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

/** Waits until the page on top has slid in (h5 animates a navigateTo): its head is at the left edge. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const heads = Array.from(document.querySelectorAll('.dash-head')).map((e) => e.getBoundingClientRect())
    return heads.some((r) => r.width > 0 && r.left >= 0 && r.left < 20)
  })
}

/** How many pixels of a chart's canvas are neither white nor transparent, once it has drawn. */
async function inked(page: Page, id: string): Promise<number> {
  // each page's chart has an id of its own (`${id}-<unit>-<period>`): the one on the page on top
  const canvas = page
    .locator(`.dashboard:visible [id^="${id}-"] canvas, .dashboard:visible canvas[id^="${id}-"]`)
    .first()
  await canvas.waitFor()
  let count = 0
  for (let i = 0; i < 50 && count === 0; i++) {
    count = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')
      if (!ctx || !c.width || !c.height) return 0
      const { data } = ctx.getImageData(0, 0, c.width, c.height)
      let n = 0
      for (let k = 0; k < data.length; k += 4) if (data[k + 3] > 0 && (data[k] < 240 || data[k + 1] < 240)) n++
      return n
    })
    if (count === 0) await page.waitForTimeout(100)
  }
  return count
}

it("the street's dashboard: figures against last week, charts drawn, 本月, and down to a community and a grid", async () => {
  const staff = personaPerson(d.demo, 'streetStaff', 0)
  const page = await d.openAs(staff, 'dashboard/overview/index')
  // the page on top (a drilled-into dashboard hides the one it came from)
  const v = (selector: string, hasText?: string | RegExp) =>
    page.locator(`.dashboard:visible ${selector}`, hasText ? { hasText } : {})
  await v('.dash-head__name', '和平街道').waitFor()
  await v('.dash-period--active', '本周').waitFor()
  // the demo's patrols of this week are counted, and every tile says how it compares with last week
  await v('.dash-tile--patrols .dash-tile__value').waitFor()
  expect(await v('.dash-tile').count()).toBe(8)
  expect(await v('.dash-tile .dash-change').count()).toBe(8)
  await v('.dash-rate__name', '响应率').waitFor()
  await v('.dash-child', '和平里社区').waitFor()
  await v('.dash-child', '春晖社区').waitFor()
  expect(await inked(page, 'dash-compare')).toBeGreaterThan(200)
  expect(await inked(page, 'dash-children')).toBeGreaterThan(200)
  await shot(page, 'dashboard-street-week')
  await shot(page, 'dashboard-street-week-full', true)

  await v('.dash-period', '本月').click()
  await v('.dash-period--active', '本月').waitFor()
  await page
    .locator('.card__hint', { hasText: /\d{4}年\d{1,2}月/ })
    .first()
    .waitFor()
  await v('.dash-tile .dash-change', '上月').first().waitFor()
  await shot(page, 'dashboard-street-month', true)

  // drill down: the community, then one of its grids
  await v('.dash-child', '和平里社区').click()
  await v('.dash-head__name', '和平里社区').waitFor()
  await v('.dash-child').first().waitFor()
  expect(await v('.dash-child').count()).toBe(4)
  await settled(page)
  await shot(page, 'dashboard-community', true)
  const gridName = (await v('.dash-child__name').first().innerText()).trim()
  await v('.dash-child').first().click()
  await v('.dash-head__name', gridName).waitFor()
  await v('.dash-head__path', '和平里社区').waitFor()
  expect(await v('.dash-child').count()).toBe(0)
  expect(await inked(page, 'dash-compare')).toBeGreaterThan(200)
  await settled(page)
  await shot(page, 'dashboard-grid-from-street', true)
  expect(page.errors).toEqual([])
})

it("the grid chief opens their grid's dashboard from 首页", async () => {
  const chief = personaPerson(d.demo, 'gridChief', 0)
  const page = await d.openAs(chief, 'pages/grid/home/index')
  await page.locator('.manage-link--dashboard').click()
  await page.locator('.dash-head__name').waitFor()
  await page.locator('.dash-tile--patrols').waitFor()
  expect(await page.locator('.dash-child').count()).toBe(0)
  expect(await page.locator('.dash-units').count()).toBe(0)
  await shot(page, 'dashboard-grid-chief')
  expect(page.errors).toEqual([])
})
