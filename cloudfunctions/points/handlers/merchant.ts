/**
 * The provider's side: points.verifyVoucher (核销 by the typed code or the scanned QR text; single use — the
 * voucher is re-read and marked used in one transaction, so two scans at once verify it once) and
 * points.statement (a Beijing month of what the provider verified). A provider sees only the service, the code
 * and the holder's masked name.
 */
import type { StatementRow } from '../../../core/contract/points/wallet'
import { maskName } from '../../../core/mask'
import { beijingMinute } from '../../../core/notices/beijing-time'
import { monthRange } from '../../../core/points/months'
import type { VoucherDoc } from '../../../core/model'
import { formatCode, parseVoucherInput, voucherRefusal } from '../../../core/points/vouchers'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { iso } from '../../../server/views'
import { paged, providerAccountsOf } from './services-views'

export const verifyVoucher: Action<'points', 'verifyVoucher'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const code = parseVoucherInput(payload.code)
    if (!code) throw new AppError('VOUCHER_CODE_INVALID')
    const accounts = providerAccountsOf(caller).map((p) => p.account)
    const found = (await Promise.all(accounts.map((a) => data.vouchers.byCode(a, code)))).flat()
    if (!found.length) throw new AppError('VOUCHER_NOT_FOUND')
    // codes are random: two of one provider's vouchers sharing one is next to impossible; the usable one wins
    const now = new Date()
    const target = found.find((v) => voucherRefusal(v, now) === null) ?? found[0]
    return data.transaction(async (tx) => {
      const at = new Date()
      const v = await tx.vouchers.get(target._id)
      if (!v) throw new AppError('VOUCHER_NOT_FOUND')
      const refusal = voucherRefusal(v, at)
      if (refusal)
        throw new AppError(
          refusal,
          v.usedAt && refusal === 'VOUCHER_USED' ? `核销于 ${beijingMinute(new Date(v.usedAt))}` : undefined,
        )
      await tx.vouchers.update(v._id, { status: 'used', usedAt: at, usedBy: person._id })
      return {
        serviceTitle: v.serviceTitle,
        code: formatCode(v.code),
        holder: maskName(v.personName),
        cost: v.cost,
        usedAt: iso(at),
      }
    })
  },
}

export const statement: Action<'points', 'statement'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const providers = providerAccountsOf(caller)
    const { from, to } = monthRange(payload.month)
    const used: VoucherDoc[] = (await Promise.all(providers.map((p) => data.vouchers.usedBetween(p.account, from, to))))
      .flat()
      .sort((a, b) => +new Date(a.usedAt as Date) - +new Date(b.usedAt as Date))
    const names = await providerNames(providers, person.shopName ?? person.name, (ids) => data.units.byIds(ids))
    const byService = new Map<string, { serviceId: string; title: string; count: number; points: number }>()
    for (const v of used) {
      const row = byService.get(v.serviceId) ?? { serviceId: v.serviceId, title: v.serviceTitle, count: 0, points: 0 }
      row.count += 1
      row.points += v.cost
      byService.set(v.serviceId, row)
    }
    const start = payload.page * payload.pageSize
    const rows: StatementRow[] = used.slice(start, start + payload.pageSize).map((v) => ({
      code: formatCode(v.code),
      serviceTitle: v.serviceTitle,
      holder: maskName(v.personName),
      cost: v.cost,
      usedAt: iso(v.usedAt as Date),
    }))
    return {
      month: payload.month,
      providerName: names,
      count: used.length,
      points: used.reduce((sum, v) => sum + v.cost, 0),
      byService: [...byService.values()].sort((a, b) => b.points - a.points),
      rows: paged(rows, used.length, payload.page, payload.pageSize),
    }
  },
}

/** The shop's name and the communities' names the statement covers, as one line. */
async function providerNames(
  providers: ReturnType<typeof providerAccountsOf>,
  shop: string,
  unitsByIds: (ids: string[]) => Promise<{ _id: string; name: string }[]>,
): Promise<string> {
  const pools = providers.filter((p) => p.ref.kind === 'pool').map((p) => p.ref.id)
  const units = pools.length ? await unitsByIds(pools) : []
  return [...(providers.some((p) => p.ref.kind === 'merchant') ? [shop] : []), ...units.map((u) => u.name)].join('、')
}
