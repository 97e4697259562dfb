/**
 * Emergency mode end to end (issue 12's "Done when"), in a real browser on the h5 build against the local cloud over
 * the demo, each step through the pages as the person who does it:
 *  1. 和平里社区's community worker (the demo's 寒潮防冻 ended first, on its page) declares 疫情防控 over the community;
 *     the instructions go out as an urgent notice: a resident sees the banner on 首页, opens the notice and presses 收到;
 *  2. a grid chief splits their grid into three 战时网格 with a temporary leader each from the reserve force; a leader
 *     finds theirs and sees their building's households;
 *  3. the worker sets check-in to stay open 8 hours into a shift (积分规则), sets up a checkpoint, makes three 8-hour
 *     shifts of one a day; the shift running now gets a reserve volunteer by 安排值守, the next two are signed up for by
 *     two residents; the volunteer checks in with the code the worker's roster shows, and is on duty now;
 *  4. the resident's grid chief sets up a staggered testing round over the grid; the resident sees their household's
 *     time and site on 我的采样时段;
 *  5. the chief, the round's site worker, calls the resident's slot and marks two households done at the workbench;
 *     coverage of the building counts them and lists the households not yet done, the resident's not among them;
 *  6. care's missedChecks timer fires through the local cloud after yesterday's 20:00: the helper sees the 未探访 alert
 *     on 我包联的 and the grid chief under 关爱对象 · 未探访;
 *  7. the worker ends the emergency: the banner goes, the record page keeps the instructions and leads to the retired
 *     战时网格 with their leaders, the shifts with who was on duty, the round's coverage and the care alerts; the
 *     wartime leader no longer leads their building.
 * Independent of the time of day: the shifts filled are the one running now and the two after it (today's or
 * tomorrow's). Screenshots at 375×800 go to /tmp/journey-shots/ (JOURNEY_SHOTS overrides); no page raises an error.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { PersonDoc, ShiftSignupDoc } from '../../core/model'
import { careDayOf } from '../../core/care/days'
import { isWithin, type Unit } from '../../core/units'
import { DEMO_EMERGENCY_ID } from '../../emulator/seed/emergency'
import { personaPerson, startDemoCloud, type DemoCloud } from './demo-cloud'
import { buildingsOf, fireCountAcks, fireMissedChecks, gridOf, reserveLeaders, reserveMembers } from './emergency-kit'

jest.setTimeout(300_000)

const SHOTS = process.env.JOURNEY_SHOTS ?? '/tmp/journey-shots'
const NAME = '疫情防控'
const INSTRUCTIONS =
  '本社区进入疫情防控二级响应。\n1. 请尽量居家，减少外出和聚集。\n2. 按楼栋错时下楼采样，时段见“我的采样时段”。\n3. 独居老人和行动不便的居民由包联干部上门服务。'
const CHECKPOINT = '和平里南门卡口'
const ROUND = '第一轮疫情筛查'
const SPANS = ['00:00–08:00', '08:00–16:00', '16:00–次日00:00']

type Tagged = Page & { errors: string[] }

let d: DemoCloud
let emergencyUrl = ''
beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  d = await startDemoCloud('journey', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

let step = 0
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true })
const open = (person: PersonDoc, route: string): Promise<Tagged> => d.openAs(person, route)
const go = async (page: Page, route: string) => {
  await page.goto(`${d.cloud.url}/#/${route}`)
  await page.locator('.app-page:visible').first().waitFor()
}
const done = async (page: Tagged) => {
  expect(page.errors).toEqual([])
  expect(await page.locator('body').innerText()).not.toMatch(/undefined|null|NaN|wartime|microgrid/)
  await page.close()
}
const unit = (id: string) => d.demo.units.find((u) => u._id === id) as Unit

const staff = () => personaPerson(d.demo, 'communityStaff', 0)
const resident = () => personaPerson(d.demo, 'resident', 0)
const home = () => unit(resident().householdId as string)

it('1. the community worker declares 疫情防控: a resident sees the banner and the notice, and presses 收到', async () => {
  // the demo's cold-wave emergency is over first: one emergency at a time over a community
  const page = await open(staff(), `emergency/switch/detail/index?id=${encodeURIComponent(DEMO_EMERGENCY_ID)}`)
  await page.locator('.emergency-end').click()
  await page.locator('.taro-modal__foot >> text=结束').click()
  await page.locator('.em-level--ended:visible').waitFor()

  await go(page, 'emergency/switch/manage/index')
  const form = page.locator('.emergency-declare:visible')
  await form.locator('.em-input input, input.em-input').first().fill(NAME)
  await form.locator('.em-chip', { hasText: '二级响应' }).click()
  await form.locator('textarea').fill(INSTRUCTIONS)
  await shot(page, 'declare-form')
  await form.locator('.nut-button', { hasText: '宣布' }).click()
  await page.locator('.emergency-detail:visible .em-row__title', { hasText: NAME }).waitFor()
  emergencyUrl = page
    .url()
    .replace(d.cloud.url, '')
    .replace(/^\/#\//, '')
  expect(emergencyUrl).toMatch(/emergency\/switch\/detail\/index\?id=/)
  await page.locator('.emergency-notice:visible', { hasText: '须知已作为紧急通知发给和平里社区各户' }).waitFor()
  await shot(page, 'declared')
  await done(page)

  const home = await open(resident(), 'pages/grid/home/index')
  const banner = home.locator('.emergency-banner__item', { hasText: NAME })
  await banner.waitFor()
  expect(await banner.innerText()).toContain('二级响应')
  expect(await banner.innerText()).toContain('按楼栋错时下楼采样')
  expect(await home.locator('.emergency-banner__item').count()).toBe(1)
  await shot(home, 'resident-banner')
  await banner.locator('.emergency-banner__notice').click()
  await home.locator('.notice-detail__title', { hasText: `【二级响应】${NAME}` }).waitFor()
  await home.locator('.notice-ack').click()
  await home.locator('.notice-acked').waitFor()
  await shot(home, 'resident-notice-acked')
  await done(home)
})

it('2. a grid chief splits their grid into three 战时网格, and a temporary leader sees their building', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 0)
  const buildings = buildingsOf(d, gridOf(chief))
  const leaders = reserveLeaders(d)
  expect(buildings).toHaveLength(3)
  expect(leaders).toHaveLength(3)
  const page = await open(chief, 'emergency/microgrid/list/index')
  const split = page.locator('.microgrid-split:visible')
  await split.waitFor()
  await page.getByText(`${NAME}期间`).first().waitFor()
  for (const [i, b] of buildings.entries()) {
    await split.locator('.microgrid-name input, input.microgrid-name').first().fill(`${b.name}战时网格`)
    await split.locator('.microgrid-buildings .em-chip', { hasText: b.name }).click()
    await split.locator('.microgrid-leader', { hasText: leaders[i].name }).click()
    if (i === 0) await shot(page, 'microgrid-split-form')
    await split.locator('.microgrid-submit').click()
    await page.locator('.microgrid-row:visible', { hasText: `${b.name}战时网格` }).waitFor()
  }
  await page.getByText('这个网格的楼栋都已划入战时网格').waitFor()
  for (const p of leaders) await page.locator('.microgrid-row:visible', { hasText: p.name }).waitFor()
  await shot(page, 'microgrids-split')
  await done(page)

  const lead = await open(leaders[0], 'emergency/reserve/mine/index')
  await lead.locator('.my-microgrid:visible', { hasText: `${buildings[0].name}战时网格` }).click()
  await lead.locator('.microgrid-building:visible', { hasText: buildings[0].name }).waitFor()
  await shot(lead, 'microgrid-leader')
  await go(lead, 'manage/households/index')
  await lead.locator('.manage-scope:visible', { hasText: buildings[0].name }).waitFor()
  const door = d.demo.units.find((u) => u.parentId === buildings[0]._id && u.level === 'household') as Unit
  await lead.getByText(door.name, { exact: false }).first().waitFor()
  await shot(lead, 'microgrid-leader-households')
  await done(lead)
})

/** The shift running now and the two after it: their day (0 today, 1 tomorrow) and span. */
function nextThree(): { day: 0 | 1; span: string }[] {
  const hour = new Date(Date.now() + 8 * 3_600_000).getUTCHours()
  const first = Math.floor(hour / 8)
  return [first, first + 1, first + 2].map((i) => ({ day: i >= 3 ? 1 : 0, span: SPANS[i % 3] }))
}
const DAY_TAB = ['今天', '明天']

