/**
 * The wallet through the real wx-server-sdk against the local cloud over the demo community: balances and history,
 * redeeming (points, stock and voucher together; once per request id), the per-person limit, cancelling back
 * through the ledger, 核销 once with a masked name, the monthly statement, and leaders' adjustments within their
 * limits — after every step the stored ledger still balances.
 */
import type {
  AdjustResult,
  Paged,
  ServiceDetail,
  Statement,
  VerifyResult,
  VoucherView,
  Wallet,
} from '../../../core/contract/points/wallet'
import type { AuditDoc, PersonDoc, ServiceDoc, VoucherDoc } from '../../../core/model'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { maskName } from '../../../core/mask'
import { isVoucherCode } from '../../../core/points/vouchers'
import { ancestorAt } from '../../../core/units'
import { data, exactly } from '../harness/functions-cloud'
import { ledgerProblems, startWalletCloud, type WalletCloud } from '../harness/wallet-cloud'

jest.setTimeout(120_000)

let g: WalletCloud
let resident: PersonDoc
let merchant: PersonDoc
let staff: PersonDoc
let ownChief: PersonDoc
let otherChief: PersonDoc
let poor: PersonDoc

const byOpenid = (openid: string) => g.demo.people.find((p) => p.openid === openid) as PersonDoc
let serial = 0
const request = () => `req-${Date.now().toString(36)}-${++serial}`

beforeAll(async () => {
  g = await startWalletCloud()
  const personas = g.demo.personas
  resident = byOpenid(personas[0].openid)
  merchant = g.persona('merchant')
  staff = g.persona('communityStaff')
  otherChief = byOpenid(personas[3].openid)
  ownChief = byOpenid(personas[6].openid)
  // a signed-up resident of the first grid who has no points (not a volunteer, not a persona)
  const grid = ancestorAt(resident.homePath as string, 'grid')
  const points = new Set((await g.ledger()).accounts.map((a) => a.ownerId))
  poor = g.demo.people.find(
    (p) =>
      p.openid && p.roles.length === 1 && !points.has(p._id) && p.homePath && ancestorAt(p.homePath, 'grid') === grid,
  ) as PersonDoc
})
afterAll(async () => {
  await g?.close()
})

afterEach(async () => {
  expect(ledgerProblems(await g.ledger())).toEqual([])
})

const wallet = async (p: PersonDoc) => data(await g.act<Wallet>(p, 'wallet', {}))
const stored = async <T>(collection: string, id: string) =>
  ((await g.dump())[collection] as { _id: string }[]).find((d) => d._id === id) as T | undefined

describe('the wallet', () => {
  it('shows the seeded balance, history newest first, and the points that expire soonest', async () => {
    const w = await wallet(resident)
    // two grants (100 + 30) and one redeemed meal (−20)
    expect(w.balance).toBe(110)
    expect(w.history.total).toBe(3)
    expect(w.history.rows.map((r) => [r.kind, r.amount])).toEqual([
      ['redeem', -20],
      ['grant', 100],
      ['grant', 30],
    ])
    // the meal took the earliest-expiring points first: 10 of last year's 30 are left, expiring first
    expect(w.expiries[0].amount).toBe(10)
    expect(w.expiries.reduce((s, l) => s + l.amount, 0)).toBe(110)
  })

  it('is empty for someone who never had points', async () => {
    const w = await wallet(poor)
    expect(w).toMatchObject({ balance: 0, expiringSoon: null, expiries: [], history: { total: 0, rows: [] } })
  })
})

