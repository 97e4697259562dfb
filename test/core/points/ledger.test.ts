import {
  addLots,
  legsOf,
  nextExpiry,
  post,
  sumOfLegs,
  takeLots,
  type AccountRef,
  type Holding,
} from '../../../core/points/ledger'

const d = (s: string) => new Date(s)
const person = (id: string) => ({ kind: 'person', id }) as const
const pool = { kind: 'pool', id: 'c1' } as const
const merchant = { kind: 'merchant', id: 'm1' } as const
const empty: Holding = { balance: 0, lots: [] }

describe('legsOf', () => {
  it('writes two legs that sum to zero', () => {
    const [a, b] = legsOf('pool_c1', 'person_p1', 30)
    expect([a, b]).toEqual([
      { accountId: 'pool_c1', amount: -30 },
      { accountId: 'person_p1', amount: 30 },
    ])
    expect(a.amount + b.amount).toBe(0)
  })
})

describe('post', () => {
  const lot = { expiresAt: d('2027-12-31T16:00:00Z'), amount: 10 }
  it.each<[string, AccountRef, AccountRef, Holding, number, boolean]>([
    ['the pool may go negative (it issues)', pool, person('p1'), empty, 10, true],
    ['a person may not go below zero', person('p1'), pool, { balance: 5, lots: [{ ...lot, amount: 5 }] }, 6, false],
    [
      'a person may spend all they have',
      person('p1'),
      merchant,
      { balance: 5, lots: [{ ...lot, amount: 5 }] },
      5,
      true,
    ],
    ['a merchant may not go below zero', merchant, person('p1'), { balance: 3, lots: [] }, 4, false],
  ])('%s', (_, from, to, held, amount, ok) => {
    const res = post({ from, to, amount }, held, empty, [{ ...lot, amount }])
    expect(res.ok).toBe(ok)
    if (!ok) expect(res).toEqual({ ok: false, reason: 'insufficient' })
  })

  it.each([0, -5, 1.5, Number.NaN])('refuses the amount %p', (amount) => {
    expect(post({ from: pool, to: person('p1'), amount }, empty, empty, [])).toEqual({
      ok: false,
      reason: 'bad-amount',
    })
  })

  it('refuses a transfer to the same account', () => {
    expect(post({ from: person('p1'), to: person('p1'), amount: 1 }, { balance: 5, lots: [] }, empty, [])).toEqual({
      ok: false,
      reason: 'same-account',
    })
  })

  it('moves balances by the amount and lots with them, earliest-expiring first', () => {
    const early = { expiresAt: d('2026-12-31T16:00:00Z'), amount: 8 }
    const late = { expiresAt: d('2027-12-31T16:00:00Z'), amount: 20 }
    const res = post({ from: person('p1'), to: merchant, amount: 10 }, { balance: 28, lots: [late, early] }, empty, [])
    expect(res).toEqual({
      ok: true,
      from: { balance: 18, lots: [{ ...late, amount: 18 }] },
      to: { balance: 10, lots: [] },
      taken: [early, { ...late, amount: 2 }],
    })
  })

  it('credits a person the lots given, merged by expiry', () => {
    const at = d('2027-12-31T16:00:00Z')
    const res = post(
      { from: pool, to: person('p1'), amount: 5 },
      empty,
      { balance: 5, lots: [{ expiresAt: at, amount: 5 }] },
      [{ expiresAt: at, amount: 5 }],
    )
    expect(res.ok && res.to).toEqual({ balance: 10, lots: [{ expiresAt: at, amount: 10 }] })
  })
})

describe('lots', () => {
  const a = { expiresAt: d('2026-12-31T16:00:00Z'), amount: 3 }
  const b = { expiresAt: d('2027-12-31T16:00:00Z'), amount: 4 }
  it.each([
    [[a, b], 0, { left: [a, b], taken: [] }],
    [[b, a], 3, { left: [b], taken: [a] }],
    [[a, b], 5, { left: [{ ...b, amount: 2 }], taken: [a, { ...b, amount: 2 }] }],
    [[a, b], 9, { left: [], taken: [a, b] }],
  ])('takeLots(%j, %i)', (lots, amount, expected) => {
    expect(takeLots(lots, amount)).toEqual(expected)
  })
  it('addLots merges per expiry and drops empty ones', () => {
    expect(addLots([b], [a, { ...b, amount: 1 }, { ...a, amount: 0 }])).toEqual([a, { ...b, amount: 5 }])
  })
  it('nextExpiry is the earliest, or null', () => {
    expect(nextExpiry([b, a])).toEqual(a.expiresAt)
    expect(nextExpiry([])).toBeNull()
  })
})

describe('sumOfLegs', () => {
  it('adds an account’s legs over transfers', () => {
    const ts = [{ legs: legsOf('pool_c1', 'person_p1', 10) }, { legs: legsOf('person_p1', 'merchant_m1', 4) }]
    expect([sumOfLegs('pool_c1', ts), sumOfLegs('person_p1', ts), sumOfLegs('merchant_m1', ts)]).toEqual([-10, 6, 4])
  })
})