/** Residents of the community on nobody's roster yet and not in the reserve force: they sign up themselves. */
function freeResidents(n: number): PersonDoc[] {
  const seated = new Set(
    ((d.demo.requests as unknown as { shiftSignups: ShiftSignupDoc[] }).shiftSignups ?? []).map((s) => s.personId),
  )
  const reserve = new Set(reserveMembers(d).map((m) => m.personId))
  const personas = new Set(d.demo.personas.map((p) => p.openid))
  return d.demo.people
    .filter(
      (p) =>
        p.openid &&
        !personas.has(p.openid) &&
        p.roles.length === 1 &&
        p.roles[0].role === 'resident' &&
        isWithin(p.homePath ?? '', '/s1/c1/') &&
        !seated.has(p._id) &&
        !reserve.has(p._id),
    )
    .slice(0, n)
}

it('3. a checkpoint gets three shifts filled (安排值守 and sign-ups) and the volunteer checks in on duty', async () => {
  const three = nextThree()
  const volunteer = resident()
  const signers = freeResidents(2)
  expect(signers).toHaveLength(2)

  // check-in stays open through an 8-hour shift, so whoever takes over mid-shift can still check in
  const page = await open(staff(), 'manage/points/rules/index')
  await page.locator('.rules-checkClosesAfterMinutes input').fill('480')
  await page.locator('.rules-save').click()
  await page.locator('.rules-done').waitFor()

  await go(page, 'emergency/duty/checkpoints/index')
  await page.locator('.duty-create__name input').fill(CHECKPOINT)
  await page.locator('.duty-create__place input').fill('南门岗亭')
  await page.locator('.duty-create .nut-button', { hasText: '设置卡口' }).click()
  await page.locator('.manage-message', { hasText: `已设置卡口：${CHECKPOINT}` }).waitFor()
  await shot(page, 'checkpoint-created')
  await page.locator('.duty-checkpoint', { hasText: CHECKPOINT }).click()
  await page.locator('.duty-roster:visible').waitFor()
  // three 8-hour shifts of one, today and (when the three run into it) tomorrow
  for (const day of [...new Set(three.map((t) => t.day))]) {
    await page.locator('.duty-day:visible', { hasText: DAY_TAB[day] }).click()
    await page.locator('.duty-roster:visible .duty-line', { hasText: '还没有班次' }).waitFor()
    await page.locator('.duty-make:visible .choice', { hasText: '1天' }).click()
    await page.locator('.duty-make:visible .choice', { hasText: '1人' }).click()
    await page.locator('.duty-make:visible .nut-button', { hasText: '生成班次' }).click()
    await page.locator('.duty-roster:visible .duty-shift').nth(2).waitFor()
  }

  // the running shift takes no sign-ups: the worker puts a reserve volunteer on it
  await page.locator('.duty-day:visible', { hasText: '今天' }).click()
  const running = page.locator('.duty-roster:visible .duty-shift', { hasText: three[0].span })
  await running.locator('.nut-button', { hasText: '班次详情' }).click()
  const assign = page.locator('.duty-assign:visible')
  await assign.waitFor()
  // with a name search (the picker), the volunteer is found by name first
  const search = assign.locator('.duty-assign__input input')
  if (await search.count()) {
    await search.fill(volunteer.name)
    await assign.locator('.duty-assign__search .nut-button', { hasText: '查找' }).click()
  }
  // a namesake elsewhere in the community may be listed too: the row of the volunteer's own building and entrance
  const entrance = home().name.replace(/\d+$/, '')
  const row = assign.locator('.duty-assign__row', { hasText: volunteer.name }).filter({ hasText: entrance }).first()
  await row.locator('.nut-button', { hasText: '安排' }).click()
  await row.getByText('已在本班').waitFor()
  await page.locator('.duty-shift__people', { hasText: `本班：${volunteer.name}` }).waitFor()
  await shot(page, 'shift-assigned')
  await done(page)

  // two residents sign up for the next two from their community's checkpoints
  for (const [i, p] of signers.entries()) {
    const t = three[i + 1]
    const mine = await open(p, 'emergency/duty/checkpoints/index')
    await mine.locator('.duty-checkpoint', { hasText: CHECKPOINT }).click()
    await mine.locator('.duty-day:visible', { hasText: DAY_TAB[t.day] }).click()
    const shift = mine.locator('.duty-roster:visible .duty-shift', { hasText: t.span })
    await shift.locator('.nut-button', { hasText: '报名' }).click()
    await shift.locator('.duty-shift__people', { hasText: '我：已报名' }).waitFor()
    if (i === 0) await shot(mine, 'shift-signed-up')
    await done(mine)
  }

  // the worker's roster: the three filled, the code of the minute shown
  const roster = await open(staff(), 'emergency/duty/checkpoints/index')
  await roster.locator('.duty-checkpoint', { hasText: CHECKPOINT }).click()
  for (const [i, t] of three.entries()) {
    await roster.locator('.duty-day:visible', { hasText: DAY_TAB[t.day] }).click()
    const s = roster.locator('.duty-roster:visible .duty-shift', { hasText: t.span })
    await s.locator('.duty-shift__seats', { hasText: '1/1 人' }).waitFor()
    await s.locator('.duty-shift__people', { hasText: i === 0 ? volunteer.name : signers[i - 1].name }).waitFor()
  }
  await roster.locator('.duty-day:visible', { hasText: '今天' }).click()
  await roster.locator('.duty-code-card .nut-button', { hasText: '显示签到码' }).click()
  const code = (await roster.locator('.duty-code').innerText()).trim()
  expect(code).toMatch(/^\d{6}$/)

  // the volunteer finds the shift under 我的值守 and checks in with it
  const duty = await open(volunteer, 'emergency/duty/mine/index')
  await duty.locator('.duty-mine-row', { hasText: CHECKPOINT }).click()
  await duty.locator('.duty-check__code input').fill(code)
  await duty.locator('.duty-check .nut-button', { hasText: '签到' }).click()
  await duty.locator('.duty-line', { hasText: '已签到' }).waitFor()
  await shot(duty, 'volunteer-checked-in')
  await done(duty)

  await roster.reload()
  await roster.locator('.duty-watch .duty-line', { hasText: volunteer.name }).waitFor()
  await shot(roster, 'roster-on-duty-now')
  await done(roster)
})

