/**
 * Tasks under contention, through the real SDK and the local cloud's transactions: 20 volunteers claiming one task
 * leave one holder; a holder's 完成 sent many times at once is one done with the volunteer time credited once; and
 * over random sequences of claims, give-backs and dones by several volunteers (fast-check), the grid's day counters
 * always equal a recount of the tasks.
 */
import fc from 'fast-check'
import type { IsolationCard } from '../../../core/contract'
import { isolationDayId, isolationTaskId } from '../../../core/ids'
import { addDays, beijingDayOf } from '../../../core/isolation/schedule'
import { recountDay } from '../../../core/isolation/tasks'
import type { IsolationDayDoc, IsolationTaskDoc, PersonDoc, VolunteerDoc } from '../../../core/model'
import { startIsolationCloud, type IsolationCloud } from '../harness/isolation-cloud'

jest.setTimeout(300_000)

let g: IsolationCloud
let chief: PersonDoc
beforeAll(async () => {
  g = await startIsolationCloud()
  chief = await g.newLeader('gridChief', 'g3')
})
afterAll(async () => {
  await g?.close()
})

const tomorrow = () => addDays(beijingDayOf(new Date()), 1)
let homeNo = 0
async function markOne(times: string[]): Promise<IsolationCard> {
  const home = g.householdsUnder('g3')[homeNo++]
  return g.ok<IsolationCard>(chief, 'mark', {
    householdId: home._id,
    startDay: tomorrow(),
    days: 1,
    supplies: { times, note: '' },
    garbage: { times: [] },
  })
}
async function read(): Promise<{ tasks: IsolationTaskDoc[]; days: IsolationDayDoc[] }> {
  const { isolationTasks, isolationDays } = await g.collections(['isolationTasks', 'isolationDays'])
  return { tasks: isolationTasks as IsolationTaskDoc[], days: isolationDays as IsolationDayDoc[] }
}

it('leaves one holder when 20 volunteers claim the same task at once', async () => {
  const card = await markOne(['10:00'])
  const id = isolationTaskId(card.id, 'supplies', tomorrow(), '10:00')
  const people = await Promise.all(Array.from({ length: 20 }, (_, i) => g.newResident('c1', 300 + i, true)))
  const results = await Promise.all(people.map((p) => g.act(p, 'claim', { taskId: id })))
  const codes = results.map((r) => (r.ok ? 'ok' : r.code))
  expect(codes.filter((c) => c === 'ok')).toHaveLength(1)
  expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['ISOLATION_TASK_TAKEN']))
  const { tasks, days } = await read()
  const task = tasks.find((t) => t._id === id) as IsolationTaskDoc
  expect(task.holderId).toBe(people[codes.indexOf('ok')]._id)
  expect(days.find((d) => d._id === isolationDayId('g3', tomorrow()))?.claimed).toBe(
    recountDay(tasks.filter((t) => t.gridId === 'g3' && t.day === tomorrow())).claimed,
  )
})

it('counts a 完成 sent ten times at once as one, and credits the volunteer time once', async () => {
  const card = await markOne(['11:00'])
  const id = isolationTaskId(card.id, 'supplies', tomorrow(), '11:00')
  const v = await g.newResident('c1', 400, true)
  await g.ok(v, 'claim', { taskId: id })
  const results = await Promise.all(Array.from({ length: 10 }, () => g.act(v, 'done', { taskId: id, note: '已送达' })))
  expect(results.every((r) => r.ok)).toBe(true)
  const { volunteers } = await g.collections(['volunteers'])
  expect((volunteers as VolunteerDoc[]).find((x) => x._id === v._id)).toMatchObject({ minutes: 30, activities: 1 })
  const { tasks, days } = await read()
  const day = tasks.filter((t) => t.gridId === 'g3' && t.day === tomorrow())
  const c = days.find((d) => d._id === isolationDayId('g3', tomorrow()))
  expect({ due: c?.due, claimed: c?.claimed, done: c?.done }).toEqual(recountDay(day))
})

it('keeps the day counters equal to a recount over random claims, give-backs and dones', async () => {
  const volunteers = await Promise.all([0, 1, 2].map((i) => g.newResident('c1', 500 + i, true)))
  const card = await markOne(['07:00', '08:00', '12:00', '13:00'])
  const ids = ['07:00', '08:00', '12:00', '13:00'].map((s) => isolationTaskId(card.id, 'supplies', tomorrow(), s))
  const step = fc.record({
    who: fc.integer({ min: 0, max: 2 }),
    task: fc.integer({ min: 0, max: 3 }),
    action: fc.constantFrom('claim', 'release', 'done'),
  })
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
      async (rounds) => {
        for (const round of rounds) {
          // each round's calls race one another
          await Promise.all(
            round.map((s) =>
              g.act(volunteers[s.who], s.action as 'claim', {
                taskId: ids[s.task],
                ...(s.action === 'done' ? { note: '' } : {}),
              }),
            ),
          )
        }
        const { tasks, days } = await read()
        const day = tasks.filter((t) => t.gridId === 'g3' && t.day === tomorrow())
        const c = days.find((d) => d._id === isolationDayId('g3', tomorrow()))
        expect({ due: c?.due, claimed: c?.claimed, done: c?.done }).toEqual(recountDay(day))
        for (const t of day) if (t.state !== 'open') expect(t.holderId).not.toBeNull()
      },
    ),
    { numRuns: 6 },
  )
  // the volunteer time of each volunteer is one credit per task they finished
  const { tasks } = await read()
  const { volunteers: totals } = await g.collections(['volunteers'])
  for (const v of volunteers) {
    const doneBy = tasks.filter((t) => ids.includes(t._id) && t.state === 'done' && t.holderId === v._id).length
    const minutes = (totals as VolunteerDoc[]).find((x) => x._id === v._id)?.minutes ?? 0
    expect(minutes).toBe(doneBy * 30)
  }
})
