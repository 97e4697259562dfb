/**
 * The isolation function through the real SDK and the local cloud: marking a household (who may, over what, with
 * what schedule), the tasks it makes (deterministic, never doubled), volunteers taking and finishing them, the
 * household's own view, ending early, and the leaders' figures — each refusal leaving nothing written.
 */
import type { IsolationCard, IsolationTaskRow } from '../../../core/contract'
import { isolationDayId, isolationId, isolationTaskId } from '../../../core/ids'
import { addDays, beijingDayOf } from '../../../core/isolation/schedule'
import { recountDay } from '../../../core/isolation/tasks'
import type { IsolationDayDoc, IsolationTaskDoc, PersonDoc, VolunteerDoc } from '../../../core/model'
import { startIsolationCloud, type IsolationCloud } from '../harness/isolation-cloud'

jest.setTimeout(180_000)

let g: IsolationCloud
let chief: PersonDoc
let otherChief: PersonDoc
let staff: PersonDoc
let farStaff: PersonDoc
beforeAll(async () => {
  g = await startIsolationCloud()
  chief = await g.newLeader('gridChief', 'g1')
  otherChief = await g.newLeader('gridChief', 'g2')
  staff = await g.newLeader('communityStaff', 'c1')
  farStaff = await g.newLeader('communityStaff', 'c2')
})
afterAll(async () => {
  await g?.close()
})

// tomorrow (Beijing): every slot of the period lies ahead, whatever the time of day the suite runs
const tomorrow = () => addDays(beijingDayOf(new Date()), 1)
const schedule = (householdId: string, days = 3) => ({
  householdId,
  startDay: tomorrow(),
  days,
  reason: '密接，居家观察',
  supplies: { times: ['10:00'], note: '米、菜、牛奶' },
  garbage: { times: ['09:00', '17:00'] },
})

async function tasksOf(isolation: string): Promise<IsolationTaskDoc[]> {
  const { isolationTasks } = await g.collections(['isolationTasks'])
  return (isolationTasks as IsolationTaskDoc[]).filter((t) => t.isolationId === isolation)
}
async function expectCountersMatch(gridId: string): Promise<void> {
  const { isolationTasks, isolationDays } = await g.collections(['isolationTasks', 'isolationDays'])
  const tasks = (isolationTasks as IsolationTaskDoc[]).filter((t) => t.gridId === gridId)
  for (const day of new Set(tasks.map((t) => t.day))) {
    const c = (isolationDays as IsolationDayDoc[]).find((d) => d._id === isolationDayId(gridId, day))
    expect({ day, due: c?.due, claimed: c?.claimed, done: c?.done }).toEqual({
      day,
      ...recountDay(tasks.filter((t) => t.day === day)),
    })
  }
}

