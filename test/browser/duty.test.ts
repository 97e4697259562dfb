/**
 * 卡口值守 in a real browser on the h5 build against the local cloud: a grid chief sets up a checkpoint and makes
 * three 8-hour shifts for tomorrow on its roster; a resident of the community signs up for one and sees it under 我的
 * 值守; on a running shift the resident checks in with the code of the minute the chief's page shows, and leaves a
 * handover note; the chief's roster shows them on duty now. A community worker opens a shift of the demo's east
 * gate, sees the reserve force called up and coming offered first, finds a resident by name and puts them on it; the
 * shift then shows them. 我的值守 of someone with many shifts loads more of them. Every page is screenshotted at
 * 375×800 and raises no page error.
 */
import type { Page } from 'playwright-core'
import type { CheckpointCard, DutyCheckCode, MyShiftsPage, Roster } from '../../core/contract'
import { beijingDayOf } from '../../core/duty/shifts'
import { shiftId, shiftSignupId } from '../../core/ids'
import type { CallUpAnswerDoc, PersonDoc, ShiftDoc, ShiftSignupDoc } from '../../core/model'
import { isWithin } from '../../core/units'
import { DEMO_CHECKPOINT_ID } from '../../emulator/seed/duty'
import { personaPerson, shot, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('duty', { timers: false })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }

const open = (person: PersonDoc, route: string): Promise<Tagged> => d.openAs(person, `emergency/duty/${route}`)

async function call<T>(person: PersonDoc, action: string, payload: unknown): Promise<T> {
  const { result } = await d.cloud.callFunction('duty', { action, payload }, { openid: person.openid as string })
  const envelope = result as { ok: boolean; data?: T; message?: string }
  if (!envelope.ok) throw new Error(`duty.${action}: ${envelope.message}`)
  return envelope.data as T
}

