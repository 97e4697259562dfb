/**
 * The demo's points wallet, so every persona can try it: services from the community (社区理发) and from both
 * merchants of 和平里社区 (a meal, an 爱心超市 parcel), starting balances posted as real `grant` transfers from the
 * community's pool (to its volunteers and the resident personas; some granted long enough ago to show as expiring
 * soon), one voucher the first resident persona has redeemed and not yet used, and one of the second the restaurant
 * verified yesterday (its 核销对账). Balances come out of the same ledger rule the functions use (core/points/ledger.ts
 * post), so every account equals the sum of its legs.
 * `seedLedger` is shared with the activities seed (its earnings are transfers through the same ledger).
 */
import { accountId, transferId, voucherId } from '../../core/ids'
import type { AccountDoc, PersonDoc, ServiceDoc, TransferDoc, VoucherDoc } from '../../core/model'
import type { Persona } from '../../core/persona'
import { DEFAULT_EXPIRY_RULE, expiresAt } from '../../core/points/expiry'
import { legsOf, nextExpiry, post, type Lot, type Transfer } from '../../core/points/ledger'
import { voucherCode, voucherExpiry } from '../../core/points/vouchers'
import { ancestorAt, type Unit } from '../../core/units'

const DAY = 86_400_000
const BEIJING_OFFSET_MS = 8 * 3_600_000

/** The start of today in Beijing: the seed's anchor, so two builds on one day give the same records. */
export const seedDay = (at: Date = new Date()): Date =>
  new Date(Math.floor((+at + BEIJING_OFFSET_MS) / DAY) * DAY - BEIJING_OFFSET_MS)

/** An in-memory ledger for seeding: the functions' rule, the functions' document shapes. */
export interface SeedLedger {
  post(t: Transfer, amend?: (side: 'from' | 'to', a: AccountDoc) => Partial<AccountDoc> | undefined): void
  account(ref: Transfer['from']): AccountDoc | undefined
  docs(): { accounts: AccountDoc[]; transfers: TransferDoc[] }
}

/** `existing`: accounts already stored, to post on top of (tests that add balances to a running cloud). */
export function seedLedger(existing: readonly AccountDoc[] = []): SeedLedger {
  const accounts = new Map<string, AccountDoc>(existing.map((a) => [a._id, a]))
  const transfers: TransferDoc[] = []
  const get = (ref: Transfer['from'], at: Date): AccountDoc =>
    accounts.get(accountId(ref)) ?? {
      _id: accountId(ref),
      kind: ref.kind,
      ownerId: ref.id,
      balance: 0,
      lots: [],
      nextExpiry: null,
      version: 0,
      createdAt: at,
      updatedAt: at,
    }
  return {
    post(t, amend) {
      const from = get(t.from, t.at)
      const to = get(t.to, t.at)
      const credit: Lot[] =
        t.to.kind === 'person' ? [{ expiresAt: expiresAt(t.at, DEFAULT_EXPIRY_RULE), amount: t.amount }] : []
      const p = post(t, from, to, credit)
      if (!p.ok) throw new Error(`seed transfer ${t.id} refused: ${p.reason}`)
      transfers.push({
        _id: t.id,
        kind: t.kind,
        from: from._id,
        to: to._id,
        accounts: [from._id, to._id],
        legs: legsOf(from._id, to._id, t.amount),
        amount: t.amount,
        reason: t.reason,
        ref: t.ref,
        actorId: t.actorId,
        at: t.at,
        ...(credit[0] ? { expiresAt: credit[0].expiresAt } : {}),
        ...(p.taken.length ? { taken: p.taken } : {}),
      })
      const next = (a: AccountDoc, held: { balance: number; lots: Lot[] }, side: 'from' | 'to'): AccountDoc => ({
        ...a,
        ...amend?.(side, a),
        ...(side === 'to' && t.from.kind === 'pool' && t.to.kind === 'person' ? { pool: t.from.id } : {}),
        balance: held.balance,
        lots: held.lots,
        nextExpiry: nextExpiry(held.lots),
        version: a.version + 1,
        updatedAt: t.at,
      })
      accounts.set(from._id, next(from, p.from, 'from'))
      accounts.set(to._id, next(to, p.to, 'to'))
    },
    account: (ref) => accounts.get(accountId(ref)),
    docs: () => ({ accounts: [...accounts.values()], transfers }),
  }
}

export interface WalletSeed {
  accounts: AccountDoc[]
  transfers: TransferDoc[]
  services: ServiceDoc[]
  vouchers: VoucherDoc[]
}

/**
 * The wallet's demo records for the first community (the personas' own), posted into `ledger` (which may already
 * hold the activities' earnings). `now` anchors every date, so services stay redeemable whenever the demo starts.
 */
