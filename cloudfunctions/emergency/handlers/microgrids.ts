/**
 * 战时网格: emergency.microGrids (a grid's, with its buildings), microGrid (one, with its leader's phone and the reach
 * of the emergency's notices over its buildings), createMicroGrid (the grid chief or staff over the grid, while an
 * emergency is in force over it), renameMicroGrid, changeMicroGridLeader, retireMicroGrid, myMicroGrids (the ones I
 * lead) and microGridCandidates (the reserve force who may lead one, a page at a time).
 *
 * A building is in at most one 战时网格 in force: create takes each building's lock (core/ids.ts
 * wartimeBuildingLockId) in the same transaction as the document and the leader's grants, so of two splits taking
 * the same building one wins. The leader's `buildingHead` grants over its buildings (marked with its id) are what
 * let them see their households, publish to them and read their reach, through the existing code.
 *
 * Cost: microGrids = the grid's buildings, its in force and latest retired, their counters; microGrid = the doc, its
 * leader, counters and at most microGridNotices notices' shards over its buildings; create = bounded pre-reads + one
 * transaction (2 reads per building + the emergency + the leader).
 */
import { EMERGENCY_LIMITS, type MicroGridBuilding } from '../../../core/contract/emergency'
import {
  buildingsIssue,
  coveringEmergency,
  leaderIssue,
  leaderScopePath,
  takenBuildings,
  withoutWartimeGrants,
  withWartimeGrants,
} from '../../../core/emergency/microgrids'
import { MICROGRID_LEADER_KINDS } from '../../../core/contract/emergency'
import { reserveMemberId, wartimeBuildingLockId, wartimeGridId } from '../../../core/ids'
import type { EmergencyDoc, PersonDoc, WartimeGridDoc } from '../../../core/model'
import { MICROGRID_KEEPERS } from '../../../core/permissions'
import { LEADER_ROLES } from '../../../core/roles'
import { isWithin, pathIds, type Unit } from '../../../core/units'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId, iso } from '../../../server/views'
import { nextCursor, offsetOf } from '../paging'
import { microGridView, microGridViews, retireOne } from '../wartime'

const me = (caller: Caller): PersonDoc => {
  if (!caller.person) throw new AppError('NOT_REGISTERED')
  return caller.person
}

/** A grid chief of the grid, or staff over it. */
const keeps = (caller: Caller, gridPath: string): boolean =>
  caller.grants.some((g) => MICROGRID_KEEPERS.includes(g.role) && isWithin(gridPath, g.path))

const gridOf = (target: Unit | null): Unit => {
  if (!target) throw new AppError('NOT_FOUND')
  if (target.level !== 'grid') throw new AppError('INVALID_PAYLOAD', '战时网格只能在网格里划分')
  return target
}

/** The emergency in force over the grid, or null. */
async function emergencyOver(data: Data, grid: Unit, now: Date): Promise<EmergencyDoc | null> {
  const ids = pathIds(grid.path)
  return coveringEmergency(await data.emergencies.openOver(ids, ids.length), grid.path, now)
}

/** The micro-grid's grid: what a keeper must hold a role over. */
const gridOfMicroGrid = async (id: string, data: Data): Promise<string | null> =>
  (await data.wartimeGrids.get(id))?.gridId ?? null

/** The 战时网格 in force (refused when retired or its emergency ended), for a change. */
async function changeable(data: Data, id: string): Promise<{ w: WartimeGridDoc; e: EmergencyDoc }> {
  const w = await data.wartimeGrids.get(id)
  if (!w) throw new AppError('NOT_FOUND')
  if (w.retiredAt) throw new AppError('MICROGRID_RETIRED')
  const e = await data.emergencies.get(w.emergencyId)
  if (!e || e.endedAt) throw new AppError('MICROGRID_NO_EMERGENCY')
  return { w, e }
}

