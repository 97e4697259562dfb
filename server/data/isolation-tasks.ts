/**
 * `isolationTasks`: one scheduled task of an isolated household, core/ids.ts isolationTaskId(isolationId, kind, day,
 * slot). Created, claimed, given back, done and cancelled only inside transactions (tx.isolationTasks) with the
 * grid's isolationDays counter. Reads are bounded by what a screen shows: a grid's open tasks soonest first and the
 * overdue ones oldest first in keyset pages (gridPath_1_state_1_dueAt_1, also the overdue count), a holder's tasks
 * (holderId_1_state_1_dueAt_1: the ones they hold, and the ten they did lately), and one isolation's tasks of a
 * window (isolationId_1_dueAt_1: at most its period).
 */
import type { IsolationTaskDoc, IsolationTaskState } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rows, total } from './query'

export interface TaskCursor {
  dueAt: Date
  id: string
}

/** The most tasks one holder's list reads (the ones they hold now). */
export const HELD_READ = 50
/** The most of a holder's recently done tasks one list reads (their photos' verdicts, on 隔离服务任务). */
export const FINISHED_READ = 10
/** The most tasks one isolation's window reads (ISOLATION_BOUNDS: 28 days × 8 a day). */
export const ISOLATION_TASKS_READ = 224

export interface IsolationTasks {
  get(id: string): Promise<IsolationTaskDoc | null>
  byIds(ids: readonly string[]): Promise<IsolationTaskDoc[]>
  /** Tasks at or under a path in these states due in [from, to), soonest first, after the cursor. */
  page(
    path: string,
    states: readonly IsolationTaskState[],
    from: Date,
    to: Date,
    after: TaskCursor | undefined,
    limit: number,
  ): Promise<{ rows: IsolationTaskDoc[]; more: boolean }>
  /** How many tasks at or under a path in these states are due in [from, to). */
  count(path: string, states: readonly IsolationTaskState[], from: Date, to: Date): Promise<number>
  /** A holder's tasks in a state, soonest first (at most HELD_READ). */
  held(holderId: string, state: IsolationTaskState): Promise<IsolationTaskDoc[]>
  /** A holder's done tasks due at or after `from`, latest first (at most FINISHED_READ). */
  finishedSince(holderId: string, from: Date): Promise<IsolationTaskDoc[]>
  /** Every task a person finished (their export). */
  doneBy(holderId: string): Promise<IsolationTaskDoc[]>
  /** Every task of one holder's name is written as `name` (their deletion). */
  renameHolder(holderId: string, name: string): Promise<void>
  /** An isolation's tasks due in [from, to), in order (at most ISOLATION_TASKS_READ). */
  ofIsolation(isolationId: string, from: Date, to: Date): Promise<IsolationTaskDoc[]>
  /** dashboard.repairStats: tasks these people did in [from, to) (index holderId_1_state_1_dueAt_1). */
  doneByBetween(holderIds: readonly string[], from: Date, to: Date): Promise<IsolationTaskDoc[]>
  /** dashboard.repairStats: tasks of grids at or under a path done in [from, to) (index gridPath_1_state_1_dueAt_1). */
  doneUnderBetween(path: string, from: Date, to: Date): Promise<IsolationTaskDoc[]>
}

export function isolationTasks(db: Database): IsolationTasks {
  const _ = db.command
  const col = () => db.collection('isolationTasks')
  const scope = (path: string, states: readonly IsolationTaskState[]) => ({
    gridPath: pathPrefix(db, path),
    state: states.length === 1 ? states[0] : _.in([...states]),
  })
  return {
    get: (id) => first<IsolationTaskDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<IsolationTaskDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async page(path, states, from, to, after, limit) {
      const base = scope(path, states)
      const where = after
        ? _.or([
            { ...base, dueAt: _.gt(after.dueAt).and(_.lt(to)) },
            { ...base, dueAt: after.dueAt, _id: _.gt(after.id) },
          ])
        : { ...base, dueAt: _.gte(from).and(_.lt(to)) }
      const found = await rows<IsolationTaskDoc>(
        col()
          .where(where)
          .orderBy('dueAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    count: (path, states, from, to) => total(col().where({ ...scope(path, states), dueAt: _.gte(from).and(_.lt(to)) })),
    held: (holderId, state) =>
      rows<IsolationTaskDoc>(col().where({ holderId, state }).orderBy('dueAt', 'asc').limit(HELD_READ)),
    finishedSince: (holderId, from) =>
      rows<IsolationTaskDoc>(
        col()
          .where({ holderId, state: 'done', dueAt: _.gte(from) })
          .orderBy('dueAt', 'desc')
          .limit(FINISHED_READ),
      ),
    doneBy: (holderId) => all<IsolationTaskDoc>(col().where({ holderId, state: 'done' })),
    async renameHolder(holderId, name) {
      await col()
        .where({ holderId })
        .update({ data: { holderName: name } })
    },
    ofIsolation: (isolationId, from, to) =>
      rows<IsolationTaskDoc>(
        col()
          .where({ isolationId, dueAt: _.gte(from).and(_.lt(to)) })
          .orderBy('dueAt', 'asc')
          .limit(ISOLATION_TASKS_READ),
      ),
    // dashboard.repairStats: the isolation tasks a unit's volunteers (and those with no home) did in a period
    doneByBetween: (holderIds, from, to) =>
      allIn<IsolationTaskDoc>(holderIds, (slice) =>
        col().where({ holderId: _.in(slice), state: 'done', doneAt: _.and(_.gte(from), _.lt(to)) }),
      ),
    doneUnderBetween: (path, from, to) =>
      all<IsolationTaskDoc>(
        col().where({ gridPath: pathPrefix(db, path), state: 'done', doneAt: _.and(_.gte(from), _.lt(to)) }),
      ),
  }
}