export function seedWallet(
  input: { units: readonly Unit[]; people: readonly PersonDoc[]; personas: readonly Persona[]; ledger: SeedLedger },
  now: Date = seedDay(),
): WalletSeed {
  const { units, people, personas, ledger } = input
  const community = units.find((u) => u.level === 'community') as Unit
  const inCommunity = (p: PersonDoc) => !!p.homePath && ancestorAt(p.homePath, 'community') === community._id
  const grids = units.filter((u) => u.level === 'grid' && u.parentId === community._id)
  const staff = people.find((p) => p.roles.some((g) => g.role === 'communityStaff' && g.unitId === community._id))
  const merchants = people.filter((p) => p.roles.some((g) => g.role === 'merchant' && g.unitId === community._id))
  if (!staff || merchants.length < 2) throw new Error('the demo community needs its staff and two merchants')
  const byOpenid = new Map(people.filter((p) => p.openid).map((p) => [p.openid as string, p]))
  const personaPeople = personas
    .filter((p) => p.role === 'resident')
    .map((p) => byOpenid.get(p.openid))
    .filter((p): p is PersonDoc => !!p)
  const pool = { kind: 'pool', id: community._id } as const

  // starting balances: volunteers of the community and the resident personas, granted by the community
  const welcome = new Date(+now - 30 * DAY)
  // granted early last year: expires at the end of this year, so it shows as expiring soon near the year's end
  const lastYear = new Date(Date.UTC(new Date(+now + BEIJING_OFFSET_MS).getUTCFullYear() - 1, 2, 1))
  const grantees = [
    ...new Map(
      [...personaPeople, ...people.filter((p) => p.volunteer && inCommunity(p))].map((p) => [p._id, p]),
    ).values(),
  ]
  for (const p of grantees) {
    const to = { kind: 'person', id: p._id } as const
    ledger.post({
      id: transferId('grant', `seed_welcome_${p._id}`),
      from: pool,
      to,
      amount: 100,
      kind: 'grant',
      reason: '奖励：志愿者入册',
      ref: { kind: 'adjustment', id: `seed_welcome_${p._id}` },
      actorId: staff._id,
      at: welcome,
    })
  }
  for (const p of personaPeople) {
    ledger.post({
      id: transferId('grant', `seed_cleanup_${p._id}`),
      from: pool,
      to: { kind: 'person', id: p._id },
      amount: 30,
      kind: 'grant',
      reason: '奖励：去年楼道清理',
      ref: { kind: 'adjustment', id: `seed_cleanup_${p._id}` },
      actorId: staff._id,
      at: lastYear,
    })
  }

  const validUntil = new Date(+now + 180 * DAY)
  const service = (
    id: string,
    fields: Pick<
      ServiceDoc,
      | 'title'
      | 'description'
      | 'provider'
      | 'providerName'
      | 'unitIds'
      | 'cost'
      | 'stock'
      | 'perPersonLimit'
      | 'voucherDays'
    >,
  ): ServiceDoc => ({
    _id: id,
    ...fields,
    communityId: community._id,
    issued: 0,
    validUntil,
    status: 'open',
    createdBy: fields.provider.kind === 'merchant' ? fields.provider.id : staff._id,
    createdAt: new Date(+now - 7 * DAY),
    updatedAt: new Date(+now - 7 * DAY),
  })
  const [restaurant, shop] = merchants
  const services: ServiceDoc[] = [
    service('svc-haircut', {
      title: '社区理发',
      description: '每周三上午在社区活动室，为老人和志愿者理发。',
      provider: { kind: 'pool', id: community._id },
      providerName: community.name,
      unitIds: [community._id],
      cost: 15,
      stock: 20,
      perPersonLimit: 2,
      voucherDays: 30,
    }),
    service('svc-meal', {
      title: '助餐：一份午餐',
      description: '两荤一素一汤，凭券到店取餐，11:00–13:00。',
      provider: { kind: 'merchant', id: restaurant._id },
      providerName: restaurant.shopName ?? restaurant.name,
      unitIds: [community._id],
      cost: 20,
      stock: 30,
      perPersonLimit: 4,
      voucherDays: 14,
    }),
    service('svc-parcel', {
      title: '爱心超市：生活用品包',
      description: '洗衣液、纸巾、香皂各一份。',
      provider: { kind: 'merchant', id: shop._id },
      providerName: shop.shopName ?? shop.name,
      unitIds: grids.slice(0, 2).map((g) => g._id),
      cost: 50,
      stock: 10,
      perPersonLimit: 1,
      voucherDays: 30,
    }),
  ]

  // one voucher the first resident persona redeemed yesterday and has not used yet, and one the second redeemed three
  // days ago and the restaurant verified yesterday at noon (so its 核销对账 has a row)
  const vouchers: VoucherDoc[] = []
  const redeem = (holder: PersonDoc, key: string, code: string, at: Date, usedAt?: Date): void => {
    const meal = services[1]
    const id = voucherId(holder._id, key)
    ledger.post(
      {
        id: transferId('redeem', id),
        from: { kind: 'person', id: holder._id },
        to: { kind: 'merchant', id: restaurant._id },
        amount: meal.cost,
        kind: 'redeem',
        reason: `兑换「${meal.title}」`,
        ref: { kind: 'voucher', id },
        actorId: holder._id,
        at,
      },
      (side, a) =>
        side === 'from' ? { redeemed: { ...a.redeemed, [meal._id]: (a.redeemed?.[meal._id] ?? 0) + 1 } } : undefined,
    )
    meal.stock -= 1
    meal.issued += 1
    vouchers.push({
      _id: id,
      // a fixed code, so the demo's 核销 can be tried by typing it
      code: voucherCode(code),
      serviceId: meal._id,
      serviceTitle: meal.title,
      providerName: meal.providerName,
      providerAccount: accountId({ kind: 'merchant', id: restaurant._id }),
      communityId: community._id,
      personId: holder._id,
      personName: holder.name,
      cost: meal.cost,
      status: usedAt ? 'used' : 'active',
      createdAt: at,
      expiresAt: voucherExpiry(at, meal.voucherDays, meal.validUntil),
      ...(usedAt ? { usedAt, usedBy: restaurant._id } : {}),
    })
  }
  if (personaPeople[0]) redeem(personaPeople[0], 'seed-meal-1', '20250301001', new Date(+now - DAY))
  if (personaPeople[1])
    redeem(
      personaPeople[1],
      'seed-meal-2',
      '20250301002',
      new Date(+now - 3 * DAY + (11 / 24) * DAY),
      new Date(+now - DAY / 2),
    )
  return { ...ledger.docs(), services, vouchers }
}
