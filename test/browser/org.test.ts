/**
 * 组织架构 in a real browser on the h5 build against the local cloud, a level at a time: community staff open their
 * community (its grids with their counts), tap a grid to see its buildings, go back by the path above, create a
 * building from a grid's row, and move a building to another grid picked from the community's grids; street staff
 * open their street and one of its communities. Phone-size screenshots in test-results/org-*.png.
 */
import type { Page } from 'playwright-core'
import type { Unit } from '../../core/units'
import { holderOf, shot as snap, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(180_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('org')
})
afterAll(async () => {
  await d?.close()
})

const ORG = 'manage/org/index'
const shot = (page: Page, name: string) => snap(page, `org-${name}`, true)
const names = (page: Page) => page.locator('.org-node__name').allInnerTexts()
const under = (parentId: string) =>
  (d.demo.units as Unit[]).filter((u) => u.parentId === parentId && u.level !== 'household')
/** The row of the unit named `name` (the open unit's own row is the first). */
const row = (page: Page, name: string) =>
  page.locator('.org-node').filter({ has: page.locator('.org-node__name', { hasText: new RegExp(`^${name}$`) }) })

it('community staff open their community, a grid of it, create a building there and move one to another grid', async () => {
  const staff = holderOf(d.demo, 'communityStaff', 'c1')
  const page = await d.openAs(staff, ORG)
  await page.locator('.org-children__title').waitFor()

  // the community: its own counts, its four grids each with theirs, nothing further down
  expect(await names(page)).toEqual(['和平里社区', '第1网格', '第2网格', '第3网格', '第4网格'])
  expect(await page.locator('.org-children__title').innerText()).toBe('下设 4 个网格')
  const homes = (d.demo.units as Unit[]).filter((u) => u.level === 'household' && u.path.startsWith('/s1/c1/g2/'))
  expect(await row(page, '第2网格').innerText()).toContain(`${homes.length} 户`)
  expect(await row(page, '第2网格').innerText()).toContain('下设 3 个楼栋')
  expect(await page.locator('.roster').innerText()).toContain('导入 和平里社区')
  await shot(page, 'community')

  // a grid opened: its buildings, and the way back up (never to the street above the community)
  await row(page, '第2网格').locator('.org-node__name').click()
  const buildings = under('g2').map((b) => b.name)
  await page.locator('.org-node__name', { hasText: buildings[0] }).waitFor()
  expect(await names(page)).toEqual(['第2网格', ...buildings])
  expect(await page.locator('.org-crumbs--tree').innerText()).toContain('和平里社区')
  expect(await page.locator('.org-crumbs--tree').innerText()).not.toContain('和平街道')
  await shot(page, 'grid')

  // 新建楼栋 from the grid's own row
  await row(page, '第2网格').locator('.org-node__act').click()
  await page.locator('.org-action--create').click()
  await page.locator('.org-form__name input').fill('9号楼')
  await page.locator('.org-form__submit').click()
  await page.locator('.manage-message', { hasText: '已新建 9号楼' }).waitFor()
  await row(page, '9号楼').waitFor()

  // 移动 a building: the picker lists the community's grids, its own marked, and moves it to the one tapped
  const moving = buildings[0]
  await row(page, moving).click()
  await page.locator('.org-action--move').click()
  await page.locator('.org-move-target--here', { hasText: '第2网格' }).waitFor()
  expect(await page.locator('.org-move-target:not(.org-move-target--here)').allInnerTexts()).toEqual([
    expect.stringContaining('第1网格'),
    expect.stringContaining('第3网格'),
    expect.stringContaining('第4网格'),
  ])
  await shot(page, 'move-picker')
  await page.locator('.org-move-target', { hasText: '第3网格' }).click()
  await page.locator('.manage-message', { hasText: '已移动到 第3网格' }).waitFor()
  await row(page, moving).waitFor({ state: 'detached' })

  // back to the community: the counts follow the move
  await page.locator('.org-crumb', { hasText: '和平里社区' }).click()
  await page.locator('.org-children__title').waitFor()
  expect(await row(page, '第3网格').innerText()).toContain('下设 4 个楼栋')
  expect(await row(page, '第2网格').innerText()).toContain('下设 3 个楼栋')
  expect(page.errors).toEqual([])
})

it('street staff open their street and one of its communities', async () => {
  const staff = holderOf(d.demo, 'streetStaff', 's1')
  const page = await d.openAs(staff, ORG)
  await page.locator('.org-children__title').waitFor()
  expect(await names(page)).toEqual(['和平街道', '和平里社区', '春晖社区'])
  expect(await row(page, '春晖社区').innerText()).toContain('下设 4 个网格')
  await row(page, '春晖社区').locator('.org-node__name').click()
  await page.locator('.org-crumb', { hasText: '和平街道' }).waitFor()
  expect(await names(page)).toEqual(['春晖社区', ...under('c2').map((g) => g.name)])
  expect(await page.locator('.roster').innerText()).toContain('导入 春晖社区')
  await shot(page, 'street-community')
  expect(page.errors).toEqual([])
})
