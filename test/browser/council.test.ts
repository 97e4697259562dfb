/**
 * 三长议事 proposals in a real browser on the h5 build against the local cloud: the grid chief sets the grid's
 * threshold to two supports on 议事; a resident goes 我的 → 议事 → 发起议题, is shown the similar open proposal while
 * writing, adds a photo, files theirs and lands on its page (还差两人); two neighbours open it and press 支持 — the second support
 * puts it on the agenda and the page shows 待议, as does the 待议 tab of 议事. Every page is screenshotted at 375×800
 * and raises no page error.
 */
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('council', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }

/** A small real PNG, as a phone's photo would be (the files function checks the bytes). */
function photo(): Buffer {
  const png = new PNG({ width: 8, height: 8 })
  png.data.fill(120)
  return PNG.sync.write(png)
}

it('a resident raises a proposal, two neighbours support it, and it shows 待议', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const resident = personaPerson(d.demo, 'resident', 0)
  const first = personaPerson(d.demo, 'resident', 1)
  const second = personaPerson(d.demo, 'resident', 2)

  // the grid chief sets the threshold on 议事
  const board = await d.openAs(chief, 'council/proposals/index')
  await board.locator('.council-row', { hasText: '东门口路灯不亮' }).waitFor()
  await board.locator('.council-threshold input').fill('2')
  await board.locator('.nut-button', { hasText: '保存' }).click()
  await board.locator('.council-meta', { hasText: '议题满 2 位邻居支持' }).waitFor()
  await shot(board, 'council-proposals-chief', true)
  expect(board.errors).toEqual([])

  // the resident reaches 议事 from 我的 and raises a proposal, shown the similar one first
  const page: Tagged = await d.openAs(resident, 'pages/grid/me/index')
  await page.locator('.council-link').click()
  await page.locator('.council-proposals:visible .council-row').first().waitFor()
  await shot(page, 'council-proposals-resident', true)
  await page.locator('.council-propose').click()
  await page.locator('.council-title input').fill('北门口路灯也不亮')
  await page.locator('.council-body textarea').fill('小区北门口的路灯也坏了，晚上回家很黑，希望和东门的一起修好')
  await page.locator('.council-similar .council-row', { hasText: '东门口路灯不亮' }).waitFor()
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.photo-picker__add').click()
  await (await chooser).setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: photo() })
  await page.locator('.photo-picker__photo').waitFor()
  await shot(page, 'council-propose-similar', true)
  await page.locator('.council-submit').click()
  await page.locator('.council-proposal:visible .council-supports', { hasText: '再有 2 人支持即列入议程' }).waitFor()
  expect(page.errors).toEqual([])
  const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id') as string
  expect(id).toContain(resident._id)
  const stored = d.cloud.engine.find('proposals', { _id: id }) as { photos: string[] }[]
  expect(stored[0]?.photos).toHaveLength(1)

  // two neighbours support it: the second puts it on the agenda
  const one = await d.openAs(first, `council/proposal/index?id=${encodeURIComponent(id)}`)
  await one.locator('.council-support').click()
  await one.locator('.council-supports', { hasText: '再有 1 人支持即列入议程' }).waitFor()
  await one.locator('.council-withdraw').waitFor()
  await shot(one, 'council-proposal-supported', true)
  expect(one.errors).toEqual([])
  const two = await d.openAs(second, `council/proposal/index?id=${encodeURIComponent(id)}`)
  await two.locator('.council-support').click()
  await two.locator('.council-status', { hasText: '待议' }).first().waitFor()
  await two.locator('.council-outcome', { hasText: '已列入议程' }).waitFor()
  await shot(two, 'council-proposal-agenda', true)
  expect(two.errors).toEqual([])

  // and 议事's 待议 tab lists it
  const tabs = await d.openAs(resident, 'council/proposals/index')
  await tabs.locator('.council-tab', { hasText: '待议' }).click()
  await tabs.locator('.council-row', { hasText: '北门口路灯也不亮' }).waitFor()
  await shot(tabs, 'council-proposals-agenda', true)
  expect(tabs.errors).toEqual([])
})