/** The leader named: a reserve member of the emergency's scope around the grid (refused with why, nothing written). */
async function leaderOf(data: Data, personId: string, gridPath: string, e: EmergencyDoc) {
  const [member, people] = await Promise.all([
    data.reserveMembers.get(reserveMemberId(personId)),
    data.people.byIds([personId]),
  ])
  const person = people[0] ?? null
  const issue = leaderIssue(member, person, gridPath, e.scopePath)
  if (issue || !member || !person) throw new AppError('MICROGRID_LEADER_INVALID', issue ?? undefined)
  return { member, person }
}

export const microGrids: Action<'emergency', 'microGrids'> = {
  target: (p) => p.gridId,
  async handle({ caller, data, target }) {
    const grid = gridOf(target)
    const now = new Date()
    const [e, buildings, active, retired] = await Promise.all([
      emergencyOver(data, grid, now),
      data.units.childrenOf(grid._id),
      data.wartimeGrids.activeOfGrid(grid._id, EMERGENCY_LIMITS.microGridBuildings * 4),
      data.wartimeGrids.retiredOfGrid(grid._id, EMERGENCY_LIMITS.microGridsRetiredShown),
    ])
    const live = buildings.filter((b) => b.level === 'microgrid' && !b.retired)
    const counters = byId(
      await data.unitCounters.byIds([...live.map((b) => b._id), ...retired.flatMap((w) => w.buildingIds)]),
    )
    const inOf = new Map<string, WartimeGridDoc>()
    for (const w of active) for (const b of w.buildingIds) inOf.set(b, w)
    const rows: MicroGridBuilding[] = live.map((b) => ({
      id: b._id,
      name: b.name,
      level: b.level,
      households: counters.get(b._id)?.households ?? 0,
      microGridId: inOf.get(b._id)?._id ?? null,
      microGridName: inOf.get(b._id)?.name ?? null,
    }))
    return {
      grid: { id: grid._id, name: grid.name, level: grid.level },
      emergency: e ? { id: e._id, name: e.name } : null,
      mayManage: !!e && keeps(caller, grid.path),
      buildings: rows,
      rows: active.map((w) => microGridView(w, counters)),
      retired: retired.map((w) => microGridView(w, counters)),
    }
  },
}

export const microGrid: Action<'emergency', 'microGrid'> = {
  async handle({ payload, caller, data }) {
    const person = me(caller)
    const w = await data.wartimeGrids.get(payload.id)
    const mine = !!w && !w.retiredAt && w.leaderId === person._id
    // leaders over the grid and the one leading it; anyone else learns nothing, not even that it exists
    const over = !!w && caller.grants.some((g) => LEADER_ROLES.includes(g.role) && isWithin(w.gridPath, g.path))
    if (!w || (!over && !mine)) throw new AppError('NOT_FOUND')
    const [[leader], counters, e] = await Promise.all([
      data.people.byIds([w.leaderId]),
      data.unitCounters.byIds(w.buildingIds),
      data.emergencies.get(w.emergencyId),
    ])
    const counterOf = byId(counters)
    const gone = !leader || !!leader.deletedAt
    // the notices of the emergency reaching its buildings: published since it began, to them or above them
    const reachIds = [...new Set(w.buildingIds.flatMap((b) => [...pathIds(w.gridPath), b]))]
    const found = e
      ? (await data.notices.recentLive(reachIds, new Date(), EMERGENCY_LIMITS.microGridNotices * 2))
          .filter((n) => +new Date(n.publishedAt) >= +new Date(e.startAt))
          .slice(0, EMERGENCY_LIMITS.microGridNotices)
      : []
    const reached = await Promise.all(found.map((n) => data.reachCounters.reachedIn(n._id, w.buildingIds)))
    const view = microGridView(w, counterOf)
    return {
      ...view,
      leader: gone ? { ...view.leader, name: DELETED_NAME } : view.leader,
      leaderPhone: gone ? '' : leader.phone,
      buildingCounts: w.buildingIds.map((id, i) => ({
        id,
        name: w.buildingNames[i] ?? '',
        households: counterOf.get(id)?.households ?? 0,
      })),
      notices: found.map((n, i) => ({
        noticeId: n._id,
        title: n.title,
        publishedAt: iso(n.publishedAt),
        reached: [...reached[i].values()].reduce((a, b) => a + b, 0),
      })),
      mayManage: !w.retiredAt && !!e && !e.endedAt && keeps(caller, w.gridPath),
      mine,
    }
  },
}