describe('redeeming', () => {
  it('takes the points and one from stock and issues a voucher, once for a repeated request', async () => {
    const before = await wallet(resident)
    const requestId = request()
    const first = data(
      await g.act<{ voucher: VoucherView; balance: number }>(resident, 'redeem', {
        serviceId: 'svc-haircut',
        requestId,
      }),
    )
    expect(first.balance).toBe(before.balance - 15)
    expect(isVoucherCode(first.voucher.code.replace(/ /g, ''))).toBe(true)
    expect(first.voucher).toMatchObject({ serviceTitle: '社区理发', state: 'active', cancellable: true, cost: 15 })
    expect(first.voucher.qr).toContain(first.voucher.code.replace(/ /g, ''))
    const again = data(
      await g.act<{ voucher: VoucherView; balance: number }>(resident, 'redeem', {
        serviceId: 'svc-haircut',
        requestId,
      }),
    )
    expect(again.voucher.id).toBe(first.voucher.id)
    expect(again.voucher.code).toBe(first.voucher.code)
    expect((await wallet(resident)).balance).toBe(before.balance - 15)
    expect((await stored<ServiceDoc>('services', 'svc-haircut'))?.stock).toBe(19)
  })

  it('refuses beyond the per-person limit, and writes nothing', async () => {
    // the limit is 2: one redeemed above, one more allowed
    data(await g.act(resident, 'redeem', { serviceId: 'svc-haircut', requestId: request() }))
    const balance = (await wallet(resident)).balance
    expect(await g.act(resident, 'redeem', { serviceId: 'svc-haircut', requestId: request() })).toEqual(
      exactly('SERVICE_LIMIT_REACHED'),
    )
    expect((await wallet(resident)).balance).toBe(balance)
    expect((await stored<ServiceDoc>('services', 'svc-haircut'))?.stock).toBe(18)
  })

  it('refuses without enough points, and writes nothing', async () => {
    const vouchersBefore = (await g.dump()).vouchers.length
    expect(await g.act(poor, 'redeem', { serviceId: 'svc-meal', requestId: request() })).toEqual(
      exactly('POINTS_INSUFFICIENT'),
    )
    expect((await g.dump()).vouchers.length).toBe(vouchersBefore)
    const detail = data(await g.act<ServiceDetail>(poor, 'service', { serviceId: 'svc-meal' }))
    expect(detail).toMatchObject({ canRedeem: false, whyNot: '积分不足：需要 20 分' })
  })

  it('does not offer a service outside its grids', async () => {
    // the parcel serves grids 1 and 2; the other grid chief's persona lives elsewhere, so a resident of grid 3+ is used
    const far = g.demo.people.find(
      (p) =>
        p.openid &&
        p.roles.length === 1 &&
        p.homePath &&
        ['g3', 'g4'].includes(ancestorAt(p.homePath, 'grid') as string),
    ) as PersonDoc
    expect(await g.act(far, 'redeem', { serviceId: 'svc-parcel', requestId: request() })).toEqual(exactly('NOT_FOUND'))
    const listed = data(await g.act<Paged<{ id: string }>>(far, 'services', {}))
    expect(listed.rows.map((s) => s.id).sort()).toEqual(['svc-haircut', 'svc-meal'])
  })
})

