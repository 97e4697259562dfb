/**
 * points.services / service (what is offered to me, or what I offer), postService and updateService (a merchant as
 * their shop, community staff as the community). Stock changes only in a transaction: redeem and cancel move it too.
 */
import type { ServiceDetail } from '../../../core/contract/points/wallet'
import { accountId } from '../../../core/ids'
import type { ServiceDoc, ServiceProvider } from '../../../core/model'
import { redeemRefusal, servedUnitsOf, serves, stockAfter, validUntilProblem } from '../../../core/points/services'
import { isWithin } from '../../../core/units'
import { randomBytes } from 'node:crypto'
import type { Caller } from '../../../server/caller'
import { checkText } from '../../../server/content-check'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { paged, providerAccountsOf, provides, serviceCard } from './services-views'
import { ERROR_MESSAGES } from '../../../core/envelope'

/** The units a caller's listing covers: where they live, and the communities they serve as merchant or staff. */
function unitsFor(caller: Caller): string[] {
  const own = servedUnitsOf(caller.person?.homePath)
  const roles = caller.grants.filter((g) => g.role === 'merchant' || g.role === 'communityStaff').map((g) => g.unitId)
  return [...new Set([...own, ...roles])]
}

export const services: Action<'points', 'services'> = {
  async handle({ payload, caller, data }) {
    const now = new Date()
    const found = payload.mine
      ? await data.services.ofProviders(
          providerAccountsOf(caller).map((p) => p.ref.id),
          payload.page,
          payload.pageSize,
        )
      : await data.services.serving(unitsFor(caller), now, payload.page, payload.pageSize)
    return paged(found.rows.map(serviceCard), found.total, payload.page, payload.pageSize)
  },
}

/** The service as the caller sees it: whether they may redeem it now, and why not. */
export async function serviceDetail(
  data: Data,
  caller: Caller,
  s: ServiceDoc,
  now = new Date(),
): Promise<ServiceDetail> {
  const person = caller.person
  const [units, account] = await Promise.all([
    data.units.byIds(s.unitIds),
    person ? data.accounts.get(accountId({ kind: 'person', id: person._id })) : Promise.resolve(null),
  ])
  const mine = account?.redeemed?.[s._id] ?? 0
  const isResident = caller.grants.some((g) => g.role === 'resident')
  const refusal = redeemRefusal(s, mine, now)
  const whyNot =
    !isResident || !serves(s, person?.homePath)
      ? '仅服务范围内的居民可以兑换'
      : refusal
        ? ERROR_MESSAGES[refusal]
        : (account?.balance ?? 0) < s.cost
          ? `${ERROR_MESSAGES.POINTS_INSUFFICIENT}：需要 ${s.cost} 分`
          : null
  return {
    ...serviceCard(s),
    description: s.description,
    voucherDays: s.voucherDays,
    served: units.map((u) => ({ id: u._id, name: u.name })),
    issued: s.issued,
    mine,
    canRedeem: whyNot === null,
    whyNot,
    canManage: provides(caller, s),
  }
}

export const service: Action<'points', 'service'> = {
  async handle({ payload, caller, data }) {
    const s = await data.services.get(payload.serviceId)
    // residents see what serves them; providers see their own
    if (
      !s ||
      (!serves(s, caller.person?.homePath) &&
        !provides(caller, s) &&
        !unitsFor(caller).some((u) => s.unitIds.includes(u)))
    )
      throw new AppError('NOT_FOUND')
    return serviceDetail(data, caller, s)
  },
}

/** The served units must be the community itself or grids inside it. */
async function checkServed(data: Data, communityPath: string, unitIds: readonly string[]): Promise<void> {
  const found = new Map((await data.units.byIds(unitIds)).map((u) => [u._id, u]))
  for (const id of unitIds) {
    const u = found.get(id)
    if (!u || u.retired) throw new AppError('NOT_FOUND')
    if (!isWithin(u.path, communityPath) || (u.level !== 'community' && u.level !== 'grid'))
      throw new AppError('INVALID_PAYLOAD', `「${u.name}」不在本社区，或不是社区或网格`)
  }
}

