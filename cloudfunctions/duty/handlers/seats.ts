/**
 * Taking and giving up seats on shifts. One transaction reads the shift, the sign-up and the person's duty document
 * (dutyPeople: every shift they hold, any checkpoint), lets core/duty/seats.ts decide, and writes all three: two
 * sign-ups for the last seat, or one person racing for two overlapping shifts, write the same documents, so the
 * platform runs them one after the other and the second decides on what the first wrote (server/duty-seats.ts,
 * shared with privacy.requestDeletion, which withdraws a deleted person's seats to come).
 */
import type { CheckpointDoc, PersonDoc, ShiftDoc } from '../../../core/model'
import { ancestorPath, isWithin } from '../../../core/units'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { changeSeat } from '../../../server/duty-seats'
import { freshRow, leads, livesIn, shiftOr404, shiftUnit } from '../access'

async function seatFor(data: Data, shiftId: string): Promise<{ shift: ShiftDoc; c: CheckpointDoc }> {
  const { shift, checkpoint } = await shiftOr404(data, shiftId)
  return { shift, c: checkpoint }
}

export const signUp: Action<'duty', 'signUp'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const { c } = await seatFor(data, payload.shiftId)
    const leader = leads(caller, c)
    if (!leader && !livesIn(caller, c)) throw new AppError('DUTY_NOT_IN_COMMUNITY')
    await changeSeat(data, payload.shiftId, person, 'join', 'self', null)
    return freshRow(data, caller, c, payload.shiftId)
  },
}

/** A person of the checkpoint's community: living in it, or holding a role over a unit in it. */
export function belongsTo(p: PersonDoc, c: CheckpointDoc, paths: ReadonlyMap<string, string>): boolean {
  const community = ancestorPath(c.unitPath, 'community')
  if (!community || p.deletedAt) return false
  if (p.homePath && isWithin(p.homePath, community)) return true
  return p.roles.some((g) => {
    const path = paths.get(g.unitId)
    return !!path && isWithin(path, community)
  })
}

export const assign: Action<'duty', 'assign'> = {
  target: (p, data) => shiftUnit(data, p.shiftId),
  async handle({ payload, caller, data }) {
    const { c } = await seatFor(data, payload.shiftId)
    const [person] = await data.people.byIds([payload.personId])
    if (!person) throw new AppError('NOT_FOUND')
    const paths = new Map((await data.units.byIds(person.roles.map((g) => g.unitId))).map((u) => [u._id, u.path]))
    if (!belongsTo(person, c, paths)) throw new AppError('DUTY_NOT_IN_COMMUNITY')
    await changeSeat(data, payload.shiftId, person, 'join', 'leader', caller.person?._id ?? null)
    return freshRow(data, caller, c, payload.shiftId)
  },
}

export const cancel: Action<'duty', 'cancel'> = {
  async handle({ payload, caller, data }) {
    const s = await data.shiftSignups.get(payload.signupId)
    if (!s) throw new AppError('NOT_FOUND')
    const { c } = await seatFor(data, s.shiftId)
    const own = s.personId === caller.person?._id
    const leader = leads(caller, c)
    if (!own && !leader) throw new AppError('NOT_FOUND')
    await changeSeat(data, s.shiftId, { _id: s.personId, name: s.name }, 'leave', own ? 'self' : 'leader', null)
    return freshRow(data, caller, c, s.shiftId)
  },
}
