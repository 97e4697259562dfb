/**
 * The leaders' requests pages (manage/requests/) in a real browser on the h5 build against the local cloud and the
 * demo's month of requests, as each persona who may open them: the grid chief, community staff, 街道干部 and 城管.
 * 诉求待办 lists exactly what the demo holds for each tab (待我办理, 已超时, 办理中, 已办结, 已关闭) and level, a page at
 * a time; 巡查台账 shows community staff which grids were patrolled today and which not, and a grid's log, and a
 * grid chief's patrol turns their grid to 今日已巡查; 诉求统计 shows the five rates and the counts behind them as the
 * counters give them (core/requests/rates.ts), month by month; 诉求设置 offers community staff only the community's
 * half and street staff only the street's, and each saves. Every page is screenshotted at 375×800, fits the
 * screen, has no text under 12 px, and raises no page error.
 */
import type { Page } from 'playwright-core'
import { REQUEST_FIGURES, REQUEST_LIMITS, STATE_LABELS, type RequestFigures } from '../../core/contract/requests'
import { departmentScopeKey, requestCounterId } from '../../core/ids'
import type { PatrolDayDoc, PersonDoc, RequestCounterDoc, RequestDoc } from '../../core/model'
import { rates } from '../../core/requests/rates'
import type { StateGroup } from '../../core/requests/states'
import { isWithin, type Unit } from '../../core/units'
import { beijingToday, recentMonths } from '../../src/manage/requests/scope'
import { holderOf, personaPerson, shot, startDemoCloud, unitOf, type DemoCloud } from './demo-cloud'

jest.setTimeout(600_000)

let d: DemoCloud
beforeAll(async () => {
  // no timers: the demo is already swept up to now, and nothing may move the lists while they are compared
  d = await startDemoCloud('requests-leader', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }

/** Who opens the pages, and the unit (or department) each works as. */
interface Leader {
  tag: string
  person: PersonDoc
  unit: Unit
  departmentId?: string
}

const leaders = (): Leader[] => {
  const of = (tag: string, role: string, nth = 0, departmentId?: string): Leader => {
    const person = personaPerson(d.demo, role, nth)
    const grant = person.roles.find((r) => r.role === role)
    if (!grant) throw new Error(`${person.name} holds no ${role}`)
    return { tag, person, unit: unitOf(d.demo, grant.unitId), departmentId }
  }
  return [
    of('chief', 'gridChief', 1),
    of('staff', 'communityStaff'),
    of('street', 'streetStaff'),
    of('chengguan', 'department', 0, 'chengguan'),
  ]
}

/** A fresh tab signed in as `person`, on the page, once its first load is over. */
const open = (person: PersonDoc, route: string): Promise<Tagged> => d.openAs(person, `manage/requests/${route}/index`)

/** Nothing reaches past the 375 px screen, and no text is under 12 px; fails naming what does. */
async function fits(page: Page, where: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const root = Array.from(document.querySelectorAll('.app-page')).find((el) => el.getClientRects().length > 0)
    if (!root) return ['no page on top']
    const out: string[] = []
    for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      const name = `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`
      if (r.right > 375.5 || r.left < -0.5) out.push(`wider than the screen: ${name}`)
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim())
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (own && size < 12) out.push(`${size}px text: ${name} "${(el.textContent ?? '').trim().slice(0, 20)}"`)
    }
    return out
  })
  expect({ where, problems }).toEqual({ where, problems: [] })
}

/** The inbox's rows once the list chosen by `chip` has loaded. */
async function listed(page: Page, chip: string) {
  await page.locator(`${chip}.choice--active:visible`).waitFor()
  await page.locator('.rq-list .paged-list__state', { hasText: '加载中' }).waitFor({ state: 'detached' })
  return page.locator('.rq-list:visible .inbox-row')
}

/** What the demo holds for a leader's list: `mine` = what their level owns now, else under their unit. */
function expected(l: Leader, filter: { mine?: boolean; group?: StateGroup; overdue?: boolean; level?: string }) {
  const all = d.demo.requests.requests as RequestDoc[]
  const ownerKey = l.departmentId ? departmentScopeKey(l.unit._id, l.departmentId) : l.unit._id
  return all.filter((r) => {
    if (filter.mine) return r.ownerKey === ownerKey && r.group === 'open'
    if (!isWithin(r.path, l.unit.path)) return false
    if (l.departmentId && r.departmentId !== l.departmentId) return false
    if (filter.group && r.group !== filter.group) return false
    if (filter.overdue !== undefined && r.overdue !== filter.overdue) return false
    return !filter.level || r.level === filter.level
  })
}

