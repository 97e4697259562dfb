/**
 * Issue 16 in a real browser on the h5 build against the local cloud: a grid chief attaches an image to a notice
 * through the one upload path (picked, reserved, uploaded, checked by the cloud), publishes, and sees it on the
 * notice marked 审核中 while a resident of the grid sees no image; once the check passes it the resident sees it.
 */
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { isWithin } from '../../core/units'
import { personaPerson, pickPersona, shot, signInAs, startDemoCloud, unitOf, type DemoCloud } from './demo-cloud'

jest.setTimeout(180_000)

let d: DemoCloud
beforeAll(async () => {
  // verdicts are held until the test releases them: the 审核中 state is there to look at
  d = await startDemoCloud('notice-images', { mediaCheck: { hold: true } })
})
afterAll(async () => {
  await d?.close()
})

const TITLE = '周六上午楼道清理'

/** A 60×60 PNG, blue, as a phone would hand over a (compressed) photo. */
function photo(): Buffer {
  const img = new PNG({ width: 60, height: 60 })
  for (let i = 0; i < img.data.length; i += 4) img.data.set([40, 110, 220, 255], i)
  return PNG.sync.write(img)
}

async function openNotice(page: Page, noticeId: string): Promise<void> {
  await page.goto(`${d.cloud.url}/#/pages/notices/detail/index?id=${noticeId}`)
  await page.locator('.notice-detail__title', { hasText: TITLE }).waitFor()
  // the page slides in: wait until it stands still before anyone looks at it
  // (an animation cancelled by the next one rejects `finished` with AbortError: it has stopped all the same)
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
}

it('the publish page attaches an image; 审核中 for the publisher, hidden from a resident until it passes', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const grid = unitOf(d.demo, chief.roles.find((r) => r.role === 'gridChief')?.unitId as string)
  const resident = d.demo.people.find(
    (p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, grid.path),
  )
  if (!resident) throw new Error(`no resident in ${grid.name}`)

  const page = await d.newPage()
  await page.goto(d.cloud.url + '/')
  await pickPersona(page, `网格长 · ${chief.name}`)
  await page.locator('.manage-link--publish:visible').first().click()
  await page.locator('.publish-title input').fill(TITLE)
  await page.locator('.publish-body textarea').fill('请各户周六上午把楼道杂物收回家中。')
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.publish-images__add').click()])
  await chooser.setFiles({ name: '楼道.png', mimeType: 'image/png', buffer: photo() })
  await page.locator('.publish-image').waitFor()
  expect(await page.locator('.publish-images__hint').innerText()).toContain('审核中')
  await shot(page, 'notice-images-publish')
  await page.locator('.publish-submit').click()
  await page.locator('.reach-totals__count').waitFor()
  const noticeId = new URL(page.url().replace('#/', '')).searchParams.get('id') as string

  // the publisher: the image, marked 审核中
  await openNotice(page, noticeId)
  await page.locator('.notice-detail__checking-tag', { hasText: '审核中' }).waitFor()
  expect(
    await page.locator('.notice-detail__checking img, .notice-detail__checking .notice-detail__image').count(),
  ).toBeGreaterThan(0)
  await shot(page, 'notice-images-checking')

  // a resident of the grid: no image at all while it is checked
  const theirs = await d.newPage()
  await signInAs(theirs, resident)
  await openNotice(theirs, noticeId)
  expect(await theirs.locator('.notice-detail__image').count()).toBe(0)
  expect(await theirs.locator('.notice-detail__checking-tag').count()).toBe(0)

  // the check passes it: the resident sees it, unmarked
  expect(await d.cloud.mediaChecks.release()).toBe(1)
  await openNotice(theirs, noticeId)
  await theirs.locator('.notice-detail__image').first().waitFor()
  expect(await theirs.locator('.notice-detail__checking-tag').count()).toBe(0)
  await shot(theirs, 'notice-images-passed')
  expect([page.errors, theirs.errors]).toEqual([[], []])
})
