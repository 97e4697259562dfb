/**
 * server/points-ledger.ts over an in-memory transaction: postTransfer posts once per id, refuses below zero writing
 * nothing, gives a refund back the very lots its redeem took, remembers the crediting pool, and the environment's
 * expiry rule is parsed strictly; walletSummary reads what the 积分 tab shows first.
 */
import { transferId } from '../../core/ids'
import type { AccountDoc, PointsSettingsDoc, TransferDoc } from '../../core/model'
import type { Data, TxData } from '../../server/data'
import { rulesOf } from '../../core/points/settings'
import { AppError } from '../../server/errors'
import { expiryRule, postTransfer, walletSummary } from '../../server/points-ledger'

type Store = {
  accounts: Map<string, AccountDoc>
  transfers: Map<string, TransferDoc>
  pointsSettings?: Map<string, PointsSettingsDoc>
}

function memoryTx(store: Store): TxData {
  const col = <T extends { _id: string }>(m: Map<string, T>) => ({
    get: async (id: string) => m.get(id) ?? null,
    set: async (id: string, data: Omit<T, '_id'>) => void m.set(id, { _id: id, ...data } as T),
    update: async (id: string, patch: Partial<T>) => void m.set(id, { ...(m.get(id) as T), ...patch }),
    increment: async () => undefined,
    add: async () => '',
  })
  return {
    accounts: col(store.accounts),
    transfers: col(store.transfers),
    pointsSettings: col(store.pointsSettings ?? new Map()),
    // the dashboard's period counters read the person's home: nobody here has one, so none move
    people: col(new Map()),
  } as unknown as TxData
}

/** Runs like data.transaction: the writes land only if the work did not throw. */
async function inTx<T>(store: Store, work: (tx: TxData) => Promise<T>): Promise<T> {
  const copy: Store = { ...store, accounts: new Map(store.accounts), transfers: new Map(store.transfers) }
  const out = await work(memoryTx(copy))
  store.accounts = copy.accounts
  store.transfers = copy.transfers
  return out
}

const pool = { kind: 'pool', id: 'c1' } as const
const person = { kind: 'person', id: 'p1' } as const
const shop = { kind: 'merchant', id: 'm1' } as const
const at = new Date('2026-03-05T02:00:00Z')
const earn = (amount: number, id = 's1') => ({
  id: transferId('earn', id),
  from: pool,
  to: person,
  amount,
  kind: 'earn' as const,
  reason: '志愿服务',
  ref: { kind: 'signup' as const, id },
  actorId: 'organiser',
  at,
})