/** The rows shown are the demo's: their number (a page at a time), their states and, where asked, overdue. */
async function expectRows(page: Page, rows: RequestDoc[], where: string, overdue = false): Promise<void> {
  const shown = page.locator('.rq-list:visible .inbox-row')
  expect({ where, rows: await shown.count() }).toEqual({
    where,
    rows: Math.min(rows.length, REQUEST_LIMITS.pageSize),
  })
  const states = new Set(rows.map((r) => STATE_LABELS[r.state]))
  for (const s of await shown.locator('.inbox-row__state').allInnerTexts())
    expect({ where, s, in: states.has(s) }).toEqual({ where, s, in: true })
  if (overdue) expect(await shown.locator('.inbox-row__due--over').count()).toBe(await shown.count())
  if (!rows.length) await page.locator('.rq-list:visible .manage-hint', { hasText: '没有' }).waitFor()
}

describe('诉求待办', () => {
  it('shows each leader what the demo holds, by status, level and overdue, a page at a time', async () => {
    let lateSeen = 0
    for (const l of leaders()) {
      const page = await open(l.person, 'inbox')
      await listed(page, '.rq-view--mine')
      await expectRows(page, expected(l, { mine: true }), `${l.tag} 待我办理`)
      await shot(page, `requests-leader-inbox-${l.tag}`)
      await fits(page, `${l.tag} 诉求待办`)

      await page.locator('.rq-view--overdue').click()
      await listed(page, '.rq-view--overdue')
      // overdue as the sweep marked it (timers are off: a deadline passed since the demo's day is not marked yet)
      const late = expected(l, { group: 'open', overdue: true })
      lateSeen += late.length
      await expectRows(page, late, `${l.tag} 已超时`, true)
      await shot(page, `requests-leader-inbox-${l.tag}-overdue`)

      for (const group of ['open', 'resolved', 'closed'] as const) {
        await page.locator(`.rq-view--${group}`).click()
        await listed(page, `.rq-view--${group}`)
        await expectRows(page, expected(l, { group }), `${l.tag} ${group}`)
      }
      // more than a page of closed ones under the community: the next page by cursor, none twice
      const closed = expected(l, { group: 'closed' })
      // (rows far from the screen are not drawn, ChunkedList: the page's answer is what is counted)
      if (closed.length > REQUEST_LIMITS.pageSize) {
        const next = page.waitForResponse((r) => {
          const body = r.request().postData() ?? ''
          return r.url().endsWith('/local/call') && body.includes('"action":"inbox"') && body.includes('"cursor"')
        })
        await page.locator('.inbox-more:visible').click()
        const { result } = (await (await next).json()) as { result: { data: { rows: unknown[] } } }
        expect(result.data.rows).toHaveLength(
          Math.min(closed.length - REQUEST_LIMITS.pageSize, REQUEST_LIMITS.pageSize),
        )
        if (closed.length <= 2 * REQUEST_LIMITS.pageSize) {
          await page.locator('.inbox-more').waitFor({ state: 'detached' })
        }
        // the last of them drawn at the bottom
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
        await page.locator('.rq-list:visible .inbox-row').last().waitFor()
      }

      if (l.departmentId) {
        // a department filters by no level: all it sees is its own
        expect(await page.locator('.rq-level').count()).toBe(0)
      } else {
        await page.locator('.rq-view--open').click()
        await listed(page, '.rq-view--open')
        for (const level of ['grid', 'community', 'street', 'department'] as const) {
          await page.locator(`.rq-level--${level}`).click()
          await listed(page, `.rq-level--${level}`)
          await expectRows(page, expected(l, { group: 'open', level }), `${l.tag} open at ${level}`)
        }
        await shot(page, `requests-leader-inbox-${l.tag}-levels`)
      }
      expect({ who: l.tag, errors: page.errors }).toEqual({ who: l.tag, errors: [] })
      await page.close()
    }
    expect(lateSeen).toBeGreaterThan(0)
  })
})