it('a checkpoint set up, shifts made and filled, a check-in on duty with a handover, and who is on duty now', async () => {
  const chief = personaPerson(d.demo, 'gridChief', 1)
  const resident = personaPerson(d.demo, 'resident', 0)

  // the chief sets up the checkpoint
  const list = await open(chief, 'checkpoints/index')
  await list.locator('.duty-create__name input').fill('北门卡口')
  await list.locator('.duty-create__place input').fill('小区东门岗亭')
  await list.locator('.duty-create .nut-button', { hasText: '设置卡口' }).click()
  await list.locator('.manage-message', { hasText: '已设置卡口：北门卡口' }).waitFor()
  await list.locator('.duty-checkpoint', { hasText: '北门卡口' }).waitFor()
  await list.locator('.duty-warnings').waitFor()
  await shot(list, 'duty-checkpoints-chief', true)
  expect(list.errors).toEqual([])

  // on its roster, three 8-hour shifts of two for tomorrow
  await list.locator('.duty-checkpoint', { hasText: '北门卡口' }).click()
  await list.locator('.duty-roster:visible').waitFor()
  await list.locator('.duty-day:visible', { hasText: '明天' }).click()
  await list.locator('.duty-roster:visible .duty-line', { hasText: '还没有班次' }).waitFor()
  await list.locator('.duty-make:visible .choice', { hasText: '1天' }).click()
  await list.locator('.duty-make:visible .nut-button', { hasText: '生成班次' }).click()
  await list.locator('.duty-roster:visible .duty-shift').nth(2).waitFor()
  expect(await list.locator('.duty-roster:visible .duty-shift__time').allInnerTexts()).toEqual([
    '00:00–08:00',
    '08:00–16:00',
    '16:00–次日00:00',
  ])
  await shot(list, 'duty-roster-chief', true)
  expect(list.errors).toEqual([])

  const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  const [cp] = (await call<{ rows: CheckpointCard[] }>(chief, 'checkpoints', { unitId: gridId })).rows
  expect(cp.name).toBe('北门卡口')

  // the resident (on the demo's east gate tomorrow morning) signs up for the evening shift
  const roster = await open(resident, `roster/index?id=${encodeURIComponent(cp.id)}`)
  await roster.locator('.duty-day', { hasText: '明天' }).click()
  const evening = roster.locator('.duty-shift', { hasText: '16:00–次日00:00' })
  await evening.locator('.nut-button', { hasText: '报名' }).click()
  await evening.locator('.duty-shift__people', { hasText: '我：已报名' }).waitFor()
  expect(await evening.locator('.duty-shift__seats').innerText()).toBe('1/2 人')
  await shot(roster, 'duty-roster-resident', true)
  expect(roster.errors).toEqual([])

  const mine = await open(resident, 'mine/index')
  await mine.locator('.duty-mine-row', { hasText: '北门卡口' }).waitFor()
  await mine.locator('.duty-mine-row', { hasText: '和平里东门卡口' }).waitFor()
  await shot(mine, 'duty-mine-resident', true)
  expect(mine.errors).toEqual([])

  // a shift running now, the resident on it
  const now = Date.now()
  const start = new Date(now - 10 * 60_000)
  const running: ShiftDoc = {
    _id: shiftId(cp.id, start),
    checkpointId: cp.id,
    unitPath: `/s1/c1/${gridId}/`,
    communityId: 'c1',
    startAt: start,
    endAt: new Date(now + 3 * 3_600_000),
    capacity: 2,
    filled: 0,
    free: 2,
    handover: null,
    confirmedAt: null,
    createdAt: new Date(),
  }
  await d.cloud.seed({ shifts: [running] })
  await call(chief, 'assign', { shiftId: running._id, personId: resident._id })
  const code = await call<DutyCheckCode>(chief, 'checkCode', { checkpointId: cp.id, kind: 'in' })

  const shift = await open(resident, `shift/index?id=${encodeURIComponent(running._id)}`)
  await shift.locator('.duty-check__code input').fill(code.code)
  await shift.locator('.duty-check .nut-button', { hasText: '签到' }).click()
  await shift.locator('.duty-line', { hasText: '已签到' }).waitFor()
  await shift.locator('.duty-handover textarea').fill('东侧栏杆松动，已报物业')
  await shift.locator('.duty-handover .nut-button', { hasText: '保存交接' }).click()
  await shift.locator('.duty-handover textarea').waitFor()
  await shot(shift, 'duty-shift-resident', true)
  expect(shift.errors).toEqual([])

  // the chief sees them on duty now
  const today = await open(chief, `roster/index?id=${encodeURIComponent(cp.id)}`)
  await today.locator('.duty-watch .duty-line', { hasText: resident.name }).waitFor()
  await today.locator('.duty-code-card .nut-button', { hasText: '显示签到码' }).click()
  await today.locator('.duty-code').waitFor()
  await today.locator('.duty-note', { hasText: '东侧栏杆松动' }).waitFor()
  await shot(today, 'duty-roster-today-chief', true)
  expect(today.errors).toEqual([])
})