export const createMicroGrid: Action<'emergency', 'createMicroGrid'> = {
  target: (p) => p.gridId,
  async handle({ payload, caller, data, target }) {
    const person = me(caller)
    const grid = gridOf(target)
    const now = new Date()
    const e = await emergencyOver(data, grid, now)
    if (!e) throw new AppError('MICROGRID_NO_EMERGENCY')
    const id = wartimeGridId(e._id, person._id, payload.tapId)
    const tap = `${person._id}_${payload.tapId}`
    // the same tap again (a retry after a lost answer): the one it drew
    const again = await data.wartimeGrids.get(id)
    if (again) return (await microGridViews(data, [again]))[0]

    const buildings = await data.units.byIds(payload.buildingIds)
    const issue = buildingsIssue(grid, payload.buildingIds, buildings)
    if (issue) throw new AppError('INVALID_PAYLOAD', issue)
    const { member, person: leader } = await leaderOf(data, payload.leaderId, grid.path, e)
    // outside the transaction first: a building already taken refuses at the cost of two reads
    const lockIds = payload.buildingIds.map(wartimeBuildingLockId)
    const locks = await data.wartimeBuildingLocks.byIds(lockIds)
    const holders = await data.wartimeGrids.byIds([...new Set(locks.flatMap((l) => (l.activeId ? [l.activeId] : [])))])
    const active = new Set(holders.filter((h) => !h.retiredAt).map((h) => h._id))
    if (takenBuildings(payload.buildingIds, locks, active).length) throw new AppError('MICROGRID_BUILDING_TAKEN')

    const names = new Map(buildings.map((b) => [b._id, b.name]))
    const doc: Omit<WartimeGridDoc, '_id'> = {
      emergencyId: e._id,
      emergencyName: e.name,
      gridId: grid._id,
      gridPath: grid.path,
      gridName: grid.name,
      name: payload.name,
      kind: payload.kind,
      buildingIds: payload.buildingIds,
      buildingNames: payload.buildingIds.map((b) => names.get(b) ?? ''),
      leaderId: leader._id,
      leader: { personId: leader._id, name: leader.name, reserveMemberId: member._id, kind: member.kind },
      createdAt: now,
      createdBy: person._id,
      createdByName: person.name,
      createdTap: tap,
      retiredAt: null,
      retiredBy: null,
      retiredByName: null,
      updatedAt: now,
    }
    const saved = await data.transaction(async (tx) => {
      const held = await tx.wartimeGrids.get(id)
      if (held) return { ...held, _id: id }
      // the emergency ending meanwhile: its end retires what it finds, so nothing may be drawn after it
      const fresh = await tx.emergencies.get(e._id)
      if (!fresh || fresh.endedAt) throw new AppError('MICROGRID_NO_EMERGENCY')
      for (const b of payload.buildingIds) {
        const lockId = wartimeBuildingLockId(b)
        const lock = await tx.wartimeBuildingLocks.get(lockId)
        if (lock?.activeId) {
          const other = await tx.wartimeGrids.get(lock.activeId)
          if (other && !other.retiredAt) throw new AppError('MICROGRID_BUILDING_TAKEN')
          await tx.wartimeBuildingLocks.update(lockId, { activeId: id })
        } else if (lock) await tx.wartimeBuildingLocks.update(lockId, { activeId: id })
        else await tx.wartimeBuildingLocks.set(lockId, { buildingId: b, activeId: id })
      }
      const p = await tx.people.get(leader._id)
      if (!p || p.deletedAt) throw new AppError('MICROGRID_LEADER_INVALID')
      await tx.people.update(leader._id, { roles: withWartimeGrants(p.roles, id, payload.buildingIds) })
      await tx.wartimeGrids.set(id, doc)
      return { ...doc, _id: id }
    })
    return (await microGridViews(data, [saved]))[0]
  },
}

