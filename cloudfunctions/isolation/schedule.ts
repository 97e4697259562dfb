/**
 * Writing an isolation's schedule: one transaction per Beijing day adds that day's missing tasks (core/ids.ts
 * isolationTaskId, so a retry or a second run adds nothing) and moves the grid's day counter by what it added; ending
 * early cancels the tasks not yet due, a day per transaction, taking them off the counter. The cost is bounded by
 * the period (ISOLATION_BOUNDS: 28 days × 8 tasks).
 */
import { isolationTaskId } from '../../core/ids'
import { byDay, planTasks } from '../../core/isolation/schedule'
import { decideCancel } from '../../core/isolation/tasks'
import type { IsolationDoc, IsolationTaskDoc } from '../../core/model'
import { eachBounded } from '../../server/bounded'
import type { Data } from '../../server/data'
import { moveDay } from '../../server/isolation-days'

/** Days written at once (different days touch different counters: they do not conflict). */
const DAYS_AT_ONCE = 4

/** The tasks an isolation's schedule plans: every slot of the period from the moment it was marked. */
export function plannedFor(i: IsolationDoc): Omit<IsolationTaskDoc, '_id'>[] {
  return planTasks(i, new Date(i.createdAt)).map((p) => ({
    isolationId: i._id,
    householdId: i.householdId,
    householdPath: i.householdPath,
    householdName: i.householdName,
    gridId: i.gridId,
    gridPath: i.gridPath,
    communityId: i.communityId,
    kind: p.kind,
    day: p.day,
    slot: p.slot,
    dueAt: p.dueAt,
    note: p.note,
    state: 'open' as const,
    holderId: null,
    holderName: null,
    claimedAt: null,
    doneAt: null,
    doneNote: null,
    photos: [],
    minutes: 0,
    receivedAt: null,
    createdAt: new Date(i.createdAt),
    updatedAt: new Date(i.createdAt),
  }))
}

/** Adds every planned task still missing; answers how many were added. */
export async function writeSchedule(data: Data, i: IsolationDoc): Promise<number> {
  const days = [...byDay(plannedFor(i)).values()]
  let added = 0
  await eachBounded(days, DAYS_AT_ONCE, async (tasks) => {
    added += await data.transaction(async (tx) => {
      const now = new Date()
      let n = 0
      for (const t of tasks) {
        const id = isolationTaskId(i._id, t.kind, t.day, t.slot)
        if (await tx.isolationTasks.get(id)) continue
        await tx.isolationTasks.set(id, t)
        n++
      }
      await moveDay(tx, tasks[0], { due: n, claimed: 0, done: 0 }, now)
      return n
    })
  })
  return added
}

/** Cancels the isolation's tasks due after `from` (ending early); answers how many. */
export async function cancelFrom(data: Data, i: IsolationDoc, from: Date): Promise<number> {
  const later = await data.isolationTasks.ofIsolation(i._id, from, new Date(i.plannedEndAt))
  let cancelled = 0
  await eachBounded([...byDay(later).values()], DAYS_AT_ONCE, async (tasks) => {
    cancelled += await data.transaction(async (tx) => {
      const now = new Date()
      let n = 0
      const delta = { due: 0, claimed: 0, done: 0 }
      for (const { _id } of tasks) {
        const t = await tx.isolationTasks.get(_id)
        if (!t) continue
        const d = decideCancel(t)
        if (!d.ok || d.change === 'none') continue
        await tx.isolationTasks.update(_id, { state: d.state, updatedAt: now })
        delta.due += d.delta.due
        delta.claimed += d.delta.claimed
        n++
      }
      await moveDay(tx, tasks[0], delta, now)
      return n
    })
  })
  return cancelled
}
