/**
 * 长辈模式 in a real browser on the h5 build against the local cloud, at 375×800: switched on in 我的 it holds
 * after a restart (a reload), and then every page, as every kind of persona of the demo, is drawn in the mode (larger
 * text, buttons at least 48 px tall) and nothing on it is wider than the screen.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { Persona } from '../../core/persona'
import { DEMO_ROUND_ID } from '../../emulator/seed/testing'
import { DEMO_CALLUP_ID, DEMO_EMERGENCY_ID, DEMO_MICROGRID_ID } from '../../emulator/seed/emergency'
import { DEMO_CHECKPOINT_ID } from '../../emulator/seed/duty'
import { pickPersona, personaPerson, SHOTS, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(600_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('elder')
})
afterAll(async () => {
  await d?.close()
})

const STORAGE_KEY = 'wanggetong.elderMode'
const VIEWPORT = 375

/** The h5 build's pages, read from src/app.config.ts. */
function appPages(): string[] {
  const g = globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }
  g.defineAppConfig = (c) => c
  const env = process.env.TARO_ENV
  process.env.TARO_ENV = 'h5'
  try {
    const config = jest.requireActual('../../src/app.config').default as {
      pages: string[]
      subPackages: { root: string; pages: string[] }[]
    }
    return [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  } finally {
    if (env === undefined) delete process.env.TARO_ENV
    else process.env.TARO_ENV = env
  }
}

/** Whatever the 长辈模式 switch left in this browser's storage (replayed into the other personas' tabs). */
let remembered: string | null = null

async function openMe(page: Page): Promise<void> {
  await page.locator('.taro-tabbar__tabbar >> text=我的').click()
  await page.locator('.elder-switch').waitFor()
}

/** The page on top: Taro's h5 router keeps the pages below (and the other tabs) in the DOM, hidden. */
const TOP = '.app-page:visible'

/** Waits until the page on top has loaded (no loading state, no request in flight). */
async function settled(page: Page): Promise<void> {
  // one page on top (a page change slides the new one over the old for a moment)
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('.app-page')).filter((el) => el.getClientRects().length > 0).length === 1,
  )
  await page.waitForLoadState('networkidle')
  await page.locator('.page-state--loading:visible').waitFor({ state: 'detached' })
}

interface Drawn {
  elder: boolean
  /** The smallest text on the page, in CSS px; and the body text of its cells. */
  smallestText: number
  smallest: string
  /** Elements wider than the screen or reaching past its edge, described. */
  overflowing: string[]
  /** Buttons shorter than 48 px. */
  smallButtons: string[]
  documentWidth: number
}

