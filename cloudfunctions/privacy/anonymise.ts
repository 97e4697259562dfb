/**
 * Deleting a person (privacy.requestDeletion, PIPL Art. 47): their personal data goes, their id stays where the
 * ledger and request history need it. Claims, the audit, subscriptions, the name on the notices and activities they
 * published and on their relays, their volunteering (open sign-ups withdrawn; name off sheets, leaderboards and teams), their name
 * on requests and their follows of them, their emergency-mode records (duty seats to come withdrawn, the reserve
 * registration removed, names off seats, handover notes and call-up answers), their care and isolation records, their
 * name on what they did as staff (./staff.ts), and their stored files go first and the person last, so a failure part
 * way leaves the caller registered and able to ask again: each step is idempotent.
 */
import { claimMove, householdMove, withMember } from '../../core/grid/counters'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { moveInTx } from '../../server/data/unit-counters'
import { deleteFilesOf } from '../../server/uploads'
import { forgetEmergency } from './emergency'
import { forgetIsolation } from './isolation'
import { forgetCare } from './care'
import { forgetCouncil } from './council'
import { forgetVotes } from './council-votes'
import { forgetRequests } from './requests'
import { forgetStaff } from './staff'
import { forgetVolunteering } from './volunteering'

export async function anonymise(data: Data, person: PersonDoc, name: string): Promise<void> {
  // a pending claim is withdrawn with the counters above its household; then every claim keeps its household and
  // decision for the request history, and who made it goes
  if (person.openid) await withdrawPending(data, person.openid)
  if (person.openid) await data.claims.anonymiseOf(person.openid)
  await data.audit.renameActor(person._id, name)
  // no more messages: the subscriptions go (the WeChat identity is the person's, and goes with it below)
  await data.subscriptions.forget(person._id)
  // notices they published keep the unit that spoke (和平里社区 · 许玉兰 → 和平里社区), as do the activities they posted;
  // relays keep their note
  await data.notices.unsign(person._id, person.name)
  await data.activities.unsign(person._id, person.name)
  await data.relays.unsign(person._id)
  // their vouchers keep what was redeemed and verified (merchants' statements), not whose
  await data.vouchers.forgetHolder(person._id, name)
  // their open sign-ups are withdrawn, their name leaves sheets, leaderboards and teams (./volunteering.ts)
  await forgetVolunteering(data, person, name)
  // the requests they reported stay, anonymous; their name leaves those and every move they made; they stop
  // following, each request's followerCount dropping with it (./requests.ts)
  await forgetRequests(data, person, name)
  // their duty seats to come are withdrawn (each shift's count with it), their name leaves seats, handover notes and
  // call-up answers (the counts stay: the answers stay), their reserve registration goes (./emergency.ts)
  await forgetEmergency(data, person, name)
  // the isolation tasks they hold go back to 待领取 (each day's counter with it); every task of theirs carries the
  // deleted name (./isolation.ts)
  await forgetIsolation(data, person, name)
  // care (关爱对象): their care record goes with its checks and alerts; their seats on care teams are emptied and the
  // checks they made keep the day under the deleted name (./care.ts)
  await forgetCare(data, person, name)
  // council (三长议事): their supports are withdrawn (each proposal's count in the same transaction) and removed; their
  // proposals stay for the grid under the deleted name (./council.ts)
  await forgetCouncil(data, person, name)
  // council votes (H6): every vote stays for its tally, under the deleted name, as do the meetings' members lists
  // (./council-votes.ts)
  await forgetVotes(data, person, name)
  // the 战时网格 they led keep the record without their name (their grants go with every role below)
  await data.wartimeGrids.forgetLeader(person._id, name)
  // what they did as staff (emergencies declared, checkpoints, call-ups, rounds, isolations, 战时网格 drawn, care
  // marks) keeps the record under the deleted name (./staff.ts)
  await forgetStaff(data, person, name)
  // their photos go with them (the images of their notices and requests, uploads never attached, their exports)
  await deleteFilesOf(data, person._id)
  await leaveCounted(data, person)
  await data.people.anonymise(person._id, name, new Date())
}

/** The person's pending claim (at most one) withdrawn in one transaction with its counters. */
async function withdrawPending(data: Data, openid: string): Promise<void> {
  const pending = (await data.claims.of(openid)).filter((c) => c.status === 'pending')
  for (const c of pending) {
    await data.transaction(async (tx) => {
      const claim = await tx.claims.get(c._id)
      if (claim?.status !== 'pending') return
      await tx.claims.update(c._id, { status: 'withdrawn' })
      await moveInTx(tx, [claimMove(claim, { status: 'withdrawn' })], new Date())
    })
  }
}

/**
 * The person stops counting where they live: out of their household and its counters in one transaction (the
 * rest of their data goes last, people.anonymise). Re-read inside, so a repeated deletion moves nothing.
 */
async function leaveCounted(data: Data, person: PersonDoc): Promise<void> {
  if (!person.householdId) return
  const householdId = person.householdId
  const members = await data.people.inHousehold(householdId)
  await data.transaction(async (tx) => {
    const fresh = await tx.people.get(person._id)
    if (!fresh?.homePath || fresh.householdId !== householdId) return
    const { _id, householdId: _home, homePath, ...rest } = fresh
    await tx.people.set(_id, rest)
    const gone = { _id, ...rest }
    await moveInTx(tx, [householdMove(homePath, true, members, withMember(members, gone, householdId))], new Date())
  })
}
