/**
 * What care (关爱对象) stored about a person, for their export, and how their deletion follows it (core/privacy/
 * care.ts):
 * - as a helper, each seat of theirs is emptied in a transaction that re-reads the record (the team's gap shows on
 *   the leaders' care pages), and the checks they made keep the day and what was seen under the deleted name;
 * - as a care person, their checks and alerts go, then ONE transaction clears their careFlags, empties their record
 *   and moves unitCounters.care above their home (so the count never disagrees with the flags, wherever a deletion
 *   stops), and the emptied record is removed last.
 * Each step re-reads or is a no-op the second time: a deletion asked again repeats nothing that was done.
 */
import { aboveHome, personFigures, ZERO } from '../../core/grid/counters'
import { forgottenRecord, noCare, withoutHelper, type CareFacts } from '../../core/privacy/care'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { moveInTx } from '../../server/data/unit-counters'

export async function careOf(data: Data, person: PersonDoc): Promise<CareFacts> {
  const [record, helping, checks] = await Promise.all([
    data.carePersons.get(person._id),
    data.carePersons.allOfHelper(person._id),
    data.careChecks.allOfHelper(person._id),
  ])
  if (!record && !helping.length && !checks.length) return noCare
  // the care persons of checks made on a team they have left
  const missing = [...new Set(checks.map((k) => k.carePersonId))].filter((id) => !helping.some((c) => c._id === id))
  const more = missing.length ? await data.carePersons.byIds(missing) : []
  return { record, helping: [...helping, ...more], checks }
}

export async function forgetCare(data: Data, person: PersonDoc, name: string): Promise<void> {
  for (const c of await data.carePersons.allOfHelper(person._id)) {
    await data.transaction(async (tx) => {
      const fresh = await tx.carePersons.get(c._id)
      const change = fresh && withoutHelper(fresh, person._id)
      if (change) await tx.carePersons.update(c._id, { ...change, updatedAt: new Date() })
    })
  }
  await data.careChecks.forgetHelper(person._id, name)
  if (!(await data.carePersons.get(person._id)) && !person.careFlags?.length) return
  await data.careChecks.removeOfPerson(person._id)
  await data.careAlerts.removeOfPerson(person._id)
  await data.transaction(async (tx) => {
    const now = new Date()
    const [record, fresh] = await Promise.all([tx.carePersons.get(person._id), tx.people.get(person._id)])
    if (record) await tx.carePersons.update(person._id, { ...forgottenRecord(name), updatedAt: now })
    if (!fresh?.careFlags?.length) return
    await tx.people.update(fresh._id, { careFlags: [] })
    if (!fresh.homePath) return
    const care = -personFigures(fresh).care
    await moveInTx(tx, [{ ids: aboveHome(fresh.homePath), path: fresh.homePath, delta: { ...ZERO, care } }], now)
  })
  await data.carePersons.remove(person._id)
}
