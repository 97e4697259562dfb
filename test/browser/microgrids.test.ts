/**
 * 战时网格 in a real browser on the h5 build against the local cloud over the demo (和平里社区 in 寒潮防冻): the grid chief
 * persona splits their grid into three 战时网格, one per building, each with a temporary leader picked from the reserve
 * force; a leader finds theirs on 我的应急力量, opens it (发通知 opens 发布通知 with its building chosen), and sees their
 * building's households on 网格管理; community staff open the seeded 东片 with its leader to call; street staff pick the
 * grid a level at a time (their street's communities, one community's grids: one org.tree call a step). Every page is
 * screenshotted at 375×800 and raises no page error.
 */
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import type { Unit } from '../../core/units'
import { DEMO_MICROGRID_ID } from '../../emulator/seed/emergency'
import { holderOf, personaPerson, shot, signInAs, startDemoCloud, type DemoCloud } from './demo-cloud'
import { buildingsOf as buildingsOfGrid, gridOf, reserveLeaders } from './emergency-kit'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('microgrids', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }

const leaders = (): PersonDoc[] => reserveLeaders(d)
const buildingsOf = (gridId: string) => buildingsOfGrid(d, gridId)

it('a grid chief splits their grid into three 战时网格 with leaders from the reserve force', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 0)
  const buildings = buildingsOf(gridOf(chief))
  const picked = leaders()
  expect(buildings).toHaveLength(3)
  expect(picked).toHaveLength(3)
  const page = (await d.openAs(chief, 'emergency/microgrid/list/index')) as Tagged
  const split = page.locator('.microgrid-split:visible')
  await split.waitFor()
  await page.getByText('还没有划分战时网格').waitFor()
  await shot(page, 'microgrids-empty', true)
  for (const [i, b] of buildings.entries()) {
    await split.locator('.microgrid-name input, input.microgrid-name').first().fill(`${b.name}战时网格`)
    await split.locator('.em-chip', { hasText: '按楼栋' }).first().waitFor()
    await split.locator('.microgrid-buildings .em-chip', { hasText: b.name }).click()
    await split.locator('.microgrid-leader', { hasText: picked[i].name }).click()
    if (i === 0) await shot(page, 'microgrids-split-form', true)
    await split.locator('.microgrid-submit').click()
    await page.locator('.microgrid-row:visible', { hasText: `${b.name}战时网格` }).waitFor()
  }
  await page.getByText('这个网格的楼栋都已划入战时网格').waitFor()
  expect(await page.locator('.microgrid-row:visible').count()).toBe(3)
  for (const p of picked) await page.locator('.microgrid-row:visible', { hasText: p.name }).waitFor()
  await shot(page, 'microgrids-split', true)
  expect(page.errors).toEqual([])
  await page.close()
})

it('a leader finds theirs on 我的应急力量 and sees their building’s households', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 0)
  const building = buildingsOf(gridOf(chief))[0]
  const leader = leaders()[0]
  const page = (await d.openAs(leader, 'emergency/reserve/mine/index')) as Tagged
  const mine = page.locator('.my-microgrid:visible', { hasText: `${building.name}战时网格` })
  await mine.waitFor()
  await shot(page, 'microgrids-reserve-mine', true)
  await mine.click()
  await page.locator('.microgrid-title:visible', { hasText: `${building.name}战时网格` }).waitFor()
  await page.locator('.microgrid-building:visible', { hasText: building.name }).waitFor()
  await page.locator('.microgrid-publish:visible').waitFor()
  await shot(page, 'microgrids-detail-leader', true)
  // 发通知 opens 发布通知 with its buildings chosen
  await page.locator('.microgrid-publish').click()
  await page.locator('.publish-targets:visible', { hasText: `发送到：${building.name}` }).waitFor()
  await shot(page, 'microgrids-publish', true)
  // as the building head of their building: its households on 网格管理
  await page.goto(`${d.cloud.url}/#/manage/households/index`)
  await page.locator('.manage-scope:visible', { hasText: building.name }).waitFor()
  const door = d.demo.units.find((u) => u.parentId === building._id && u.level === 'household') as Unit
  await page.getByText(door.name, { exact: false }).first().waitFor()
  await shot(page, 'microgrids-leader-households', true)
  expect(page.errors).toEqual([])
  await page.close()
})

