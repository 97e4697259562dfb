/**
 * points.redeem: the points, the stock and the voucher in ONE transaction, named by the client's request id (a
 * retry or a double tap redeems once; the transfer is transferId('redeem', voucherId)). points.cancelVoucher: an
 * unused, unexpired voucher is cancelled, its points come back through the ledger (`refund`) and its stock with
 * them. points.vouchers / voucher: the holder's own.
 */
import { randomInt } from 'node:crypto'
import { accountId, transferId, voucherId } from '../../../core/ids'
import type { VoucherDoc } from '../../../core/model'
import { redeemRefusal, serves } from '../../../core/points/services'
import { voucherCode, voucherExpiry, voucherRefusal } from '../../../core/points/vouchers'
import { AppError } from '../../../server/errors'
import { postTransferAmending } from '../../../server/points-ledger'
import { isConflict } from '../../../server/transaction'
import type { Action } from '../../../server/router'
import { paged, providerRef, voucherCard, voucherView } from './services-views'

/** 11 random digits from the platform's CSPRNG: the unguessable part of a code. */
const randomDigits = (): string => Array.from({ length: 11 }, () => String(randomInt(10))).join('')

export const redeem: Action<'points', 'redeem'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const id = voucherId(person._id, payload.requestId)
    const me = { kind: 'person', id: person._id } as const
    const code = voucherCode(randomDigits())
    const answer = (v: VoucherDoc, balance: number) => ({ voucher: voucherView(v, new Date()), balance })

    const redeemed = data.transaction(
      async (tx) => {
        const now = new Date()
        const issued = await tx.vouchers.get(id)
        if (issued) return answer(issued, (await tx.accounts.get(accountId(me)))?.balance ?? 0)
        const s = await tx.services.get(payload.serviceId)
        if (!s || !serves(s, person.homePath)) throw new AppError('NOT_FOUND')
        // closed or sold out is said before anything else; the per-person limit is checked on the account below
        const early = redeemRefusal(s, 0, now)
        if (early) throw new AppError(early)
        const posted = await postTransferAmending(
          tx,
          {
            id: transferId('redeem', id),
            from: me,
            to: providerRef(s),
            amount: s.cost,
            kind: 'redeem',
            reason: `兑换「${s.title}」`,
            ref: { kind: 'voucher', id },
            actorId: person._id,
            at: now,
          },
          (side, account) => {
            if (side !== 'from') return undefined
            const held = account.redeemed?.[s._id] ?? 0
            const refusal = redeemRefusal(s, held, now)
            if (refusal) throw new AppError(refusal)
            return { redeemed: { ...account.redeemed, [s._id]: held + 1 } }
          },
        )
        await tx.services.update(s._id, { stock: s.stock - 1, issued: s.issued + 1, updatedAt: now })
        const voucher: VoucherDoc = {
          _id: id,
          code,
          serviceId: s._id,
          serviceTitle: s.title,
          providerName: s.providerName,
          providerAccount: accountId(providerRef(s)),
          communityId: s.communityId,
          personId: person._id,
          personName: person.name,
          cost: s.cost,
          status: 'active',
          createdAt: now,
          expiresAt: voucherExpiry(now, s.voucherDays, s.validUntil),
        }
        const { _id, ...fields } = voucher
        await tx.vouchers.set(_id, fields)
        return answer(voucher, posted.from.balance)
      },
      // outside any transaction: a replay, a sold-out or closed service ends here without contending
      async () => {
        const issued = await data.vouchers.get(id)
        if (issued) {
          if (issued.personId !== person._id) throw new AppError('NOT_FOUND')
          return answer(issued, (await data.accounts.get(accountId(me)))?.balance ?? 0)
        }
        const s = await data.services.get(payload.serviceId)
        if (!s || !serves(s, person.homePath)) throw new AppError('NOT_FOUND')
        const early = redeemRefusal(s, 0, new Date())
        if (early) throw new AppError(early)
        return null
      },
    )
    // a crowd on one service: this redeem lost every retry, nothing was written; the same tap again is safe
    return redeemed.catch((e: unknown) => {
      throw isConflict(e) ? new AppError('SERVICE_BUSY') : e
    })
  },
}

export const vouchers: Action<'points', 'vouchers'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const now = new Date()
    const found = await data.vouchers.ofPerson(person._id, payload.status ?? null, payload.page, payload.pageSize)
    return paged(
      found.rows.map((v) => voucherCard(v, now)),
      found.total,
      payload.page,
      payload.pageSize,
    )
  },
}

export const voucher: Action<'points', 'voucher'> = {
  async handle({ payload, caller, data }) {
    const v = await data.vouchers.get(payload.voucherId)
    // only the holder sees a voucher's code
    if (!v || v.personId !== caller.person?._id) throw new AppError('NOT_FOUND')
    return voucherView(v, new Date())
  },
}

export const cancelVoucher: Action<'points', 'cancelVoucher'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const found = await data.vouchers.get(payload.voucherId)
    if (!found || found.personId !== person._id) throw new AppError('NOT_FOUND')
    const me = { kind: 'person', id: person._id } as const
    return data.transaction(async (tx) => {
      const now = new Date()
      const v = await tx.vouchers.get(payload.voucherId)
      if (!v) throw new AppError('NOT_FOUND')
      // cancelled already (a double tap, a retry): the points came back once; say how it stands
      if (v.status === 'cancelled')
        return { voucher: voucherView(v, now), balance: (await tx.accounts.get(accountId(me)))?.balance ?? 0 }
      const refusal = voucherRefusal(v, now)
      if (refusal) throw new AppError(refusal)
      const s = await tx.services.get(v.serviceId)
      const posted = await postTransferAmending(
        tx,
        {
          id: transferId('refund', v._id),
          from: s ? providerRef(s) : providerOf(v.providerAccount),
          to: me,
          amount: v.cost,
          kind: 'refund',
          reason: `取消兑换「${v.serviceTitle}」，积分退回`,
          ref: { kind: 'voucher', id: v._id },
          actorId: person._id,
          at: now,
        },
        (side, account) => {
          if (side !== 'to') return undefined
          const held = account.redeemed?.[v.serviceId] ?? 0
          return { redeemed: { ...account.redeemed, [v.serviceId]: Math.max(0, held - 1) } }
        },
      )
      if (s) await tx.services.update(s._id, { stock: s.stock + 1, issued: Math.max(0, s.issued - 1), updatedAt: now })
      const cancelled: VoucherDoc = { ...v, status: 'cancelled', cancelledAt: now }
      await tx.vouchers.update(v._id, { status: 'cancelled', cancelledAt: now })
      return { voucher: voucherView(cancelled, now), balance: posted.to.balance }
    })
  },
}

/** The provider's ledger account back from its id (a service deleted since: its points still go back). */
function providerOf(account: string): { kind: 'merchant' | 'pool'; id: string } {
  const [kind, ...rest] = account.split('_')
  if (kind !== 'merchant' && kind !== 'pool') throw new Error(`not a provider account: ${account}`)
  return { kind, id: rest.join('_') }
}
