/**
 * Issue 4's journey, in a real browser on the h5 build against the local cloud: a grid chief publishes an
 * urgent notice to the grid; two residents of one household and one of another press 收到 (one of them twice);
 * the reach page shows exactly two households reached, in the right buildings, and lists the others as
 * unreached; an in-person visit moves a household from unreached to reached.
 */
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import { pickPersona, personaPerson, signInAs, SHOTS, startDemoCloud, unitOf, type DemoCloud } from './demo-cloud'
import path from 'node:path'

jest.setTimeout(180_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('notices')
})
afterAll(async () => {
  await d?.close()
})

const TITLE = '今晚22点起全网格停水'
const unit = (id: string): Unit => unitOf(d.demo, id)

async function ack(page: Page): Promise<void> {
  await page.goto(d.cloud.url + '/#/pages/notices/list/index')
  const row = page.locator('.notice-row', { hasText: TITLE })
  await row.waitFor()
  expect(await row.locator('.notice-urgency').innerText()).toContain('紧急')
  await row.click()
  await page.locator('.notice-detail__title', { hasText: TITLE }).waitFor()
  await page.locator('.notice-ack').click()
  await page.locator('.notice-acked').waitFor()
}

it('publishes, counts 收到 once per household, lists the unreached, and counts a visit', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  const grid = unit(gridId)
  const joined = (p: PersonDoc) => p.openid && p.homePath && isWithin(p.homePath, grid.path)
  // a household of the grid with two members on WeChat, and one more resident of another household
  const members = d.demo.people.filter(joined)
  const pairHome = [...new Set(members.map((p) => p.householdId))].find(
    (h) => members.filter((p) => p.householdId === h).length >= 2,
  ) as string
  const [first, second] = members.filter((p) => p.householdId === pairHome)
  const other = members.find((p) => p.householdId !== pairHome && p.roles.length === 1) as PersonDoc
  const households = d.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, grid.path))

  // the chief publishes an urgent notice to the whole grid
  const chiefPage = await d.newPage()
  await chiefPage.goto(d.cloud.url + '/')
  await pickPersona(chiefPage, `网格长 · ${chief.name}`)
  await chiefPage.locator('.manage-link--publish:visible').first().click()
  await chiefPage.locator('.publish-title input').fill(TITLE)
  await chiefPage.locator('.publish-body textarea').fill('因管网抢修，今晚22点至明早6点停水，请提前储水。')
  await chiefPage.locator('.urgency-option--urgent').click()
  await chiefPage.locator('.publish-submit').click()
  await chiefPage.locator('.reach-totals__count').waitFor()
  expect(await chiefPage.locator('.reach-totals__count').innerText()).toContain(`0 / ${households.length}`)
  // the card to share into the grid's group opens the notice itself
  const shareLink = (await chiefPage.locator('.reach-share__link').innerText()).trim()
  expect(shareLink).toContain('/pages/notices/detail/index?id=')

  // two members of one household and a resident of another press 收到; one of them twice (a retry);
  // the last one opens the notice from the shared card rather than from the feed
  for (const person of [first, second, other]) {
    const page = await d.newPage()
    await signInAs(page, person)
    if (person === other) {
      await page.goto(shareLink)
      await page.locator('.notice-detail__title', { hasText: TITLE }).waitFor()
      await page.locator('.notice-ack').click()
      await page.locator('.notice-acked').waitFor()
    } else await ack(page)
    if (person === first) {
      const noticeId = new URL(page.url().replace('#/', '')).searchParams.get('id') as string
      const retry = await d.cloud.callFunction(
        'notices',
        { action: 'ack', payload: { noticeId } },
        { openid: first.openid as string },
      )
      expect(retry.result).toMatchObject({ ok: true })
    }
    expect(page.errors).toEqual([])
    await page.close()
  }

  // exactly two households reached, in the right buildings
  await chiefPage.locator('.reach-refresh').click()
  await chiefPage.locator('.reach-totals__count', { hasText: `2 / ${households.length}` }).waitFor()
  const reachedIn = new Map<string, number>()
  for (const h of [first.householdId, other.householdId]) {
    const building = unit(unit(h as string).parentId as string)
    reachedIn.set(building.name, (reachedIn.get(building.name) ?? 0) + 1)
  }
  for (const row of await chiefPage.locator('.reach-building').all()) {
    const name = (await row.locator('.reach-building__name').innerText()).trim()
    const [reached] = (await row.locator('.reach-building__count').innerText()).split('/').map(Number)
    expect([name, reached]).toEqual([name, reachedIn.get(name) ?? 0])
  }
  await chiefPage.screenshot({ path: path.join(SHOTS, 'notices-reach.png') })

  // the others of the pair's building are listed as unreached, the pair's household is not
  const building = unit(unit(pairHome).parentId as string)
  await chiefPage.locator('.reach-building', { hasText: building.name }).click()
  const inBuilding = households.filter((h) => h.parentId === building._id)
  const unreachedHere = inBuilding.length - (reachedIn.get(building.name) ?? 0)
  await chiefPage.locator('.unreached-total', { hasText: `${unreachedHere}` }).waitFor()
  const doors = await chiefPage.locator('.unreached-row__door').allInnerTexts()
  expect(doors.some((t) => t.includes(unit(pairHome).name))).toBe(false)

  // an in-person visit moves a household from unreached to reached
  const visited = chiefPage.locator('.unreached-row').first()
  const visitedDoor = (await visited.locator('.unreached-row__door').innerText()).trim()
  await visited.locator('.unreached-row__visit').click()
  await chiefPage.locator('.visit-method--door').click()
  await chiefPage.locator('.visit-confirm').click()
  await chiefPage.locator('.reach-totals__count', { hasText: `3 / ${households.length}` }).waitFor()
  await chiefPage.locator('.unreached-row__door', { hasText: visitedDoor }).waitFor({ state: 'detached' })
  expect(ancestorAt(building.path, 'grid')).toBe(gridId)
  expect(chiefPage.errors).toEqual([])
})
