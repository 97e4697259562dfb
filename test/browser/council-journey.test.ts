/**
 * 三长议事 end to end (issue 13's "Done when"), in a real browser on the h5 build against the local cloud over the
 * demo, each step through the pages as the person who does it:
 *  1. the first grid's chief sets the threshold to two supports; a resident raises a proposal on 发起议题; two
 *     neighbours support it and the second support puts it on the agenda (待议);
 *  2. the chief calls a 议事会 with it on the agenda and opens the vote; the party leader and the building head vote
 *     赞成 on their own phones; the vote cannot end without a quorum (4 of the 5 members); the chief records who was
 *     present in person (themself and another building head) with their votes (现场表决);
 *  3. the chief ends the vote with a public reason and a task for the building head with a deadline: the item reads
 *     通过, the decision is a notice to the grid and a request whose 办结时限 is that deadline (诉求详情, opened from the
 *     decision); the grid's 数据看板 counts one notice more and one more 议事决定待落实;
 *  4. a resident sees one more unread on 首页's 通知 badge, opens the decision in 通知 and presses 收到; the chief sees
 *     it reached on 通知触达;
 *  5. the proposal shows its outcome and the public reason to its proposer.
 *  6. the street's staff generate this month's 月通报: the decision is among its 三长议事决定, with its grid.
 * Independent of the time of day: the dashboard is read just before and after the decision, in the same period.
 * Screenshots at 375×800 go to test-results/council-journey-*.png; no page raises an error.
 */
import type { Page } from 'playwright-core'
import { beijingDay, monthDay } from '../../core/beijing-time'
import type { MeetingItemDoc, PersonDoc, RequestDoc } from '../../core/model'
import { isWithin, type Unit } from '../../core/units'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

const TITLE = '小区南门加装非机动车充电桩'
const BODY = '南门附近电动车很多，晚上经常有人把电线从楼上拉下来充电，很不安全，希望在南门空地装一排充电桩'
const REASON = '赞成多数，在南门空地装一排充电桩，由楼栋长对接物业和供电所'
const MEETING = '十二月三长议事会'

