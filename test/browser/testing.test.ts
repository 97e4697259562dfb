/**
 * 错时采样 in a real browser on the h5 build against the local cloud: a grid chief sets up a round over their grid
 * (every building's slots, every household assigned) and lands on its coverage; community staff drill the demo's
 * round from the community to a grid and a building, its slots' door-to-done and its households not yet tested; the
 * first site's worker calls a slot and marks a household done from the list; a resident sees their slot card with
 * its code. Every page is screenshotted at 375×800 and raises no page error.
 */
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'
import { DEMO_ROUND_ID } from '../../emulator/seed/testing'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('testing', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }

const open = (person: PersonDoc, route: string): Promise<Tagged> => d.openAs(person, `emergency/testing/${route}`)

it('a grid chief sets up a round over the grid: slots planned, households assigned, its coverage shown', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const page = await open(chief, 'rounds/index')
  await page.locator('.round-row', { hasText: '第一轮全员采样' }).waitFor()
  await page.locator('.round-name input').fill('第二网格补采')
  await page.locator('.round-site input').fill('一号采样点')
  await page.locator('.round-place input').fill('网格活动室门口')
  await shot(page, 'testing-rounds-chief', true)
  await page.locator('.round-create').click()
  // the round's coverage opens once every household is assigned
  await page.locator('.coverage-unit:visible', { hasText: '第二网格补采' }).waitFor({ timeout: 120_000 })
  await page.locator('.coverage-child:visible').first().waitFor()
  expect(await page.locator('.coverage-unit:visible .tt-figure__value').nth(1).innerText()).not.toBe('0')
  await shot(page, 'testing-coverage-new-round')
  expect(page.errors).toEqual([])
  await page.close()
})

it('staff drill the demo round down to a building: door-to-done per slot and the households not yet tested', async () => {
  const staff = personaPerson(d.demo, 'communityStaff', 0)
  const page = await open(staff, `cover/index?roundId=${DEMO_ROUND_ID}`)
  await page.locator('.coverage-unit:visible', { hasText: '和平里社区' }).waitFor()
  await shot(page, 'testing-coverage-community')
  await page.locator('.coverage-child:visible').first().click()
  await page.locator('.coverage-child:visible').first().waitFor()
  await shot(page, 'testing-coverage-grid')
  await page.locator('.coverage-child:visible').first().click()
  await page.locator('.coverage-slot:visible').first().waitFor()
  await page.locator('.coverage-slot:visible', { hasText: '中位' }).first().waitFor()
  await page.locator('.coverage-not-done:visible').click()
  await page.locator('.not-done-row:visible').first().waitFor()
  await shot(page, 'testing-coverage-building', true)
  expect(page.errors).toEqual([])
  await page.close()
})

it('the site worker calls the next slot and marks a household done from the list', async () => {
  const worker = personaPerson(d.demo, 'partyLeader', 0)
  const page = await open(worker, 'site/index')
  await page.locator('.tt-title:visible', { hasText: '一号采样点' }).waitFor()
  await page.locator('.site-call:visible').click()
  await page.locator('.site-message:visible', { hasText: '已叫号' }).waitFor()
  await page.locator('.site-progress:visible', { hasText: '已叫号' }).waitFor()
  const first = page.locator('.site-household:visible', { has: page.locator('.site-done') }).first()
  const door = (await first.locator('.tt-row__main').innerText()).trim()
  await first.locator('.site-done').click()
  await page.locator('.site-message:visible', { hasText: `${door} 采样完成` }).waitFor()
  await page.locator('.site-household:visible', { hasText: door }).locator('.tt-ok').waitFor()
  await shot(page, 'testing-site-worker', true)
  expect(page.errors).toEqual([])
  await page.close()
})

it('a resident sees their slot card with its code', async () => {
  const resident = personaPerson(d.demo, 'resident', 0)
  const page = await open(resident, 'slot/index')
  await page.locator('.slot-card:visible', { hasText: '第一轮全员采样' }).first().waitFor()
  await page.locator('.slot-site:visible', { hasText: '采样点' }).first().waitFor()
  await shot(page, 'testing-slot-resident', true)
  expect(page.errors).toEqual([])
  await page.close()
})
