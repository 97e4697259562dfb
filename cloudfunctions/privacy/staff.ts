/**
 * A deleted person's name off what they did as staff (core/grid/phone-visibility.ts DELETED_NAME). In emergency mode
 * and care: the emergencies they declared or ended, the checkpoints, call-ups and testing rounds they created, the
 * call-up answers they assigned, the reserve members they registered, the isolations they marked or ended, the
 * 战时网格 they drew or retired, and the care marks they made (each care record's history re-read and rewritten in a
 * transaction). In the council (三长议事): the steps they made on anyone's proposals (列入议程, 不予上会 — each
 * proposal's history re-read and rewritten in a transaction, core/privacy/council.ts proposalWithout) and the
 * decisions' tasks they own. In volunteering and requests: the patrols they logged (the grid's 台账 keeps them), the
 * points rules they last changed, the sign-up adjustments they made. The records stay — who did it is kept by id for
 * the audit — and nothing names the person any more. Every step sets the deleted name where the person's id is
 * (each a query by an indexed field of theirs: bounded by what they did), so a deletion cut off anywhere and asked
 * again ends the same (test/functions/privacy/staff.test.ts).
 */
import { historyWithout } from '../../core/privacy/care'
import { proposalWithout } from '../../core/privacy/council'
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
  // the council: a head's steps on other people's proposals (their own are ./council.ts's), the tasks they own
  for (const p of await data.proposals.steppedBy(id)) {
    if (p.history.every((h) => h.byId !== id || h.byName === name)) continue
    await data.transaction(async (tx) => {
      const fresh = await tx.proposals.get(p._id)
      const patch = fresh && proposalWithout(fresh, id, name)
      if (patch) await tx.proposals.update(p._id, { history: patch.history })
    })
  }
  await data.councilItems.renameOwner(id, name)
  // patrols, points rules and sign-up adjustments
  await data.patrols.renameStaff(id, name)
  await data.pointsSettings.renameStaff(id, name)
  await data.signups.renameStaff(id, name)
}