it('a community worker finds a resident by name and puts them on a shift; the reserve force called up comes first', async () => {
  const staff = personaPerson(d.demo, 'communityStaff')
  const day = beijingDayOf(new Date(Date.now() + 24 * 3_600_000))
  const roster = await call<Roster>(staff, 'roster', { checkpointId: DEMO_CHECKPOINT_ID, day })
  const shift = roster.shifts.find((s) => s.filled < s.capacity) as Roster['shifts'][number]
  expect(shift).toBeDefined()
  const coming = (d.demo.requests.callUpAnswers as CallUpAnswerDoc[]).find((a) => a.answer === 'coming')
  expect(coming).toBeDefined()
  // a resident of the community with a name nobody else there has, on no shift yet
  const onDuty = new Set(roster.shifts.flatMap((s) => (s.people ?? []).map((p) => p.personId)))
  const c1 = d.demo.people.filter((p) => !p.deletedAt && isWithin(p.homePath ?? '', '/s1/c1/'))
  const person = c1.find(
    (p) =>
      p.name.length >= 2 &&
      !onDuty.has(p._id) &&
      p._id !== coming?.personId &&
      c1.filter((q) => q.name.includes(p.name)).length === 1,
  ) as PersonDoc

  const page = await open(staff, `shift/index?id=${encodeURIComponent(shift.id)}`)
  const card = page.locator('.duty-assign')
  // before anything is typed: the reserve force who answered 到岗
  await card.locator('.duty-assign__group', { hasText: '已应召到岗的应急力量' }).waitFor()
  await card.locator('.duty-assign__row', { hasText: coming?.name }).locator('.duty-assign__tag').waitFor()
  await shot(page, 'duty-assign-suggested', true)

  await card.locator('.duty-assign__input input').fill(person.name)
  await card.locator('.nut-button', { hasText: '查找' }).click()
  const found = card.locator('.duty-assign__found .duty-assign__row', { hasText: person.name })
  await found.waitFor()
  // the room is masked; nothing a developer would recognise
  expect(await found.locator('.duty-assign__where').innerText()).toMatch(/\*\*\*/)
  await shot(page, 'duty-assign-found', true)
  await found.locator('.nut-button', { hasText: '安排' }).click()
  await page.locator('.duty-shift__people', { hasText: person.name }).waitFor()
  await found.locator('.duty-assign__on', { hasText: '已在本班' }).waitFor()
  expect(await page.locator('.card__hint').first().innerText()).toBe(`${shift.filled + 1}/${shift.capacity} 人`)
  await shot(page, 'duty-assign-done', true)
  const body = await page.locator('body').innerText()
  expect(body).not.toMatch(/personId|shiftId|undefined|null|INVALID|FORBIDDEN/)
  expect(page.errors).toEqual([])

  // the roster shows them on the shift too
  const after = await call<Roster>(staff, 'roster', { checkpointId: DEMO_CHECKPOINT_ID, day })
  expect(after.shifts.find((s) => s.id === shift.id)?.people?.map((p) => p.name)).toContain(person.name)
})

it('我的值守 loads more shifts when there are many', async () => {
  const resident = personaPerson(d.demo, 'resident', 0)
  const first = await call<MyShiftsPage>(resident, 'myShifts', {})
  const already = first.upcoming.length
  // 14 more two-hour shifts ahead at a checkpoint of their own, 12 hours apart (never overlapping the demo's)
  const cp = { ...(await call<{ rows: CheckpointCard[] }>(resident, 'checkpoints', { unitId: 'c1' })).rows[0] }
  const base = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3 * 24 * 3_600_000
  const shifts: ShiftDoc[] = Array.from({ length: 14 }, (_x, i) => {
    const startAt = new Date(base + i * 12 * 3_600_000)
    return {
      _id: shiftId(cp.id, startAt),
      checkpointId: cp.id,
      unitPath: resident.homePath?.split('/').slice(0, 4).join('/') + '/',
      communityId: 'c1',
      startAt,
      endAt: new Date(+startAt + 2 * 3_600_000),
      capacity: 2,
      filled: 1,
      free: 1,
      handover: null,
      confirmedAt: null,
      createdAt: new Date(),
    }
  })
  const seats: ShiftSignupDoc[] = shifts.map((s) => ({
    _id: shiftSignupId(s._id, resident._id),
    shiftId: s._id,
    checkpointId: s.checkpointId,
    unitPath: s.unitPath,
    communityId: 'c1',
    personId: resident._id,
    name: resident.name,
    startAt: s.startAt,
    endAt: s.endAt,
    status: 'active',
    assignedBy: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  }))
  await d.cloud.seed({ shifts, shiftSignups: seats })
  const total = already + 14
  const mine = await open(resident, 'mine/index')
  const upcoming = mine.locator('.card', { hasText: '要值守的班次' })
  await upcoming.locator('.duty-mine-row').nth(9).waitFor()
  expect(await upcoming.locator('.duty-mine-row').count()).toBe(10)
  await upcoming.locator('.duty-more', { hasText: '加载更多' }).click()
  await upcoming
    .locator('.duty-mine-row')
    .nth(total - 1)
    .waitFor()
  expect(await upcoming.locator('.duty-mine-row').count()).toBe(total)
  await upcoming.locator('.duty-more').waitFor({ state: 'detached' })
  await shot(mine, 'duty-mine-more', true)
  expect(mine.errors).toEqual([])
})
