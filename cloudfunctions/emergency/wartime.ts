/**
 * 战时网格 as the handlers share them: the view, and retiring — one (by hand) or every one of an emergency that ended
 * (its end, and the retireMicroGrids timer that finishes an end cut short). Retiring one is one transaction: its
 * buildings' locks freed, its leader's grants from it removed, the document kept with retiredAt. An emergency's are
 * retired a batch at a time (EMERGENCY_LIMITS.microGridRetireBatch), so an end over many stays within a call's time;
 * its wartimeRetiring flag is cleared only once none is left, so whatever a kill leaves the timer finds again.
 */
import { EMERGENCY_LIMITS, type MicroGridView } from '../../core/contract/emergency'
import { withoutWartimeGrants } from '../../core/emergency/microgrids'
import { wartimeBuildingLockId } from '../../core/ids'
import type { UnitCounterDoc, WartimeGridDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { iso } from '../../server/views'

export const microGridView = (w: WartimeGridDoc, counters: ReadonlyMap<string, UnitCounterDoc>): MicroGridView => ({
  id: w._id,
  name: w.name,
  kind: w.kind,
  emergencyId: w.emergencyId,
  emergencyName: w.emergencyName,
  grid: { id: w.gridId, name: w.gridName, level: 'grid' },
  buildings: w.buildingIds.map((id, i) => ({ id, name: w.buildingNames[i] ?? '', level: 'microgrid' })),
  leader: { personId: w.leader.personId, name: w.leader.name, kind: w.leader.kind },
  households: w.buildingIds.reduce((n, id) => n + (counters.get(id)?.households ?? 0), 0),
  createdByName: w.createdByName,
  createdAt: iso(w.createdAt),
  retiredAt: w.retiredAt ? iso(w.retiredAt) : null,
  retiredByName: w.retiredByName,
})

/** The views of these 战时网格, their households read from their buildings' counters (one read). */
export async function microGridViews(data: Data, docs: readonly WartimeGridDoc[]): Promise<MicroGridView[]> {
  const counters = await data.unitCounters.byIds([...new Set(docs.flatMap((w) => w.buildingIds))])
  const byId = new Map(counters.map((c) => [c._id, c]))
  return docs.map((w) => microGridView(w, byId))
}

export interface Retirer {
  id: string | null
  name: string
}

/** Retires one 战时网格 in one transaction (again: nothing more is written); the document as it stands after. */
export async function retireOne(data: Data, id: string, by: Retirer, now: Date): Promise<WartimeGridDoc | null> {
  return data.transaction(async (tx) => {
    const w = await tx.wartimeGrids.get(id)
    if (!w) return null
    if (w.retiredAt) return { ...w, _id: id }
    for (const b of w.buildingIds) {
      const lockId = wartimeBuildingLockId(b)
      const lock = await tx.wartimeBuildingLocks.get(lockId)
      if (lock?.activeId === id) await tx.wartimeBuildingLocks.update(lockId, { activeId: null })
    }
    const leader = await tx.people.get(w.leaderId)
    if (leader && leader.roles.some((g) => g.wartimeGridId === id))
      await tx.people.update(w.leaderId, { roles: withoutWartimeGrants(leader.roles, id) })
    const patch = { retiredAt: now, retiredBy: by.id, retiredByName: by.name, updatedAt: now }
    await tx.wartimeGrids.update(id, patch)
    return { ...w, ...patch, _id: id }
  })
}

/**
 * Retires the 战时网格 of an ended emergency still in force, at most `batches` batches; true once none is left (its
 * wartimeRetiring flag then cleared). Safe to run again and to run twice at once: each retirement re-reads its doc.
 */
export async function retireOfEmergency(
  data: Data,
  emergencyId: string,
  by: Retirer,
  batches: number,
): Promise<boolean> {
  for (let i = 0; i < batches; i++) {
    const batch = await data.wartimeGrids.activeOfEmergency(emergencyId, EMERGENCY_LIMITS.microGridRetireBatch)
    if (!batch.length) {
      await data.transaction(async (tx) => {
        const e = await tx.emergencies.get(emergencyId)
        if (e?.wartimeRetiring) await tx.emergencies.update(emergencyId, { wartimeRetiring: false })
      })
      return true
    }
    const now = new Date()
    for (const w of batch) await retireOne(data, w._id, by, now)
  }
  return false
}

/** How many batches an end retires itself before leaving the rest to the timer. */
export const END_BATCHES = 5
/** The emergencies the timer finishes per firing, and the batches it gives each. */
const TIMER_EMERGENCIES = 5
const TIMER_BATCHES = 10

/** The retireMicroGrids timer: finishes the retiring of every ended emergency's 战时网格 an end left undone. */
export async function retireMicroGrids({ data }: { data: Data; firedAt: Date }): Promise<{ finished: number }> {
  let finished = 0
  for (const e of await data.emergencies.retiringWartime(TIMER_EMERGENCIES)) {
    if (!e.endedAt) continue
    const done = await retireOfEmergency(data, e._id, { id: e.endedBy, name: e.endedByName ?? '' }, TIMER_BATCHES)
    if (done) finished++
  }
  return { finished }
}
