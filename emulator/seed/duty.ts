/**
 * The demo's checkpoint duty (卡口值守, issue 12, E2): 和平里东门卡口 at the first grid of 和平里社区, for the demo
 * emergency it is given (emulator/seed/emergency.ts), with three 8-hour shifts of two today and tomorrow (made as addShifts makes
 * them); a neighbour of the grid on each of today's, and the resident persona with another neighbour on tomorrow's
 * morning shift — so the roster, its warnings, 我的值守 and a shift's page all have something to show. Seats, counts
 * and each person's holds are written as the seat transaction writes them (core/duty/seats.ts decides each).
 */
import { decideSignUp, type Hold } from '../../core/duty/seats'
import { planShifts, THREE_SHIFTS, beijingDayOf } from '../../core/duty/shifts'
import { dutyPersonId, shiftId, shiftSignupId } from '../../core/ids'
import type { CheckpointDoc, DutyPersonDoc, PersonDoc, ShiftDoc, ShiftSignupDoc } from '../../core/model'
import type { Persona } from '../../core/persona'
import { isWithin, type Unit } from '../../core/units'
import { seedDay } from './points-wallet'

export const DEMO_CHECKPOINT_ID = 'cp_demo_east'
const DAY = 24 * 3_600_000

export function seedDuty({
  units,
  people,
  personas,
  emergencyId,
}: {
  units: readonly Unit[]
  people: readonly PersonDoc[]
  personas: readonly Persona[]
  /** the demo emergency the checkpoint is for (emulator/seed/emergency.ts), or null */
  emergencyId: string | null
}): Record<string, object[]> {
  const resident = people.find((p) => p.openid === personas[0].openid) as PersonDoc
  const grid = units.find((u) => u.level === 'grid' && isWithin(resident.homePath ?? '', u.path)) as Unit
  const staff = people.find((p) => p.roles.some((r) => r.role === 'gridChief' && r.unitId === grid._id)) as PersonDoc
  const day = seedDay()
  const created = new Date(+day - 2 * DAY)
  const checkpoint: CheckpointDoc = {
    _id: DEMO_CHECKPOINT_ID,
    name: '和平里东门卡口',
    place: '小区东门岗亭',
    unitId: grid._id,
    unitPath: grid.path,
    communityId: 'c1',
    emergencyId,
    // a fixed secret: the demo is the same every time (a real checkpoint's is random)
    secret: 'demo-checkpoint-secret-east-gate',
    createdBy: staff._id,
    createdByName: staff.name,
    createdAt: created,
  }
  const today = beijingDayOf(day)
  const tomorrow = beijingDayOf(new Date(+day + DAY))
  const shifts: ShiftDoc[] = planShifts(THREE_SHIFTS, today, tomorrow).map((p) => ({
    _id: shiftId(checkpoint._id, p.startAt),
    checkpointId: checkpoint._id,
    unitPath: grid.path,
    communityId: 'c1',
    startAt: p.startAt,
    endAt: p.endAt,
    capacity: p.capacity,
    filled: 0,
    free: p.capacity,
    handover: null,
    confirmedAt: null,
    createdAt: created,
  }))
  // neighbours of the grid who use the app and hold no other role, in the demo's order
  const neighbours = people.filter(
    (p) => p.openid && p.roles.length === 1 && p._id !== resident._id && isWithin(p.homePath ?? '', grid.path),
  )
  const seats: [PersonDoc, number][] = [
    [neighbours[0], 0],
    [neighbours[1], 1],
    [neighbours[2], 2],
    [resident, 4],
    [neighbours[3], 4],
  ]
  const holds = new Map<string, Hold[]>()
  const signups: ShiftSignupDoc[] = []
  for (const [p, i] of seats) {
    const s = shifts[i]
    const d = decideSignUp({ ...s, confirmedAt: null }, null, holds.get(p._id) ?? [], 'self', created)
    if (!d.ok || d.change !== 'seat') throw new Error(`demo duty seat refused: ${p._id} on ${s._id}`)
    s.filled = d.filled
    s.free = s.capacity - d.filled
    holds.set(p._id, d.holds)
    signups.push({
      _id: shiftSignupId(s._id, p._id),
      shiftId: s._id,
      checkpointId: checkpoint._id,
      unitPath: grid.path,
      communityId: 'c1',
      personId: p._id,
      name: p.name,
      startAt: s.startAt,
      endAt: s.endAt,
      status: 'active',
      assignedBy: null,
      createdAt: created,
      updatedAt: created,
    })
  }
  const dutyPeople: DutyPersonDoc[] = [...holds].map(([personId, h]) => ({
    _id: dutyPersonId(personId),
    holds: h,
    updatedAt: created,
  }))
  return { checkpoints: [checkpoint], shifts, shiftSignups: signups, dutyPeople }
}
