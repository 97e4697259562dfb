/**
 * 应急状态 and 应急力量 in a real browser on the h5 build against the local cloud over the demo: a resident of
 * 和平里社区 sees the demo emergency's banner on 首页 with its instructions, opens 应急须知 and answers the demo's
 * call-up 到岗 on 我的应急力量; community staff see the reserve and the call-up's counts, assign the resident on
 * 召集详情, read the history on 应急状态, and end the emergency on its page; the resident's 首页 then has no banner,
 * and the record stays readable. Every page is screenshotted at 375×800 and raises no page error.
 */
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { DEMO_CALLUP_ID, DEMO_EMERGENCY_ID } from '../../emulator/seed/emergency'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('emergency', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }

const open = (person: PersonDoc, route: string): Promise<Tagged> => d.openAs(person, `${route}`)

it('a resident sees the banner with the instructions on 首页, opens them, and answers the call-up 到岗', async () => {
  const resident = personaPerson(d.demo, 'resident', 0)
  const page = await open(resident, 'pages/grid/home/index')
  const banner = page.locator('.emergency-banner__item', { hasText: '寒潮防冻' })
  await banner.waitFor()
  expect(await banner.innerText()).toContain('三级响应')
  expect(await banner.innerText()).toContain('请关好门窗')
  await shot(page, 'emergency-home-banner')
  await banner.click()
  await page.locator('.em-instructions:visible', { hasText: '独居老人' }).waitFor()
  await shot(page, 'emergency-instructions', true)
  await page.locator('.reserve-mine-link').click()
  const callUp = page.locator('.reserve-callup:visible', { hasText: '分组上门查看' })
  await callUp.waitFor()
  await shot(page, 'emergency-reserve-mine', true)
  await callUp.locator('.callup-coming').click()
  await callUp.getByText('我的答复：到岗').waitFor()
  expect(page.errors).toEqual([])
  await page.close()
})

it('staff see the reserve and the call-up, and assign the resident who answered 到岗', async () => {
  const staff = personaPerson(d.demo, 'communityStaff', 0)
  const resident = personaPerson(d.demo, 'resident', 0)
  const page = await open(staff, 'emergency/reserve/manage/index')
  await page.locator('.reserve-list:visible .em-row', { hasText: resident.name }).waitFor()
  await page.locator('.reserve-callup-list:visible .em-row', { hasText: '到岗 2' }).waitFor()
  await shot(page, 'emergency-reserve-manage', true)
  await page.goto(`${d.cloud.url}/#/emergency/reserve/callup/index?id=${encodeURIComponent(DEMO_CALLUP_ID)}`)
  const row = page.locator('.callup-answer:visible', { hasText: resident.name })
  await row.waitFor()
  await row.locator('input').fill('社区服务站')
  await row.locator('.callup-assign').click()
  await page.locator('.callup-answer:visible', { hasText: '已安排：社区服务站' }).waitFor()
  await shot(page, 'emergency-callup-detail', true)
  expect(page.errors).toEqual([])
  await page.close()
})

it('staff read the history and end the emergency: the banner goes, the record stays readable', async () => {
  const staff = personaPerson(d.demo, 'communityStaff', 0)
  const page = await open(staff, 'emergency/switch/manage/index')
  await page.locator('.emergency-history:visible .em-row', { hasText: '暴雨防汛' }).waitFor()
  await page.locator('.emergency-declare:visible').waitFor()
  await shot(page, 'emergency-manage', true)
  await page.goto(`${d.cloud.url}/#/emergency/switch/detail/index?id=${encodeURIComponent(DEMO_EMERGENCY_ID)}`)
  await page.locator('.emergency-manage:visible').waitFor()
  await page.locator('.emergency-end').click()
  await page.locator('.taro-modal__foot >> text=结束').click()
  await page.locator('.em-level--ended:visible').waitFor()
  await shot(page, 'emergency-ended', true)
  expect(page.errors).toEqual([])
  await page.close()

  const resident = personaPerson(d.demo, 'resident', 0)
  const home = await open(resident, 'pages/grid/home/index')
  await home.locator('.home-grid__name').waitFor()
  expect(await home.locator('.emergency-banner__item').count()).toBe(0)
  await home.goto(`${d.cloud.url}/#/emergency/switch/detail/index?id=${encodeURIComponent(DEMO_EMERGENCY_ID)}`)
  await home.locator('.em-instructions:visible', { hasText: '独居老人' }).waitFor()
  await home.locator('.em-level--ended:visible').waitFor()
  expect(home.errors).toEqual([])
  await home.close()
})
