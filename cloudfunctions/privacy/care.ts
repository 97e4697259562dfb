/**
 * What care (关爱对象) stored about a person, for their export, and how their deletion follows it (core/privacy/
 * care.ts): as a care person their record goes with its checks and alerts (their flags are cleared with the rest of
 * them by the person's own anonymisation); as a helper each seat of theirs is emptied in a transaction that re-reads
 * the record, and the checks they made keep the day and what was seen under the deleted name. Asked again, a deletion
 * repeats nothing that was done.
 */
import { noCare, withoutHelper, type CareFacts } from '../../core/privacy/care'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'

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
  if (await data.carePersons.get(person._id)) {
    await data.careChecks.removeOfPerson(person._id)
    await data.careAlerts.removeOfPerson(person._id)
    await data.carePersons.remove(person._id)
  }
}
