/**
 * Who the caller is to a checkpoint, and the views every handler answers with. A keeper (core/permissions.ts
 * DUTY_KEEPERS) over the checkpoint's unit leads it; a person whose home is in the checkpoint's community may serve
 * there. Both are decided here, from the caller's grants and home, never from the payload.
 */
import type { CheckpointCard, DutyPerson, DutyStatus, ShiftRow } from '../../core/contract'
import type { CheckpointDoc, ShiftDoc, ShiftSignupDoc } from '../../core/model'
import { DUTY_KEEPERS } from '../../core/permissions'
import { dutyPointsPerHour } from '../../core/duty/watch'
import { dutySettingsId } from '../../core/ids'
import type { VolunteerRules } from '../../core/points/rules'
import { rulesOf } from '../../core/points/settings'
import { ancestorPath, isWithin } from '../../core/units'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { iso } from '../../server/views'

/** A keeper over the checkpoint's unit. */
export const leads = (caller: Caller, c: Pick<CheckpointDoc, 'unitPath'>): boolean =>
  caller.grants.some((g) => (DUTY_KEEPERS as readonly string[]).includes(g.role) && isWithin(c.unitPath, g.path))

/** Lives in the checkpoint's community (any household of it). */
export function livesIn(caller: Caller, c: Pick<CheckpointDoc, 'unitPath'>): boolean {
  const community = ancestorPath(c.unitPath, 'community')
  const home = caller.person?.homePath
  return !!community && !!home && isWithin(home, community)
}

export async function checkpointOr404(data: Data, id: string): Promise<CheckpointDoc> {
  const c = await data.checkpoints.get(id)
  if (!c) throw new AppError('NOT_FOUND')
  return c
}

export async function shiftOr404(data: Data, id: string): Promise<{ shift: ShiftDoc; checkpoint: CheckpointDoc }> {
  const shift = await data.shifts.get(id)
  if (!shift) throw new AppError('NOT_FOUND')
  return { shift, checkpoint: await checkpointOr404(data, shift.checkpointId) }
}

/** The router's target of a keeper's action on a checkpoint or a shift: its unit. */
export const checkpointUnit = async (data: Data, checkpointId: string): Promise<string | null> =>
  (await data.checkpoints.get(checkpointId))?.unitId ?? null
export async function shiftUnit(data: Data, shiftId: string): Promise<string | null> {
  const s = await data.shifts.get(shiftId)
  return s ? checkpointUnit(data, s.checkpointId) : null
}

/** Neither a leader nor a member of the community learns the checkpoint exists. */
export function mayServeOrLead(caller: Caller, c: CheckpointDoc): void {
  if (!leads(caller, c) && !livesIn(caller, c)) throw new AppError('NOT_FOUND')
}

/** The community's volunteering rules (the check windows) and its points per hour of duty. */
export async function communityRules(
  data: Data,
  communityId: string,
): Promise<{ rules: VolunteerRules; pointsPerHour: number }> {
  const [points, duty] = await Promise.all([
    data.pointsSettings.get(communityId),
    data.dutySettings.get(dutySettingsId(communityId)),
  ])
  return { rules: rulesOf(points?.rules), pointsPerHour: dutyPointsPerHour(duty?.pointsPerHour) }
}

export async function checkpointCard(data: Data, c: CheckpointDoc): Promise<CheckpointCard> {
  const unit = await data.units.get(c.unitId)
  return cardOf(c, unit?.name ?? '')
}

export const cardOf = (c: CheckpointDoc, unitName: string): CheckpointCard => ({
  id: c._id,
  name: c.name,
  place: c.place,
  unit: { id: c.unitId, name: unitName },
  emergencyId: c.emergencyId,
  createdAt: iso(c.createdAt),
})

export const personOf = (s: ShiftSignupDoc): DutyPerson => ({
  signupId: s._id,
  personId: s.personId,
  name: s.name,
  status: s.status as DutyStatus,
  assigned: s.assignedBy !== null,
  checkInAt: s.checkInAt ? iso(s.checkInAt) : null,
  checkOutAt: s.checkOutAt ? iso(s.checkOutAt) : null,
  minutes: s.minutes ?? null,
  points: s.points ?? null,
})

const handoverOf = (h: ShiftDoc['handover']) => (h ? { note: h.note, by: h.byName, at: iso(h.at) } : null)
export { handoverOf }

/** A shift as the caller may see it: names only for a leader; their own seat always. */
export function shiftRow(shift: ShiftDoc, seats: readonly ShiftSignupDoc[], caller: Caller, leader: boolean): ShiftRow {
  const on = seats.filter((s) => s.shiftId === shift._id && s.status !== 'cancelled')
  const mine = seats.find((s) => s.shiftId === shift._id && s.personId === caller.person?._id)
  return {
    id: shift._id,
    checkpointId: shift.checkpointId,
    startAt: iso(shift.startAt),
    endAt: iso(shift.endAt),
    capacity: shift.capacity,
    filled: shift.filled,
    confirmedAt: shift.confirmedAt ? iso(shift.confirmedAt) : null,
    handover: handoverOf(shift.handover),
    people: leader ? on.map(personOf) : null,
    mine: mine ? personOf(mine) : null,
  }
}

/** A shift read again with its seats (after a change), as the caller sees it. */
export async function freshRow(data: Data, caller: Caller, c: CheckpointDoc, shiftId: string): Promise<ShiftRow> {
  const [shift, seats] = await Promise.all([data.shifts.get(shiftId), data.shiftSignups.ofShifts([shiftId])])
  if (!shift) throw new AppError('NOT_FOUND')
  return shiftRow(shift, seats, caller, leads(caller, c))
}
