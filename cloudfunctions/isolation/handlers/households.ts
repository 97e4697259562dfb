/**
 * Marking a household home-isolated, ending it early, and the keepers' list. Marking is one transaction over the
 * isolation and the household's isolationHomes pointer (so two marks of one household racing leave one isolation
 * in force), then the schedule is written a day per transaction (./schedule.ts). Asked again with the same
 * household and first day, it writes only what is missing.
 */
import { isolationHomeId, isolationId } from '../../../core/ids'
import { periodOf, scheduleProblem, type ScheduleProblem } from '../../../core/isolation/schedule'
import type { IsolationDoc } from '../../../core/model'
import { ancestorAt, ancestorPath, doorLabel } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { cardOf, cardsOf, decodeCursor, encodeCursor, inForce, isolationOr404 } from '../access'
import { cancelFrom, plannedFor, writeSchedule } from '../schedule'

const PROBLEMS: Record<ScheduleProblem, string> = {
  days: '隔离天数应为 1–28 天',
  start: '开始日期应为今天或之后 7 天内',
  times: '每类服务每天最多 4 个时间，且不能重复',
  empty: '请至少安排一项物资配送或垃圾清运',
}

export const mark: Action<'isolation', 'mark'> = {
  target: (p) => p.householdId,
  async handle({ payload, caller, data, target }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const household = target
    if (!household || household.level !== 'household') throw new AppError('ISOLATION_HOUSEHOLD_ONLY')
    const now = new Date()
    const spec = {
      startDay: payload.startDay,
      days: payload.days,
      supplies: { times: [...payload.supplies.times].sort(), note: payload.supplies.note },
      garbage: { times: [...payload.garbage.times].sort() },
    }
    const problem = scheduleProblem(spec, now)
    if (problem) throw new AppError('ISOLATION_SCHEDULE_INVALID', PROBLEMS[problem])
    const id = isolationId(household._id, spec.startDay)
    const { startAt, endAt } = periodOf(spec.startDay, spec.days)
    const doc: Omit<IsolationDoc, '_id'> = {
      householdId: household._id,
      householdPath: household.path,
      householdName: doorLabel(household) || household.name,
      gridId: ancestorAt(household.path, 'grid') ?? '',
      gridPath: ancestorPath(household.path, 'grid') ?? household.path,
      communityId: ancestorAt(household.path, 'community') ?? '',
      ...spec,
      startAt,
      endAt,
      plannedEndAt: endAt,
      reason: payload.reason,
      status: 'active',
      tasks: 0,
      endedAt: null,
      endedBy: null,
      endedByName: null,
      createdBy: person._id,
      createdByName: person.name,
      createdAt: now,
    }
    doc.tasks = plannedFor({ _id: id, ...doc }).length
    await data.transaction(async (tx) => {
      const [home, existing] = [
        await tx.isolationHomes.get(isolationHomeId(household._id)),
        await tx.isolations.get(id),
      ]
      if (existing) {
        if (existing.status === 'ended') throw new AppError('ISOLATION_DAY_USED')
        return // a retry: the schedule below fills in what is missing
      }
      if (home && home.currentId !== id) {
        const current = await tx.isolations.get(home.currentId)
        if (current && inForce(current, now)) throw new AppError('ISOLATION_ACTIVE')
      }
      await tx.isolations.set(id, doc)
      await tx.isolationHomes.set(isolationHomeId(household._id), { currentId: id, endAt, updatedAt: now })
    })
    const stored = await isolationOr404(data, id)
    await writeSchedule(data, stored)
    const grid = await data.units.get(stored.gridId)
    return cardOf(stored, grid?.name ?? '', new Date())
  },
}

export const end: Action<'isolation', 'end'> = {
  target: async (p, data) => (await data.isolations.get(p.isolationId))?.householdId ?? null,
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const now = new Date()
    await data.transaction(async (tx) => {
      const i = await tx.isolations.get(payload.isolationId)
      if (!i) throw new AppError('NOT_FOUND')
      if (!inForce(i, now)) throw new AppError('ISOLATION_ENDED')
      const endAt = +new Date(i.startAt) > +now ? new Date(i.startAt) : now
      await tx.isolations.update(i._id, {
        status: 'ended',
        endAt,
        endedAt: now,
        endedBy: person._id,
        endedByName: person.name,
      })
      const home = await tx.isolationHomes.get(isolationHomeId(i.householdId))
      if (home?.currentId === i._id) await tx.isolationHomes.update(home._id, { endAt, updatedAt: now })
    })
    const ended = await isolationOr404(data, payload.isolationId)
    await cancelFrom(data, ended, now)
    const grid = await data.units.get(ended.gridId)
    return cardOf(ended, grid?.name ?? '', new Date())
  },
}

export const households: Action<'isolation', 'households'> = {
  target: (p) => p.unitId,
  async handle({ payload, data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const now = new Date()
    const after = decodeCursor(payload.cursor)
    const page = await data.isolations.under(
      target.path,
      payload.all ? null : { now },
      after && { createdAt: after.at, id: after.id },
      payload.pageSize,
    )
    const last = page.rows[page.rows.length - 1]
    return {
      rows: await cardsOf(data, page.rows, now),
      nextCursor: page.more && last ? encodeCursor(last.createdAt, last._id) : null,
    }
  },
}

export const homes: Action<'isolation', 'homes'> = {
  target: (p) => p.unitId,
  async handle({ data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    if (target.level === 'microgrid') {
      const rows = await data.units.householdsOf(target._id)
      return {
        unit: { id: target._id, name: target.name },
        rows: rows
          .filter((u) => !u.retired)
          .map((u) => ({ id: u._id, name: doorLabel(u) || u.name, level: 'household' as const })),
      }
    }
    if (target.level !== 'grid') throw new AppError('ISOLATION_UNIT_LEVEL')
    const rows = (await data.units.childrenOf(target._id)).filter((u) => u.level === 'microgrid' && !u.retired)
    return {
      unit: { id: target._id, name: target.name },
      rows: rows.map((u) => ({ id: u._id, name: u.name, level: 'microgrid' as const })),
    }
  },
}
