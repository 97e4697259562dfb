/**
 * Calling up the reserve force: emergency.callUp (staff over a unit inside the emergency's scope pick kinds and
 * skills; the call-up is one document, and the members it reaches find it by their place — nothing is written per
 * member; its subscribe messages go out by the callUpMessages timer, announce.ts), callUps and callUpDetail (staff:
 * the call-ups and who answered what), answer (a member reached answers 到岗 / 不能到, changeable until assigned) and
 * assign (staff place a 到岗 answerer). Answers and assignments are one transaction each over the answer (core/ids.ts
 * callUpAnswerId) and the call-up's counts, so the counts always equal a recount of the answers
 * (core/emergency/reserve.ts recount).
 */
import { callUpAnswerId, callUpId, reserveMemberId } from '../../../core/ids'
import { answerDelta, assignDelta, reaches, type Counts } from '../../../core/emergency/reserve'
import type { CallUpDoc } from '../../../core/model'
import { isWithin } from '../../../core/units'
import { checkText } from '../../../server/content-check'
import type { TxData } from '../../../server/data'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { queueMessages } from '../../../server/message-jobs'
import type { Action } from '../../../server/router'
import { nextCursor, offsetOf } from '../paging'
import { answerView, callUpView, myCallUp } from '../views'

const callUpUnit = async (id: string, data: Data): Promise<string | null> =>
  (await data.callUps.get(id))?.unitId ?? null

/** Adds a change of counts to the call-up read in the same transaction. */
async function moveCounts(tx: TxData, c: CallUpDoc, delta: Counts): Promise<CallUpDoc> {
  const next = {
    coming: c.coming + delta.coming,
    cannot: c.cannot + delta.cannot,
    assigned: c.assigned + delta.assigned,
  }
  if (delta.coming || delta.cannot || delta.assigned) await tx.callUps.update(c._id, next)
  return { ...c, ...next }
}

export const callUp: Action<'emergency', 'callUp'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target }) {
    const person = caller.person
    if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
    if (!target) throw new AppError('NOT_FOUND')
    const e = await data.emergencies.get(payload.emergencyId)
    if (!e) throw new AppError('NOT_FOUND')
    if (e.endedAt) throw new AppError('EMERGENCY_ENDED')
    if (!isWithin(target.path, e.scopePath))
      throw new AppError('INVALID_PAYLOAD', '召集的范围应在这次应急状态的范围之内')
    const filter = { kinds: payload.kinds, skills: payload.skills }
    const id = callUpId(e._id, person._id, payload.tapId)
    if (!(await data.callUps.get(id))) {
      await checkText(caller.openid, e.name, payload.message)
      await data.callUps.add({
        _id: id,
        emergencyId: e._id,
        emergencyName: e.name,
        unitId: target._id,
        unitPath: target.path,
        unitName: target.name,
        unitLevel: target.level,
        kinds: payload.kinds,
        skills: payload.skills,
        message: payload.message,
        createdBy: person._id,
        createdByName: person.name,
        createdAt: new Date(),
        coming: 0,
        cannot: 0,
        assigned: 0,
      })
    }
    // each member reached who accepted a call-up message gets one, from the callUpMessages timer (a retried tap
    // finds the job written)
    await queueMessages(data, 'callUp', id, new Date())
    return { id, reached: await data.reserveMembers.count(target.path, filter) }
  },
}

export const callUps: Action<'emergency', 'callUps'> = {
  target: (p) => p.unitId,
  async handle({ payload, data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const skip = offsetOf(payload.cursor)
    const page = await data.callUps.ofEmergency(payload.emergencyId, target.path, skip, payload.pageSize)
    return { rows: page.rows.map(callUpView), nextCursor: nextCursor(skip, payload.pageSize, page.more) }
  },
}

export const callUpDetail: Action<'emergency', 'callUpDetail'> = {
  target: (p, data) => callUpUnit(p.callUpId, data),
  async handle({ payload, data }) {
    const c = await data.callUps.get(payload.callUpId)
    if (!c) throw new AppError('NOT_FOUND')
    const skip = offsetOf(payload.cursor)
    const page = await data.callUpAnswers.ofCallUp(c._id, payload.answer, skip, payload.pageSize)
    return {
      callUp: callUpView(c),
      answers: { rows: page.rows.map(answerView), nextCursor: nextCursor(skip, payload.pageSize, page.more) },
    }
  },
}

export const answer: Action<'emergency', 'answer'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const [c, member] = await Promise.all([
      data.callUps.get(payload.callUpId),
      data.reserveMembers.get(reserveMemberId(me._id)),
    ])
    if (!c) throw new AppError('NOT_FOUND')
    if (!member) throw new AppError('RESERVE_NOT_MEMBER')
    if (!reaches(c, member)) throw new AppError('CALLUP_NOT_FOR_YOU')
    const e = await data.emergencies.get(c.emergencyId)
    if (!e || e.endedAt) throw new AppError('EMERGENCY_ENDED')
    const id = callUpAnswerId(c._id, me._id)
    const now = new Date()
    return data.transaction(async (tx) => {
      const [held, fresh] = [await tx.callUpAnswers.get(id), await tx.callUps.get(c._id)]
      if (!fresh) throw new AppError('NOT_FOUND')
      const delta = answerDelta(held, payload.answer)
      if (delta === 'assigned') throw new AppError('CALLUP_ASSIGNED')
      const doc = {
        callUpId: c._id,
        emergencyId: c.emergencyId,
        personId: me._id,
        name: me.name,
        phone: me.phone,
        kind: member.kind,
        answer: payload.answer,
        note: payload.note,
        answeredAt: now,
        assignment: null,
      }
      await tx.callUpAnswers.set(id, doc)
      const counted = await moveCounts(tx, { ...fresh, _id: c._id }, delta)
      return myCallUp(counted, { ...doc, _id: id }, e)
    })
  },
}

export const assign: Action<'emergency', 'assign'> = {
  target: (p, data) => callUpUnit(p.callUpId, data),
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const c = await data.callUps.get(payload.callUpId)
    if (!c) throw new AppError('NOT_FOUND')
    const e = await data.emergencies.get(c.emergencyId)
    if (!e || e.endedAt) throw new AppError('EMERGENCY_ENDED')
    const place = payload.unitId ? await data.units.get(payload.unitId) : null
    if (payload.unitId && (!place || !isWithin(place.path, c.unitPath)))
      throw new AppError('INVALID_PAYLOAD', '岗位所在的地点应在这次召集的范围之内')
    const id = callUpAnswerId(c._id, payload.personId)
    const now = new Date()
    return data.transaction(async (tx) => {
      const [held, fresh] = [await tx.callUpAnswers.get(id), await tx.callUps.get(c._id)]
      if (!fresh) throw new AppError('NOT_FOUND')
      const delta = assignDelta(held)
      if (delta === 'notComing' || !held) throw new AppError('CALLUP_NOT_COMING')
      const assignment = {
        place: payload.place,
        unitId: place?._id ?? null,
        unitName: place?.name ?? null,
        unitLevel: place?.level ?? null,
        by: me._id,
        byName: me.name,
        at: now,
      }
      await tx.callUpAnswers.update(id, { assignment })
      await moveCounts(tx, { ...fresh, _id: c._id }, delta)
      return answerView({ ...held, _id: id, assignment })
    })
  },
}
