/**
 * Issue 7's notice journeys, in a real browser on the h5 build against the local cloud, reading what was sent from
 * the local cloud's outbox (`GET /local/outbox`) and firing the `deliver` timer by hand as the platform would:
 * a notice without 回执 is reached by reading it; 提醒未触达 with nobody to send to says so and stays available;
 * 收到 then 订阅通知 brings no message about that same notice, only about the next; after 退出本户 no message about
 * the old building comes.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { PersonDoc } from '../../core/model'
import { isWithin } from '../../core/units'
import { pickPersona, personaPerson, signInAs, SHOTS, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(240_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('notices-subs', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

interface Sent {
  touser: string
  page: string
}
const outbox = async (): Promise<Sent[]> => {
  const res = await fetch(`${d.cloud.url}/local/outbox`)
  const body = (await res.json()) as Sent[] | { messages: Sent[] }
  return Array.isArray(body) ? body : body.messages
}
const fireDeliver = () =>
  d.cloud.callFunction(
    'notices',
    { Type: 'Timer', TriggerName: 'deliver', Time: new Date().toISOString() },
    { openid: '' },
  )
/** Who was sent a message about this notice so far. */
const toldAbout = async (noticeId: string) =>
  (await outbox()).filter((m) => m.page.includes(`id=${noticeId}`)).map((m) => m.touser)

/** Opens the app afresh (one page on the stack, none left over from before) at `route`. */
let loads = 0
async function freshAt(page: Page, route: string): Promise<void> {
  // a new query before the hash is a new document, not a hash change inside the running app
  await page.goto(`${d.cloud.url}/?load=${++loads}#${route}`)
}

async function openNotice(page: Page, title: string): Promise<void> {
  await freshAt(page, '/pages/notices/list/index')
  await page.locator('.notice-row:visible', { hasText: title }).click()
  await page.locator('.notice-detail__title:visible', { hasText: title }).waitFor()
}

/** Whether a NutUI button is disabled (its class says so; the element may not carry the attribute). */
const isDisabled = (page: Page, selector: string): Promise<boolean> =>
  page
    .locator(selector)
    .evaluate((el) => el.hasAttribute('disabled') || /(^|\s)nut-button-disabled(\s|$)/.test(el.className))

async function subscribe(page: Page): Promise<void> {
  await page.locator('.notice-subscribe__button:visible').click()
  await page.locator('.notice-subscribe__status--ok:visible').waitFor()
}

it('reading a notice without 回执 reaches the household; 收到 then 订阅 brings no message about it; leaving stops them', async () => {
  const head = personaPerson(d.demo, 'buildingHead', 0)
  const buildingId = head.roles.find((r) => r.role === 'buildingHead')?.unitId as string
  const building = d.demo.units.find((u) => u._id === buildingId)!
  const households = d.demo.units.filter((u) => u.level === 'household' && u.parentId === buildingId)
  const residents = d.demo.people.filter(
    (p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, building.path),
  )
  const reader = residents[0]
  const neighbour = residents.find((p) => p.householdId !== reader.householdId) as PersonDoc
  const publishAs = async (title: string, ackRequired: boolean): Promise<string> => {
    const res = (await d.cloud.callFunction(
      'notices',
      {
        action: 'publish',
        payload: {
          title,
          body: '请留意。',
          ackRequired,
          expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
          unitIds: [buildingId],
        },
      },
      { openid: head.openid as string },
    )) as { result: { ok: boolean; data: { id: string } } }
    expect(res.result.ok).toBe(true)
    return res.result.data.id
  }

  // the building head publishes a notice that asks for no 收到
  const headPage = await d.newPage()
  await headPage.goto(d.cloud.url + '/')
  await pickPersona(headPage, `楼栋长 · ${head.name}`)
  await headPage.locator('.manage-link--publish:visible').first().click()
  const TITLE = '本周六上午楼道大扫除'
  await headPage.locator('.publish-title input').fill(TITLE)
  await headPage.locator('.publish-body textarea').fill('请各户把楼道杂物收回家中。')
  await headPage.locator('.publish-ack').click()
  await headPage.locator('.publish-submit').click()
  await headPage.locator('.reach-totals__count', { hasText: `0 / ${households.length}` }).waitFor()

  // nobody unreached holds a subscription: 提醒未触达 says so, and stays available
  await headPage.locator('.reach-remind').click()
  await headPage.locator('.reach-remind__error', { hasText: '没有可以提醒的住户' }).waitFor()
  expect(await headPage.locator('.reach-remind').innerText()).toContain('提醒未触达')
  expect(await isDisabled(headPage, '.reach-remind')).toBe(false)

  // a resident reads it: there is no 收到 to press, and reading reached the household
  const readerPage = await d.newPage()
  await signInAs(readerPage, reader)
  await openNotice(readerPage, TITLE)
  expect(await readerPage.locator('.notice-ack:visible').count()).toBe(0)
  await headPage.locator('.reach-refresh').click()
  await headPage.locator('.reach-totals__count', { hasText: `1 / ${households.length}` }).waitFor()
  await headPage.screenshot({ path: path.join(SHOTS, 'notices-read-reached.png') })

  // a neighbour reads a notice asking for 收到 and subscribes without pressing it: the reminder goes to them, once
  const withAck = await publishAs('电梯维保暂停使用', true)
  const neighbourPage = await d.newPage()
  await signInAs(neighbourPage, neighbour)
  await openNotice(neighbourPage, '电梯维保暂停使用')
  await subscribe(neighbourPage)
  await fireDeliver() // published before the subscription: nothing about it
  expect(await toldAbout(withAck)).toEqual([])
  await headPage.goto(
    `${d.cloud.url}/#/manage/notices/reach/index?id=${encodeURIComponent(withAck)}&unit=${encodeURIComponent(buildingId)}`,
  )
  await headPage.locator('.reach-remind', { hasText: '提醒未触达' }).click()
  await headPage.locator('.reach-remind__done').waitFor()
  await headPage.locator('.reach-remind', { hasText: '今天已提醒' }).waitFor()
  expect(await isDisabled(headPage, '.reach-remind')).toBe(true)
  expect(await toldAbout(withAck)).toEqual([neighbour.openid])
  await headPage.screenshot({ path: path.join(SHOTS, 'notices-reminded.png') })

  // 收到, then 订阅通知: no message about that same notice, one about the next
  const asked = await publishAs('燃气表入户检查', true)
  await openNotice(readerPage, '燃气表入户检查')
  await readerPage.locator('.notice-ack:visible').click()
  await readerPage.locator('.notice-acked:visible').waitFor()
  await subscribe(readerPage)
  await fireDeliver()
  expect(await toldAbout(asked)).toEqual([])
  const next = await publishAs('下周二停水', true)
  await fireDeliver()
  expect(await toldAbout(next)).toEqual([reader.openid])
  await readerPage.screenshot({ path: path.join(SHOTS, 'notices-subscribed.png') })

  // subscribed again, then 退出本户: nothing more about the old building, while a neighbour still hears of it
  await openNotice(readerPage, '下周二停水')
  await subscribe(readerPage)
  await subscribe(neighbourPage)
  await freshAt(readerPage, '/pages/grid/me/index')
  await readerPage.locator('.me-leave').click()
  await readerPage.locator('.taro-model__confirm').click()
  await readerPage.locator('.me-leave').waitFor({ state: 'detached' })
  const after = await publishAs('楼顶防水施工', true)
  await fireDeliver()
  expect(await toldAbout(after)).toEqual([neighbour.openid])

  for (const p of [headPage, readerPage, neighbourPage]) expect(p.errors).toEqual([])
})
