/**
 * A community's notice counts its 收到 in batches (core/notices/counting.ts), in a real browser on the h5 build
 * against the local cloud, the countAcks timer fired by hand as the platform would: community staff publish an
 * urgent notice to their community; two residents of two households press 收到 and see 已收到 at once; the staff's
 * reach page shows no household reached yet and says the two 收到 will be counted within a minute; after the timer
 * and 刷新 both households are reached, each in its own grid's row, and the line is gone.
 */
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { ancestorAt, isWithin } from '../../core/units'
import { personaPerson, shot, signInAs, startDemoCloud, unitOf, type DemoCloud } from './demo-cloud'
import { fireCountAcks } from './emergency-kit'

jest.setTimeout(180_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('notices-counting', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

const TITLE = '明早8点起全社区停电检修'

/** A grid row of the community's reach: its name and reached households. */
async function gridRows(page: Page): Promise<Map<string, number>> {
  const rows = new Map<string, number>()
  for (const row of await page.locator('.reach-grid:visible').all()) {
    const name = (await row.locator('.reach-grid__name').innerText()).trim()
    const [reached] = (await row.locator('.reach-grid__count').innerText()).split('/').map(Number)
    rows.set(name, reached)
  }
  return rows
}

it('a community’s 收到 show 已收到 at once and are counted into the reach by the timer', async () => {
  const staff = personaPerson(d.demo, 'communityStaff', 0)
  const communityId = staff.roles.find((r) => r.role === 'communityStaff')?.unitId as string
  const community = unitOf(d.demo, communityId)
  const households = d.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, community.path))
  const gridOf = (p: PersonDoc) => ancestorAt(p.homePath as string, 'grid') as string
  // two plain residents on WeChat, of two households in two grids of the community
  const residents = d.demo.people.filter(
    (p) => p.openid && p.roles.length === 1 && p.householdId && p.homePath && isWithin(p.homePath, community.path),
  )
  const first = residents[0]
  const second = residents.find((p) => gridOf(p) !== gridOf(first)) as PersonDoc
  expect(second.householdId).not.toBe(first.householdId)

  // the staff publish an urgent notice to the whole community
  const staffPage = await d.openAs(staff, 'manage/notices/publish/index')
  await staffPage.locator('.publish-title input').fill(TITLE)
  await staffPage.locator('.publish-body textarea').fill('因线路检修，明早8点至12点全社区停电，请提前做好准备。')
  await staffPage.locator('.urgency-option--urgent').click()
  await staffPage.locator('.publish-targets', { hasText: `发送到：${community.name}` }).waitFor()
  await staffPage.locator('.publish-submit').click()
  const count = staffPage.locator('.reach-totals__count:visible')
  await count.waitFor()
  expect(await count.innerText()).toContain(`0 / ${households.length}`)
  expect(await staffPage.locator('.reach-counting').count()).toBe(0)

  // each resident opens it on their phone and presses 收到: 已收到 at once
  for (const person of [first, second]) {
    const page = await d.newPage()
    await signInAs(page, person)
    await page.goto(d.cloud.url + '/#/pages/notices/list/index')
    const row = page.locator('.notice-row:visible', { hasText: TITLE })
    await row.waitFor()
    expect(await row.locator('.notice-urgency').innerText()).toContain('紧急')
    await row.click()
    await page.locator('.notice-detail__title:visible', { hasText: TITLE }).waitFor()
    await page.locator('.notice-ack:visible').click()
    await page.locator('.notice-acked__title:visible', { hasText: '已收到' }).waitFor()
    expect(page.errors).toEqual([])
    await page.close()
  }

  // the reach page: nobody counted yet, and a line saying the two 收到 are on their way
  await staffPage.locator('.reach-refresh').click()
  const counting = staffPage.locator('.reach-counting:visible')
  await counting.waitFor()
  expect((await counting.innerText()).trim()).toBe('另有 2 人刚点了“收到”，一分钟内计入')
  expect(await count.innerText()).toContain(`已触达 0 / ${households.length} 户`)
  expect([...(await gridRows(staffPage)).values()].every((n) => n === 0)).toBe(true)
  await counting.scrollIntoViewIfNeeded()
  await shot(staffPage, 'notices-counting-before')

  // the countAcks timer counts both households; 刷新 shows them reached, each in its own grid
  await fireCountAcks(d)
  await staffPage.locator('.reach-refresh').click()
  await staffPage.locator('.reach-totals__count:visible', { hasText: `已触达 2 / ${households.length} 户` }).waitFor()
  expect(await staffPage.locator('.reach-counting').count()).toBe(0)
  const expected = new Map<string, number>()
  for (const p of [first, second]) {
    const grid = unitOf(d.demo, gridOf(p)).name
    expected.set(grid, (expected.get(grid) ?? 0) + 1)
  }
  const rows = await gridRows(staffPage)
  expect(rows.size).toBeGreaterThan(1)
  for (const [name, reached] of rows) expect([name, reached]).toEqual([name, expected.get(name) ?? 0])
  await staffPage.locator('.reach-totals').scrollIntoViewIfNeeded()
  await shot(staffPage, 'notices-counting-after')
  expect(staffPage.errors).toEqual([])
})
