/**
 * The privacy guide in the h5 twin, in a real browser against the local cloud: a visitor opening an invite sees
 * the guide and no field that collects anything; 不同意 keeps it that way; 同意并继续 opens the form and is
 * remembered for that visitor (a reload goes straight to the form), while another visitor in the same browser is
 * asked again.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { InviteView } from '../../core/contract'
import type { Envelope } from '../../core/envelope'
import { PRIVACY_GUIDE } from '../../core/privacy/guide'
import type { Unit } from '../../core/units'
import { personaPerson, pickPersona, SHOTS, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(180_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('consent')
})
afterAll(async () => {
  await d?.close()
})

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `consent-${name}.png`), fullPage: true })
const FIELDS = '.join-entrance input, .join-room input, .join-name input, .join-phone input, .join-submit'

it('shows the guide before anything is collected, and remembers each visitor’s consent', async () => {
  const head = personaPerson(d.demo, 'buildingHead')
  const building = d.demo.units.find((u) => u._id === head.roles.find((r) => r.role === 'buildingHead')?.unitId) as Unit
  const res = (await d.cloud.callFunction(
    'join',
    { action: 'createInvite', payload: { unitId: building._id } },
    {
      openid: head.openid as string,
    },
  )) as { result: Envelope<InviteView> }
  if (!res.result.ok) throw new Error(res.result.code)
  const link = `${d.cloud.url}/#/pages/join/index?token=${res.result.data.token}`

  const page = await d.newPage()
  await page.goto(link)
  await pickPersona(page, '新访客 2')
  await page.locator('.privacy-guide').waitFor()
  const guide = await page.locator('.privacy-guide').innerText()
  for (const s of PRIVACY_GUIDE.sections) expect(guide).toContain(s.title)
  expect(guide).toContain('每次查看都会记入审计日志')
  expect(guide).toContain('注销我的信息')
  expect(await page.locator(FIELDS).count()).toBe(0)
  await shot(page, 'guide')

  await page.locator('.privacy-guide__decline').click()
  await page.locator('.privacy-guide__declined').waitFor()
  expect(await page.locator(FIELDS).count()).toBe(0)
  await shot(page, 'declined')

  await page.locator('.privacy-guide__agree').click()
  await page.locator('.join-phone input').waitFor()
  expect(await page.locator('.privacy-guide').count()).toBe(0)
  // the h5 twin has no WeChat to verify a number: typing is the way
  expect(await page.locator('.join-phone-get').count()).toBe(0)
  await shot(page, 'form')

  // remembered: a reload goes straight to the form
  await page.reload()
  await page.locator('.join-phone input').waitFor()
  expect(await page.locator('.privacy-guide').count()).toBe(0)

  // another WeChat user in the same browser is asked again
  const other = d.demo.personas.find((p) => p.label.startsWith('新访客 3'))
  await page.evaluate((p) => window.localStorage.setItem('wanggetong.persona', JSON.stringify(p)), other)
  await page.reload()
  await page.locator('.privacy-guide').waitFor()
  expect(await page.locator(FIELDS).count()).toBe(0)
  expect(page.errors).toEqual([])
})
