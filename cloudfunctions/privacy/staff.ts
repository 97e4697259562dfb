/**
 * A deleted person's name off what they did as staff in emergency mode and care (core/grid/phone-visibility.ts
 * DELETED_NAME): the emergencies they declared or ended, the checkpoints, call-ups and testing rounds they created,
 * the call-up answers they assigned, the reserve members they registered, the isolations they marked or ended, the
 * 战时网格 they drew or retired, and the care marks they made (each care record's history re-read and rewritten in a
 * transaction). The records stay — who did it is kept by id for the audit — and nothing names the person any more.
 * Every step sets the deleted name where the person's id is, so a deletion cut off anywhere and asked again ends the
 * same (test/functions/privacy/staff.test.ts).
 */
import { historyWithout } from '../../core/privacy/care'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'

export async function forgetStaff(data: Data, person: PersonDoc, name: string): Promise<void> {
  const id = person._id
  await data.emergencies.renameStaff(id, name)
  await data.checkpoints.renameStaff(id, name)
  await data.callUps.renameStaff(id, name)
  await data.callUpAnswers.renameStaff(id, name)
  await data.reserveMembers.renameStaff(id, name)
  await data.testingRounds.renameStaff(id, name)
  await data.isolations.renameStaff(id, name)
  await data.wartimeGrids.renameStaff(id, name)
  for (const c of await data.carePersons.markedBy(id)) {
    await data.transaction(async (tx) => {
      const fresh = await tx.carePersons.get(c._id)
      const history = fresh && historyWithout(fresh, id, name)
      if (history) await tx.carePersons.update(c._id, { history })
    })
  }
}
