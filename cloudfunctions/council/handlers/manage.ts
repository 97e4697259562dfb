/**
 * council.toAgenda, decline, updateSettings: a head of the grid (or staff over it) puts an open proposal on the
 * agenda by choice, or declines one with a public reason the proposer and the grid read; the grid's chief (or
 * community staff) sets the supports that put a proposal on the agenda.
 */
import { actorLabel, manages } from '../../../core/council/members'
import { decline as declineRule, thresholdOf, toAgenda as agendaRule, withStep } from '../../../core/council/support'
import { councilSettingsId } from '../../../core/ids'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { detailOf, gridOr404, proposalOr404 } from '../access'

async function managed(data: Data, caller: Caller, proposalId: string) {
  const found = await proposalOr404(data, caller, proposalId)
  if (!manages(found.standing)) throw new AppError('COUNCIL_NOT_HEAD')
  return found
}

export const toAgenda: Action<'council', 'toAgenda'> = {
  async handle({ payload, caller, data }) {
    const { proposal, grid, standing } = await managed(data, caller, payload.proposalId)
    const by = actorLabel(standing, caller.person?.name ?? '')
    const code = await data.transaction(async (tx) => {
      const p = await tx.proposals.get(proposal._id)
      if (!p) return 'NOT_FOUND' as const
      const m = agendaRule(p)
      if (!m.ok) return m.code
      if (!m.changed) return null
      const now = new Date()
      await tx.proposals.update(p._id, {
        status: 'agenda',
        stage: 'agenda',
        stageAt: now,
        agendaBy: 'head',
        history: withStep(p.history, {
          status: 'agenda',
          at: now,
          byId: caller.person?._id ?? '',
          byName: by,
          note: '',
        }),
        updatedAt: now,
      })
      return null
    })
    if (code) throw new AppError(code)
    const fresh = await data.proposals.get(proposal._id)
    return detailOf(data, caller, fresh ?? proposal, grid, standing)
  },
}

export const decline: Action<'council', 'decline'> = {
  async handle({ payload, caller, data }) {
    const { proposal, grid, standing } = await managed(data, caller, payload.proposalId)
    const by = actorLabel(standing, caller.person?.name ?? '')
    const code = await data.transaction(async (tx) => {
      const p = await tx.proposals.get(proposal._id)
      if (!p) return 'NOT_FOUND' as const
      const m = declineRule(p)
      if (!m.ok) return m.code
      const now = new Date()
      await tx.proposals.update(p._id, {
        status: 'declined',
        stage: 'closed',
        stageAt: now,
        declineReason: payload.reason,
        history: withStep(p.history, {
          status: 'declined',
          at: now,
          byId: caller.person?._id ?? '',
          byName: by,
          note: payload.reason,
        }),
        updatedAt: now,
      })
      return null
    })
    if (code) throw new AppError(code)
    const fresh = await data.proposals.get(proposal._id)
    return detailOf(data, caller, fresh ?? proposal, grid, standing)
  },
}

export const updateSettings: Action<'council', 'updateSettings'> = {
  target: (payload) => payload.gridId,
  async handle({ payload, caller, data }) {
    const grid = await gridOr404(data, payload.gridId)
    const id = councilSettingsId(grid._id)
    await data.transaction(async (tx) => {
      const had = await tx.councilSettings.get(id)
      const now = new Date()
      const fields = {
        ...(had ? (({ _id, ...rest }) => rest)(had) : {}),
        gridId: grid._id,
        supportThreshold: payload.supportThreshold,
        updatedBy: caller.person?._id ?? '',
        updatedAt: now,
      }
      await tx.councilSettings.set(id, fields)
    })
    const saved = await data.councilSettings.get(id)
    return { gridId: grid._id, supportThreshold: thresholdOf(saved) }
  },
}
