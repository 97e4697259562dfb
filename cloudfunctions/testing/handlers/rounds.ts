/**
 * Setting up a round (staff, or the grid's chief and party leader over their grid): createRound, planSlots (one
 * building's slots per call, the building recorded on the round in a transaction), the assignment job's step, and
 * the keepers' reads (rounds over a unit, one round).
 */
import { randomBytes } from 'node:crypto'
import { TESTING_LIMITS, type TestingRoundRow } from '../../../core/contract/testing'
import { testingRoundId, testingSlotId } from '../../../core/ids'
import type { TestingRoundDoc, TestingSlotDoc } from '../../../core/model'
import { planSlots, samePlan } from '../../../core/testing/plan'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { announceRound } from '../announce'
import { assignStep } from '../assign'
import { roundOf, roundScope, withinRound, workersOfScope } from '../access'
import { buildingsOfScope } from '../scope'
import { slotView } from '../views'

export const createRound: Action<'testing', 'createRound'> = {
  target: (p) => p.scopeUnitId,
  async handle({ payload, caller, data, target }) {
    const scope = target
    if (!scope || (scope.level !== 'community' && scope.level !== 'grid')) throw new AppError('TESTING_SCOPE_INVALID')
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const id = testingRoundId(me._id, payload.tapId)
    if (await data.testingRounds.get(id)) return { id }
    const names = await workersOfScope(
      data,
      scope.path,
      payload.sites.flatMap((s) => s.workerIds),
    )
    const sites = payload.sites.map((s) => {
      const workerIds = [...new Set(s.workerIds)]
      return { name: s.name, place: s.place, workerIds, workerNames: workerIds.map((w) => names.get(w) ?? '') }
    })
    const round: TestingRoundDoc = {
      _id: id,
      name: payload.name,
      date: payload.date,
      emergencyId: payload.emergencyId,
      scopeUnitId: scope._id,
      scopePath: scope.path,
      communityId: ancestorAt(scope.path, 'community') ?? scope._id,
      sites,
      workerIds: [...new Set(sites.flatMap((s) => s.workerIds))],
      planned: [],
      secret: randomBytes(32).toString('hex'),
      assign: { index: 0, after: '', finished: true },
      createdBy: me._id,
      createdByName: me.name,
      createdAt: new Date(),
    }
    await data.testingRounds.add(round)
    return { id }
  },
}

export const planSlotsAction: Action<'testing', 'planSlots'> = {
  target: roundScope,
  async handle({ payload, data }) {
    const round = await roundOf(data, payload.roundId)
    const building = withinRound(round, await data.units.get(payload.buildingId))
    if (building.level !== 'microgrid' || building.retired) throw new AppError('TESTING_BUILDING_INVALID')
    if (!round.sites[payload.siteIndex]) throw new AppError('TESTING_SITE_INVALID')
    const planned = planSlots({ date: round.date, ...payload })
    if (!planned) throw new AppError('TESTING_PLAN_INVALID')
    const stored = await data.testingSlots.ofBuilding(round._id, building._id)
    if (stored.length && !samePlan(stored, planned, payload.capacity, payload.siteIndex))
      throw new AppError('TESTING_PLANNED')
    const slots: TestingSlotDoc[] = planned.map((p) => ({
      _id: testingSlotId(round._id, building._id, p.index),
      roundId: round._id,
      buildingId: building._id,
      buildingName: building.name,
      siteIndex: payload.siteIndex,
      index: p.index,
      startAt: p.startAt,
      endAt: p.endAt,
      capacity: payload.capacity,
      booked: 0,
      done: 0,
      calledAt: null,
      calledBy: null,
      doneSeconds: [],
    }))
    for (const s of slots) await data.testingSlots.add(s)
    // the building joins the job's walk once; a finished job resumes for it
    await data.transaction(async (tx) => {
      const held = await tx.testingRounds.get(round._id)
      if (!held || held.planned.some((b) => b.buildingId === building._id)) return
      await tx.testingRounds.update(round._id, {
        planned: [...held.planned, { buildingId: building._id, siteIndex: payload.siteIndex, slots: slots.length }],
        assign: { ...held.assign, finished: false },
      })
    })
    const now = stored.length ? stored : slots
    return { slots: now.map(slotView) }
  },
}

export const assign: Action<'testing', 'assign'> = {
  target: roundScope,
  async handle({ payload, caller, data }) {
    const round = await roundOf(data, payload.roundId)
    const now = new Date()
    // the step that finishes publishes the round's notice and queues each household's slot message (announce.ts)
    let noticeId: string | null = null
    const step = await assignStep(data, round, now, undefined, async (more) => {
      noticeId = await announceRound(data, caller, round, more, now)
    })
    return { ...step, noticeId }
  },
}

/** The figures of rounds' scopes: households from the unit counters, booked and done from the round's. */
async function rowsOf(data: Data, rounds: readonly TestingRoundDoc[], viewer?: Unit): Promise<TestingRoundRow[]> {
  const scopes = await data.units.byIds(rounds.map((r) => r.scopeUnitId))
  const counters = await data.unitCounters.byIds(rounds.map((r) => r.scopeUnitId))
  return Promise.all(
    rounds.map(async (r) => {
      const figures = (await data.testingCounters.figures(r._id, [r.scopeUnitId])).get(r.scopeUnitId)
      return {
        id: r._id,
        name: r.name,
        date: r.date,
        scope: { unitId: r.scopeUnitId, name: scopes.find((u) => u._id === r.scopeUnitId)?.name ?? '' },
        coverUnitId: viewer && isWithin(viewer.path, r.scopePath) ? viewer._id : r.scopeUnitId,
        households: counters.find((c) => c._id === r.scopeUnitId)?.households ?? 0,
        booked: figures?.booked ?? 0,
        done: figures?.done ?? 0,
      }
    }),
  )
}

export const rounds: Action<'testing', 'rounds'> = {
  target: (p) => p.unitId,
  async handle({ payload, data, target }) {
    const unit = target
    const communityId = unit ? ancestorAt(unit.path, 'community') : undefined
    if (!unit || !communityId) throw new AppError('TESTING_SCOPE_INVALID')
    const skip = payload.cursor ? Number(payload.cursor) || 0 : 0
    const page = await data.testingRounds.ofCommunity(communityId, skip, TESTING_LIMITS.pageSize)
    // rounds over the unit, under it, or above it: a grid's chief sees the community's round too
    const mine = page.filter((r) => isWithin(r.scopePath, unit.path) || isWithin(unit.path, r.scopePath))
    return {
      rows: await rowsOf(data, mine, unit),
      nextCursor: page.length === TESTING_LIMITS.pageSize ? String(skip + page.length) : null,
    }
  },
}

export const round: Action<'testing', 'round'> = {
  target: roundScope,
  async handle({ payload, data }) {
    const r = await roundOf(data, payload.roundId)
    const [row] = await rowsOf(data, [r])
    const { buildings, households: perBuilding } = await buildingsOfScope(data, r.scopeUnitId)
    return {
      ...row,
      emergencyId: r.emergencyId,
      sites: r.sites.map((s) => ({
        name: s.name,
        place: s.place,
        workers: s.workerIds.map((id, i) => ({ id, name: s.workerNames[i] ?? '' })),
      })),
      buildings: buildings.map((b) => {
        const planned = r.planned.find((p) => p.buildingId === b._id)
        return {
          id: b._id,
          name: b.name,
          households: perBuilding.get(b._id) ?? 0,
          siteIndex: planned ? planned.siteIndex : null,
          slots: planned?.slots ?? 0,
        }
      }),
      assign: { finished: r.assign.finished },
    }
  },
}