it('community staff open the demo’s 东片: its leader to call, its buildings and the reach', async () => {
  const staff = personaPerson(d.demo, 'communityStaff', 0)
  const page = (await d.openAs(
    staff,
    `emergency/microgrid/detail/index?id=${encodeURIComponent(DEMO_MICROGRID_ID)}`,
  )) as Tagged
  await page.locator('.microgrid-title:visible', { hasText: '东片' }).waitFor()
  await page.locator('.microgrid-call:visible').waitFor()
  await page.getByText('周卫国').first().waitFor()
  await page.locator('.microgrid-manage:visible').waitFor()
  await shot(page, 'microgrids-detail-chief', true)
  expect(await page.locator('body').innerText()).not.toMatch(/wartime|microgrid|undefined|null/)
  expect(page.errors).toEqual([])
  await page.close()
})

/** The cloud calls the page sends from now on, as `function.action`. */
function callsOf(page: Page): string[] {
  const list: string[] = []
  page.on('request', (r) => {
    if (!r.url().endsWith('/local/call')) return
    const { name, data } = JSON.parse(r.postData() ?? '{}') as { name: string; data: { action: string } }
    list.push(`${name}.${data.action}`)
  })
  return list
}

it('street staff pick the grid a level at a time: their street’s communities, then one community’s grids', async () => {
  const staff = holderOf(d.demo, 'streetStaff', 's1')
  const units = d.demo.units as Unit[]
  const communities = units.filter((u) => u.parentId === 's1' && u.level === 'community' && !u.retired)
  // the seed draws 东片 in 和平里社区's third grid (emulator/seed/emergency.ts)
  const grids = units.filter((u) => u.parentId === 'c1' && u.level === 'grid' && !u.retired)
  const east = grids[2]
  const page = (await d.newPage()) as Tagged
  await signInAs(page, staff)
  const calls = callsOf(page)
  await page.goto(`${d.cloud.url}/#/emergency/microgrid/list/index`)
  const picker = page.locator('.microgrids-picker:visible')
  await picker.locator('.org-move-open').first().waitFor()
  expect(await picker.locator('.org-move-open').allInnerTexts()).toEqual(
    communities.map((c) => expect.stringContaining(c.name)),
  )
  await page.getByText('选一个网格，查看和划分它的战时网格').waitFor()
  expect(calls.filter((c) => c === 'org.tree')).toHaveLength(1)
  expect(calls).not.toContain('emergency.microGrids')
  await shot(page, 'microgrids-picker-street', true)

  await picker.locator('.org-move-open', { hasText: '和平里社区' }).click()
  await picker.locator('.org-move-target', { hasText: east.name }).waitFor()
  expect(await picker.locator('.org-move-target').allInnerTexts()).toEqual(
    grids.map((g) => expect.stringContaining(g.name)),
  )
  await picker.locator('.org-crumb', { hasText: '和平街道' }).waitFor()
  expect(calls.filter((c) => c === 'org.tree')).toHaveLength(2)
  await shot(page, 'microgrids-picker-community', true)

  await picker.locator('.org-move-target', { hasText: east.name }).click()
  await page.locator('.microgrid-row:visible', { hasText: '东片' }).waitFor()
  expect(await page.locator('.microgrids-grid-picker:visible').innerText()).toContain(`${east.name}（和平里社区）`)
  expect(calls.filter((c) => c === 'org.tree')).toHaveLength(2)
  expect(calls.filter((c) => c === 'emergency.microGrids')).toHaveLength(1)
  await shot(page, 'microgrids-picked', true)

  // 换一个 opens again at 和平里社区, the grid open marked
  await page.locator('.microgrids-grid-picker:visible').click()
  await picker.locator('.org-move-target--here', { hasText: east.name }).waitFor()
  expect(await picker.locator('.org-move-target--here').innerText()).toContain('正在查看')
  await shot(page, 'microgrids-picker-again', true)
  expect(await page.locator('body').innerText()).not.toMatch(/microgrid|undefined|null/)
  expect(page.errors).toEqual([])
  await page.close()
})
