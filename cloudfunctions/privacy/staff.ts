/**
 * A deleted person's name off what they did as staff (core/grid/phone-visibility.ts DELETED_NAME). In emergency mode
 * and care: the emergencies they declared or ended, the checkpoints, call-ups and testing rounds they created, the
 * call-up answers they assigned, the reserve members they registered, the isolations they marked or ended, the
 * 战时网格 they drew or retired, and the care marks they made (each care record's history re-read and rewritten in a
 * transaction). In the council (三长议事): the steps they made on anyone's proposals (列入议程, 不予上会 — each
 * proposal's history re-read and rewritten in a transaction, core/privacy/council.ts proposalWithout) and the
 * decisions' tasks they own (with the task's request and the decision's notice that name them). In volunteering and
 * requests: the patrols they logged (the grid's 台账 keeps them), the points rules they last changed, the sign-up
 * adjustments they made. The 周例会 / 月通报 they generated or published. The records stay — who did it is kept by id for
 * the audit — and nothing names the person any more. Every step sets the deleted name where the person's id is
 * (each a query by an indexed field of theirs: bounded by what they did), so a deletion cut off anywhere and asked
 * again ends the same (test/functions/privacy/staff.test.ts).
 */
import { decisionNoticeRenamed, decisionTaskTextRenamed } from '../../core/council/decision'
import { decisionNoticeId } from '../../core/ids'
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
  await forgetTasks(data, id, name)
  // patrols, points rules and sign-up adjustments
  await data.patrols.renameStaff(id, name)
  await data.pointsSettings.renameStaff(id, name)
  await data.signups.renameStaff(id, name)
  // 周例会 / 月通报 they generated or published (the report's notice itself is unsigned with their other notices)
  await data.reports.renamePerson(id, name)
}

/**
 * The decisions' tasks they own: the item's `task.ownerName`, the line of the decision's notice and the tail of its
 * request's description that the system wrote naming them (core/council/decision.ts) — one transaction per item, so
 * the three never disagree; an item already renamed is skipped unread, and it is renamed last, so a cut one is
 * finished when asked again. The reason the chair typed is kept as written.
 */
async function forgetTasks(data: Data, id: string, name: string): Promise<void> {
  for (const item of await data.councilItems.ownedBy(id)) {
    if (item.task?.ownerName === name) continue
    await data.transaction(async (tx) => {
      const fresh = await tx.councilItems.get(item._id)
      const task = fresh?.task
      if (!fresh || !task || task.ownerId !== id || task.ownerName === name) return
      const request = await tx.requests.get(task.requestId)
      const notice = await tx.notices.get(fresh.noticeId ?? decisionNoticeId(fresh._id))
      const description = request && decisionTaskTextRenamed(request.description, task, name)
      const body = notice && decisionNoticeRenamed(notice.body, task, name)
      if (request && description) await tx.requests.update(request._id, { description })
      if (notice && body) await tx.notices.update(notice._id, { body })
      await tx.councilItems.update(fresh._id, { task: { ...task, ownerName: name } })
    })
  }
}