describe('postTransfer', () => {
  it('posts once per id, with two legs summing to zero and both balances', async () => {
    const store: Store = { accounts: new Map(), transfers: new Map() }
    expect(await inTx(store, (tx) => postTransfer(tx, earn(30)))).toBe('posted')
    expect(await inTx(store, (tx) => postTransfer(tx, earn(30)))).toBe('already')
    expect(store.transfers.size).toBe(1)
    const t = store.transfers.get(transferId('earn', 's1')) as TransferDoc
    expect(t.legs).toEqual([
      { accountId: 'pool_c1', amount: -30 },
      { accountId: 'person_p1', amount: 30 },
    ])
    expect(t.expiresAt).toEqual(new Date('2027-12-31T16:00:00Z'))
    expect(store.accounts.get('pool_c1')?.balance).toBe(-30)
    expect(store.accounts.get('person_p1')).toMatchObject({ balance: 30, pool: 'c1', version: 1 })
  })

  it('refuses a debit below zero and writes nothing', async () => {
    const store: Store = { accounts: new Map(), transfers: new Map() }
    await inTx(store, (tx) => postTransfer(tx, earn(10)))
    const spend = { ...earn(11), id: 'redeem_v1', from: person, to: shop, kind: 'redeem' as const }
    await expect(
      inTx(store, (tx) => postTransfer(tx, { ...spend, ref: { kind: 'voucher', id: 'v1' } })),
    ).rejects.toEqual(new AppError('POINTS_INSUFFICIENT'))
    expect(store.transfers.size).toBe(1)
    expect(store.accounts.get('person_p1')?.balance).toBe(10)
  })

  it('gives a refund back the lots its redeem took (their expiry dates too)', async () => {
    const store: Store = { accounts: new Map(), transfers: new Map() }
    await inTx(store, (tx) => postTransfer(tx, earn(10, 's1')))
    await inTx(store, (tx) => postTransfer(tx, { ...earn(10, 's2'), at: new Date('2027-03-05T02:00:00Z') }))
    const ref = { kind: 'voucher' as const, id: 'v1' }
    const redeem = { ...earn(15), id: transferId('redeem', 'v1'), from: person, to: shop, kind: 'redeem' as const, ref }
    await inTx(store, (tx) => postTransfer(tx, redeem))
    expect(store.accounts.get('person_p1')?.lots).toEqual([{ expiresAt: new Date('2028-12-31T16:00:00Z'), amount: 5 }])
    const refund = { ...redeem, id: transferId('refund', 'v1'), from: shop, to: person, kind: 'refund' as const }
    await inTx(store, (tx) => postTransfer(tx, refund))
    expect(store.accounts.get('person_p1')?.lots).toEqual([
      { expiresAt: new Date('2027-12-31T16:00:00Z'), amount: 10 },
      { expiresAt: new Date('2028-12-31T16:00:00Z'), amount: 10 },
    ])
    expect(store.accounts.get('merchant_m1')?.balance).toBe(0)
  })

  it("dates the earned lots by the paying community's own expiry rule when its staff set one", async () => {
    const settings: PointsSettingsDoc = {
      _id: 'c1',
      rules: { ...rulesOf(null), expiry: { kind: 'days', days: 90 } },
      version: 1,
      updatedAt: at,
      updatedBy: 'staff',
      updatedByName: '社区工作者',
    }
    const store: Store = { accounts: new Map(), transfers: new Map(), pointsSettings: new Map([['c1', settings]]) }
    await inTx(store, (tx) => postTransfer(tx, earn(30)))
    expect(store.accounts.get('person_p1')?.lots).toEqual([{ expiresAt: new Date('2026-06-03T02:00:00Z'), amount: 30 }])
  })
})

describe('expiryRule', () => {
  it('defaults to the end of next year and refuses a rule it cannot read', () => {
    expect(expiryRule({})).toEqual({ kind: 'endOfYear', yearsAfter: 1 })
    expect(expiryRule({ POINTS_EXPIRY: 'days:90' })).toEqual({ kind: 'days', days: 90 })
    expect(() => expiryRule({ POINTS_EXPIRY: 'next year' })).toThrow('POINTS_EXPIRY is not a rule: next year')
  })
})

describe('walletSummary', () => {
  it('is the balance, the soonest expiry within 60 days, and the usable vouchers', async () => {
    const account: AccountDoc = {
      _id: 'person_p1',
      kind: 'person',
      ownerId: 'p1',
      balance: 40,
      lots: [
        { expiresAt: new Date('2026-12-31T16:00:00Z'), amount: 15 },
        { expiresAt: new Date('2027-12-31T16:00:00Z'), amount: 25 },
      ],
      nextExpiry: new Date('2026-12-31T16:00:00Z'),
      version: 3,
      createdAt: at,
      updatedAt: at,
    }
    const asked: string[] = []
    const data = {
      accounts: { get: async (id: string) => (asked.push(id), id === account._id ? account : null) },
      vouchers: { activeCount: async (personId: string, now: Date) => (personId === 'p1' && +now > 0 ? 2 : 0) },
    } as unknown as Data
    expect(await walletSummary(data, 'p1', new Date('2026-12-02T00:00:00Z'))).toEqual({
      balance: 40,
      expiringSoon: { amount: 15, at: '2026-12-31T16:00:00.000Z' },
      vouchersActive: 2,
    })
    expect(await walletSummary(data, 'p1', new Date('2026-06-01T00:00:00Z'))).toMatchObject({ expiringSoon: null })
    expect(await walletSummary(data, 'nobody')).toEqual({ balance: 0, expiringSoon: null, vouchersActive: 0 })
    expect(asked).toContain('person_nobody')
  })
})
