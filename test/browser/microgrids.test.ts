/**
 * 战时网格 in a real browser on the h5 build against the local cloud over the demo (和平里社区 in 寒潮防冻): the grid chief
 * persona splits their grid into three 战时网格, one per building, each with a temporary leader picked from the reserve
 * force; a leader finds theirs on 我的应急力量, opens it (发通知 opens 发布通知 with its building chosen), and sees their
 * building's households on 网格管理; community staff open the seeded 东片 with its leader to call. Every page is screenshotted at 375×800 and raises no
 * page error.
 */
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import type { Unit } from '../../core/units'
import { DEMO_MICROGRID_ID } from '../../emulator/seed/emergency'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'
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
