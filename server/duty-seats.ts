/**
 * One seat change on a duty shift, shared by the duty function (signUp, assign, cancel) and privacy.requestDeletion
 * (a deleted person's seats to come are withdrawn). One transaction reads the shift, the sign-up and the person's
 * duty document (dutyPeople: every shift they hold, any checkpoint), lets core/duty/seats.ts decide, and writes all
 * three, so the shift's `filled` and `free` move with the seat they count.
 */
import { decideCancel, decideSignUp, type SeatBy, type SeatDecision } from '../core/duty/seats'
import { dutyPersonId, shiftSignupId } from '../core/ids'
import type { PersonDoc, ShiftSignupDoc } from '../core/model'
import type { Data } from './data'
import { AppError } from './errors'

/** Runs one seat change for `person` on `shiftId`; answers nothing (the caller reads the row again). */
export async function changeSeat(
  data: Data,
  shiftId: string,
  person: Pick<PersonDoc, '_id' | 'name'>,
  kind: 'join' | 'leave',
  by: SeatBy,
  byId: string | null,
): Promise<void> {
  const decide = kind === 'join' ? decideSignUp : decideCancel
  const signupId = shiftSignupId(shiftId, person._id)
  await data.transaction(async (tx) => {
    const now = new Date()
    const [shift, signup, duty] = [
      await tx.shifts.get(shiftId),
      await tx.shiftSignups.get(signupId),
      await tx.dutyPeople.get(dutyPersonId(person._id)),
    ]
    if (!shift) throw new AppError('NOT_FOUND')
    const d: SeatDecision = decide(shift, signup, duty?.holds ?? [], by, now)
    if (!d.ok) throw new AppError(d.code)
    if (d.change === 'none') return
    await tx.shifts.update(shift._id, { filled: d.filled, free: shift.capacity - d.filled })
    await tx.dutyPeople.set(dutyPersonId(person._id), { holds: d.holds, updatedAt: now })
    if (kind === 'join') {
      const doc: Omit<ShiftSignupDoc, '_id'> = {
        shiftId: shift._id,
        checkpointId: shift.checkpointId,
        unitPath: shift.unitPath,
        communityId: shift.communityId,
        personId: person._id,
        name: person.name,
        startAt: shift.startAt,
        endAt: shift.endAt,
        status: 'active',
        assignedBy: byId,
        createdAt: signup?.createdAt ?? now,
        updatedAt: now,
      }
      await tx.shiftSignups.set(signupId, doc)
    } else {
      await tx.shiftSignups.update(signupId, { status: 'cancelled', updatedAt: now })
    }
  })
}
