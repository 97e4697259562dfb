/**
 * The demo's checkpoint duty (卡口值守, issue 12, E2): 和平里东门卡口 at the first grid of 和平里社区, for the demo
 * emergency it is given (emulator/seed/emergency.ts), with three 8-hour shifts of two today and tomorrow (made as addShifts makes
 * them); a neighbour of the grid on each of today's, and the resident persona with another neighbour on tomorrow's
 * morning shift — so the roster, its warnings, 我的值守 and a shift's page all have something to show. The second grid
 * (第2网格, the other grid chief persona's) has its own 和平里北门卡口 with today's three shifts, one neighbour on the
 * first, so its chief's 今日调度 and 卡口值守 show shifts with free seats too. Seats, counts and each person's holds
 * are written as the seat transaction writes them (core/duty/seats.ts decides each).
 */
import { decideSignUp, type Hold } from '../../core/duty/seats'
import { newShift, planShifts, THREE_SHIFTS, beijingDayOf } from '../../core/duty/shifts'
import { dutyPersonId, shiftSignupId } from '../../core/ids'
import type { CheckpointDoc, DutyPersonDoc, PersonDoc, ShiftDoc, ShiftSignupDoc } from '../../core/model'
import type { Persona } from '../../core/persona'
import { isWithin, type Unit } from '../../core/units'
import { seedDay } from './points-wallet'

export const DEMO_CHECKPOINT_ID = 'cp_demo_east'
/** 第2网格's checkpoint (the other grid chief persona's grid): today's shifts only. */
export const DEMO_SECOND_CHECKPOINT_ID = 'cp_demo_north'
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
  const gridOf = (p: PersonDoc) => units.find((u) => u.level === 'grid' && isWithin(p.homePath ?? '', u.path)) as Unit
  const chiefOf = (grid: Unit) =>
    people.find((p) => p.roles.some((r) => r.role === 'gridChief' && r.unitId === grid._id)) as PersonDoc
  const grid = gridOf(resident)
  const day = seedDay()
  const today = beijingDayOf(day)
  const tomorrow = beijingDayOf(new Date(+day + DAY))
  const first = checkpointDuty({
    id: DEMO_CHECKPOINT_ID,
    name: '和平里东门卡口',
    place: '小区东门岗亭',
    secret: 'demo-checkpoint-secret-east-gate',
    grid,
    staff: chiefOf(grid),
    emergencyId,
    days: [today, tomorrow],
    // a neighbour of the grid on each of today's, the resident persona with another on tomorrow's morning shift
    seats: (n) => [
      [n[0], 0],
      [n[1], 1],
      [n[2], 2],
      [resident, 4],
      [n[3], 4],
    ],
  })
  // the other grid chief persona's grid (第2网格): today's three shifts, one neighbour on the first
  const chief = people.find((p) => p.openid === personas.find((x) => x.role === 'gridChief')?.openid) as PersonDoc
  const second = gridOf(chief)
  const more =
    second && second._id !== grid._id
      ? [
          checkpointDuty({
            id: DEMO_SECOND_CHECKPOINT_ID,
            name: '和平里北门卡口',
            place: '小区北门岗亭',
            secret: 'demo-checkpoint-secret-north-gate',
            grid: second,
            staff: chief,
            emergencyId,
            days: [today, today],
            seats: (n) => [[n[0], 0]],
          }),
        ]
      : []
  const all = [first, ...more]
  return {
    checkpoints: all.map((c) => c.checkpoint),
    shifts: all.flatMap((c) => c.shifts),
    shiftSignups: all.flatMap((c) => c.signups),
    dutyPeople: all.flatMap((c) => c.dutyPeople),
  }

  /** One checkpoint of a grid with THREE_SHIFTS from the first day to the last, and the seats taken on them. */
  function checkpointDuty(c: {
    id: string
    name: string
    place: string
    /** fixed: the demo is the same every time (a real checkpoint's is random) */
    secret: string
    grid: Unit
    staff: PersonDoc
    emergencyId: string | null
    days: [string, string]
    /** who sits on which shift (its index), given the grid's neighbours */
    seats: (neighbours: PersonDoc[]) => [PersonDoc, number][]
  }) {
    const created = new Date(+day - 2 * DAY)
    const checkpoint: CheckpointDoc = {
      _id: c.id,
      name: c.name,
      place: c.place,
      unitId: c.grid._id,
      unitPath: c.grid.path,
      communityId: 'c1',
      emergencyId: c.emergencyId,
      secret: c.secret,
      createdBy: c.staff._id,
      createdByName: c.staff.name,
      createdAt: created,
    }
    const shifts: ShiftDoc[] = planShifts(THREE_SHIFTS, c.days[0], c.days[1]).map((p) =>
      newShift(checkpoint, p, created),
    )
    // neighbours of the grid who use the app and hold no other role, in the demo's order
    const neighbours = people.filter(
      (p) => p.openid && p.roles.length === 1 && p._id !== resident._id && isWithin(p.homePath ?? '', c.grid.path),
    )
    const holds = new Map<string, Hold[]>()
    const signups: ShiftSignupDoc[] = []
    for (const [p, i] of c.seats(neighbours)) {
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
        unitPath: c.grid.path,
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
    return { checkpoint, shifts, signups, dutyPeople }
  }
}