export const postService: Action<'points', 'postService'> = {
  target: (p) => p.communityId,
  async handle({ payload, caller, data, target }) {
    const person = caller.person
    if (!person || !caller.openid || !target) throw new AppError('NOT_REGISTERED')
    if (target.level !== 'community') throw new AppError('INVALID_PAYLOAD', '请选择一个社区')
    const now = new Date()
    const validUntil = new Date(payload.validUntil)
    const problem = validUntilProblem(validUntil, now)
    if (problem) throw new AppError('INVALID_PAYLOAD', problem)
    await checkServed(data, target.path, payload.unitIds)
    // a merchant of this community offers as their shop; community staff as the community
    const asMerchant = caller.grants.some((g) => g.role === 'merchant' && g.unitId === target._id)
    const provider: ServiceProvider = asMerchant
      ? { kind: 'merchant', id: person._id }
      : { kind: 'pool', id: target._id }
    const providerName = asMerchant ? (person.shopName ?? person.name) : target.name
    await checkText(caller.openid, payload.title, payload.description)
    const doc: ServiceDoc = {
      _id: randomBytes(12).toString('hex'),
      title: payload.title,
      description: payload.description,
      provider,
      providerName,
      communityId: target._id,
      unitIds: [...new Set(payload.unitIds)],
      cost: payload.cost,
      stock: payload.stock,
      issued: 0,
      perPersonLimit: payload.perPersonLimit,
      validUntil,
      voucherDays: payload.voucherDays,
      status: 'open',
      createdBy: person._id,
      createdAt: now,
      updatedAt: now,
    }
    const { _id, ...fields } = doc
    await data.transaction(async (tx) => tx.services.set(_id, fields))
    return serviceDetail(data, caller, doc, now)
  },
}

export const updateService: Action<'points', 'updateService'> = {
  target: async (p, data) => (await data.services.get(p.serviceId))?.communityId ?? null,
  async handle({ payload, caller, data, target }) {
    if (!caller.openid || !target) throw new AppError('NOT_REGISTERED')
    const before = await data.services.get(payload.serviceId)
    if (!before) throw new AppError('NOT_FOUND')
    if (!provides(caller, before)) throw new AppError('FORBIDDEN', '只有提供这项服务的商户或社区可以修改')
    const now = new Date()
    if (payload.validUntil) {
      const problem = validUntilProblem(new Date(payload.validUntil), now)
      if (problem) throw new AppError('INVALID_PAYLOAD', problem)
    }
    if (payload.unitIds) await checkServed(data, target.path, payload.unitIds)
    if (payload.title !== undefined || payload.description !== undefined)
      await checkText(caller.openid, payload.title ?? before.title, payload.description ?? before.description)
    const after = await data.transaction(async (tx) => {
      const s = await tx.services.get(payload.serviceId)
      if (!s) throw new AppError('NOT_FOUND')
      const stock = stockAfter(s.stock, payload.stockDelta ?? 0)
      if (stock === null)
        throw new AppError('INVALID_PAYLOAD', `库存只剩 ${s.stock}，不能减少 ${-(payload.stockDelta ?? 0)}`)
      const patch: Partial<Omit<ServiceDoc, '_id'>> = {
        ...(payload.title !== undefined ? { title: payload.title } : {}),
        ...(payload.description !== undefined ? { description: payload.description } : {}),
        ...(payload.cost !== undefined ? { cost: payload.cost } : {}),
        ...(payload.perPersonLimit !== undefined ? { perPersonLimit: payload.perPersonLimit } : {}),
        ...(payload.validUntil !== undefined ? { validUntil: new Date(payload.validUntil) } : {}),
        ...(payload.voucherDays !== undefined ? { voucherDays: payload.voucherDays } : {}),
        ...(payload.unitIds !== undefined ? { unitIds: [...new Set(payload.unitIds)] } : {}),
        ...(payload.status !== undefined ? { status: payload.status } : {}),
        stock,
        updatedAt: now,
      }
      await tx.services.update(s._id, patch)
      return { ...s, ...patch }
    })
    return serviceDetail(data, caller, after, now)
  },
}