type Tagged = Page & { errors: string[] }

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('council-journey', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

const chief = () => personaPerson(d.demo, 'gridChief', 1)
const party = () => personaPerson(d.demo, 'partyLeader', 0)
const head = () => personaPerson(d.demo, 'buildingHead', 0)
const resident = () => personaPerson(d.demo, 'resident', 0)
const grid = (): Unit =>
  d.demo.units.find((u) => u.level === 'grid' && isWithin(resident().homePath ?? '', u.path)) as Unit
/** The grid's other building heads (members of the council with the chief, the party leader and `head`). */
const otherHeads = (): PersonDoc[] =>
  d.demo.people.filter(
    (p) =>
      p._id !== head()._id &&
      p.roles.some(
        (r) => r.role === 'buildingHead' && d.demo.units.some((u) => u._id === r.unitId && u.parentId === grid()._id),
      ),
  )
/** Signed-up residents of the grid with no other role, of households other than the resident's. */
const neighbours = (): PersonDoc[] =>
  d.demo.people.filter(
    (p) =>
      p.openid &&
      p.roles.length === 1 &&
      p.householdId !== resident().householdId &&
      isWithin(p.homePath ?? '', grid().path),
  )

const done = async (page: Tagged) => {
  expect(page.errors).toEqual([])
  expect(await page.locator('body').innerText()).not.toMatch(/undefined|null|NaN/)
  await page.close()
}

let proposalId = ''
let meetingUrl = ''
let before = { notices: 0, decisions: 0, label: '' }

/** The grid's 数据看板 as its chief sees it: 发布通知 this week, 议事决定待落实, and the week it is of. */
async function dashboard(name: string) {
  const page = await d.openAs(chief(), `dashboard/overview/index?unit=${grid()._id}`)
  await page.locator('.dash-tile--notices .dash-tile__value').waitFor()
  const notices = parseInt(await page.locator('.dash-tile--notices .dash-tile__value').innerText(), 10)
  const decisions = Number(/(\d+)/.exec(await page.locator('.dash-decisions').innerText())?.[1])
  const label = (await page.locator('.dash-head .card__hint').innerText()).trim()
  await shot(page, name, true)
  await done(page)
  return { notices, decisions, label }
}

/** The 通知 tab's unread badge on 首页 (none shown: 0). */
async function unreadOnHome(page: Tagged): Promise<number> {
  await page.locator('.home-hero__greeting').waitFor()
  const badge = page.locator('.taro-tabbar__tabbar .weui-badge:visible')
  return (await badge.count()) ? parseInt(await badge.first().innerText(), 10) : 0
}
let unreadBefore = 0

it('1. a resident raises a proposal, two neighbours support it, and it goes on the agenda', async () => {
  const home = await d.openAs(resident(), 'pages/grid/home/index')
  unreadBefore = await unreadOnHome(home)
  await done(home)

  const board = await d.openAs(chief(), `council/proposals/index?grid=${grid()._id}`)
  await board.locator('.council-threshold input').fill('2')
  await board.locator('.nut-button', { hasText: '保存' }).click()
  await board.locator('.council-meta', { hasText: '议题满 2 位邻居支持' }).waitFor()
  await done(board)

  const page = await d.openAs(resident(), 'council/proposals/index')
  await page.locator('.council-propose').click()
  await page.locator('.council-title input').fill(TITLE)
  await page.locator('.council-body textarea').fill(BODY)
  await page.locator('.council-submit').click()
  await page.locator('.council-proposal:visible .council-supports', { hasText: '再有 2 人支持即列入议程' }).waitFor()
  proposalId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') as string
  expect(proposalId).toContain(resident()._id)
  await shot(page, 'council-journey-proposed', true)
  await done(page)

  const [first, second] = neighbours()
  const one = await d.openAs(first, `council/proposal/index?id=${encodeURIComponent(proposalId)}`)
  await one.locator('.council-support').click()
  await one.locator('.council-supports', { hasText: '再有 1 人支持即列入议程' }).waitFor()
  await done(one)
  const two = await d.openAs(second, `council/proposal/index?id=${encodeURIComponent(proposalId)}`)
  await two.locator('.council-support').click()
  await two.locator('.council-status', { hasText: '待议' }).first().waitFor()
  await two.locator('.council-outcome', { hasText: '已列入议程' }).waitFor()
  await shot(two, 'council-journey-agenda', true)
  await done(two)
})

it('2. the chief calls a meeting with it; two heads vote online, and the chief records the in-person votes', async () => {
  const list = await d.openAs(chief(), `council/proposals/index?grid=${grid()._id}`)
  await list.locator('.council-meetings-link').click()
  await list.locator('.council-call').click()
  const form = list.locator('.council-schedule')
  await form.locator('.council-input input').first().fill(MEETING)
  await form.locator('.council-input input').last().fill('社区活动室')
  await form.locator('.council-check', { hasText: TITLE }).click()
  await shot(list, 'council-journey-schedule', true)
  await form.locator('.nut-button', { hasText: '召集' }).click()
  // the new meeting opens: the chief starts the vote
  await list.locator('.council-meeting:visible .card__title', { hasText: MEETING }).waitFor()
  meetingUrl = list.url().slice(list.url().indexOf('#/') + 2)
  await list.locator('.council-meeting:visible .nut-button', { hasText: '开始表决' }).click()
  await list.locator('.council-meeting:visible .council-item', { hasText: TITLE }).waitFor()
  await list.locator('.council-meeting:visible .council-quorum', { hasText: '至少 4 人参加表决' }).waitFor()
  await done(list)

  // the party leader and the building head vote on their own phones
  for (const who of [party(), head()]) {
    const page = await d.openAs(who, meetingUrl)
    await page.locator('.council-item', { hasText: TITLE }).waitFor()
    await page.locator('.council-vote .nut-button', { hasText: '赞成' }).click()
    await page.locator('.council-meta', { hasText: '我的表决：赞成' }).waitFor()
    await done(page)
  }

  const page = await d.openAs(chief(), meetingUrl)
  await page.locator('.council-tally__cell--for', { hasText: '赞成 2' }).waitFor()
  // two of five cannot decide: ending the vote now is refused with the quorum in words
  await page.locator('.council-actions .nut-button', { hasText: /^结束表决$/ }).click()
  await page.locator('.council-close textarea').fill(REASON)
  await page.locator('.nut-button', { hasText: '确认结束表决' }).click()
  await page.locator('.council-close .council-error', { hasText: '至少 4 人' }).waitFor()
  await shot(page, 'council-journey-no-quorum', true)
  await page.locator('.council-actions .nut-button', { hasText: /^结束表决$/ }).click()

  // 现场表决: the chief and another building head were present, each vote recorded
  await page.locator('.council-actions .nut-button', { hasText: '现场表决' }).click()
  for (const [p, choice] of [
    [chief(), '赞成'],
    [otherHeads()[0], '反对'],
  ] as const) {
    const row = page.locator('.council-presence', { hasText: p.name })
    await row.locator('.council-check').click()
    await row.locator('.council-choice', { hasText: choice }).click()
  }
  await shot(page, 'council-journey-record', true)
  await page.locator('.nut-button', { hasText: '保存现场表决' }).click()
  await page.locator('.council-tally__cell--for', { hasText: '赞成 3' }).waitFor()
  await page.locator('.council-tally__cell--against', { hasText: '反对 1' }).waitFor()
  await page.locator('.council-meta', { hasText: '已参加表决 4 人（现场到场 2 人）' }).waitFor()
  await done(page)
})

it('3. the item passes with a task: a notice to the grid, a request with the deadline, and the dashboard moves', async () => {
  before = await dashboard('council-journey-dashboard-before')

  const page = await d.openAs(chief(), meetingUrl)
  await page.locator('.council-actions .nut-button', { hasText: /^结束表决$/ }).click()
  await page.locator('.council-close textarea').fill(REASON)
  await page.locator('.council-close .council-check').click()
  await page.locator('.council-close .council-choice', { hasText: head().name }).click()
  await shot(page, 'council-journey-close', true)
  await page.locator('.nut-button', { hasText: '确认结束表决' }).click()
  await page.locator('.council-outcome', { hasText: '通过' }).waitFor()
  await page.locator('.council-outcome', { hasText: '已向全网格发布决议通知' }).waitFor()
  await page.locator('.council-outcome', { hasText: `落实：${head().name} 负责` }).waitFor()
  await shot(page, 'council-journey-decided', true)

  // the task is a request whose 办结时限 is the chief's deadline, opened from the decision
  const [item] = d.cloud.engine.find('councilItems', { proposalId }) as unknown as MeetingItemDoc[]
  expect(item?.task?.ownerName).toBe(head().name)
  const [request] = d.cloud.engine.find('requests', { _id: item.task?.requestId }) as unknown as RequestDoc[]
  expect(+new Date(request.resolveDueAt as Date)).toBe(+new Date(item.task?.dueAt as Date))
  const due = new Date(item.task?.dueAt as Date)
  await page.locator('.council-task').click()
  await page.locator('.request-detail:visible .detail-due--resolve').waitFor()
  expect(await page.locator('.request-detail:visible .detail-due--resolve').innerText()).toContain(
    `办结时限：${monthDay(beijingDay(due))}`,
  )
  await page.locator('.request-detail:visible', { hasText: TITLE }).first().waitFor()
  await shot(page, 'council-journey-request', true)
  await done(page)

  const after = await dashboard('council-journey-dashboard-after')
  expect(after.label).toBe(before.label)
  expect(after.notices).toBe(before.notices + 1)
  expect(after.decisions).toBe(before.decisions + 1)
})

it('4. a resident sees the decision on 首页 and 通知 and presses 收到; the chief sees it reached', async () => {
  const notice = `议事会决议：${TITLE}`
  // 首页's 通知 badge counts it among the unread
  const home = await d.openAs(resident(), 'pages/grid/home/index')
  await home.locator('.taro-tabbar__tabbar .weui-badge', { hasText: String(unreadBefore + 1) }).waitFor()
  await shot(home, 'council-journey-home')
  await done(home)

  const feed = await d.openAs(resident(), 'pages/notices/list/index')
  await feed.getByText(notice).first().click()
  await feed.locator('.notice-detail__title', { hasText: notice }).waitFor()
  await feed.locator('.notice-ack').click()
  await feed.locator('.notice-acked').waitFor()
  await shot(feed, 'council-journey-notice', true)
  await done(feed)

  const published = await d.openAs(chief(), 'manage/notices/published/index')
  await published.locator('.published-row', { hasText: notice }).first().click()
  await published.locator('.reach-title', { hasText: notice }).waitFor()
  await published.locator('.reach-totals__count', { hasText: /已触达 1 \/ \d+ 户/ }).waitFor()
  await shot(published, 'council-journey-reach', true)
  await done(published)
})

it('5. the proposal shows its outcome and the public reason', async () => {
  const page = await d.openAs(resident(), `council/proposal/index?id=${encodeURIComponent(proposalId)}`)
  await page.locator('.council-outcome', { hasText: '议事结果：通过' }).waitFor()
  await page.locator('.council-outcome .council-reason', { hasText: REASON }).waitFor()
  await shot(page, 'council-journey-outcome', true)
  await done(page)
})

it("6. the street's 月通报 lists the decision among the period's 三长议事决定", async () => {
  const staff = personaPerson(d.demo, 'streetStaff', 0)
  const page = await d.openAs(staff, 'dashboard/overview/index')
  await page.locator('.dashboard:visible .dash-head__name', { hasText: '和平街道' }).waitFor()
  await page.locator('.dash-reports').click()
  await page.locator('.rp-tab--month.dash-period--active').waitFor()
  await page.locator('.rp-make__button', { hasText: '生成本月' }).click()
  await page.locator('.report .dash-head__path', { hasText: '月通报' }).waitFor()
  await page.locator('.report .dash-head__name', { hasText: '和平街道' }).waitFor()
  const decision = page.locator('.report .rp-decisions .rp-decision', { hasText: TITLE })
  await decision.waitFor()
  expect(await decision.innerText()).toContain(grid().name)
  await decision.scrollIntoViewIfNeeded()
  await shot(page, 'council-journey-bulletin', true)
  await done(page)
})
