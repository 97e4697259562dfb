/**
 * What home isolation (居家隔离户) stored about a person: their household's isolations with each task's state, who
 * took it and when (the household's own schedule), and the tasks they finished as a volunteer (时长). Gathered for
 * their export (privacy.exportMyData); on their deletion (cloudfunctions/privacy/isolation.ts) the tasks they hold are
 * given back and every task of theirs carries the deleted name, so the household's record stays and names nobody.
 */
import type { MyIsolation } from '../contract'
import type { IsolationDoc, IsolationTaskDoc } from '../model'
import { addDays } from '../isolation/schedule'

export interface IsolationFacts {
  /** Their household's isolations, newest first. */
  isolations: readonly IsolationDoc[]
  /** The tasks of those isolations. */
  tasks: readonly IsolationTaskDoc[]
  /** The tasks they finished. */
  served: readonly IsolationTaskDoc[]
}

export const noIsolation: IsolationFacts = { isolations: [], tasks: [], served: [] }

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null)

export function myIsolation(f: IsolationFacts): MyIsolation {
  return {
    household: f.isolations.map((i) => ({
      id: i._id,
      startDay: i.startDay,
      lastDay: addDays(i.startDay, i.days - 1),
      reason: i.reason,
      status: i.status,
      endedAt: iso(i.endedAt),
      tasks: f.tasks
        .filter((t) => t.isolationId === i._id)
        .sort((a, b) => +new Date(a.dueAt) - +new Date(b.dueAt))
        .map((t) => ({
          kind: t.kind,
          day: t.day,
          slot: t.slot,
          state: t.state,
          holderName: t.holderName,
          doneAt: iso(t.doneAt),
          receivedAt: iso(t.receivedAt),
        })),
    })),
    served: [...f.served]
      .sort((a, b) => +new Date(b.doneAt ?? 0) - +new Date(a.doneAt ?? 0))
      .map((t) => ({
        taskId: t._id,
        household: t.householdName,
        kind: t.kind,
        day: t.day,
        slot: t.slot,
        doneAt: iso(t.doneAt),
        doneNote: t.doneNote,
        minutes: t.minutes,
      })),
  }
}
