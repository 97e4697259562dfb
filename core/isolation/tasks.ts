/**
 * What may happen to a task of an isolated household, and what a grid's day counter counts. Pure: the handler
 * re-reads the task inside a transaction, asks here, and writes the task with the counter's deltas — so a second
 * claimer sees the first holder, and a second 完成 changes nothing.
 */
import type { IsolationTaskDoc, IsolationTaskState } from '../model'
import { OVERDUE_AFTER_MINUTES } from './schedule'

export type TaskCode =
  | 'ISOLATION_TASK_TAKEN'
  | 'ISOLATION_TASK_DONE'
  | 'ISOLATION_TASK_CANCELLED'
  | 'ISOLATION_NOT_HOLDER'

/** How a grid's day figures move with one change. */
export interface DayDelta {
  due: number
  claimed: number
  done: number
}

export type TaskDecision =
  | { ok: false; code: TaskCode }
  | { ok: true; change: 'none' }
  | { ok: true; change: 'move'; state: IsolationTaskState; delta: DayDelta }

type Task = Pick<IsolationTaskDoc, 'state' | 'holderId'>
const none = { ok: true, change: 'none' } as const
const zero: DayDelta = { due: 0, claimed: 0, done: 0 }
const refuse = (code: TaskCode) => ({ ok: false, code }) as const

/** Taking an open task: one holder; taking one's own again changes nothing. */
export function decideClaim(t: Task, personId: string): TaskDecision {
  if (t.state === 'cancelled') return refuse('ISOLATION_TASK_CANCELLED')
  if (t.state === 'done') return refuse('ISOLATION_TASK_DONE')
  if (t.state === 'claimed') return t.holderId === personId ? none : refuse('ISOLATION_TASK_TAKEN')
  return { ok: true, change: 'move', state: 'claimed', delta: { ...zero, claimed: 1 } }
}

/** Giving a task back: its holder (or a keeper, `force`); an open one stays open. */
export function decideRelease(t: Task, personId: string, force = false): TaskDecision {
  if (t.state === 'cancelled') return refuse('ISOLATION_TASK_CANCELLED')
  if (t.state === 'done') return refuse('ISOLATION_TASK_DONE')
  if (t.state === 'open') return none
  if (t.holderId !== personId && !force) return refuse('ISOLATION_NOT_HOLDER')
  return { ok: true, change: 'move', state: 'open', delta: { ...zero, claimed: -1 } }
}

/** Marking done: only its holder, once; done again by them changes nothing. */
export function decideDone(t: Task, personId: string): TaskDecision {
  if (t.state === 'cancelled') return refuse('ISOLATION_TASK_CANCELLED')
  if (t.state === 'done') return t.holderId === personId ? none : refuse('ISOLATION_TASK_DONE')
  if (t.state !== 'claimed' || t.holderId !== personId) return refuse('ISOLATION_NOT_HOLDER')
  return { ok: true, change: 'move', state: 'done', delta: { ...zero, claimed: -1, done: 1 } }
}

/** Cancelling a task not yet done (the isolation ended early): it no longer counts as due. */
export function decideCancel(t: Task): TaskDecision {
  if (t.state === 'done' || t.state === 'cancelled') return none
  return {
    ok: true,
    change: 'move',
    state: 'cancelled',
    delta: { due: -1, claimed: t.state === 'claimed' ? -1 : 0, done: 0 },
  }
}

/** A grid's day figures from its tasks of the day: what the isolationDays counter must equal. */
export function recountDay(tasks: readonly Pick<IsolationTaskDoc, 'state'>[]): DayDelta {
  return {
    due: tasks.filter((t) => t.state !== 'cancelled').length,
    claimed: tasks.filter((t) => t.state === 'claimed').length,
    done: tasks.filter((t) => t.state === 'done').length,
  }
}

/** Overdue: not done (nor cancelled) OVERDUE_AFTER_MINUTES after its time. */
export const isOverdue = (t: Pick<IsolationTaskDoc, 'state' | 'dueAt'>, now: Date): boolean =>
  (t.state === 'open' || t.state === 'claimed') && +new Date(t.dueAt) + OVERDUE_AFTER_MINUTES * 60_000 < +now

/** The state a household and a volunteer read: 待领取 / 已领取 / 已完成 / 已取消, and 超时 when overdue. */
export function stateLabel(t: Pick<IsolationTaskDoc, 'state' | 'dueAt'>, now: Date): string {
  const base = { open: '待领取', claimed: '已领取', done: '已完成', cancelled: '已取消' }[t.state]
  return isOverdue(t, now) ? `${base} · 超时` : base
}
