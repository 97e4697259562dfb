/**
 * Issue 3's journey, in a real browser on the h5 build against the local cloud: a building head invites, a
 * new WeChat user opens the invite, claims a room and waits; the building head confirms; the new resident
 * then sees their grid and three heads. A neighbour sees the newcomer's phone masked; the grid chief sees it in
 * full, and community staff find that read in the audit log.
 */
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { isWithin, type Unit } from '../../core/units'
import { pickPersona, personaPerson, shot as snap, SHOTS, startDemoCloud, unitOf, type DemoCloud } from './demo-cloud'

jest.setTimeout(180_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('join')
})
afterAll(async () => {
  await d?.close()
})

const NEWCOMER = { name: '林晓雯', phone: '13912345678', masked: '139****5678' }
const unit = (id: string): Unit => unitOf(d.demo, id)
const shot = (page: Page, name: string) => snap(page, `join-${name}`)

async function signIn(page: Page, label: string): Promise<void> {
  await page.goto(d.cloud.url + '/')
  await pickPersona(page, label, '.home-hero__greeting')
}

it('joins by invite, is confirmed by the building head, and is seen masked by neighbours, in full by the chief (audited)', async () => {
  const head = personaPerson(d.demo, 'buildingHead')
  const building = unit(head.roles.find((r) => r.role === 'buildingHead')?.unitId as string)
  const resident = personaPerson(d.demo, 'resident')
  // a room of the head's building where nobody of the journey lives yet
  const room = d.demo.units.find(
    (u) => u.level === 'household' && isWithin(u.path, building.path) && u._id !== resident.householdId,
  ) as Unit

  // the building head makes an invite
  const headPage = await d.newPage()
  await signIn(headPage, `楼栋长 · ${head.name}`)
  await headPage.locator('.manage-link--households:visible').first().click()
  await headPage.locator('.invite-create').click()
  const link = (await headPage.locator('.invite-card__link').innerText()).trim()
  expect(link).toContain('/pages/join/index?token=')

  // a new WeChat user opens it, signs in on the local login, and claims the room
  const newcomer = await d.newPage()
  await newcomer.goto(link)
  await pickPersona(newcomer, '新访客 1')
  await newcomer.locator('.join-grid__name').waitFor()
  expect(await newcomer.locator('.join-grid__name').innerText()).toContain(unit(building.parentId as string).name)
  // the privacy guide first (test/browser/consent.test.ts): agree, then the form
  await newcomer.locator('.privacy-guide__agree').click()
  await newcomer.locator('.join-building', { hasText: building.name }).click()
  await newcomer.locator('.join-entrance input').fill(room.entrance as string)
  await newcomer.locator('.join-room input').fill(room.room as string)
  await newcomer.locator('.join-name input').fill(NEWCOMER.name)
  await newcomer.locator('.join-phone input').fill(NEWCOMER.phone)
  await newcomer.locator('.join-submit').click()
  await newcomer.locator('.join-pending__status', { hasText: '待确认' }).waitFor()
  await shot(newcomer, 'pending')

  // the building head sees the claim and confirms it
  await headPage.reload()
  const claim = headPage.locator('.pending-claim', { hasText: NEWCOMER.name })
  await claim.waitFor()
  expect(await claim.innerText()).toContain(room.name)
  await claim.locator('.pending-claim__approve').click()
  await claim.waitFor({ state: 'detached' })

  // the newcomer now sees their grid and its three heads
  await newcomer.goto(d.cloud.url + '/#/pages/grid/home/index')
  await newcomer.reload()
  await newcomer.locator('.home-grid__name', { hasText: unit(building.parentId as string).name }).waitFor()
  expect(await newcomer.locator('.head-row').count()).toBe(3)
  expect(await newcomer.locator('.home-hero__greeting').innerText()).toContain(NEWCOMER.name)
  await shot(newcomer, 'home')

  // a neighbour in the same building sees the newcomer, phone masked
  const neighbour = await d.newPage()
  await signIn(neighbour, `居民 · ${resident.name}`)
  await neighbour.goto(d.cloud.url + '/#/pages/grid/neighbours/index')
  const row = neighbour.locator('.neighbour-row', { hasText: NEWCOMER.name })
  await row.waitFor()
  expect(await row.locator('.neighbour-row__phone').innerText()).toBe(NEWCOMER.masked)
  expect(await row.innerText()).not.toContain(NEWCOMER.phone)

  // the grid's chief sees the number in full
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const chiefPage = await d.newPage()
  await signIn(chiefPage, `网格长 · ${chief.name}`)
  await chiefPage.locator('.manage-link--households:visible').first().click()
  const member = chiefPage.locator('.member-row', { hasText: NEWCOMER.name })
  await member.waitFor()
  expect(await member.locator('.member-row__phone').innerText()).toBe(NEWCOMER.phone)

  // and community staff find that read in the audit log
  const staff = personaPerson(d.demo, 'communityStaff')
  const staffPage = await d.newPage()
  await signIn(staffPage, `社区工作者 · ${staff.name}`)
  await staffPage.locator('.manage-link--audit:visible').first().click()
  const entry = staffPage.locator('.audit-row', { hasText: chief.name }).first()
  await entry.waitFor()
  expect(await entry.innerText()).toContain(NEWCOMER.name)
  await shot(staffPage, 'audit')

  for (const page of [headPage, newcomer, neighbour, chiefPage, staffPage]) expect(page.errors).toEqual([])
})

afterAll(() => {
  if (!fs.existsSync(SHOTS)) throw new Error('screenshots were not written')
})
