/**
 * 关爱对象 in a real browser on the h5 build against the local cloud: the community worker finds a resident by name,
 * marks them 独居老人 and names the resident persona their 网格员; the resident, from 我的 → 我包联的, opens them and
 * makes today's 打卡 with a temperature and a need; the missed-check timer, fired through the local cloud after
 * yesterday's 20:00, raises the 未探访 of a demo care person nobody visited — shown to their helper on 我包联的 and to
 * the grid's chief under 关爱对象 · 未探访. Every page is screenshotted at 375×800 and raises no page error.
 */
import type { Page } from 'playwright-core'
import { careDayOf } from '../../core/care/days'
import { maskRoom } from '../../core/mask'
import type { PersonDoc } from '../../core/model'
import { isWithin, type Unit } from '../../core/units'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'
import { fireMissedChecks } from './emergency-kit'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('care', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }
const open = (person: PersonDoc, route: string): Promise<Tagged> => d.openAs(person, `emergency/care/${route}`)
const unit = (id: string) => d.demo.units.find((u) => u._id === id) as Unit
const where = (p: PersonDoc) => maskRoom(unit(p.householdId as string))

it('staff mark and name a team, the helper makes 打卡, and a missed day alerts the helper and the grid chief', async () => {
  const staff = personaPerson(d.demo, 'communityStaff', 0)
  const resident = personaPerson(d.demo, 'resident', 0)
  const neighbour = personaPerson(d.demo, 'resident', 1)
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const grid = unit(chief.roles.find((r) => r.role === 'gridChief')?.unitId as string)
  const personaIds = new Set(d.demo.personas.map((p) => d.demo.people.find((x) => x.openid === p.openid)?._id))
  const names = new Map<string, number>()
  for (const p of d.demo.people) names.set(p.name, (names.get(p.name) ?? 0) + 1)
  // a resident of the chief's grid with no care flag, whose name nobody else has
  const target = d.demo.people.find(
    (p) =>
      p.homePath &&
      isWithin(p.homePath, grid.path) &&
      !p.careFlags?.length &&
      !!p.openid &&
      !personaIds.has(p._id) &&
      names.get(p.name) === 1,
  ) as PersonDoc

  // the community worker finds them and marks them
  const list = await open(staff, 'list/index')
  await list.locator('.care-row').first().waitFor()
  await list.locator('.care-mark-search input').fill(target.name)
  await list.locator('.care-mark-search .nut-button', { hasText: '查找' }).click()
  await list.locator('.care-pick', { hasText: target.name }).click()
  await list.locator('.care-mark:visible').waitFor()
  await list.locator('.care-mark:visible .em-chip', { hasText: '独居老人' }).click()
  await list.locator('.care-mark:visible input').fill('子女在外地')
  await list.locator('.care-mark-save:visible').click()
  await list.locator('.care-team-edit:visible').waitFor()
  await list.locator('.care-team-edit:visible .care-pick-gridWorker').click()
  await list.locator('.care-picker:visible input').fill(resident.name)
  await list.locator('.care-picker-find:visible').click()
  await list.locator('.care-picker:visible .care-pick', { hasText: where(resident) }).click()
  await list.locator('.care-team-save:visible').click()
  await list.locator('.care-team:visible .care-team__row', { hasText: resident.name }).waitFor()
  await shot(list, 'care-person-staff', true)
  expect(list.errors).toEqual([])

  // the resident reaches it from 我的 and makes today's 打卡
  const me = await d.openAs(resident, 'pages/grid/me/index')
  await me.locator('.care-mine-link').click()
  await me.locator('.care-mine:visible .care-row', { hasText: target.name }).waitFor()
  await shot(me, 'care-mine-helper', true)
  await me.locator('.care-mine:visible .care-row', { hasText: target.name }).click()
  await me.locator('.care-check:visible').waitFor()
  await me.locator('.care-check:visible .care-temperature input').fill('36.6')
  await me.locator('.care-check:visible .care-needs textarea').fill('想请人代买降压药')
  await me.locator('.care-check-submit:visible').click()
  await me.locator('.care-visit:visible', { hasText: '想请人代买降压药' }).waitFor()
  expect(await me.locator('.care-visit:visible').first().innerText()).toContain('体温 36.6℃')
  await shot(me, 'care-check-helper', true)
  expect(me.errors).toEqual([])

  // the timer after yesterday's 20:00: the demo's care person only the neighbour looks after, never visited
  const yesterday = careDayOf(new Date(Date.now() - 86_400_000))
  await fireMissedChecks(d, yesterday)
  const cares = (
    await d.cloud.callFunction('care', { action: 'mine', payload: {} }, { openid: neighbour.openid as string })
  ).result as { ok: boolean; data: { rows: { personId: string; name: string; missedDay: string | null }[] } }
  const missed = cares.data.rows.find((r) => r.missedDay === yesterday) as { name: string }
  expect(missed).toBeDefined()

  const mine = await open(neighbour, 'mine/index')
  await mine.locator('.care-alert', { hasText: missed.name }).waitFor()
  await shot(mine, 'care-missed-helper', true)
  expect(mine.errors).toEqual([])

  const chiefList = await open(chief, 'list/index')
  await chiefList.locator('.em-chip', { hasText: '未探访' }).click()
  await chiefList.locator('.care-row', { hasText: missed.name }).locator('.care-badge--missed').waitFor()
  await shot(chiefList, 'care-missed-chief', true)
  expect(chiefList.errors).toEqual([])
})
