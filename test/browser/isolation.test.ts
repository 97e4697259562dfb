/**
 * 居家隔离户 in a real browser on the h5 build against the local cloud: the grid chief marks a neighbour's household
 * home-isolated from tomorrow on 隔离户 (building → household, the default times); the building head, who serves the
 * grid, takes its first delivery on 隔离服务任务 and marks it done with a note and a photo; the household sees it 已完成 on 我家的
 * 隔离服务 with the volunteer's name and note. The demo's own isolated household (the resident persona's) shows its
 * states, and 我的 links to both pages. Every page is screenshotted at 375×800 and raises no page error.
 */
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import type { IsolationCard } from '../../core/contract'
import { isolationId, isolationTaskId } from '../../core/ids'
import { addDays, beijingDayOf } from '../../core/isolation/schedule'
import type { PersonDoc } from '../../core/model'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('isolation', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }
const open = (person: PersonDoc, route: string): Promise<Tagged> => d.openAs(person, route)

async function call<T>(person: PersonDoc, action: string, payload: unknown): Promise<T> {
  const { result } = await d.cloud.callFunction('isolation', { action, payload }, { openid: person.openid as string })
  const envelope = result as { ok: boolean; data?: T; message?: string }
  if (!envelope.ok) throw new Error(`isolation.${action}: ${envelope.message}`)
  return envelope.data as T
}

/** A small real PNG, as a phone's photo would be (the files function checks the bytes). */
function photo(): Buffer {
  const png = new PNG({ width: 8, height: 8 })
  png.data.fill(180)
  return PNG.sync.write(png)
}

const unit = (id: string) => {
  const u = d.demo.units.find((x) => x._id === id)
  if (!u) throw new Error(`no unit ${id}`)
  return u
}

it('a household marked by the grid chief, its delivery taken and done by a volunteer, and the household sees it', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const head = personaPerson(d.demo, 'buildingHead', 0)
  const neighbour = personaPerson(d.demo, 'resident', 1)
  const home = unit(neighbour.householdId as string)
  const building = unit(home.parentId as string)
  const tomorrow = addDays(beijingDayOf(new Date()), 1)

  // the chief marks the neighbour's household from tomorrow
  const page = await open(chief, 'emergency/isolation/households/index')
  await page.locator('.iso-figures-card .iso-figure').first().waitFor()
  await page.locator('.iso-household').first().waitFor()
  await shot(page, 'isolation-households-chief', true)
  await page.locator('.iso-mark .choice', { hasText: building.name }).first().click()
  await page.locator('.iso-mark .choice', { hasText: home.name }).click()
  await page.locator('.iso-mark .choice', { hasText: '明天' }).click()
  await page.locator('.iso-mark__days input').fill('7')
  await page.locator('.iso-mark__note input').fill('米、蔬菜、牛奶')
  await page.locator('.iso-mark__submit').click()
  await page.locator('.manage-message', { hasText: `已标记 ${home.name} 居家隔离 7 天` }).waitFor()
  await page.locator('.iso-household', { hasText: home.name }).waitFor()
  await shot(page, 'isolation-marked-chief', true)
  expect(page.errors).toEqual([])

  const iso = isolationId(home._id, tomorrow)
  const listed = await call<{ rows: IsolationCard[] }>(chief, 'households', { unitId: building.parentId })
  expect(listed.rows.find((r) => r.id === iso)).toMatchObject({ days: 7, tasks: 21 })

  // the building head takes tomorrow's 10:00 delivery and marks it done
  const taskId = isolationTaskId(iso, 'supplies', tomorrow, '10:00')
  const tasks = await open(head, 'emergency/isolation/tasks/index')
  const row = tasks.locator('.iso-task', { hasText: home.name }).filter({ hasText: '物资配送' }).first()
  await row.waitFor()
  await shot(tasks, 'isolation-tasks-volunteer', true)
  await row.locator('.nut-button', { hasText: '领取' }).click()
  const held = tasks.locator('.iso-held-task', { hasText: home.name })
  await held.waitFor()
  expect(await held.locator('.iso-row__state').innerText()).toContain('已领取')
  await held.locator('.iso-held-task__note input').fill('已放门口并敲门告知')
  // a photo of the delivery at the door, uploaded as every image is (files.reserve → uploaded)
  const chooser = tasks.waitForEvent('filechooser')
  await held.locator('.photo-picker__add').click()
  await (await chooser).setFiles({ name: 'door.png', mimeType: 'image/png', buffer: photo() })
  await held.locator('.photo-picker__photo').waitFor()
  expect(await held.locator('.photo-picker__add').innerText()).toContain('1/3')
  await shot(tasks, 'isolation-tasks-photo', true)
  await held.locator('.nut-button', { hasText: '完成' }).click()
  await held.waitFor({ state: 'detached' })
  const stored = d.cloud.engine.find('isolationTasks', { _id: taskId }) as { photos: string[] }[]
  expect(stored[0]?.photos).toHaveLength(1)
  await shot(tasks, 'isolation-tasks-done', true)
  expect(tasks.errors).toEqual([])
  const { isolationTasks } = (await (async () => {
    const res = await call<{ tasks: { id: string; state: string }[] }>(neighbour, 'mine', { day: tomorrow })
    return { isolationTasks: res.tasks }
  })()) as { isolationTasks: { id: string; state: string }[] }
  expect(isolationTasks.find((t) => t.id === taskId)?.state).toBe('done')

  // the household sees it done, by whom, with the note
  const mine = await open(neighbour, 'emergency/isolation/home/index')
  await mine.locator('.iso-period').waitFor()
  await mine.locator('.iso-days .iso-link', { hasText: '后一天' }).click()
  const done = mine.locator('.iso-home-task', { hasText: '物资配送' }).first()
  await done.locator('.iso-row__state', { hasText: '已完成' }).waitFor()
  expect(await done.innerText()).toContain(head.name)
  expect(await done.innerText()).toContain('志愿者留言：已放门口并敲门告知')
  await shot(mine, 'isolation-home-done', true)
  await done.locator('.nut-button', { hasText: '确认收到' }).click()
  await done.locator('.iso-line', { hasText: '已确认收到' }).waitFor()
  expect(mine.errors).toEqual([])
})

it('shows the demo household its own schedule of today, and 我的 leads there and to the tasks', async () => {
  const resident = personaPerson(d.demo, 'resident', 0)
  const me = await open(resident, 'pages/grid/me/index')
  await me.locator('.isolation-link--home').waitFor()
  await me.locator('.isolation-link--home').click()
  await me.locator('.iso-period:visible').waitFor()
  await me.locator('.iso-home-task:visible').first().waitFor()
  const states = await me.locator('.iso-home-task:visible .iso-row__state').allInnerTexts()
  expect(states.some((s) => s.startsWith('已完成'))).toBe(true)
  expect(states.some((s) => s.startsWith('已领取'))).toBe(true)
  await shot(me, 'isolation-home-resident', true)
  expect(me.errors).toEqual([])

  const head = personaPerson(d.demo, 'buildingHead', 0)
  const links = await open(head, 'pages/grid/me/index')
  await links.locator('.isolation-link--tasks').waitFor()
  expect(await links.locator('.isolation-link--home').count()).toBe(0)
  await shot(links, 'isolation-me-volunteer', true)
})
