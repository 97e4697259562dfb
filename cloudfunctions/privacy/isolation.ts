/**
 * What home isolation stored about a person, for their export, and how their deletion follows (core/privacy/
 * isolation.ts): each task they hold is given back (待领取 again, in the transaction that moves the grid's day
 * counter), then every task of theirs carries the deleted name — the household's record of who served it stays
 * without naming them. Each step re-reads what it changes: a deletion asked again repeats nothing.
 */
import { decideRelease } from '../../core/isolation/tasks'
import type { IsolationFacts } from '../../core/privacy/isolation'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { moveDay } from '../../server/isolation-days'

const DAY = 24 * 3_600_000

export async function isolationOf(data: Data, person: PersonDoc): Promise<IsolationFacts> {
  const [isolations, served] = await Promise.all([
    person.householdId ? data.isolations.ofHousehold(person.householdId) : Promise.resolve([]),
    data.isolationTasks.doneBy(person._id),
  ])
  const tasks = (
    await Promise.all(
      isolations.map((i) =>
        data.isolationTasks.ofIsolation(i._id, new Date(+new Date(i.startAt) - DAY), new Date(i.plannedEndAt)),
      ),
    )
  ).flat()
  return { isolations, tasks, served }
}

export async function forgetIsolation(data: Data, person: PersonDoc, name: string): Promise<void> {
  for (const held of await data.isolationTasks.held(person._id, 'claimed')) {
    await data.transaction(async (tx) => {
      const now = new Date()
      const t = await tx.isolationTasks.get(held._id)
      if (!t) return
      const d = decideRelease(t, person._id)
      if (!d.ok || d.change === 'none') return
      await tx.isolationTasks.update(t._id, {
        state: d.state,
        holderId: null,
        holderName: null,
        claimedAt: null,
        updatedAt: now,
      })
      await moveDay(tx, t, d.delta, now)
    })
  }
  await data.isolationTasks.renameHolder(person._id, name)
}