describe('cancelling and 核销', () => {
  let voucher: VoucherView

  beforeAll(async () => {
    voucher = data(
      await g.act<{ voucher: VoucherView }>(resident, 'redeem', { serviceId: 'svc-meal', requestId: request() }),
    ).voucher
  })

  it('cancelling an unused voucher gives the points and the stock back, once', async () => {
    const v = data(
      await g.act<{ voucher: VoucherView }>(resident, 'redeem', { serviceId: 'svc-meal', requestId: request() }),
    ).voucher
    const balance = (await wallet(resident)).balance
    const stock = (await stored<ServiceDoc>('services', 'svc-meal'))?.stock as number
    const res = data(
      await g.act<{ voucher: VoucherView; balance: number }>(resident, 'cancelVoucher', { voucherId: v.id }),
    )
    expect(res).toMatchObject({ balance: balance + 20, voucher: { state: 'cancelled', cancellable: false } })
    // a second tap changes nothing
    data(await g.act(resident, 'cancelVoucher', { voucherId: v.id }))
    expect((await wallet(resident)).balance).toBe(balance + 20)
    expect((await stored<ServiceDoc>('services', 'svc-meal'))?.stock).toBe(stock + 1)
    const history = (await wallet(resident)).history.rows
    expect(history[0]).toMatchObject({ kind: 'refund', amount: 20 })
    // the merchant cannot verify a cancelled voucher
    expect(await g.act(merchant, 'verifyVoucher', { code: v.code })).toEqual(exactly('VOUCHER_CANCELLED'))
  })

  it('nobody else sees or cancels my voucher', async () => {
    expect(await g.act(poor, 'voucher', { voucherId: voucher.id })).toEqual(exactly('NOT_FOUND'))
    expect(await g.act(poor, 'cancelVoucher', { voucherId: voucher.id })).toEqual(exactly('NOT_FOUND'))
  })

  it('a mistyped code is caught before any lookup; another shop does not find it', async () => {
    const digits = voucher.code.replace(/ /g, '')
    const wrong = digits.slice(0, 11) + String((Number(digits[11]) + 1) % 10)
    expect(await g.act(merchant, 'verifyVoucher', { code: wrong })).toEqual(exactly('VOUCHER_CODE_INVALID'))
    const otherShop = g.demo.people.find((p) => p.shopName === '惠民便利店') as PersonDoc
    expect(await g.act(otherShop, 'verifyVoucher', { code: voucher.code })).toEqual(exactly('VOUCHER_NOT_FOUND'))
  })

  it('the merchant verifies by the scanned QR text once, seeing only the service, the code and a masked name', async () => {
    const res = data(await g.act<VerifyResult>(merchant, 'verifyVoucher', { code: voucher.qr }))
    expect(res).toMatchObject({ serviceTitle: '助餐：一份午餐', code: voucher.code, cost: 20 })
    expect(res.holder).toBe(resident.name[0] + '*'.repeat([...resident.name].length - 1))
    expect(Object.keys(res).sort()).toEqual(['code', 'cost', 'holder', 'serviceTitle', 'usedAt'])
    const second = await g.act(merchant, 'verifyVoucher', { code: voucher.code })
    expect(second).toMatchObject({ ok: false, code: 'VOUCHER_USED' })
    expect((second as { message: string }).message).toMatch(
      /^这张兑换券已经核销过了，不能重复使用：核销于 \d{4}-\d\d-\d\d \d\d:\d\d$/,
    )
    expect(await g.act(resident, 'cancelVoucher', { voucherId: voucher.id })).toEqual(exactly('VOUCHER_USED'))
    const mine = data(await g.act<VoucherView>(resident, 'voucher', { voucherId: voucher.id }))
    expect(mine).toMatchObject({ state: 'used', cancellable: false })
  })

  it('two scans at the same moment verify it once', async () => {
    const v = data(
      await g.act<{ voucher: VoucherView }>(resident, 'redeem', { serviceId: 'svc-meal', requestId: request() }),
    ).voucher
    await g.warm(merchant)
    const results = await Promise.all([1, 2, 3].map(() => g.act(merchant, 'verifyVoucher', { code: v.code })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => (r as { code: string }).code)).toEqual([
      'VOUCHER_USED',
      'VOUCHER_USED',
    ])
  })

  it('the statement of the month lists what the merchant verified', async () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)
    // and the demo's own, verified yesterday noon (in this month unless today is its first)
    const seeded = (g.demo.points.vouchers as VoucherDoc[]).filter(
      (v) => v.usedAt && new Date(+v.usedAt + 8 * 3_600_000).toISOString().slice(0, 7) === month,
    ).length
    const s = data(await g.act<Statement>(merchant, 'statement', { month }))
    const [count, points] = [2 + seeded, 40 + 20 * seeded]
    expect(s).toMatchObject({ month, providerName: '老王家常菜', count, points })
    expect(s.byService).toEqual([{ serviceId: 'svc-meal', title: '助餐：一份午餐', count, points }])
    expect(s.rows.rows.every((r) => r.holder.includes('*'))).toBe(true)
    const empty = data(await g.act<Statement>(merchant, 'statement', { month: '2020-01' }))
    expect(empty).toMatchObject({ count: 0, points: 0, byService: [] })
  })
})

