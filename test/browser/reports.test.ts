/**
 * 周例会 / 月通报 in a real browser on the h5 build against the local cloud and the demo: a community worker opens the
 * reports from 数据看板, switches to 月报, generates this month's, sees the figures against last month and the 红黑榜,
 * exports it, publishes it as a notice after the confirm (once: the page then says it was published), and a
 * resident of one of the community's grids finds the notice in their feed. 375×800 screenshots; no page errors.
 */
import type { Page } from 'playwright-core'
import { reportId } from '../../core/ids'
import { periodOf } from '../../core/dashboard/stats'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('reports', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

/** Waits until the page on top has slid in (h5 animates a navigateTo): its head is at the left edge. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const heads = Array.from(document.querySelectorAll('.report .dash-head')).map((e) => e.getBoundingClientRect())
    return heads.some((r) => r.width > 0 && r.left >= 0 && r.left < 20)
  })
}

it('a community worker generates 月通报, sees the 红黑榜, publishes it, and the grid’s residents get the notice', async () => {
  const staff = personaPerson(d.demo, 'communityStaff', 0)
  const page = await d.openAs(staff, 'dashboard/overview/index')
  await page.locator('.dash-reports').click()
  await page.locator('.rp-tab--month.dash-period--active').waitFor()
  await page.locator('.rp-make__button', { hasText: '生成本月' }).waitFor()
  await shot(page, 'reports-list')
  await page.locator('.rp-make__button', { hasText: '生成本月' }).click()

  // the report: this month against the last, the boards of the community's grids, the decisions
  await page.locator('.report .dash-head__path', { hasText: '月通报' }).waitFor()
  const name = (await page.locator('.report .dash-head__name').textContent()) ?? ''
  expect(name).toMatch(/社区$/)
  await page.locator('.report .rp-figure--patrols .rp-figure__was', { hasText: /上月/ }).waitFor()
  const patrols = page.locator('.report .rp-board--patrols')
  await patrols.locator('.rp-board__head--red', { hasText: '红榜' }).waitFor()
  expect(await patrols.locator('.rp-board__col--red .rp-board__row').count()).toBeGreaterThan(0)
  await page.locator('.report .rp-board--onTime .rp-board__title', { hasText: '按时办结率' }).waitFor()
  await settled(page)
  await shot(page, 'report-month', true)

  // 导出 Excel: the file opens (h5: a download)
  const download = page.waitForEvent('download')
  await page.locator('.rp-export').click()
  expect((await download).suggestedFilename()).toMatch(/月通报\.xlsx$/)
  await page.locator('.rp-message', { hasText: '已导出' }).waitFor()

  // 发布为通知: asked first, then published once
  await page.locator('.rp-publish').click()
  await page.locator('.taro-modal__foot >> text=发布').click()
  await page.locator('.rp-published', { hasText: '发布为通知' }).waitFor()
  expect(await page.locator('.rp-publish').count()).toBe(0)
  await shot(page, 'report-published')
  expect(page.errors).toEqual([])

  // back on the list the report reads 已发布
  const list = await d.openAs(staff, 'dashboard/reports/index')
  await list.locator('.rp-row', { hasText: '已发布' }).first().waitFor()
  expect(list.errors).toEqual([])

  // a resident of one of the community's grids finds it among their notices
  const resident = personaPerson(d.demo, 'resident', 0)
  const feed = await d.openAs(resident, 'pages/notices/list/index')
  await feed.getByText(`${name}月通报`).first().waitFor()
  await shot(feed, 'report-notice-feed')
  expect(feed.errors).toEqual([])
})

it('a street’s 月通报 names each ranked grid’s community (grids of different communities share names)', async () => {
  const staff = personaPerson(d.demo, 'streetStaff', 0)
  const street = d.demo.units.find((u) => u.level === 'street')
  if (!street) throw new Error('the demo has no street')
  const communities = new Set(d.demo.units.filter((u) => u.level === 'community').map((u) => u.name))
  const page = await d.openAs(staff, `dashboard/report/index?id=${reportId(street._id, periodOf('month', new Date()))}`)
  const rows = page.locator('.report .rp-board--patrols .rp-board__row')
  await rows.first().waitFor()
  const named = await rows.locator('.rp-board__community').allTextContents()
  expect(named.length).toBe(await rows.count())
  for (const n of named) expect(communities).toContain(n)
  await settled(page)
  await page.locator('.report .rp-board--onTime').scrollIntoViewIfNeeded()
  await shot(page, 'report-street-boards')
  expect(page.errors).toEqual([])
})