let slotTime = ''

it('4. the grid chief sets up a staggered testing round; the resident sees their slot’s time and site', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  expect(isWithin(home().path, unit(gridOf(chief)).path)).toBe(true)
  const page = await open(chief, 'emergency/testing/rounds/index')
  await page.locator('.round-name input').fill(ROUND)
  await page.locator('.round-site input').fill('一号采样点')
  await page.locator('.round-place input').fill('网格活动室门口')
  await shot(page, 'round-form')
  await page.locator('.round-create').click()
  await page.locator('.coverage-unit:visible', { hasText: ROUND }).waitFor({ timeout: 120_000 })
  await page.locator('.coverage-child:visible').first().waitFor()
  await shot(page, 'round-coverage')
  await done(page)

  const slot = await open(resident(), 'emergency/testing/slot/index')
  const card = slot.locator('.slot-card:visible', { hasText: ROUND })
  await card.waitFor()
  slotTime = (await card.locator('.slot-time').innerText()).trim()
  expect(slotTime).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}/)
  expect(await card.locator('.slot-site').innerText()).toContain('一号采样点 · 网格活动室门口')
  await card.locator('.slot-qr').waitFor()
  await shot(slot, 'resident-slot')
  await done(slot)
})

it('5. the site worker marks households done; coverage shows who is not done yet', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const building = unit(home().parentId as string)
  const start = /(\d{2}:\d{2})–/.exec(slotTime)?.[1] as string
  const page = await open(chief, 'emergency/testing/site/index')
  // the chief works this round's only site (the demo round's sites are other people's)
  await page.locator('.tt-meta:visible', { hasText: ROUND }).waitFor()
  await page
    .locator('.site-building:visible', { hasText: building.name })
    .locator('.tt-chip', { hasText: start })
    .click()
  await page.locator('.site-slot:visible .tt-title', { hasText: `${start}` }).waitFor()
  await page.locator('.site-slot:visible .tt-title', { hasText: building.name }).waitFor()
  await page.locator('.site-call:visible').click()
  await page.locator('.site-progress:visible', { hasText: '已叫号' }).waitFor()
  const mark = async (door: string) => {
    await page.locator('.site-household:visible', { hasText: door }).locator('.site-done').click()
    await page.locator('.site-message:visible', { hasText: `${door} 采样完成` }).waitFor()
  }
  await mark(home().name)
  await page.locator('.site-household:visible', { hasText: home().name }).locator('.tt-ok').waitFor()
  const other = page
    .locator('.site-household:visible', { has: page.locator('.site-done') })
    .filter({ hasNotText: home().name })
    .first()
  const otherDoor = (await other.locator('.tt-row__main').innerText()).trim()
  await mark(otherDoor)
  await page.locator('.site-progress:visible', { hasText: '已采 2' }).waitFor()
  await shot(page, 'site-workbench')
  await done(page)

  // coverage of the building: the two counted, the households not yet done listed, the resident's not among them
  const cover = await open(chief, 'emergency/testing/rounds/index')
  await cover.locator('.round-row', { hasText: ROUND }).click()
  await cover.locator('.coverage-unit:visible', { hasText: ROUND }).waitFor()
  await cover.locator('.coverage-child:visible', { hasText: building.name }).click()
  await cover.locator('.coverage-unit:visible', { hasText: building.name }).waitFor()
  expect(await cover.locator('.coverage-unit:visible .tt-figure__value').nth(2).innerText()).toBe('2')
  await cover.locator('.coverage-not-done:visible').click()
  await cover.locator('.not-done-row:visible').first().waitFor()
  const notDone = await cover.locator('.not-done-row:visible .tt-row__main').allInnerTexts()
  expect(notDone).not.toContain(home().name)
  expect(notDone).not.toContain(otherDoor)
  await shot(cover, 'coverage-not-done')
  await done(cover)

  const slot = await open(resident(), 'emergency/testing/slot/index')
  await slot.locator('.slot-card:visible', { hasText: ROUND }).locator('.slot-done').waitFor()
  await done(slot)
})