describe('marking a household', () => {
  it('makes every task of the period once: marking again adds nothing', async () => {
    const home = g.householdsUnder('g1')[30]
    const card = await g.ok<IsolationCard>(chief, 'mark', schedule(home._id))
    expect(card).toMatchObject({ id: isolationId(home._id, tomorrow()), days: 3, tasks: 9, active: true })
    expect(card.lastDay).toBe(addDays(tomorrow(), 2))
    const again = await g.ok<IsolationCard>(chief, 'mark', schedule(home._id))
    expect(again.id).toBe(card.id)
    const tasks = await tasksOf(card.id)
    expect(tasks).toHaveLength(9)
    expect(tasks.map((t) => t._id)).toContain(isolationTaskId(card.id, 'supplies', tomorrow(), '10:00'))
    expect(tasks.filter((t) => t.kind === 'garbage').map((t) => t.slot)).toEqual(
      expect.arrayContaining(['09:00', '17:00']),
    )
    await expectCountersMatch('g1')
  })

  it('lets the grid chief mark only in their grid, staff only in their community, and no resident', async () => {
    const home = g.householdsUnder('g1')[31]
    const resident = await g.newResident('g1', 5)
    const head = await g.newLeader('buildingHead', 'c1-b1')
    for (const p of [otherChief, farStaff])
      expect(await g.act(p, 'mark', schedule(home._id))).toMatchObject({ code: 'FORBIDDEN' })
    for (const p of [resident, head])
      expect(await g.act(p, 'mark', schedule(home._id))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await tasksOf(isolationId(home._id, tomorrow()))).toHaveLength(0)
    await g.ok(staff, 'mark', schedule(home._id))
  })

  it('refuses bad schedules with a clear message and writes nothing', async () => {
    const home = g.householdsUnder('g1')[32]
    const bad = [
      [{ ...schedule(home._id), days: 40 }, 'INVALID_PAYLOAD'],
      [{ ...schedule(home._id), garbage: { times: ['25:00'] } }, 'INVALID_PAYLOAD'],
      [{ ...schedule(home._id), extra: 1 }, 'INVALID_PAYLOAD'],
      [{ ...schedule(home._id), startDay: addDays(tomorrow(), -2) }, 'ISOLATION_SCHEDULE_INVALID'],
      [{ ...schedule(home._id), startDay: addDays(tomorrow(), 10) }, 'ISOLATION_SCHEDULE_INVALID'],
      [
        { ...schedule(home._id), supplies: { times: [], note: '' }, garbage: { times: [] } },
        'ISOLATION_SCHEDULE_INVALID',
      ],
      [{ ...schedule(home._id), garbage: { times: ['09:00', '09:00'] } }, 'ISOLATION_SCHEDULE_INVALID'],
      [{ ...schedule('c1-b1') }, 'ISOLATION_HOUSEHOLD_ONLY'],
    ] as const
    for (const [payload, code] of bad) {
      const res = await g.act(chief, 'mark', payload)
      expect(res).toMatchObject({ ok: false, code })
      if (!res.ok) expect(res.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    const { isolations } = await g.collections(['isolations'])
    expect((isolations as { householdId: string }[]).filter((i) => i.householdId === home._id)).toHaveLength(0)
  })

  it('keeps one isolation in force per household; ending early cancels what is not yet due and keeps the record', async () => {
    const home = g.householdsUnder('g1')[33]
    const card = await g.ok<IsolationCard>(chief, 'mark', schedule(home._id))
    const second = { ...schedule(home._id), startDay: addDays(tomorrow(), 1) }
    expect(await g.act(staff, 'mark', second)).toMatchObject({ code: 'ISOLATION_ACTIVE' })
    expect(await g.act(otherChief, 'end', { isolationId: card.id })).toMatchObject({ code: 'FORBIDDEN' })
    const ended = await g.ok<IsolationCard>(chief, 'end', { isolationId: card.id })
    expect(ended).toMatchObject({ active: false, endedBy: chief.name })
    expect(await g.act(chief, 'end', { isolationId: card.id })).toMatchObject({ code: 'ISOLATION_ENDED' })
    expect((await tasksOf(card.id)).every((t) => t.state === 'cancelled')).toBe(true)
    await expectCountersMatch('g1')
    // the same first day cannot be used again; another can, and the history keeps both
    expect(await g.act(chief, 'mark', schedule(home._id))).toMatchObject({ code: 'ISOLATION_DAY_USED' })
    await g.ok(chief, 'mark', second)
    const list = await g.ok<{ rows: IsolationCard[] }>(chief, 'households', { unitId: 'g1', all: true })
    expect(list.rows.filter((r) => r.household.id === home._id).map((r) => r.active)).toEqual([true, false])
  })
})

describe('serving the tasks', () => {
  let home: string
  let card: IsolationCard
  let volunteer: PersonDoc
  let housemate: PersonDoc
  beforeAll(async () => {
    home = g.householdsUnder('g1')[40]._id
    card = await g.ok<IsolationCard>(chief, 'mark', schedule(home, 2))
    volunteer = await g.newResident('c1', 200, true)
    housemate = await g.newResident('g1', 40)
  })

  it('lists the open tasks of the grid soonest first, a page at a time, only to those who serve it', async () => {
    const first = await g.ok<{ rows: IsolationTaskRow[]; nextCursor: string | null }>(volunteer, 'tasks', {
      gridId: 'g1',
      pageSize: 2,
    })
    expect(first.rows).toHaveLength(2)
    expect(first.nextCursor).not.toBeNull()
    const next = await g.ok<{ rows: IsolationTaskRow[] }>(volunteer, 'tasks', {
      gridId: 'g1',
      pageSize: 2,
      cursor: first.nextCursor,
    })
    const due = [...first.rows, ...next.rows].map((r) => r.dueAt)
    expect(due).toEqual([...due].sort())
    expect(new Set([...first.rows, ...next.rows].map((r) => r.id)).size).toBe(4)
    const plain = await g.newResident('g1', 41)
    const far = await g.newResident('c2', 3, true)
    expect(await g.act(plain, 'tasks', { gridId: 'g1' })).toMatchObject({ code: 'ISOLATION_NOT_VOLUNTEER' })
    expect(await g.act(far, 'tasks', { gridId: 'g1' })).toMatchObject({ code: 'ISOLATION_NOT_VOLUNTEER' })
    const head = await g.newLeader('buildingHead', 'c1-b1')
    expect((await g.act(head, 'tasks', {})).ok).toBe(true)
  })

  it('takes a task, finishes it once with a note, and the household sees who and when', async () => {
    const id = isolationTaskId(card.id, 'supplies', tomorrow(), '10:00')
    const other = await g.newResident('c1', 201, true)
    const plain = await g.newResident('g1', 42)
    expect(await g.act(plain, 'claim', { taskId: id })).toMatchObject({ code: 'ISOLATION_NOT_VOLUNTEER' })
    expect(await g.act(volunteer, 'done', { taskId: id, note: '' })).toMatchObject({ code: 'ISOLATION_NOT_HOLDER' })
    const claimed = await g.ok<IsolationTaskRow>(volunteer, 'claim', { taskId: id })
    expect(claimed).toMatchObject({ state: 'claimed', stateLabel: '已领取', holderName: volunteer.name, mine: true })
    expect(await g.act(other, 'claim', { taskId: id })).toMatchObject({ code: 'ISOLATION_TASK_TAKEN' })
    expect(await g.act(other, 'done', { taskId: id })).toMatchObject({ code: 'ISOLATION_NOT_HOLDER' })
    const done = await g.ok<IsolationTaskRow>(volunteer, 'done', { taskId: id, note: '放在门口，已敲门告知' })
    expect(done).toMatchObject({ state: 'done', stateLabel: '已完成', doneNote: '放在门口，已敲门告知' })
    expect(await g.act(volunteer, 'release', { taskId: id })).toMatchObject({ code: 'ISOLATION_TASK_DONE' })

    const mine = await g.ok<{ isolation: IsolationCard; tasks: IsolationTaskRow[] }>(housemate, 'mine', {
      day: tomorrow(),
    })
    expect(mine.isolation.id).toBe(card.id)
    const row = mine.tasks.find((t) => t.id === id) as IsolationTaskRow
    expect(row).toMatchObject({ state: 'done', holderName: volunteer.name })
    expect(row.doneAt).not.toBeNull()
    expect(mine.tasks.filter((t) => t.state === 'open')).toHaveLength(2)
    const got = await g.ok<IsolationTaskRow>(housemate, 'received', { taskId: id })
    expect(got.receivedAt).not.toBeNull()
    const garbage = isolationTaskId(card.id, 'garbage', tomorrow(), '09:00')
    expect(await g.act(housemate, 'received', { taskId: garbage })).toMatchObject({ code: 'ISOLATION_NOT_DELIVERY' })
    const neighbour = await g.newResident('g1', 43)
    expect(await g.act(neighbour, 'received', { taskId: id })).toMatchObject({ code: 'ISOLATION_NOT_YOURS' })
    const theirs = await g.ok<{ isolation: IsolationCard | null }>(neighbour, 'mine', {})
    expect(theirs.isolation?.household.id).not.toBe(home)

    const { volunteers } = await g.collections(['volunteers'])
    const totals = (volunteers as VolunteerDoc[]).find((v) => v._id === volunteer._id)
    expect(totals).toMatchObject({ minutes: 30, activities: 1 })
    await expectCountersMatch('g1')
  })

  it('gives a task back for someone else to take; a keeper may take it off its holder', async () => {
    const id = isolationTaskId(card.id, 'garbage', tomorrow(), '17:00')
    const other = await g.newResident('c1', 202, true)
    await g.ok(volunteer, 'claim', { taskId: id })
    expect(await g.act(other, 'release', { taskId: id })).toMatchObject({ code: 'ISOLATION_NOT_HOLDER' })
    expect(await g.ok<IsolationTaskRow>(volunteer, 'release', { taskId: id })).toMatchObject({ state: 'open' })
    await g.ok(other, 'claim', { taskId: id })
    expect(await g.ok<IsolationTaskRow>(chief, 'release', { taskId: id })).toMatchObject({
      state: 'open',
      holderName: null,
    })
    await expectCountersMatch('g1')
  })

  it('answers the leaders with the grid figures, and refuses who reads no figures', async () => {
    const party = await g.newLeader('partyLeader', 'g1')
    const figures = await g.ok<{ grids: { grid: { id: string }; isolated: number }[] }>(staff, 'figures', {
      unitId: 'c1',
    })
    expect(figures.grids.map((r) => r.grid.id)).toEqual(expect.arrayContaining(['g1', 'g2', 'g3', 'g4']))
    const mine = await g.ok<{ grids: { grid: { id: string }; isolated: number }[] }>(party, 'figures', { unitId: 'g1' })
    expect(mine.grids.map((r) => r.grid.id)).toEqual(['g1'])
    expect(await g.act(party, 'figures', { unitId: 'c1' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await g.act(staff, 'figures', { unitId: 'c1-b1' })).toMatchObject({ code: 'ISOLATION_UNIT_LEVEL' })
    const head = await g.newLeader('buildingHead', 'c1-b1')
    expect(await g.act(head, 'figures', { unitId: 'g1' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await g.act(otherChief, 'overdue', { unitId: 'g1' })).toMatchObject({ code: 'FORBIDDEN' })
    expect((await g.act(chief, 'overdue', { unitId: 'g1' })).ok).toBe(true)
  })
})
