/**
 * The one switch: emergency.declare (staff over the unit; one active emergency per unit, decided in one transaction on
 * the unit's lock, so racing declares leave exactly one), updateInstructions and end (staff over its scope; ended
 * ones are kept), current (what reaches the caller), detail (one, ended or not, for members of its scope and leaders
 * over it) and list (a leader's history at and under their unit, newest first).
 *
 * Cost: declare = a content check + one transaction (lock + the emergency, +1 read of the one the lock names);
 * current = one query over the caller's few paths; list = one page.
 */
import { emergencyLockId } from '../../../core/ids'
import { nextDeclare, startIssue } from '../../../core/emergency/switch'
import type { EmergencyDoc } from '../../../core/model'
import { STAFF_ROLES } from '../../../core/permissions'
import { LEADER_ROLES } from '../../../core/roles'
import { isWithin } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import { checkText } from '../../../server/content-check'
import type { Data } from '../../../server/data'
import { emergenciesReaching, emergencyView, noticeReachOf, reachingCaller } from '../../../server/emergencies'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { publishInstructions } from '../announce'
import { nextCursor, offsetOf } from '../paging'
import { END_BATCHES, retireOfEmergency } from '../wartime'

const who = (caller: Caller) => {
  const person = caller.person
  if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
  return { person, openid: caller.openid }
}

/** The emergency's scope unit: what staff must hold a role over to change it. */
const scopeOf = async (id: string, data: Data): Promise<string | null> =>
  (await data.emergencies.get(id))?.scopeUnitId ?? null

/** Staff over the emergency's scope (or above it). */
export const managesIt = (caller: Caller, e: Pick<EmergencyDoc, 'scopePath'>): boolean =>
  caller.grants.some((g) => STAFF_ROLES.includes(g.role) && isWithin(e.scopePath, g.path))

/** Members of its scope (home or a unit led under it), and leaders over it. */
const maySee = (caller: Caller, e: EmergencyDoc): boolean =>
  reachingCaller(caller).includes(e.scopeUnitId) ||
  caller.grants.some((g) => LEADER_ROLES.includes(g.role) && isWithin(e.scopePath, g.path))

export const declare: Action<'emergency', 'declare'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target }) {
    const { person, openid } = who(caller)
    const unit = target
    if (!unit) throw new AppError('NOT_FOUND')
    if (unit.level === 'household') throw new AppError('INVALID_PAYLOAD', '应急状态应宣布在楼栋、网格、社区或街道上')
    const now = new Date()
    const startAt = payload.startAt ? new Date(payload.startAt) : now
    const issue = startIssue(startAt, now)
    if (issue) throw new AppError('EMERGENCY_START_INVALID', issue)
    await checkText(openid, payload.name, payload.instructions)

    const tap = `${person._id}_${payload.tapId}`
    // outside any transaction first: a unit already in an emergency refuses (or answers a retried tap) at the cost of
    // two reads, so racing declares contend for the lock only while it is free
    const precheck = async () => {
      const lock = await data.emergencyLocks.get(emergencyLockId(unit._id))
      const active = lock?.activeId ? await data.emergencies.get(lock.activeId) : null
      if (active?.declaredTap === tap) return { id: active._id }
      if (active && active.endedAt === null) throw new AppError('EMERGENCY_ACTIVE')
      return null
    }
    const declared = await data.transaction(async (tx) => {
      const lockId = emergencyLockId(unit._id)
      const lock = await tx.emergencyLocks.get(lockId)
      const active = lock?.activeId ? await tx.emergencies.get(lock.activeId) : null
      // the same tap again (a retry after a lost answer): the emergency it declared
      if (active?.declaredTap === tap) return { id: active._id }
      const next = nextDeclare(unit._id, lock, !active || active.endedAt !== null)
      if (next === 'active') throw new AppError('EMERGENCY_ACTIVE')
      if (lock) await tx.emergencyLocks.update(lockId, next.lock)
      else await tx.emergencyLocks.set(lockId, next.lock)
      await tx.emergencies.set(next.id, {
        name: payload.name,
        level: payload.level,
        scopeUnitId: unit._id,
        scopePath: unit.path,
        scopeName: unit.name,
        scopeLevel: unit.level,
        instructions: payload.instructions,
        startAt,
        endedAt: null,
        declaredBy: person._id,
        declaredByName: person.name,
        declaredTap: tap,
        declaredAt: now,
        endedBy: null,
        endedByName: null,
        updatedAt: now,
      })
      return { id: next.id }
    }, precheck)
    // the instructions go out as an urgent notice over the scope, once (a retried or racing tap finds it written)
    const e = await data.emergencies.get(declared.id)
    if (e) await publishInstructions(data, caller, { ...e, _id: declared.id }, 0, now)
    return declared
  },
}

