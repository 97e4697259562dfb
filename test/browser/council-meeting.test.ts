/**
 * 三长议事 meetings in a real browser on the h5 build against the local cloud: the demo's open in-person 议事会 of the
 * first grid. The party leader and a building head vote 赞成 online on 会议详情 and watch the live tally; the grid
 * chief records the two other building heads in person (现场表决: presence checklist, each one's vote), ends the vote
 * with a public reason and a task for the building head with a deadline (结束表决) and writes the minutes; the item
 * reads 通过 with the notice and the task, and the resident finds the decision among the grid's notices and opens
 * from it the proposal, with the outcome and the reason (议题详情). Every page
 * is screenshotted at 375×800 and raises no page error.
 */
import type { PersonDoc } from '../../core/model'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('council-meeting', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

it('the heads vote, one in person recorded by the chief, and the decision is published as a notice and a task', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const party = personaPerson(d.demo, 'partyLeader', 0)
  const head = personaPerson(d.demo, 'buildingHead', 0)
  const resident = personaPerson(d.demo, 'resident', 0)
  const grid = d.demo.units.find((u) => u.level === 'grid' && (resident.homePath ?? '').startsWith(u.path))
  const others = d.demo.people.filter(
    (p: PersonDoc) =>
      p._id !== head._id &&
      p.roles.some(
        (r) => r.role === 'buildingHead' && d.demo.units.some((u) => u._id === r.unitId && u.parentId === grid?._id),
      ),
  )
  expect(others.length).toBeGreaterThanOrEqual(2)

  // 议事会: the grid's meetings, reached from 议事, the demo's open one first
  const list = await d.openAs(chief, `council/proposals/index?grid=${grid?._id}`)
  await list.locator('.council-meetings-link').click()
  await list.locator('.council-meeting-row', { hasText: '本月三长议事会' }).waitFor()
  await list.locator('.council-call').waitFor()
  await shot(list, 'council-meetings-chief')
  expect(list.errors).toEqual([])

  // the party leader and the building head vote online
  for (const [who, name] of [
    [party, 'council-meeting-party'],
    [head, 'council-meeting-head'],
  ] as const) {
    const page = await d.openAs(who, `council/meetings/index?grid=${grid?._id}`)
    await page.locator('.council-meeting-row', { hasText: '本月三长议事会' }).click()
    await page.locator('.council-item', { hasText: '楼间空地改建小花园' }).waitFor()
    await page.locator('.council-vote .nut-button', { hasText: '赞成' }).click()
    await page.locator('.council-meta', { hasText: '我的表决：赞成' }).waitFor()
    await shot(page, name)
    expect(page.errors).toEqual([])
  }

  // the chief sees the live tally, records the two other building heads in person, and ends the vote
  const list2 = await d.openAs(chief, `council/meetings/index?grid=${grid?._id}`)
  await list2.locator('.council-meeting-row', { hasText: '本月三长议事会' }).click()
  const page = list2
  await page.locator('.council-tally__cell--for', { hasText: '赞成 2' }).waitFor()
  await page.locator('.council-actions .nut-button', { hasText: '现场表决' }).click()
  for (const [p, choice] of [
    [others[0], '赞成'],
    [others[1], '弃权'],
  ] as const) {
    const row = page.locator('.council-presence', { hasText: p.name })
    await row.locator('.council-check').click()
    await row.locator('.council-choice', { hasText: choice }).click()
  }
  await shot(page, 'council-meeting-record', true)
  await page.locator('.nut-button', { hasText: '保存现场表决' }).click()
  await page.locator('.council-tally__cell--for', { hasText: '赞成 3' }).waitFor()
  await page.locator('.council-tally__cell--abstain', { hasText: '弃权 1' }).waitFor()
  await page.locator('.council-meta', { hasText: '已参加表决 4 人' }).waitFor()

  await page.locator('.council-actions .nut-button', { hasText: '结束表决' }).click()
  await page.locator('.council-close textarea').fill('多数赞成，先清理杂物，再由楼栋长牵头改建小花园')
  await page.locator('.council-close .council-check').click()
  await page.locator('.council-close .council-choice', { hasText: head.name }).click()
  await shot(page, 'council-meeting-close', true)
  await page.locator('.nut-button', { hasText: '确认结束表决' }).click()
  await page.locator('.council-outcome', { hasText: '通过' }).waitFor()
  await page.locator('.council-outcome', { hasText: '已向全网格发布决议通知' }).waitFor()
  await page.locator('.council-outcome', { hasText: `落实：${head.name} 负责` }).waitFor()
  await page
    .locator('.council-textarea textarea')
    .last()
    .fill('到会五人。议定：楼间空地改建小花园，楼栋长牵头，两周内完成。')
  await page.locator('.nut-button', { hasText: '保存纪要' }).click()
  await page.locator('.council-saved', { hasText: '纪要已保存' }).waitFor()
  await shot(page, 'council-meeting-decided', true)
  expect(page.errors).toEqual([])

  // the resident finds the decision among the grid's notices, and the minutes on the meeting
  const feed = await d.openAs(resident, 'pages/notices/list/index')
  await feed.getByText('议事会决议：楼间空地改建小花园').first().waitFor()
  await shot(feed, 'council-decision-notice')
  expect(feed.errors).toEqual([])
  // the notice leads back to the proposal: 议题详情 with the outcome and the reason
  await feed.getByText('议事会决议：楼间空地改建小花园').first().click()
  await feed.locator('.notice-source__open', { hasText: '查看议题和表决结果' }).click()
  await feed.locator('.card__title', { hasText: '议事结果：通过' }).waitFor()
  await feed.locator('.council-reason', { hasText: '多数赞成，先清理杂物' }).first().waitFor()
  // h5 slides the page in: wait until the decision card is in view and stands still before looking
  await feed.waitForFunction(
    () => {
      const card = Array.from(document.querySelectorAll('.card__title')).find((e) =>
        e.textContent?.includes('议事结果'),
      )
      const r = card?.getBoundingClientRect()
      const w = window as unknown as { lastAt?: string }
      const at = r && r.width > 0 && r.top > 0 && r.top < 800 ? `${r.left},${r.top}` : ''
      const still = !!at && w.lastAt === at
      w.lastAt = at
      return still
    },
    undefined,
    { polling: 200 },
  )
  await shot(feed, 'council-decision-proposal')
  expect(feed.errors).toEqual([])
  const seen = await d.openAs(resident, 'council/proposals/index')
  await seen.locator('.council-meetings-link').click()
  await seen.locator('.council-meeting-row', { hasText: '本月三长议事会' }).click()
  await seen.locator('.council-minutes', { hasText: '楼栋长牵头，两周内完成' }).waitFor()
  await seen.locator('.council-outcome', { hasText: '通过' }).waitFor()
  await shot(seen, 'council-meeting-resident', true)
  expect(seen.errors).toEqual([])
})
