/**
 * Issue 11's journey, in a real browser on the h5 build against the local cloud: a resident reports a broken street
 * lamp (路灯不亮) at their building with a photo; a neighbour of the building sees it as a hint while writing and
 * presses 我也遇到了; the grid chief escalates it to the community, the community to the street, the street
 * dispatches it to 城管, which checks in (报到) and marks it done; the reporter rates 不满意 and it reopens; on the
 * second completion they rate 满意 and it closes. Every step is on the timeline with its actor and time, and both
 * reporters see the outcome on 我的诉求.
 */
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { personaPerson, shot, signInAs, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(420_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('requests')
})
afterAll(async () => {
  await d?.close()
})

const LAMP = '3号楼东侧路灯连续三晚不亮，晚上出行看不清路，请尽快修理'

/** A small real PNG, as a phone's photo would be (the files function checks the bytes). */
function photo(): Buffer {
  const png = new PNG({ width: 8, height: 8 })
  png.data.fill(200)
  return PNG.sync.write(png)
}

async function as(person: PersonDoc): Promise<Page & { errors: string[] }> {
  const page = await d.newPage()
  await signInAs(page, person)
  return page
}

const detailUrl = (id: string) => `${d.cloud.url}/#/requests/detail/index?id=${encodeURIComponent(id)}`

/** Opens the request as `person` and makes one move through its sheet. */
async function move(
  person: PersonDoc,
  id: string,
  name: string,
  fill: (page: Page) => Promise<void>,
  said: string,
): Promise<void> {
  const page = await as(person)
  await page.goto(detailUrl(id))
  await page.locator(`.detail-move--${name}:visible`).click()
  await fill(page)
  await page.locator('.move-sheet__submit:visible').click()
  await page
    .locator('.detail-message:visible', { hasText: said })
    .waitFor({ timeout: 20_000 })
    .catch(async (e: Error) => {
      await shot(page, `requests-${name}-failed`, true)
      throw new Error(`${person.name} ${name}: ${e.message}\n${await page.locator('.app-page:visible').innerText()}`)
    })
  expect(page.errors).toEqual([])
  await page.close()
}

const note = (text: string) => async (page: Page) => page.locator('.move-sheet__note textarea:visible').fill(text)

it('reports, follows, escalates to the street, dispatches to 城管, reopens on 不满意 and closes on 满意', async () => {
  const reporter = personaPerson(d.demo, 'resident', 0)
  const neighbour = personaPerson(d.demo, 'resident', 1)
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const staff = personaPerson(d.demo, 'communityStaff')
  const street = personaPerson(d.demo, 'streetStaff')
  const chengguan = personaPerson(d.demo, 'department')

  // the reporter: 诉求 tab → 我要反映 → 维修, the description, a photo, at their building → its detail page
  const page = await as(reporter)
  await page.goto(d.cloud.url + '/#/pages/requests/list/index')
  await page.locator('.requests-report:visible').click()
  await page.locator('.report-category--repair').click()
  await page.locator('.report-description textarea').fill(LAMP)
  expect(await page.locator('.report-count').innerText()).toBe(`${LAMP.length}/500`)
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.photo-picker__add').click()
  await (await chooser).setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: photo() })
  await page.locator('.photo-picker__photo').waitFor()
  await page.locator('.report-place--building').click()
  await shot(page, 'requests-report', true)
  await page.locator('.report-submit').click()
  await page.locator('.detail-description', { hasText: LAMP }).waitFor({ timeout: 20_000 })
  const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id') as string
  expect(id).toBeTruthy()
  expect(await page.locator('.photo-grid__photo').count()).toBe(1)
  await shot(page, 'requests-detail-reported', true)
  expect(page.errors).toEqual([])

  // the neighbour starts writing the same kind of problem and is shown it: 我也遇到了 follows it and opens it
  const second = await as(neighbour)
  await second.goto(d.cloud.url + '/#/requests/report/index')
  await second.locator('.report-category--repair').click()
  await second.locator('.report-place--building').click()
  const hint = second.locator('.report-similar__row', { hasText: '路灯连续三晚不亮' })
  await hint.waitFor({ timeout: 20_000 })
  await shot(second, 'requests-similar', true)
  await hint.locator('.report-similar__follow').click()
  await second.locator('.detail-description', { hasText: LAMP }).waitFor({ timeout: 20_000 })
  expect(await second.locator('.detail-reporter').innerText()).toContain('共 2 人反映')
  await second.close()

  // up the levels: grid → community → street → 城管, which checks in and completes
  await move(chief, id, 'escalate', note('路灯属市政设施，网格无法维修，请社区协调'), '已上报上级')
  await move(staff, id, 'escalate', note('需街道协调城管'), '已上报上级')
  await move(
    street,
    id,
    'dispatch',
    async (p) => p.locator('.move-sheet__department--chengguan:visible').click(),
    '已派单给城管',
  )
  await move(chengguan, id, 'checkIn', async () => undefined, '已报到')
  await move(chengguan, id, 'complete', note('已更换灯泡，恢复照明'), '已办结')

  // the reporter is not satisfied: it reopens where it was resolved
  await move(
    reporter,
    id,
    'rate',
    async (p) => {
      await p.locator('.move-sheet__rating--unsatisfied:visible').click()
      await p.locator('.move-sheet__note textarea:visible').fill('只亮了一晚又坏了')
    },
    '诉求已重新办理',
  )
  await move(chengguan, id, 'complete', note('更换整套灯具和线路，连续观察三晚正常'), '已办结')
  await move(reporter, id, 'rate', async (p) => p.locator('.move-sheet__rating--satisfied:visible').click(), '感谢评价')

  // the timeline: every step, newest first, each with who and when
  await page.goto(detailUrl(id))
  await page.reload()
  await page.locator('.detail-status__now:visible', { hasText: '已评价' }).waitFor({ timeout: 20_000 })
  const events = page.locator('.timeline-event:visible')
  const labels = await events.locator('.timeline-event__label').allInnerTexts()
  expect(labels.reverse()).toEqual(expect.arrayContaining(['上报', '吹哨派单', '报到', '办结', '评价']))
  for (const text of await events.allInnerTexts()) expect(text).toMatch(/\d+月\d+日 \d\d:\d\d/)
  const actors = await events.locator('.timeline-event__actor').allInnerTexts()
  expect(actors.every((a) => a.trim().length > 0)).toBe(true)
  expect(actors.join(' ')).toContain('城管')
  expect(await page.locator('.timeline-event__rating:visible').allInnerTexts()).toEqual(['评价：满意', '评价：不满意'])
  await shot(page, 'requests-detail-closed', true)

  // both reporters see the outcome on 我的诉求
  for (const person of [reporter, neighbour]) {
    const mine = await as(person)
    await mine.goto(d.cloud.url + '/#/pages/requests/list/index')
    const row = mine.locator('.request-item:visible', { hasText: '路灯连续三晚不亮' })
    await row.waitFor({ timeout: 20_000 })
    expect(await row.locator('.request-state').innerText()).toBe('已评价')
    if (person === neighbour) expect(await row.innerText()).toContain('我也遇到了')
    await shot(mine, `requests-mine-${person === reporter ? 'reporter' : 'follower'}`, true)
    expect(mine.errors).toEqual([])
    await mine.close()
  }
  expect(page.errors).toEqual([])
})
