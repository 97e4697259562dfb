/**
 * The reserve force (应急力量): emergency.register (oneself, or — with personId — staff register a person whose home
 * or led unit lies in their scope; again: the entry is replaced, its first registration kept), mine (one's entry and
 * the call-ups reaching it with one's answers: three bounded reads) and reserve (staff: a unit's members, filtered by
 * kind and skill, one page with the total).
 */
import { callUpAnswerId, reserveMemberId } from '../../../core/ids'
import { EMERGENCY_LIMITS } from '../../../core/contract/emergency'
import { reaches } from '../../../core/emergency/reserve'
import type { PersonDoc, ReserveMemberDoc } from '../../../core/model'
import { STAFF_ROLES } from '../../../core/permissions'
import { isWithin, pathIds } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId } from '../../../server/views'
import { nextCursor, offsetOf } from '../paging'
import { myCallUp, reserveView } from '../views'

/** Where a person is counted in the reserve: their home, or (none) the first unit they lead. */
async function placeOf(data: Data, p: PersonDoc): Promise<{ unitId: string; path: string } | null> {
  if (p.householdId && p.homePath) return { unitId: p.householdId, path: p.homePath }
  const units = await data.units.byIds(p.roles.map((r) => r.unitId))
  const led = p.roles.map((r) => units.find((u) => u._id === r.unitId && !u.retired)).find(Boolean)
  return led ? { unitId: led._id, path: led.path } : null
}

const staffOver = (caller: Caller, path: string): boolean =>
  caller.grants.some((g) => STAFF_ROLES.includes(g.role) && isWithin(path, g.path))

export const register: Action<'emergency', 'register'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const self = !payload.personId || payload.personId === me._id
    const person = self ? me : ((await data.people.byIds([payload.personId as string]))[0] ?? null)
    if (!person || person.deletedAt) throw new AppError('NOT_FOUND')
    const place = await placeOf(data, person)
    if (!place) throw new AppError('INVALID_PAYLOAD', '请先加入网格再登记')
    // registering someone else: staff over where they live (or lead)
    if (!self && !staffOver(caller, place.path)) throw new AppError('FORBIDDEN')

    const id = reserveMemberId(person._id)
    const held = await data.reserveMembers.get(id)
    const now = new Date()
    const doc: ReserveMemberDoc = {
      _id: id,
      personId: person._id,
      name: person.name,
      phone: person.phone,
      kind: payload.kind,
      skills: payload.skills,
      skillsNote: payload.skillsNote,
      availability: payload.availability,
      unitId: place.unitId,
      path: place.path,
      registeredBy: held?.registeredBy ?? me._id,
      registeredByName: held?.registeredByName ?? me.name,
      registeredAt: held?.registeredAt ?? now,
      updatedAt: now,
    }
    await data.reserveMembers.put(doc)
    const [unit] = await data.units.byIds([place.unitId])
    return reserveView(doc, unit)
  },
}

export const mine: Action<'emergency', 'mine'> = {
  async handle({ caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const member = await data.reserveMembers.get(reserveMemberId(me._id))
    if (!member) return { member: null, callUps: [] }
    const [units, found] = await Promise.all([
      data.units.byIds([member.unitId]),
      data.callUps.reaching(pathIds(member.path), member.kind, EMERGENCY_LIMITS.myCallUps * 2),
    ])
    const mineOnly = found.filter((c) => reaches(c, member)).slice(0, EMERGENCY_LIMITS.myCallUps)
    const [answers, emergencies] = await Promise.all([
      data.callUpAnswers.byIds(mineOnly.map((c) => callUpAnswerId(c._id, me._id))),
      data.emergencies.byIds([...new Set(mineOnly.map((c) => c.emergencyId))]),
    ])
    const answerOf = new Map(answers.map((a) => [a.callUpId, a]))
    const emergencyOf = byId(emergencies)
    return {
      member: reserveView(member, units[0]),
      callUps: mineOnly.map((c) => myCallUp(c, answerOf.get(c._id), emergencyOf.get(c.emergencyId))),
    }
  },
}

export const reserve: Action<'emergency', 'reserve'> = {
  target: (p) => p.unitId,
  async handle({ payload, data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const skip = offsetOf(payload.cursor)
    const page = await data.reserveMembers.under(
      target.path,
      { kinds: payload.kind ? [payload.kind] : [], skills: payload.skill ? [payload.skill] : [] },
      skip,
      payload.pageSize,
    )
    const places = byId(await data.units.byIds(page.rows.map((m) => m.unitId)))
    return {
      rows: page.rows.map((m) => reserveView(m, places.get(m.unitId))),
      nextCursor: nextCursor(skip, payload.pageSize, page.more),
      total: page.total,
    }
  },
}