/** Measures the page on top as drawn. */
const measure = (page: Page): Promise<Drawn> =>
  page.evaluate((viewport) => {
    const root = Array.from(document.querySelectorAll('.app-page')).find((el) => el.getClientRects().length > 0)
    if (!root) throw new Error('no page on top')
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} "${(el.textContent ?? '').trim().slice(0, 24)}"`
    // Inside a box that clips or scrolls sideways on purpose (and itself fits), content may reach past it.
    const clippedInside = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== root.parentElement; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX
        if (ox !== 'visible') {
          const r = a.getBoundingClientRect()
          return r.left >= -0.5 && r.right <= viewport + 0.5
        }
      }
      return false
    }
    const overflowing: string[] = []
    const smallButtons: string[] = []
    let smallestText = Infinity
    let smallest = ''
    for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if ((r.right > viewport + 0.5 || r.left < -0.5) && !clippedInside(el)) overflowing.push(name(el))
      if (el.classList.contains('nut-button') && r.height < 47.5) smallButtons.push(`${name(el)} ${r.height}px`)
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (ownText && size < smallestText) [smallestText, smallest] = [size, name(el)]
    }
    return {
      elder: root.classList.contains('elder'),
      smallestText,
      smallest,
      overflowing,
      smallButtons,
      documentWidth: document.documentElement.scrollWidth,
    }
  }, VIEWPORT)

it('is switched on in 我的 and still on after the app restarts', async () => {
  const page = await d.newPage()
  await page.goto(d.cloud.url + '/')
  const resident = personaPerson(d.demo, 'resident')
  await pickPersona(page, `居民 · ${resident.name}`)
  await page.locator('.home-grid__name').waitFor()
  await openMe(page)
  const before = await measure(page)
  expect(before.elder).toBe(false)
  expect(await page.locator('.elder-switch__toggle input').isChecked()).toBe(false)

  await page.locator('.elder-switch__toggle').click()
  await page.locator('.app-page.elder:visible').waitFor()
  const on = await measure(page)
  // body text grows from 14 px to about 18 px (适老化: at least 18pt-equivalent for the main text)
  const cellTitle = () =>
    page
      .locator(`${TOP} .nut-cell-title`)
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(await cellTitle()).toBeGreaterThanOrEqual(18)
  expect(on.smallestText).toBeGreaterThan(before.smallestText)
  remembered = await page.evaluate((k) => window.localStorage.getItem(k), STORAGE_KEY)

  // a restart: the app loads again from scratch and opens on 首页, already in the mode
  await page.goto('about:blank')
  await page.goto(d.cloud.url + '/')
  await page.locator('.app-page.elder:visible .home-grid__name').waitFor()
  await openMe(page)
  expect(await page.locator('.elder-switch__toggle input').isChecked()).toBe(true)
  expect(await page.locator('.app-page.elder:visible').count()).toBe(1)
  expect(await cellTitle()).toBeGreaterThanOrEqual(18)
  expect(page.errors).toEqual([])
  await page.close()
})

const ROLES = [
  'resident',
  'buildingHead',
  'partyLeader',
  'gridChief',
  'communityStaff',
  'merchant',
  'streetStaff',
  'department',
  'visitor',
] as const

/** What every persona's walk needs, made once: a notice to the first grid and an invite to it (so detail, reach,
 * relay and join have something to show), and every page of the app with the demo's ids. */
async function prepareWalk() {
  expect(remembered).not.toBeNull()
  // a notice to the first grid and an invite to it, so detail, reach, relay and join have something to show
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  const call = async (name: string, action: string, payload: unknown) => {
    const { result } = await d.cloud.callFunction(name, { action, payload }, { openid: chief.openid as string })
    const envelope = result as { ok: boolean; data?: unknown; message?: string }
    if (!envelope.ok) throw new Error(`${name}.${action}: ${envelope.message}`)
    return envelope.data as Record<string, unknown>
  }
  const notice = await call('notices', 'publish', {
    title: '本周六上午九点小区统一消杀，请关好门窗',
    body: '本周六（12月5日）上午九点起，物业将对小区楼道、地下车库和垃圾房统一消杀，请关好门窗，看管好宠物，有疑问请联系楼栋长或网格长。',
    urgency: 'urgent',
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    unitIds: [gridId],
  })
  const invite = await call('join', 'createInvite', { unitId: gridId })
  const id = encodeURIComponent(notice.id as string)
  const grid = encodeURIComponent(gridId)
  // the demo's points: an activity, a service and the voucher the first resident holds
  const firstOf = (collection: string) => encodeURIComponent((d.demo.points[collection][0] as { _id: string })._id)
  const [activityId, serviceId, voucherId] = [firstOf('activities'), firstOf('services'), firstOf('vouchers')]
  // the demo's 三长议事: a proposal and the open meeting
  const firstRecord = (collection: string) =>
    encodeURIComponent((d.demo.requests[collection][0] as { _id: string })._id)

  const pages: [string, string][] = [
    ['首页', 'pages/grid/home/index'],
    ['通知', 'pages/notices/list/index'],
    ['通知详情', `pages/notices/detail/index?id=${id}&grid=${grid}`],
    ['积分', 'pages/points/home/index'],
    ['诉求', 'pages/requests/list/index'],
    ['我要反映', 'requests/report/index'],
    [
      '诉求详情',
      `requests/detail/index?id=${encodeURIComponent((d.demo.requests.requests[0] as { _id: string })._id)}`,
    ],
    ['我的', 'pages/grid/me/index'],
    ['楼栋邻里', 'pages/grid/neighbours/index'],
    ['加入网格', `pages/join/index?token=${encodeURIComponent(invite.token as string)}`],
    ['我的申请', 'pages/join/claims/index'],
    ['网格管理', 'manage/households/index'],
    ['组织架构', 'manage/org/index'],
    ['审计日志', 'manage/audit/index'],
    ['发布通知', 'manage/notices/publish/index'],
    ['我发布的', 'manage/notices/published/index'],
    ['转发到本网格群', 'manage/notices/relay/index'],
    ['通知触达', `manage/notices/reach/index?id=${id}&unit=${grid}`],
    ['入格海报', `manage/poster/index?unit=${grid}`],
    ['志愿活动', 'points/activities/index'],
    ['活动详情', `points/activity/index?id=${activityId}`],
    ['积分兑换', 'points/services/index'],
    ['兑换详情', `points/service/index?id=${serviceId}`],
    ['我的兑换券', 'points/vouchers/index'],
    ['兑换券', `points/voucher/index?id=${voucherId}`],
    ['积分明细', 'points/wallet/index'],
    ['志愿服务记录', 'points/record/index'],
    ['服务队与排行榜', 'points/teams/index'],
    ['发布志愿活动', 'manage/points/post-activity/index'],
    ['签到管理', `manage/points/attendance/index?id=${activityId}`],
    ['调整积分', 'manage/points/adjust/index'],
    ['发布兑换服务', 'manage/points/post-service/index'],
    ['核销兑换券', 'manage/points/verify/index'],
    ['核销对账', 'manage/points/statement/index'],
    ['积分规则', 'manage/points/rules/index'],
    ['导出志愿时长', 'manage/points/export/index'],
    ['新建服务队', 'manage/points/create-team/index'],
    ['诉求待办', 'manage/requests/inbox/index'],
    ['巡查台账', 'manage/requests/patrol/index'],
    ['诉求统计', 'manage/requests/rates/index'],
    ['诉求设置', 'manage/requests/settings/index'],
    ['错时采样', 'emergency/testing/rounds/index'],
    ['采样覆盖', `emergency/testing/cover/index?roundId=${DEMO_ROUND_ID}`],
    ['采样点工作台', 'emergency/testing/site/index'],
    ['我的采样时段', 'emergency/testing/slot/index'],
    ['应急须知', `emergency/switch/detail/index?id=${encodeURIComponent(DEMO_EMERGENCY_ID)}`],
    ['应急状态', 'emergency/switch/manage/index'],
    ['我的应急力量', 'emergency/reserve/mine/index'],
    ['应急力量', 'emergency/reserve/manage/index'],
    ['召集详情', `emergency/reserve/callup/index?id=${encodeURIComponent(DEMO_CALLUP_ID)}`],
    ['卡口值守', 'emergency/duty/checkpoints/index'],
    ['卡口排班', `emergency/duty/roster/index?id=${encodeURIComponent(DEMO_CHECKPOINT_ID)}`],
    ['我的值守', 'emergency/duty/mine/index'],
    [
      '值守班次',
      `emergency/duty/shift/index?id=${encodeURIComponent((d.demo.requests.shifts[4] as { _id: string })._id)}`,
    ],
    ['隔离户', 'emergency/isolation/households/index'],
    ['隔离服务任务', 'emergency/isolation/tasks/index'],
    ['我家的隔离服务', 'emergency/isolation/home/index'],
    ['关爱对象', 'emergency/care/list/index'],
    ['我包联的', 'emergency/care/mine/index'],
    [
      '关爱对象详情',
      `emergency/care/person/index?id=${encodeURIComponent((d.demo.requests.carePersons[0] as { _id: string })._id)}`,
    ],
    ['战时网格', 'emergency/microgrid/list/index'],
    ['战时网格详情', `emergency/microgrid/detail/index?id=${encodeURIComponent(DEMO_MICROGRID_ID)}`],
    ['议事', 'council/proposals/index'],
    ['发起议题', `council/propose/index?grid=${grid}`],
    ['议题详情', `council/proposal/index?id=${firstRecord('proposals')}`],
    ['议事会', 'council/meetings/index'],
    ['会议详情', `council/meeting/index?id=${firstRecord('councilMeetings')}`],
    ['数据看板', 'dashboard/overview/index'],
    ['今日调度', 'dashboard/dispatch/index'],
    ['周例会与月通报', 'dashboard/reports/index'],
    ['报告详情', `dashboard/report/index?id=${firstRecord('reports')}`],
    ['本地演示', 'pages/local/personas/index'],
  ]
  return { chief, pages }
}
let walk: ReturnType<typeof prepareWalk> | undefined

it('lists every page of the app for the walk, and the demo has every kind of persona', async () => {
  const { pages } = await (walk ??= prepareWalk())
  // every page of the app (a page added later must be added here too)
  expect(pages.map(([, route]) => route.split('?')[0]).sort()).toEqual(appPages().sort())
  expect(new Set((d.demo.personas as Persona[]).map((p) => p.role))).toEqual(new Set(ROLES))
})

// one persona of each kind: two residents or two grid chiefs draw the same pages alike, and every page opened
// afresh is a whole app load (the walk was 10 minutes as every persona); one test per kind, each within its timeout
// (the grid chief: the one whose grid the notice went to, so 通知触达 and 转发 have it; the visitor has not joined)
it.each(ROLES)('draws every page in the mode as the %s persona, and nothing is wider than the screen', async (role) => {
  const { chief, pages } = await (walk ??= prepareWalk())
  const personas = d.demo.personas as Persona[]
  const persona = (
    role === 'gridChief' ? personas.find((p) => p.openid === chief.openid) : personas.find((p) => p.role === role)
  ) as Persona
  expect(persona).toBeDefined()
  const problems: string[] = []
  const page = await d.newPage()
  await page.addInitScript(
    ([p, key, value]) => {
      if (window.location.protocol !== 'http:') return // about:blank between pages
      window.localStorage.setItem('wanggetong.persona', p)
      window.localStorage.setItem(key, value)
    },
    [JSON.stringify(persona), STORAGE_KEY, remembered as string],
  )
  for (const [title, route] of pages) {
    const where = `${persona.label} · ${title}`
    // each page opened afresh, as from a card in a chat (a hash change alone would stack it on the last)
    await page.goto('about:blank')
    await page.goto(`${d.cloud.url}/#/${route}`)
    await settled(page)
    const drawn = await measure(page).catch((e: Error) => {
      throw new Error(`${where}: ${e.message}`)
    })
    if (!drawn.elder) problems.push(`${where}: not in 长辈模式`)
    if (drawn.documentWidth > VIEWPORT) problems.push(`${where}: page is ${drawn.documentWidth}px wide`)
    for (const el of drawn.overflowing) problems.push(`${where}: wider than the screen: ${el}`)
    for (const el of drawn.smallButtons) problems.push(`${where}: button under 48px: ${el}`)
    if (drawn.smallestText < 15) problems.push(`${where}: ${drawn.smallestText}px text: ${drawn.smallest}`)
    if (persona.openid === chief.openid || persona.role === 'resident' || persona.role === 'visitor') {
      const shot = `elder-${persona.role}-${route.split('?')[0].replace(/\//g, '-')}.png`
      await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true })
    }
  }
  expect(page.errors).toEqual([])
  await page.close()
  expect(problems).toEqual([])
})