/** The counts under each bar, as the page words them (rates/index.tsx LINES). */
const COUNTS: [string, (f: RequestFigures) => [number, number]][] = [
  ['response', (f) => [f.respondedOnTime, f.responseDue]],
  ['resolution', (f) => [f.resolved, f.ended + f.openOverdue]],
  ['satisfaction', (f) => [f.satisfied + f.basic, f.rated]],
  ['onTime', (f) => [f.resolvedOnTime, f.ended + f.openOverdue]],
  ['reopen', (f) => [f.reopened, f.resolved]],
]

describe('诉求统计', () => {
  it('shows the five rates and the counts behind them as the counters give them, month by month', async () => {
    const months = recentMonths().slice(0, 2)
    let seen = 0
    for (const l of leaders()) {
      const page = await open(l.person, 'rates')
      const scopeKey = l.departmentId ? departmentScopeKey(l.unit._id, l.departmentId) : l.unit._id
      for (const month of months) {
        await page.locator('.rates-month', { hasText: `${Number(month.slice(5))}月` }).click()
        const held = (d.demo.requests.requestCounters as RequestCounterDoc[]).find(
          (c) => c._id === requestCounterId(scopeKey, month),
        )
        const figures = Object.fromEntries(REQUEST_FIGURES.map((k) => [k, held?.[k] ?? 0])) as RequestFigures
        const want = rates(figures)
        const card = page.locator('.rates-card:visible', { hasText: `${Number(month.slice(5))}月` })
        await card.waitFor()
        expect(await card.locator('.rates-reported').innerText()).toBe(`共反映 ${figures.reported} 件`)
        for (const [key, counts] of COUNTS) {
          const rate = want[key as keyof typeof want]
          const [top, bottom] = counts(figures)
          const line = card.locator(`.rate--${key}`)
          expect({ who: l.tag, month, key, value: await line.locator('.rate__value').innerText() }).toEqual({
            who: l.tag,
            month,
            key,
            value: rate === null ? '暂无' : `${Math.round(rate * 1000) / 10}%`,
          })
          expect(await line.locator('.rate__count').innerText()).toContain(`：${top}/${bottom}`)
          if (rate !== null) seen++
        }
        await shot(page, `requests-leader-rates-${l.tag}-${month}`)
        await fits(page, `${l.tag} 诉求统计 ${month}`)
      }
      expect({ who: l.tag, errors: page.errors }).toEqual({ who: l.tag, errors: [] })
      await page.close()
    }
    // the demo's months give real rates, not only 暂无
    expect(seen).toBeGreaterThan(10)
  })
})

