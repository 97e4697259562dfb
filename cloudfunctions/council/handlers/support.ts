/**
 * council.support, withdrawSupport: a member of the grid supports an open proposal once (proposalSupportId), in one
 * transaction with the proposal's count; the support that reaches the grid's threshold moves it to 待议 in that same
 * transaction, so racing supporters cross it exactly once (core/council/support.ts decides on what the transaction
 * re-read).
 */
import { isMember } from '../../../core/council/members'
import { support as supportRule, THRESHOLD_BY, thresholdOf, withStep, withdraw } from '../../../core/council/support'
import { councilSettingsId, proposalSupportId } from '../../../core/ids'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { detailOf, proposalOr404 } from '../access'

async function move(data: Data, caller: Caller, proposalId: string, kind: 'support' | 'withdraw') {
  const person = caller.person
  if (!person) throw new AppError('NOT_REGISTERED')
  const { proposal, grid, standing } = await proposalOr404(data, caller, proposalId)
  if (kind === 'support' && !isMember(standing)) throw new AppError('COUNCIL_NOT_MEMBER')
  const sid = proposalSupportId(proposal._id, person._id)
  const code = await data.transaction(async (tx) => {
    const p = await tx.proposals.get(proposal._id)
    if (!p) return 'NOT_FOUND' as const
    const had = await tx.proposalSupports.get(sid)
    const settings = await tx.councilSettings.get(councilSettingsId(p.gridId))
    const now = new Date()
    const m =
      kind === 'support' ? supportRule(p, person._id, !!had?.active, thresholdOf(settings)) : withdraw(p, !!had?.active)
    if (!m.ok) return m.code
    if (!m.changed) return null
    await tx.proposalSupports.set(sid, {
      proposalId: p._id,
      gridId: p.gridId,
      personId: person._id,
      active: kind === 'support',
      at: kind === 'support' ? now : (had?.at ?? now),
      withdrawnAt: kind === 'support' ? null : now,
      updatedAt: now,
    })
    await tx.proposals.update(p._id, {
      supports: m.supports,
      updatedAt: now,
      ...(m.toAgenda
        ? {
            status: 'agenda' as const,
            stage: 'agenda' as const,
            stageAt: now,
            agendaBy: 'threshold' as const,
            history: withStep(p.history, { status: 'agenda', at: now, byId: '', byName: THRESHOLD_BY, note: '' }),
          }
        : {}),
    })
    return null
  })
  if (code) throw new AppError(code)
  const fresh = await data.proposals.get(proposal._id)
  if (!fresh) throw new AppError('NOT_FOUND')
  return detailOf(data, caller, fresh, grid, standing)
}

export const support: Action<'council', 'support'> = {
  handle: ({ payload, caller, data }) => move(data, caller, payload.proposalId, 'support'),
}

export const withdrawSupport: Action<'council', 'withdrawSupport'> = {
  handle: ({ payload, caller, data }) => move(data, caller, payload.proposalId, 'withdraw'),
}
