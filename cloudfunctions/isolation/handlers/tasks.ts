/**
 * A server's tasks (隔离服务任务): the open tasks of a grid soonest first, taking one (one holder), giving it back,
 * and marking it done once. Each change is one transaction that re-reads the task, lets core/isolation/tasks.ts
 * decide, and writes the task with the grid's day counter — 20 claimers at once leave one holder, a second 完成
 * changes nothing, and the volunteer time (ISOLATION_TASK_MINUTES) is added to the holder's totals in the same
 * transaction as the done state, so exactly once.
 */
import { decideClaim, decideDone, decideRelease, type TaskDecision } from '../../../core/isolation/tasks'
import { ISOLATION_TASK_MINUTES } from '../../../core/isolation/schedule'
import { defaultGridPath, servesGrid } from '../../../core/isolation/serve'
import type { IsolationTaskDoc, PersonDoc } from '../../../core/model'
import { ancestorAt, pathIds } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { attachAndCheck, checkAttachable } from '../../../server/uploads'
import { moveDay } from '../../../server/isolation-days'
import { addVolunteerTime, rankedWhere } from '../../../server/volunteer-totals'
import { decodeCursor, encodeCursor, keeps, rowOf, rowsWithPhotos, taskOr404 } from '../access'

const HOUR = 3_600_000
/** The open tasks a server sees: from a day back (late ones first) to two days ahead. */
const LIST_BACK_MS = 24 * HOUR
const LIST_AHEAD_MS = 48 * HOUR

function mustServe(caller: Caller, t: Pick<IsolationTaskDoc, 'gridPath'>): PersonDoc {
  const person = caller.person
  if (!person) throw new AppError('NOT_REGISTERED')
  if (!servesGrid(person, caller.grants, t.gridPath)) throw new AppError('ISOLATION_NOT_VOLUNTEER')
  return person
}

export const tasks: Action<'isolation', 'tasks'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const gridId = payload.gridId ?? pathIds(defaultGridPath(person, caller.grants) ?? '').pop()
    const grid = gridId ? await data.units.get(gridId) : null
    if (!grid || grid.level !== 'grid') throw new AppError('ISOLATION_NOT_VOLUNTEER')
    if (!servesGrid(person, caller.grants, grid.path)) throw new AppError('ISOLATION_NOT_VOLUNTEER')
    const now = new Date()
    const after = decodeCursor(payload.cursor)
    const [page, held, finished] = await Promise.all([
      data.isolationTasks.page(
        grid.path,
        ['open'],
        new Date(+now - LIST_BACK_MS),
        new Date(+now + LIST_AHEAD_MS),
        after && { dueAt: after.at, id: after.id },
        payload.pageSize,
      ),
      payload.cursor ? Promise.resolve([]) : data.isolationTasks.held(person._id, 'claimed'),
      // what I did lately, so that I read how the check judged my 完成 photos (its verdict comes after 完成)
      payload.cursor
        ? Promise.resolve([])
        : data.isolationTasks.finishedSince(person._id, new Date(+now - LIST_BACK_MS)),
    ])
    const last = page.rows[page.rows.length - 1]
    return {
      grid: { id: grid._id, name: grid.name },
      rows: page.rows.map((t) => rowOf(t, person._id, now)),
      nextCursor: page.more && last ? encodeCursor(last.dueAt, last._id) : null,
      held: await rowsWithPhotos(data, held, caller, now),
      finished: await rowsWithPhotos(data, finished, caller, now),
    }
  },
}

type Patch = Partial<Omit<IsolationTaskDoc, '_id'>>

/** Runs one decided change of a task in a transaction with its day counter (and `also`, e.g. the volunteer time). */
async function change(
  data: Data,
  taskId: string,
  decide: (t: IsolationTaskDoc) => TaskDecision,
  patch: (t: IsolationTaskDoc, now: Date) => Patch,
  also?: (tx: Parameters<Parameters<Data['transaction']>[0]>[0], t: IsolationTaskDoc, now: Date) => Promise<void>,
): Promise<boolean> {
  return data.transaction(async (tx) => {
    const now = new Date()
    const t = await tx.isolationTasks.get(taskId)
    if (!t) throw new AppError('NOT_FOUND')
    const d = decide(t)
    if (!d.ok) throw new AppError(d.code)
    if (d.change === 'none') return false
    await tx.isolationTasks.update(taskId, { ...patch(t, now), state: d.state, updatedAt: now })
    await moveDay(tx, t, d.delta, now)
    if (also) await also(tx, t, now)
    return true
  })
}

async function fresh(data: Data, caller: Caller, taskId: string) {
  return (await rowsWithPhotos(data, [await taskOr404(data, taskId)], caller, new Date()))[0]
}

export const claim: Action<'isolation', 'claim'> = {
  async handle({ payload, caller, data }) {
    const person = mustServe(caller, await taskOr404(data, payload.taskId))
    await change(
      data,
      payload.taskId,
      (t) => decideClaim(t, person._id),
      (_t, now) => ({ holderId: person._id, holderName: person.name, claimedAt: now }),
    )
    return fresh(data, caller, payload.taskId)
  },
}

export const release: Action<'isolation', 'release'> = {
  async handle({ payload, caller, data }) {
    const task = await taskOr404(data, payload.taskId)
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const keeper = keeps(caller, task.householdPath)
    if (!keeper) mustServe(caller, task)
    await change(
      data,
      payload.taskId,
      (t) => decideRelease(t, person._id, keeper),
      () => ({ holderId: null, holderName: null, claimedAt: null }),
    )
    return fresh(data, caller, payload.taskId)
  },
}

export const done: Action<'isolation', 'done'> = {
  async handle({ payload, caller, data }) {
    const task = await taskOr404(data, payload.taskId)
    const person = mustServe(caller, task)
    // a repeat of a 完成 already made changes nothing (and needs no photo check)
    if (task.state === 'done' && task.holderId === person._id) return fresh(data, caller, payload.taskId)
    const photos = payload.photos.length ? await checkAttachable(data, caller, 'isolation', payload.photos) : []
    const where = rankedWhere(person.homePath, task.communityId || (ancestorAt(task.gridPath, 'community') ?? ''))
    const changed = await change(
      data,
      payload.taskId,
      (t) => decideDone(t, person._id),
      (_t, now) => ({
        doneAt: now,
        doneNote: payload.note || null,
        photos: photos.map((p) => p.fileID as string),
        minutes: ISOLATION_TASK_MINUTES,
      }),
      (tx, _t, now) =>
        addVolunteerTime(tx, { id: person._id, name: person.name }, where, ISOLATION_TASK_MINUTES, 0, now),
    )
    if (changed && photos.length && caller.openid)
      await attachAndCheck(
        data,
        photos,
        { kind: 'isolation', id: task._id, unitId: task.householdId, unitPath: task.householdPath },
        caller.openid,
      )
    return fresh(data, caller, payload.taskId)
  },
}