export const renameMicroGrid: Action<'emergency', 'renameMicroGrid'> = {
  target: (p, data) => gridOfMicroGrid(p.id, data),
  async handle({ payload, data }) {
    await changeable(data, payload.id)
    const now = new Date()
    const saved = await data.transaction(async (tx) => {
      const w = await tx.wartimeGrids.get(payload.id)
      if (!w) throw new AppError('NOT_FOUND')
      if (w.retiredAt) throw new AppError('MICROGRID_RETIRED')
      const patch = { name: payload.name, kind: payload.kind, updatedAt: now }
      await tx.wartimeGrids.update(payload.id, patch)
      return { ...w, ...patch, _id: payload.id }
    })
    return (await microGridViews(data, [saved]))[0]
  },
}

export const changeMicroGridLeader: Action<'emergency', 'changeMicroGridLeader'> = {
  target: (p, data) => gridOfMicroGrid(p.id, data),
  async handle({ payload, data }) {
    const { w, e } = await changeable(data, payload.id)
    const { member, person: next } = await leaderOf(data, payload.leaderId, w.gridPath, e)
    const now = new Date()
    // the old leader's grants from it go and the new one's come, in one transaction with the document
    const saved = await data.transaction(async (tx) => {
      const held = await tx.wartimeGrids.get(payload.id)
      if (!held) throw new AppError('NOT_FOUND')
      if (held.retiredAt) throw new AppError('MICROGRID_RETIRED')
      if (held.leaderId === next._id) return { ...held, _id: payload.id }
      const old = await tx.people.get(held.leaderId)
      if (old) await tx.people.update(held.leaderId, { roles: withoutWartimeGrants(old.roles, payload.id) })
      const p = await tx.people.get(next._id)
      if (!p || p.deletedAt) throw new AppError('MICROGRID_LEADER_INVALID')
      await tx.people.update(next._id, { roles: withWartimeGrants(p.roles, payload.id, held.buildingIds) })
      const patch = {
        leaderId: next._id,
        leader: { personId: next._id, name: next.name, reserveMemberId: member._id, kind: member.kind },
        updatedAt: now,
      }
      await tx.wartimeGrids.update(payload.id, patch)
      return { ...held, ...patch, _id: payload.id }
    })
    return (await microGridViews(data, [saved]))[0]
  },
}

export const retireMicroGrid: Action<'emergency', 'retireMicroGrid'> = {
  target: (p, data) => gridOfMicroGrid(p.id, data),
  async handle({ payload, caller, data }) {
    const person = me(caller)
    const saved = await retireOne(data, payload.id, { id: person._id, name: person.name }, new Date())
    if (!saved) throw new AppError('NOT_FOUND')
    return (await microGridViews(data, [saved]))[0]
  },
}

export const myMicroGrids: Action<'emergency', 'myMicroGrids'> = {
  async handle({ caller, data }) {
    const person = me(caller)
    const led = await data.wartimeGrids.ledBy(person._id, EMERGENCY_LIMITS.microGridBuildings)
    return { rows: await microGridViews(data, led) }
  },
}

export const microGridCandidates: Action<'emergency', 'microGridCandidates'> = {
  target: (p) => p.gridId,
  async handle({ payload, data, target }) {
    const grid = gridOf(target)
    const e = await emergencyOver(data, grid, new Date())
    if (!e) throw new AppError('MICROGRID_NO_EMERGENCY')
    const skip = offsetOf(payload.cursor)
    const page = await data.reserveMembers.under(
      leaderScopePath(grid.path, e.scopePath),
      { kinds: payload.kind ? [payload.kind] : MICROGRID_LEADER_KINDS },
      skip,
      payload.pageSize,
    )
    const places = byId(await data.units.byIds(page.rows.map((m) => m.unitId)))
    return {
      rows: page.rows.map((m) => ({
        personId: m.personId,
        name: m.name,
        kind: m.kind,
        placeName: places.get(m.unitId)?.name ?? '',
      })),
      nextCursor: nextCursor(skip, payload.pageSize, page.more),
    }
  },
}
