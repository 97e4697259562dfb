/**
 * A grid's isolation figures of one day (isolationDays), moved inside the transaction of every task change: the
 * isolation function's (making, claiming, giving back, finishing, cancelling tasks) and privacy's (a deleted
 * volunteer's held tasks given back). core/isolation/tasks.ts decides the deltas; recountDay defines the figures.
 */
import { isolationDayId } from '../core/ids'
import type { DayDelta } from '../core/isolation/tasks'
import type { IsolationTaskDoc } from '../core/model'
import type { TxData } from './data'

/** Moves a grid's day counter by `delta`, creating it at its first task. */
export async function moveDay(
  tx: TxData,
  t: Pick<IsolationTaskDoc, 'gridId' | 'gridPath' | 'day'>,
  delta: DayDelta,
  now: Date,
): Promise<void> {
  if (!delta.due && !delta.claimed && !delta.done) return
  const id = isolationDayId(t.gridId, t.day)
  const c = await tx.isolationDays.get(id)
  if (c)
    await tx.isolationDays.update(id, {
      due: c.due + delta.due,
      claimed: c.claimed + delta.claimed,
      done: c.done + delta.done,
      updatedAt: now,
    })
  else await tx.isolationDays.set(id, { gridId: t.gridId, gridPath: t.gridPath, day: t.day, ...delta, updatedAt: now })
}
