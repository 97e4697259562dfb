/**
 * Times are Beijing time whatever the browser's zone: in a tab set to New York (13 hours behind Beijing in winter,
 * 12 in summer, so its clock never reads like Beijing's), a notice's and a request's times read as in Beijing, and a
 * grid chief who picks 10:30 for an activity posts 10:30 Beijing time. What is expected is worked out with the
 * platform's own zone data (Intl, Asia/Shanghai), not with the app's code.
 */
import type { PersonDoc, RequestDoc } from '../../core/model'
import { isWithin } from '../../core/units'
import { personaPerson, shot, startDemoCloud, unitOf, type DemoCloud } from './demo-cloud'
import { pickDateTime } from './pickers'

jest.setTimeout(240_000)

const ZONE = 'America/New_York'
const DAY_MS = 86_400_000

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('beijing-time', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

/** The wall clock of `zone` at a moment: year, month, day, hour and minute as shown, and the weekday as 周六. */
function clockIn(
  zone: string,
  at: Date | string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'weekday', string> {
  const fields = (locale: string, options: Intl.DateTimeFormatOptions): Record<string, string> =>
    Object.fromEntries(
      new Intl.DateTimeFormat(locale, { timeZone: zone, ...options })
        .formatToParts(new Date(at))
        .map((p) => [p.type, p.value]),
    )
  const n = fields('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  const { year, month, day, hour, minute } = n
  return { year, month, day, hour, minute, weekday: fields('zh-CN', { weekday: 'short' }).weekday }
}

/** 12月5日 09:00, with the year first when it is not this year: as the pages say a time read in `zone`. */
function said(zone: string, at: Date | string): string {
  const c = clockIn(zone, at)
  return `${c.year === clockIn(zone, new Date()).year ? '' : `${c.year}年`}${c.month}月${c.day}日 ${c.hour}:${c.minute}`
}

const beijing = (at: Date | string) => said('Asia/Shanghai', at)

it('shows a notice’s times in Beijing time in a New York browser', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  const grid = unitOf(d.demo, gridId)
  const reader = d.demo.people.find(
    (p) => p.openid && p.roles.length === 1 && p.homePath && isWithin(p.homePath, grid.path),
  ) as PersonDoc
  // it expires at 00:30 Beijing, two days on or three: 11:30 the evening before in New York
  const expires = new Date(Date.now() + 2 * DAY_MS)
  expires.setUTCHours(16, 30, 0, 0)
  const published = (await d.cloud.callFunction(
    'notices',
    {
      action: 'publish',
      payload: {
        title: '本周六上午楼道消杀',
        body: '请各户关好门窗。',
        expiresAt: expires.toISOString(),
        unitIds: [gridId],
      },
    },
    { openid: chief.openid as string },
  )) as { result: { ok: boolean; data: { id: string } } }
  expect(published.result.ok).toBe(true)

  const page = await d.openAs(reader, `pages/notices/detail/index?id=${encodeURIComponent(published.result.data.id)}`, {
    timezoneId: ZONE,
  })
  // the tab really runs in New York
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(ZONE)
  const time = page.locator('.notice-detail__time:visible')
  await time.waitFor()
  const detail = (await d.cloud.callFunction(
    'notices',
    { action: 'detail', payload: { noticeId: published.result.data.id } },
    { openid: reader.openid as string },
  )) as { result: { data: { publishedAt: string } } }
  const text = await time.innerText()
  expect(text).toBe(`${beijing(detail.result.data.publishedAt)} 发布 · ${beijing(expires)} 前有效`)
  expect(text).not.toContain(said(ZONE, expires))
  expect(page.errors).toEqual([])
  await page.close()
})

it('shows when a request was reported in Beijing time in a New York browser', async () => {
  const people = new Map(d.demo.people.map((p) => [p._id, p]))
  const request = (d.demo.requests.requests as RequestDoc[]).find(
    (r) => !r.anonymous && people.get(r.reporterId)?.openid,
  ) as RequestDoc
  const reporter = people.get(request.reporterId) as PersonDoc
  const page = await d.openAs(reporter, `requests/detail/index?id=${encodeURIComponent(request._id)}`, {
    timezoneId: ZONE,
  })
  // 第1网格 · 12月2日 19:00 反映
  const reported = page.locator('.detail-meta:visible', { hasText: / 反映$/ })
  await reported.waitFor()
  const text = await reported.innerText()
  expect(text).toContain(`· ${beijing(request.createdAt)} 反映`)
  expect(text).not.toContain(said(ZONE, request.createdAt))
  expect(page.errors).toEqual([])
  await page.close()
})

it('a grid chief in a New York browser picking 10:30 posts an activity at 10:30 Beijing time', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const page = await d.openAs(chief, 'manage/points/post-activity/index', { timezoneId: ZONE })
  // the form starts tomorrow (Beijing) at 09:00 Beijing
  const tomorrow = clockIn('Asia/Shanghai', new Date(Date.now() + DAY_MS))
  const thisYear = clockIn('Asia/Shanghai', new Date()).year
  const start = page.locator('.pa-start:visible')
  await start.locator('.dt-field__time', { hasText: '09:00' }).waitFor()
  expect(await start.locator('.dt-field__date').innerText()).toBe(
    `${tomorrow.year === thisYear ? '' : `${tomorrow.year}年`}${tomorrow.month}月${tomorrow.day}日 ${tomorrow.weekday}`,
  )

  const day = `${tomorrow.year}-${tomorrow.month.padStart(2, '0')}-${tomorrow.day.padStart(2, '0')}`
  const at = new Date(`${day}T10:30:00+08:00`)
  await page.locator('.pa-title input').fill('社区义诊志愿服务')
  await page.locator('.pa-place input').fill('社区卫生服务站门口')
  await pickDateTime(page, '.pa-start', at)
  // the end kept the two hours the form began with
  await page.locator('.pa-end:visible .dt-field__time', { hasText: '12:30' }).waitFor()
  await page.locator('.pa-submit').click()
  await page
    .locator('.activity-title', { hasText: '社区义诊志愿服务' })
    .waitFor({ timeout: 20_000 })
    .catch(async (e: Error) => {
      await shot(page, 'beijing-time-post-failed', true)
      throw new Error(`${e.message}\nthe page shows: ${await page.locator('body').innerText()}`)
    })

  // what was posted is 10:30 in Beijing, and the activity reads so
  const activityId = new URL(page.url().replace('#/', '')).searchParams.get('id') as string
  const posted = (await d.cloud.callFunction(
    'points',
    { action: 'activity', payload: { activityId } },
    { openid: chief.openid as string },
  )) as { result: { data: { startAt: string; endAt: string } } }
  expect([posted.result.data.startAt, posted.result.data.endAt].map((t) => new Date(t).toISOString())).toEqual([
    at.toISOString(),
    new Date(+at + 2 * 3_600_000).toISOString(),
  ])
  expect(await page.locator('.activity-when:visible').innerText()).toBe(
    `${tomorrow.month}月${tomorrow.day}日 10:30–12:30`,
  )
  expect(page.errors).toEqual([])
  await page.close()
})
