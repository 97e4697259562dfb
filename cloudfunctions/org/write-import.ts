/**
 * Writing an imported roster (core/org/roster/plan.ts): parents before children (grids, buildings, households,
 * then people, then edits of existing people), each document written once with an id chosen up front. A crash
 * midway leaves some of the file written; the same file imported again matches what is there by name and writes
 * only the rest.
 *
 * Counters: households, people and care edits go in batches, each one transaction that writes the batch's
 * documents and adds the batch's delta to every counter above them (one delta per ancestor per batch). A document
 * already there (an earlier, crashed run wrote it) is skipped and not counted, so a crash leaves exactly the
 * written documents counted, and a repeated import ends equal to one that never crashed. Batches run one after
 * another: they all move the same ancestors, and racing batches would only conflict and retry.
 */
import { aboveHome, personFigures, ZERO, type CounterMove } from '../../core/grid/counters'
import type { ImportPlan } from '../../core/org/roster/plan'
import { eachBounded, WRITE_CONCURRENCY } from '../../server/bounded'
import type { Data, TxData } from '../../server/data'
import { moveInTx } from '../../server/data/unit-counters'

/** Documents per transaction: well inside what one transaction may hold, with the counters it moves. */
export const IMPORT_BATCH = 25

async function inBatches<T>(
  data: Data,
  items: readonly T[],
  write: (tx: TxData, item: T) => Promise<CounterMove | null>,
): Promise<void> {
  for (let i = 0; i < items.length; i += IMPORT_BATCH) {
    const batch = items.slice(i, i + IMPORT_BATCH)
    await data.transaction(async (tx) => {
      const moves: CounterMove[] = []
      for (const item of batch) {
        const move = await write(tx, item)
        if (move) moves.push(move)
      }
      await moveInTx(tx, moves, new Date())
    })
  }
}

export async function writeImport(data: Data, plan: ImportPlan): Promise<void> {
  // grids and buildings move no figure (a unit without a counter reads as zeros)
  for (const level of ['grid', 'microgrid'] as const) {
    const units = plan.units.filter((u) => u.level === level)
    await eachBounded(units, WRITE_CONCURRENCY, (u) => data.units.add(u))
  }
  const households = plan.units.filter((u) => u.level === 'household')
  await inBatches(data, households, async (tx, { _id, ...u }) => {
    if (await tx.units.get(_id)) return null
    await tx.units.set(_id, u)
    return { ids: aboveHome(u.path), path: u.path, delta: { ...ZERO, households: u.retired ? 0 : 1 } }
  })
  await eachBounded(plan.wartime, WRITE_CONCURRENCY, (w) => data.units.update(w.id, { wartime: w.wartime }))
  // imported residents have no WeChat identity yet: they add residents and care, never reachable households
  await inBatches(data, plan.people, async (tx, { _id, ...p }) => {
    if (await tx.people.get(_id)) return null
    await tx.people.set(_id, p)
    if (!p.homePath) return null
    return { ids: aboveHome(p.homePath), path: p.homePath, delta: personFigures({ _id, ...p }) }
  })
  await inBatches(data, plan.updates, async (tx, u) => {
    const person = await tx.people.get(u.id)
    if (!person) return null
    await tx.people.update(u.id, { roles: u.roles, careFlags: u.careFlags })
    if (!person.homePath) return null
    const care = personFigures({ ...person, careFlags: u.careFlags }).care - personFigures(person).care
    return { ids: aboveHome(person.homePath), path: person.homePath, delta: { ...ZERO, care } }
  })
}
