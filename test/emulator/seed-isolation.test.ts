/** The demo's isolated households are what the isolation function would have written: the resident persona's own
 * household among them, tasks of yesterday and today in every state, each grid day's counter equal to its recount. */
import { isolationTaskId } from '../../core/ids'
import { beijingDayOf, planTasks } from '../../core/isolation/schedule'
import { isOverdue, recountDay } from '../../core/isolation/tasks'
import type { IsolationDayDoc, IsolationDoc, IsolationTaskDoc } from '../../core/model'
import { buildDemoCommunity } from '../../emulator/seed'

const demo = buildDemoCommunity()
const seed = demo.requests as unknown as {
  isolations: IsolationDoc[]
  isolationTasks: IsolationTaskDoc[]
  isolationDays: IsolationDayDoc[]
}

it('isolates the resident persona’s household and one more of the same grid', () => {
  const resident = demo.people.find((p) => p.openid === demo.personas[0].openid)
  expect(seed.isolations).toHaveLength(2)
  expect(seed.isolations.map((i) => i.householdId)).toContain(resident?.householdId)
  expect(new Set(seed.isolations.map((i) => i.gridId)).size).toBe(1)
  for (const i of seed.isolations) {
    const tasks = seed.isolationTasks.filter((t) => t.isolationId === i._id)
    expect(tasks.map((t) => t._id).sort()).toEqual(
      planTasks(i, i.createdAt)
        .map((p) => isolationTaskId(i._id, p.kind, p.day, p.slot))
        .sort(),
    )
    expect(i.tasks).toBe(tasks.length)
  }
})

it('has yesterday’s and today’s tasks in every state, one overdue', () => {
  const today = beijingDayOf(new Date())
  const recent = seed.isolationTasks.filter(
    (t) => t.day <= today && t.day >= beijingDayOf(new Date(Date.now() - 864e5)),
  )
  expect(new Set(recent.map((t) => t.state))).toEqual(new Set(['open', 'claimed', 'done']))
  expect(recent.some((t) => t.receivedAt)).toBe(true)
  expect(recent.some((t) => isOverdue(t, new Date()))).toBe(true)
  for (const t of recent.filter((x) => x.state !== 'open')) expect(t.holderName).toBeTruthy()
})

it('seeds each grid day’s counter equal to the recount of its tasks', () => {
  for (const c of seed.isolationDays) {
    const tasks = seed.isolationTasks.filter((t) => t.gridId === c.gridId && t.day === c.day)
    expect({ due: c.due, claimed: c.claimed, done: c.done }).toEqual(recountDay(tasks))
  }
  expect(seed.isolationDays.length).toBe(new Set(seed.isolationTasks.map((t) => t.day)).size)
})
