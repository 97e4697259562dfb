/**
 * Issue 10's journey, in a real browser on the h5 build against the local cloud: a grid chief posts an activity with
 * two posts; three residents sign up for the post with quota 2 — the third waits, and moves up when another
 * cancels; the two check in with the organiser's code and check out; the organiser adjusts their hours (with a
 * reason) and confirms; their balances rise by the rule; a resident redeems a merchant's service, the merchant
 * verifies the voucher (the QR code on the resident's screen, decoded) once, and a second try is refused in plain
 * words; the resident's record shows the activity and its hours.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Locator, Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { pickPersona, personaPerson, shot, signInAs, startDemoCloud, type DemoCloud } from './demo-cloud'
import { pickDateTime } from './pickers'

jest.setTimeout(900_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('points')
})
afterAll(async () => {
  await d?.close()
})

const TITLE = '社区疫苗接种点志愿服务'
const MINUTE = 60_000

/** A NutUI Input inside `selector`: cleared, then typed. */
async function fill(page: Page | Locator, selector: string, value: string): Promise<void> {
  const input = page.locator(`${selector} input`).first()
  await input.fill('')
  await input.fill(value)
}

/** The balance on a resident's 积分 tab. */
async function balanceOf(page: Page): Promise<number> {
  await page.goto(d.cloud.url + '/#/pages/points/home/index')
  return Number((await page.locator('.points-hero__balance:visible').innerText()).trim())
}

/** Waits until the 积分 tab shows `expected` (a tab shown again refreshes in place), failing with what it shows. */
async function expectBalance(page: Page, expected: number): Promise<void> {
  await page.goto(d.cloud.url + '/#/pages/points/home/index')
  const balance = page.locator('.points-hero__balance:visible')
  await balance
    .filter({ hasText: new RegExp(`^${expected}$`) })
    .waitFor({ timeout: 20_000 })
    .catch(async () => {
      throw new Error(`the balance shows ${await balance.innerText()}, not ${expected}`)
    })
}

async function openActivity(page: Page, person: PersonDoc): Promise<void> {
  await signInAs(page, person)
  await page.goto(d.cloud.url + '/#/pages/points/home/index')
  await page.locator('.activity-row', { hasText: TITLE }).click()
  await page.locator('.activity-title', { hasText: TITLE }).waitFor()
}

const roleRow = (page: Page, name: string) => page.locator('.role-row', { hasText: name })

/** What a QR code on the page encodes: the element screenshotted and decoded. */
async function qrText(page: Page, selector: string): Promise<string> {
  const png = PNG.sync.read(await page.locator(selector).screenshot())
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  if (!found) throw new Error(`no QR code could be read from ${selector}`)
  return found.data
}