let missedName = ''

it('6. a missed daily check alerts the helper and the grid chief (未探访)', async () => {
  await fireMissedChecks(d, careDayOf(new Date(Date.now() - 86_400_000)))
  const helper = personaPerson(d.demo, 'resident', 1)
  const mine = await open(helper, 'emergency/care/mine/index')
  const alert = mine.locator('.care-alert')
  await alert.waitFor()
  missedName = (await alert.innerText()).split('（')[0].trim()
  expect(missedName).not.toBe('')
  expect(await alert.innerText()).toContain('无人探访')
  await shot(mine, 'care-helper-alert')
  await done(mine)

  const chief = personaPerson(d.demo, 'gridChief', 1)
  const list = await open(chief, 'emergency/care/list/index')
  await list.locator('.em-chip', { hasText: '未探访' }).click()
  await list.locator('.care-row', { hasText: missedName }).locator('.care-badge--missed').waitFor()
  await shot(list, 'care-chief-missed')
  await done(list)
})

it('7. ending the emergency keeps its record readable and takes the wartime leader’s grant away', async () => {
  const three = nextThree()
  // the declaration's notice went to the community: its 收到 are counted by the countAcks timer within a minute
  await fireCountAcks(d)
  const page = await open(staff(), emergencyUrl)
  await page.locator('.emergency-end').click()
  await page.locator('.taro-modal__foot >> text=结束').click()
  await page.locator('.em-level--ended:visible').waitFor()
  await page.locator('.em-instructions:visible', { hasText: '按楼栋错时下楼采样' }).waitFor()
  // the resident's 收到 counted their household
  await page.locator('.emergency-notice:visible', { hasText: '已收到 1 /' }).waitFor()
  await page.locator('.emergency-records:visible', { hasText: '应急期间的记录' }).waitFor()
  await shot(page, 'ended-record')

  // the shifts, with who was on duty
  await page.locator('.emergency-record__duty').click()
  await page.locator('.duty-checkpoint', { hasText: CHECKPOINT }).click()
  await page.locator('.duty-roster:visible .duty-shift', { hasText: three[0].span }).waitFor()
  await page
    .locator('.duty-roster:visible .duty-shift', { hasText: three[0].span })
    .locator('.duty-shift__people', { hasText: `${resident().name}（在岗）` })
    .waitFor()
  await shot(page, 'record-shifts')

  // the testing round and its coverage
  await go(page, emergencyUrl)
  await page.locator('.emergency-record__testing').click()
  await page.locator('.round-row', { hasText: ROUND }).locator('.tt-row__meta', { hasText: '已采 2' }).waitFor()
  await shot(page, 'record-testing')

  // the care alerts
  await go(page, emergencyUrl)
  await page.locator('.emergency-record__care').click()
  await page.locator('.em-chip', { hasText: '未探访' }).click()
  await page.locator('.care-row', { hasText: missedName }).locator('.care-badge--missed').waitFor()
  await shot(page, 'record-care')
  await done(page)

  // the grid chief reads their grid's 战时网格, retired with their leaders
  const chief = personaPerson(d.demo, 'gridChief', 0)
  const leaders = reserveLeaders(d)
  const grids = await open(chief, emergencyUrl)
  await grids.locator('.em-level--ended:visible').waitFor()
  await grids.locator('.emergency-record__microgrids').click()
  const retired = grids.locator('.microgrids-retired:visible')
  await retired.waitFor()
  for (const p of leaders) await retired.locator('.microgrid-row', { hasText: p.name }).waitFor()
  await grids.getByText('现在没有进行中的应急状态，不能划分战时网格').waitFor()
  await shot(grids, 'record-microgrids')
  await done(grids)

  // the banner is gone; the wartime leader no longer leads their building
  const front = await open(resident(), 'pages/grid/home/index')
  await front.locator('.home-grid__name').waitFor()
  expect(await front.locator('.emergency-banner__item').count()).toBe(0)
  await done(front)
  const lead = await open(leaders[0], 'manage/households/index')
  await lead.getByText('没有网格管理权限').waitFor()
  await shot(lead, 'leader-grant-gone')
  await done(lead)
})
