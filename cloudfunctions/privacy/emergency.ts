/**
 * What emergency mode stored about a person: gathered for their export (privacy.exportMyData), and made to follow
 * their deletion (privacy.requestDeletion) as core/privacy/emergency.ts says:
 * - their seats on shifts still to start are withdrawn, each in the seat transaction that lowers the shift's
 *   `filled` and frees their duty document (server/duty-seats.ts); a seat another change closed meanwhile (started,
 *   cancelled) is left as it is;
 * - every seat of theirs and every handover note they left then carries the deleted name;
 * - every call-up answer of theirs keeps what was answered, without name, phone or note (no count moves);
 * - their reserve registration is removed;
 * - the testing rounds they worked at list them by the deleted name (their households' marks keep when, not who).
 * Each step re-reads what it changes, so a deletion cut off anywhere and asked again repeats nothing that was done
 * and ends where one uninterrupted deletion ends (test/functions/privacy/emergency.test.ts).
 */
import { seatsToWithdraw, type EmergencyFacts } from '../../core/privacy/emergency'
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { changeSeat } from '../../server/duty-seats'
import { AppError } from '../../server/errors'

/** A household's slot cards in the export (rounds are a few a year). */
const HOUSEHOLD_BOOKINGS = 100
/** The rounds a worker's deletion renames them on, from the first day on record. */
const WORKER_ROUNDS = 200

export async function emergencyOf(data: Data, person: PersonDoc): Promise<EmergencyFacts> {
  const [reserve, answers, seats, handovers, bookings] = await Promise.all([
    data.reserveMembers.get(person._id),
    data.callUpAnswers.ofPerson(person._id),
    data.shiftSignups.allOfPerson(person._id),
    data.shifts.handedOverBy(person._id),
    person.householdId ? data.testingBookings.ofHousehold(person.householdId, HOUSEHOLD_BOOKINGS) : Promise.resolve([]),
  ])
  const [callUps, checkpoints, rounds] = await Promise.all([
    Promise.all([...new Set(answers.map((a) => a.callUpId))].map((id) => data.callUps.get(id))),
    data.checkpoints.byIds([...new Set([...seats, ...handovers].map((s) => s.checkpointId))]),
    Promise.all([...new Set(bookings.map((b) => b.roundId))].map((id) => data.testingRounds.get(id))),
  ])
  return {
    reserve,
    answers,
    callUps: callUps.flatMap((c) => (c ? [c] : [])),
    seats,
    handovers,
    checkpoints,
    bookings,
    rounds: rounds.flatMap((r) => (r ? [r] : [])),
    personId: person._id,
  }
}

export async function forgetEmergency(data: Data, person: PersonDoc, name: string): Promise<void> {
  const now = new Date()
  for (const s of seatsToWithdraw(await data.shiftSignups.allOfPerson(person._id), now)) {
    try {
      await changeSeat(data, s.shiftId, { _id: person._id, name }, 'leave', 'self', null)
    } catch (e) {
      // already withdrawn by a deletion cut off before, or started / cancelled meanwhile: the seat stays as it is
      if (!(e instanceof AppError)) throw e
    }
  }
  await data.shiftSignups.renamePerson(person._id, name)
  await data.shifts.renameHandovers(person._id, name)
  await data.callUpAnswers.anonymiseOf(person._id, name)
  await data.reserveMembers.remove(person._id)
  for (const r of await data.testingRounds.ofWorker(person._id, '0000-01-01', WORKER_ROUNDS)) {
    await data.transaction(async (tx) => {
      const round = await tx.testingRounds.get(r._id)
      if (!round) return
      const sites = round.sites.map((s) => ({
        ...s,
        workerNames: s.workerIds.map((id, i) => (id === person._id ? name : (s.workerNames[i] ?? ''))),
      }))
      if (JSON.stringify(sites) !== JSON.stringify(round.sites)) await tx.testingRounds.update(r._id, { sites })
    })
  }
}