describe('巡查台账', () => {
  it('community staff see which grids were patrolled today and which not; a chief’s patrol turns theirs', async () => {
    const l = leaders().find((x) => x.tag === 'staff') as Leader
    const today = beijingToday()
    const grids = d.demo.units.filter((u) => u.level === 'grid' && u.parentId === l.unit._id && !u.retired)
    const doneToday = new Map(
      (d.demo.requests.patrolDays as PatrolDayDoc[])
        .filter((p) => p.day === today)
        .map((p) => [p.gridId, p.lastBy ?? '']),
    )
    const statusOf = (g: Unit) => (doneToday.has(g._id) ? `今日已巡查 · ${doneToday.get(g._id)}` : '未巡查')
    const unpatrolled = grids.find((g) => !doneToday.has(g._id))
    if (!unpatrolled) throw new Error('the demo patrols every grid of the community today')

    let page = await open(l.person, 'patrol')
    await page.locator('.grid-day:visible').first().waitFor()
    expect(await page.locator('.patrol-form').count()).toBe(0)
    const shown = async () =>
      Object.fromEntries(
        await page
          .locator('.grid-day:visible')
          .evaluateAll((els) =>
            els.map((el) => [
              el.querySelector('.grid-day__name')?.textContent ?? '',
              el.querySelector('.grid-day__status')?.textContent ?? '',
            ]),
          ),
      ) as Record<string, string>
    expect(await shown()).toEqual(Object.fromEntries(grids.map((g) => [g.name, statusOf(g)])))
    expect(await page.locator('.community-day__count').innerText()).toBe(
      `已巡查 ${doneToday.size} / ${grids.length} 个网格`,
    )
    await shot(page, 'requests-leader-patrol-staff')
    await fits(page, 'staff 巡查台账')
    // a grid's log opens under the list
    const patrolled = grids.find((g) => doneToday.has(g._id)) as Unit
    await page.locator('.grid-day', { hasText: patrolled.name }).click()
    await page.locator('.patrol-log:visible .patrol-row').first().waitFor()
    expect(await page.locator('.patrol-log:visible .patrol-row__when').first().innerText()).toMatch(
      /^今天 \d\d:\d\d–\d\d:\d\d$/,
    )
    await shot(page, 'requests-leader-patrol-staff-log')
    expect(page.errors).toEqual([])
    await page.close()

    // the grid chief of a grid not patrolled yet logs today's patrol (the form's times: the last hour)
    const chief = holderOf(d.demo, 'gridChief', unpatrolled._id)
    page = await open(chief, 'patrol')
    await page.locator('.patrol-form:visible').waitFor()
    await page.locator('.patrol-log:visible .patrol-row').first().waitFor()
    await shot(page, 'requests-leader-patrol-chief')
    await fits(page, 'chief 巡查台账')
    await page.locator('.patrol-route input').fill('西门—篮球场—3号楼后')
    await page.locator('.patrol-submit').click()
    await page.locator('.patrol-message:visible', { hasText: '已记录巡查' }).waitFor()
    await page.locator('.patrol-log:visible .patrol-row__route', { hasText: '西门—篮球场—3号楼后' }).waitFor()
    expect(page.errors).toEqual([])
    await page.close()

    page = await open(l.person, 'patrol')
    await page.locator('.grid-day:visible').first().waitFor()
    expect((await shown())[unpatrolled.name]).toBe(`今日已巡查 · ${chief.name}`)
    expect(await page.locator('.community-day__count').innerText()).toBe(
      `已巡查 ${doneToday.size + 1} / ${grids.length} 个网格`,
    )
    expect(page.errors).toEqual([])
    await page.close()
  })
})

describe('诉求设置', () => {
  it('offers community staff only the community’s half and street staff only the street’s; each saves', async () => {
    const [, staff, street, chengguan] = leaders()
    let page = await open(staff.person, 'settings')
    await page.locator('.settings-categories:visible').waitFor()
    expect(await page.locator('.settings-departments, .days-card, .settings-save-street').count()).toBe(0)
    await shot(page, 'requests-leader-settings-staff')
    await fits(page, 'staff 诉求设置')
    await page.locator('.settings-urgent input').fill('3')
    await page.locator('.settings-save-community').click()
    await page.locator('.settings-message:visible', { hasText: '已保存' }).waitFor()
    expect(page.errors).toEqual([])
    await page.close()
    // read again: saved on the server
    page = await open(staff.person, 'settings')
    await page.locator('.settings-categories:visible').waitFor()
    expect(await page.locator('.settings-urgent input').inputValue()).toBe('3')
    await page.close()

    page = await open(street.person, 'settings')
    await page.locator('.settings-departments:visible').waitFor()
    expect(await page.locator('.settings-categories, .category-row, .settings-save-community').count()).toBe(0)
    await shot(page, 'requests-leader-settings-street')
    await fits(page, 'street 诉求设置')
    await page.locator('.department-row__hours input').first().fill('12')
    await page.locator('.settings-save-street').click()
    await page.locator('.settings-message:visible', { hasText: '已保存' }).waitFor()
    expect(page.errors).toEqual([])
    await page.close()
    page = await open(street.person, 'settings')
    await page.locator('.settings-departments:visible').waitFor()
    expect(await page.locator('.department-row__hours input').first().inputValue()).toBe('12')
    await page.close()

    // a department and a grid chief have no settings to change
    for (const l of [chengguan, leaders()[0]]) {
      page = await open(l.person, 'settings')
      await page.locator('.app-page:visible', { hasText: '没有诉求设置权限' }).waitFor()
      expect(await page.locator('.settings-categories, .settings-departments').count()).toBe(0)
      expect(page.errors).toEqual([])
      await page.close()
    }
  })
})
