/**
 * 今日调度 in a real browser on the h5 build against the local cloud and the demo: the first grid's chief opens 数据看板,
 * taps 今日调度 and sees the five sections of their grid each with its count and items (the demo has something of
 * today in every one), subscribes to the morning message, and taps a request (overdue or due today) through to 诉求详情. A street's
 * staff member sees the street's list. Screenshots at 375×800; no page error.
 */
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('dispatch', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

const SECTIONS = ['requests', 'notices', 'shifts', 'care', 'activities'] as const

it('the chief opens 今日调度 from 数据看板, sees every section, subscribes and taps through to a request', async () => {
  // the first grid's own chief (the residents' grid: its shifts, care persons and activities)
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const page = await d.openAs(chief, 'dashboard/overview/index')
  await page.locator('.dash-head__name').waitFor()
  await page.locator('.dash-dispatch').click()

  const v = (selector: string, hasText?: string | RegExp) =>
    page.locator(`.dispatch:visible ${selector}`, hasText ? { hasText } : {})
  await v('.dispatch-head__name').waitFor()
  for (const s of SECTIONS) {
    await v(`.dispatch-section--${s}.dispatch-section--due .dispatch-item`).first().waitFor()
    expect(await v(`.dispatch-section--${s} .dispatch-count`).innerText()).toMatch(/^[1-9]\d*\+? /)
  }
  expect(await v('.dispatch-clear').count()).toBe(0)
  await v('.dispatch-activity', '今晚平安巡逻').waitFor()
  await v('.dispatch-request', /已超时|到期/)
    .first()
    .waitFor()
  await v('.dispatch-shift', /缺 \d+ 人/)
    .first()
    .waitFor()
  await shot(page, 'dispatch-grid-chief')
  await shot(page, 'dispatch-grid-chief-full', true)

  await v('.dispatch-subscribe__button').click()
  await v('.dispatch-subscribe__status--ok', '已订阅').waitFor()

  const title = (await v('.dispatch-request .dispatch-item__title').first().innerText()).trim()
  await v('.dispatch-request').first().click()
  await page.waitForURL(/requests\/detail\/index\?id=/)
  // the request's own page, with the words the list showed (the title is 类别：description)
  const words = title.slice(title.indexOf('：') + 1, title.indexOf('：') + 9)
  await page.locator('.request-detail:visible .detail-description', { hasText: words }).waitFor()
  await shot(page, 'dispatch-to-request')
  expect(page.errors).toEqual([])
})

it("a street's staff member sees the street's list", async () => {
  const staff = personaPerson(d.demo, 'streetStaff', 0)
  const page = await d.openAs(staff, 'dashboard/dispatch/index')
  await page.locator('.dispatch-head__name', { hasText: '和平街道' }).waitFor()
  await page.locator('.dispatch-section--requests .dispatch-item').first().waitFor()
  expect(await page.locator('.dispatch-section').count()).toBe(5)
  await shot(page, 'dispatch-street')
  expect(page.errors).toEqual([])
})