export const updateInstructions: Action<'emergency', 'updateInstructions'> = {
  target: (p, data) => scopeOf(p.id, data),
  async handle({ payload, caller, data }) {
    const { openid } = who(caller)
    const held = await data.emergencies.get(payload.id)
    if (!held) throw new AppError('NOT_FOUND')
    if (held.endedAt) throw new AppError('EMERGENCY_ENDED')
    await checkText(openid, held.name, payload.instructions)
    const now = new Date()
    const saved = await data.transaction(async (tx) => {
      const e = await tx.emergencies.get(payload.id)
      if (!e) throw new AppError('NOT_FOUND')
      if (e.endedAt) throw new AppError('EMERGENCY_ENDED')
      // the same text again (a retry after a lost answer): no new change, its notice is published once
      if (e.instructions === payload.instructions) return { ...e, _id: payload.id }
      const patch = { instructions: payload.instructions, updatedAt: now, revision: (e.revision ?? 0) + 1 }
      await tx.emergencies.update(payload.id, patch)
      return { ...e, ...patch, _id: payload.id }
    })
    // the changed instructions go out as a follow-up notice, which the banner then links to
    const noticeId = await publishInstructions(data, caller, saved, saved.revision ?? 0, now)
    const latest = { ...saved, noticeId }
    return emergencyView(latest, now, await noticeReachOf(data, [latest]))
  },
}

export const end: Action<'emergency', 'end'> = {
  target: (p, data) => scopeOf(p.id, data),
  async handle({ payload, caller, data }) {
    const { person } = who(caller)
    const now = new Date()
    const ended = await data.transaction(async (tx) => {
      const e = await tx.emergencies.get(payload.id)
      if (!e) throw new AppError('NOT_FOUND')
      // ended already (a retry, or two staff at once): the record as it stands
      if (e.endedAt) return { ...e, _id: payload.id }
      const lockId = emergencyLockId(e.scopeUnitId)
      const lock = await tx.emergencyLocks.get(lockId)
      if (lock?.activeId === payload.id) await tx.emergencyLocks.update(lockId, { activeId: null })
      // wartimeRetiring: its 战时网格 are retired next, a batch at a time (the timer finishes what this call does not)
      const patch = {
        endedAt: now,
        endedBy: person._id,
        endedByName: person.name,
        updatedAt: now,
        wartimeRetiring: true,
      }
      await tx.emergencies.update(payload.id, patch)
      return { ...e, ...patch, _id: payload.id }
    })
    if (ended.wartimeRetiring)
      await retireOfEmergency(data, payload.id, { id: ended.endedBy, name: ended.endedByName ?? '' }, END_BATCHES)
    return emergencyView(ended, now)
  },
}

export const current: Action<'emergency', 'current'> = {
  async handle({ caller, data }) {
    return { rows: await emergenciesReaching(data, caller, new Date(), false) }
  },
}

export const detail: Action<'emergency', 'detail'> = {
  async handle({ payload, caller, data }) {
    const e = await data.emergencies.get(payload.id)
    // anyone outside its scope learns nothing, not even that it exists
    if (!e || !maySee(caller, e)) throw new AppError('NOT_FOUND')
    return {
      ...emergencyView(e, new Date(), await noticeReachOf(data, [e])),
      mayManage: !e.endedAt && managesIt(caller, e),
    }
  },
}

export const list: Action<'emergency', 'list'> = {
  target: (p) => p.unitId,
  async handle({ payload, data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const skip = offsetOf(payload.cursor)
    const page = await data.emergencies.under(target.path, skip, payload.pageSize)
    const now = new Date()
    return {
      rows: page.rows.map((e) => emergencyView(e, now)),
      nextCursor: nextCursor(skip, payload.pageSize, page.more),
    }
  },
}