it('posts, signs up with a waiting list, checks in and out, confirms, earns, redeems and verifies once', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const [first, neighbour, housemate] = [0, 1, 2].map((n) => personaPerson(d.demo, 'resident', n))
  const merchant = personaPerson(d.demo, 'merchant')
  const residents = [first, neighbour, housemate]

  const before = new Map<string, number>()
  for (const r of residents) {
    const page = await d.newPage()
    await signInAs(page, r)
    before.set(r._id, await balanceOf(page))
    await page.close()
  }

  // the chief posts an activity starting in a few minutes (sign-up closes at the start), 15 minutes long
  const chiefPage = await d.newPage()
  await chiefPage.goto(d.cloud.url + '/')
  await pickPersona(chiefPage, `网格长 · ${chief.name}`, '.taro-tabbar__tabbar')
  await chiefPage.goto(d.cloud.url + '/#/pages/points/home/index')
  await chiefPage.locator('.points-manage__link--postActivity:visible').click()
  const start = new Date(Math.ceil((Date.now() + 6 * MINUTE) / MINUTE) * MINUTE)
  const end = new Date(start.getTime() + 15 * MINUTE)
  await fill(chiefPage, '.pa-title', TITLE)
  await fill(chiefPage, '.pa-place', '社区卫生服务站门口')
  await chiefPage.locator('.pa-description textarea').fill('协助居民扫码登记、维持排队秩序。')
  // the start and end on the date and time wheels (the end moves with the start, then is set itself)
  await pickDateTime(chiefPage, '.pa-start', start)
  await pickDateTime(chiefPage, '.pa-end', end)
  await chiefPage.locator('.pa-cancel--0').click()
  const post0 = chiefPage.locator('.pa-role--0')
  await fill(post0, '.pa-role-name', '信息录入')
  await fill(post0, '.pa-role-quota', '2')
  await fill(post0, '.pa-role-rate', '60')
  await fill(post0, '.pa-role-cap', '100')
  const post1 = chiefPage.locator('.pa-role--1')
  await fill(post1, '.pa-role-name', '秩序维护')
  await fill(post1, '.pa-role-quota', '4')
  await chiefPage.locator('.pa-submit').click()
  await chiefPage.locator('.activity-title', { hasText: TITLE }).waitFor()
  expect(await roleRow(chiefPage, '信息录入').locator('.role-row__count').innerText()).toContain('已报 0/2')
  expect(await roleRow(chiefPage, '秩序维护').locator('.role-row__count').innerText()).toContain('已报 0/4')
  await shot(chiefPage, 'points-activity-chief', true)

  // three residents sign up for 信息录入 (quota 2): the third waits, first on the list
  const pages = new Map<string, Page & { errors: string[] }>()
  for (const r of residents) {
    const page = await d.newPage()
    pages.set(r._id, page)
    await openActivity(page, r)
    await roleRow(page, '信息录入').locator('.role-row__signup').click()
    await page.locator('.activity-message').waitFor()
  }
  const thirdPage = pages.get(housemate._id) as Page
  expect(await thirdPage.locator('.activity-message').innerText()).toContain('候补第 1 位')
  expect(await roleRow(thirdPage, '信息录入').locator('.role-row__mine').innerText()).toContain('候补第 1 位')
  expect(await roleRow(thirdPage, '信息录入').locator('.role-row__count').innerText()).toContain('已报 2/2 · 候补 1 人')
  await shot(thirdPage, 'points-activity-waiting', true)

  // the neighbour cancels: the housemate moves up, and is told so on the page
  const neighbourPage = pages.get(neighbour._id) as Page
  await roleRow(neighbourPage, '信息录入').locator('.role-row__cancel').click()
  await neighbourPage.locator('.taro-modal__foot >> text=取消报名').click()
  await neighbourPage.locator('.activity-message', { hasText: '已取消报名' }).waitFor()
  await thirdPage.reload()
  await thirdPage.locator('.activity-promoted', { hasText: '你已从候补转为报名成功' }).waitFor()
  expect(await roleRow(thirdPage, '信息录入').locator('.role-row__mine').innerText()).toContain('已报名')

  // the organiser shows the check-in code; the two check in by typing its 6 digits, then check out the same way
  await chiefPage.locator('.activity-manage').click()
  await chiefPage.locator('.code-digits').waitFor()
  expect(await qrText(chiefPage, '.code-qr')).toMatch(/^wgt-check:in:.+:\d{6}$/)
  await shot(chiefPage, 'points-attendance-code', true)
  const attendees = [first, housemate]
  for (const kind of ['in', 'out'] as const) {
    await chiefPage.locator(`.code-kind--${kind}`).click()
    await chiefPage.locator('.code-digits').waitFor()
    for (const r of attendees) {
      const page = pages.get(r._id) as Page
      const digits = (await chiefPage.locator('.code-digits').innerText()).trim()
      await fill(page, '.check-code', digits)
      await page.locator(kind === 'in' ? '.check-in' : '.check-out').click()
      await page.locator('.activity-message', { hasText: kind === 'in' ? '签到成功' : '签退成功' }).waitFor()
    }
  }
  await pages.get(first._id)?.locator('.check-done').waitFor()

  // both left before the start, so the sheet counts no time: the organiser adjusts each to the whole 15 minutes
  await chiefPage.reload()
  const rows = chiefPage.locator('.sheet-row')
  await rows.first().waitFor()
  expect(await rows.count()).toBe(2)
  for (const r of attendees) {
    const row = chiefPage.locator('.sheet-row', { hasText: r.name })
    await row.locator('.sheet-row__adjust').click()
    await fill(row, '.sheet-adjust__minutes', '15')
    await fill(row, '.sheet-adjust__reason', '提前到岗协助布置，按全程计')
    await row.locator('.sheet-adjust__save').click()
    await row.locator('.sheet-row__adjusted', { hasText: '提前到岗协助布置' }).waitFor()
    expect(await row.locator('.sheet-row__points').innerText()).toContain('15 分')
  }
  await shot(chiefPage, 'points-attendance-sheet', true)

  // confirming is open once the activity has started (every row is settled): wait for the start, then confirm
  await chiefPage.waitForFunction((at) => Date.now() >= at, start.getTime(), { timeout: 8 * MINUTE, polling: 1000 })
  await chiefPage.locator('.attendance-confirm').click()
  await chiefPage.locator('.taro-modal__foot >> text=确认').click()
  await chiefPage.locator('.attendance-message', { hasText: '已确认出勤：2 人获得积分，共 30 分' }).waitFor()
  expect(chiefPage.errors).toEqual([])

  // balances rose by the rule (15 minutes at 60 an hour: 15 points), the canceller's did not
  for (const r of residents) {
    const page = pages.get(r._id) as Page
    const earned = attendees.includes(r) ? 15 : 0
    await expectBalance(page, (before.get(r._id) as number) + earned)
  }

  // the housemate redeems the merchant's service: a voucher with its code and QR code
  const resident = pages.get(housemate._id) as Page & { errors: string[] }
  await resident.goto(d.cloud.url + '/#/pages/points/home/index')
  await resident.locator('.points-entry--services:visible').click()
  await resident.locator('.service-row', { hasText: '老王家常菜' }).first().click()
  const serviceTitle = (await resident.locator('.service-title').innerText()).trim()
  const cost = Number((await resident.locator('.service-cost').innerText()).replace(/\D/g, ''))
  await resident.locator('.service-redeem').click()
  await resident.locator('.taro-modal__foot >> text=兑换').click()
  await resident.locator('.voucher-code').waitFor()
  const code = (await resident.locator('.voucher-code').innerText()).trim()
  const scanned = await qrText(resident, '.voucher-qr__image')
  await shot(resident, 'points-voucher', true)
  await expectBalance(resident, (before.get(housemate._id) as number) + 15 - cost)

  // the merchant verifies it once (the QR code's text as a scanner reads it) and sees only what they need
  const merchantPage = await d.newPage()
  await merchantPage.goto(d.cloud.url + '/')
  await pickPersona(merchantPage, `商户 · ${merchant.name}`, '.taro-tabbar__tabbar')
  await merchantPage.goto(d.cloud.url + '/#/pages/points/home/index')
  await merchantPage.locator('.points-manage__link--verifyVoucher:visible').click()
  await fill(merchantPage, '.verify-code', scanned)
  await merchantPage.locator('.verify-submit').click()
  await merchantPage.locator('.verify-done').waitFor()
  expect(await merchantPage.locator('.verify-done__service').innerText()).toBe(serviceTitle)
  expect(await merchantPage.locator('.verify-done__code').innerText()).toContain(code)
  const holder = await merchantPage.locator('.verify-done__holder').innerText()
  expect(holder).toContain(housemate.name.slice(0, 1))
  expect(holder).not.toContain(housemate.name)
  await shot(merchantPage, 'points-verify-done', true)

  // a second try, typing the printed code, is refused with a clear message
  await fill(merchantPage, '.verify-code', code)
  await merchantPage.locator('.verify-submit').click()
  await merchantPage.locator('.verify-refused', { hasText: '这张兑换券已经核销过了，不能重复使用' }).waitFor()
  await shot(merchantPage, 'points-verify-refused', true)
  expect(merchantPage.errors).toEqual([])

  // the voucher shows as used; the record shows the activity and its hours
  await resident.goto(d.cloud.url + '/#/pages/points/home/index')
  await resident.locator('.points-entry--vouchers:visible').click()
  await resident.locator('.voucher-row', { hasText: serviceTitle }).first().locator('text=已核销').waitFor()
  await resident.goto(d.cloud.url + '/#/pages/points/home/index')
  await resident.locator('.points-entry--record:visible').click()
  const recordRow = resident.locator('.record-row', { hasText: TITLE })
  await recordRow.waitFor()
  expect(await recordRow.locator('.record-row__hours').innerText()).toBe('15 分钟')
  expect(await recordRow.innerText()).toContain('信息录入')
  await shot(resident, 'points-record', true)
  for (const page of pages.values()) expect(page.errors).toEqual([])
})