describe('the community’s own services', () => {
  it('community staff verify their community’s vouchers and read its statement; a merchant cannot', async () => {
    const holder = byOpenid(g.demo.personas[8].openid)
    const v = data(
      await g.act<{ voucher: VoucherView }>(holder, 'redeem', { serviceId: 'svc-haircut', requestId: request() }),
    ).voucher
    expect(await g.act(merchant, 'verifyVoucher', { code: v.code })).toEqual(exactly('VOUCHER_NOT_FOUND'))
    const res = data(await g.act<VerifyResult>(staff, 'verifyVoucher', { code: v.code }))
    expect(res).toMatchObject({ serviceTitle: '社区理发', cost: 15, holder: maskName(holder.name) })
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)
    const s = data(await g.act<Statement>(staff, 'statement', { month }))
    expect(s).toMatchObject({ providerName: '和平里社区', count: 1, points: 15 })
    expect(s.byService).toEqual([{ serviceId: 'svc-haircut', title: '社区理发', count: 1, points: 15 }])
  })
})

describe('services', () => {
  it('a merchant posts one as their shop; staff as the community; only the provider changes it', async () => {
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString()
    const community = merchant.roles.find((r) => r.role === 'merchant')?.unitId as string
    const base = {
      communityId: community,
      cost: 30,
      stock: 5,
      perPersonLimit: 1,
      validUntil,
      voucherDays: 7,
      unitIds: [community],
    }
    const shop = data(await g.act<ServiceDetail>(merchant, 'postService', { ...base, title: '家电维修上门' }))
    expect(shop).toMatchObject({ providerName: '老王家常菜', providerKind: 'merchant', stock: 5, canManage: true })
    const own = data(await g.act<ServiceDetail>(staff, 'postService', { ...base, title: '爱心理发' }))
    expect(own).toMatchObject({ providerName: '和平里社区', providerKind: 'community' })
    expect(await g.act(staff, 'updateService', { serviceId: shop.id, stockDelta: 1 })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(await g.act(merchant, 'updateService', { serviceId: shop.id, stockDelta: -6 })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    const changed = data(
      await g.act<ServiceDetail>(merchant, 'updateService', { serviceId: shop.id, stockDelta: 3, cost: 25 }),
    )
    expect(changed).toMatchObject({ stock: 8, cost: 25 })
    const mine = data(await g.act<Paged<{ id: string }>>(merchant, 'services', { mine: true }))
    expect(mine.rows.map((s) => s.id)).toContain(shop.id)
    expect(mine.rows.map((s) => s.id)).not.toContain(own.id)
  })
})

describe('adjustments', () => {
  it('a grid chief grants with a reason; the entry is audit-logged; the same request posts once', async () => {
    const requestId = request()
    const before = (await wallet(resident)).balance
    const payload = {
      personId: resident._id,
      direction: 'grant',
      amount: 20,
      reason: '协助组织垃圾分类宣传',
      requestId,
    }
    const res = data(await g.act<AdjustResult>(ownChief, 'adjustPoints', payload))
    expect(res).toMatchObject({ posted: true, balance: before + 20, remaining: { grant: 480, deduct: 200 } })
    const again = data(await g.act<AdjustResult>(ownChief, 'adjustPoints', payload))
    expect(again).toMatchObject({ posted: false, balance: before + 20 })
    const entries = ((await g.dump()).audit as AuditDoc[]).filter((a) => a.action === 'points.adjustPoints')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actorId: ownChief._id,
      subjectIds: [resident._id],
      note: '奖励 20 分：协助组织垃圾分类宣传',
    })
    expect((await wallet(resident)).history.rows[0]).toMatchObject({
      kind: 'grant',
      amount: 20,
      reason: '奖励：协助组织垃圾分类宣传',
    })
  })

  it('refuses without a reason, beyond the month’s limit, below zero, to oneself, and outside one’s grid', async () => {
    const base = { personId: resident._id, direction: 'grant', amount: 10, requestId: request() }
    expect(await g.act(ownChief, 'adjustPoints', { ...base, reason: '好' })).toEqual(exactly('POINTS_REASON_REQUIRED'))
    expect(await g.act(ownChief, 'adjustPoints', { ...base, amount: 481, reason: '超过额度的奖励' })).toEqual({
      ...exactly('POINTS_LIMIT_EXCEEDED'),
      message: '超出本月可调整的积分额度：本月还可奖励 480 分',
    })
    const balance = (await wallet(resident)).balance
    expect(
      await g.act(ownChief, 'adjustPoints', {
        ...base,
        direction: 'deduct',
        amount: balance + 1,
        reason: '扣减超过余额',
      }),
    ).toEqual(exactly('POINTS_INSUFFICIENT'))
    expect(await g.act(ownChief, 'adjustPoints', { ...base, personId: ownChief._id, reason: '给自己加分' })).toEqual(
      exactly('POINTS_SELF'),
    )
    expect(await g.act(otherChief, 'adjustPoints', { ...base, reason: '别的网格的居民' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect((await wallet(resident)).balance).toBe(balance)
    const entries = ((await g.dump()).audit as AuditDoc[]).filter((a) => a.action === 'points.adjustPoints')
    expect(entries).toHaveLength(1)
  })
})

describe('the expire timer', () => {
  it('posts the points past their date back to the pool, once, however often it fires', async () => {
    const before = await wallet(resident)
    const first = before.expiries[0]
    const after = new Date(+new Date(first.at) + 1000)
    const fired = data(await g.fireExpire(after))
    expect(fired.points).toBeGreaterThanOrEqual(first.amount)
    const w = await wallet(resident)
    expect(w.balance).toBe(before.balance - first.amount)
    expect(w.history.rows[0]).toMatchObject({ kind: 'expire', amount: -first.amount, reason: '积分到期' })
    // fired again (and twice at once): nothing more expires
    const again = await Promise.all([g.fireExpire(after), g.fireExpire(after)])
    expect(again.map((r) => data(r).points)).toEqual([0, 0])
    expect((await wallet(resident)).balance).toBe(before.balance - first.amount)
    const vouchers = (await g.dump()).vouchers as VoucherDoc[]
    expect(vouchers.length).toBeGreaterThan(0)
  })
})

describe('a holder who deletes their data', () => {
  it('leaves the merchant’s statement with the voucher but not their name', async () => {
    const neighbour = byOpenid(g.demo.personas[7].openid)
    // whatever the timer above left them, enough for one meal
    const reason = '帮助邻居搬运物资'
    data(
      await g.act(ownChief, 'adjustPoints', {
        personId: neighbour._id,
        direction: 'grant',
        amount: 30,
        reason,
        requestId: request(),
      }),
    )
    const v = data(
      await g.act<{ voucher: VoucherView }>(neighbour, 'redeem', { serviceId: 'svc-meal', requestId: request() }),
    ).voucher
    data(await g.act(merchant, 'verifyVoucher', { code: v.code }))
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)
    const before = data(await g.act<Statement>(merchant, 'statement', { month, pageSize: 50 }))
    expect(before.rows.rows.find((r) => r.code === v.code)?.holder).toBe(maskName(neighbour.name))
    const res = await g.cloud.callFunction(
      'privacy',
      { action: 'requestDeletion', payload: { confirm: true } },
      {
        openid: neighbour.openid as string,
      },
    )
    expect(res.result).toMatchObject({ ok: true })
    const after = data(await g.act<Statement>(merchant, 'statement', { month, pageSize: 50 }))
    expect(after.count).toBe(before.count)
    expect(after.rows.rows.find((r) => r.code === v.code)?.holder).toBe(maskName(DELETED_NAME))
    const stored = ((await g.dump()).vouchers as VoucherDoc[]).filter((x) => x.personId === neighbour._id)
    expect(stored.map((x) => x.personName)).toEqual(stored.map(() => DELETED_NAME))
  })
})
