/**
 * points.wallet (my balance, expiries, history) and points.adjustPoints (a leader's grant or deduction: a written
 * reason, the role's monthly limit, the ledger and the audit log in ONE transaction, once per request id).
 */
import type { HistoryRow } from '../../../core/contract/points/wallet'
import { accountId, adjustmentId, transferId } from '../../../core/ids'
import { ADJUSTERS } from '../../../core/permissions'
import { checkAdjustment, reasonGiven, remainingThisMonth } from '../../../core/points/adjustments'
import { expiringSoon } from '../../../core/points/expiry'
import { ancestorAt, isWithin } from '../../../core/units'
import { recordActInTx } from '../../../server/audit'
import { AppError } from '../../../server/errors'
import { emptyAccount, postTransferAmending } from '../../../server/points-ledger'
import type { Action } from '../../../server/router'
import { iso } from '../../../server/views'
import { rulesFor } from './rules'

export const wallet: Action<'points', 'wallet'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const id = accountId({ kind: 'person', id: person._id })
    const now = new Date()
    const [account, page] = await Promise.all([
      data.accounts.get(id),
      data.transfers.ofAccount(id, payload.page, payload.pageSize),
    ])
    const lots = account?.lots ?? []
    const soon = expiringSoon(lots, now)
    const rows: HistoryRow[] = page.rows.map((t) => ({
      id: t._id,
      kind: t.kind,
      amount: t.legs.filter((l) => l.accountId === id).reduce((sum, l) => sum + l.amount, 0),
      reason: t.reason,
      at: iso(t.at),
      expiresAt: t.to === id && t.expiresAt ? iso(t.expiresAt) : null,
    }))
    return {
      balance: account?.balance ?? 0,
      expiringSoon: soon ? { amount: soon.amount, at: iso(soon.at) } : null,
      expiries: lots.map((l) => ({ amount: l.amount, at: iso(l.expiresAt) })),
      history: {
        rows,
        total: page.total,
        page: payload.page,
        pageSize: payload.pageSize,
        more: (payload.page + 1) * payload.pageSize < page.total,
      },
    }
  },
}

const DIRECTION_WORDS = { grant: '奖励', deduct: '扣减' } as const

export const adjustPoints: Action<'points', 'adjustPoints'> = {
  // the permission is checked over the resident's household: a leader over their home
  target: async (p, data) => (await data.people.byIds([p.personId]))[0]?.householdId ?? null,
  async handle({ payload, caller, data, target }) {
    const actor = caller.person
    if (!actor || !target) throw new AppError('NOT_REGISTERED')
    const [resident] = await data.people.byIds([payload.personId])
    if (!resident || resident.deletedAt || !resident.homePath) throw new AppError('NOT_FOUND')
    if (resident._id === actor._id) throw new AppError('POINTS_SELF')
    const communityId = ancestorAt(resident.homePath, 'community')
    if (!communityId) throw new AppError('NOT_FOUND')
    // the roles the leader holds over this resident decide the limit
    const roles = caller.grants
      .filter((g) => ADJUSTERS.includes(g.role) && isWithin(resident.homePath as string, g.path))
      .map((g) => g.role)
    const reason = payload.reason.trim()
    // a missing reason is refused before anything is read in a transaction
    if (!reasonGiven(reason)) throw new AppError('POINTS_REASON_REQUIRED')
    // the limits of the resident's community (read before the transaction: they change rarely, and by staff)
    const limits = (await rulesFor(data, communityId)).adjustLimits

    const adjId = adjustmentId(actor._id, payload.requestId)
    const id = transferId(payload.direction, adjId)
    const pool = { kind: 'pool', id: communityId } as const
    const person = { kind: 'person', id: resident._id } as const
    const actorAccount = accountId({ kind: 'person', id: actor._id })
    const words = DIRECTION_WORDS[payload.direction]
    return data.transaction(async (tx) => {
      const now = new Date()
      const mine = (await tx.accounts.get(actorAccount)) ?? emptyAccount({ kind: 'person', id: actor._id }, now)
      if (await tx.transfers.get(id)) {
        // the same request again: nothing moves twice, the answer is what stands
        const held = await tx.accounts.get(accountId(person))
        return {
          transferId: id,
          posted: false,
          balance: held?.balance ?? 0,
          remaining: remainingThisMonth(roles, mine.adjusted, now, limits),
        }
      }
      const check = checkAdjustment({
        roles,
        direction: payload.direction,
        amount: payload.amount,
        reason,
        used: mine.adjusted,
        at: now,
        limits,
      })
      if (!check.ok) throw new AppError(check.code, check.detail)
      const posted = await postTransferAmending(tx, {
        id,
        from: payload.direction === 'grant' ? pool : person,
        to: payload.direction === 'grant' ? person : pool,
        amount: payload.amount,
        kind: payload.direction,
        reason: `${words}：${reason}`,
        ref: { kind: 'adjustment', id: adjId },
        actorId: actor._id,
        at: now,
      })
      const { _id, ...rest } = mine
      await tx.accounts.set(_id, { ...rest, adjusted: check.used, updatedAt: now })
      await recordActInTx(
        tx,
        `adjust_${adjId}`,
        caller,
        {
          action: 'points.adjustPoints',
          unit: target,
          subjectIds: [resident._id],
          note: `${words} ${payload.amount} 分：${reason}`,
        },
        now,
      )
      const balance = (payload.direction === 'grant' ? posted.to : posted.from).balance
      return { transferId: id, posted: true, balance, remaining: check.remaining }
    })
  },
}
