/**
 * The ledger's rule as a model, many thousand random movements: whatever is posted or refused, every account's
 * balance equals the sum of its legs, all legs sum to zero, no person or merchant goes below zero, a person's lots
 * add up to their balance, and a refund gives back exactly the lots its redeem took (test/functions/points/
 * property.test.ts runs the same invariants through the real functions, with fewer runs).
 */
import fc from 'fast-check'
import { legsOf, post, type AccountRef, type Holding, type Leg, type Lot } from '../../../core/points/ledger'
import { dueLots, expiresAt, DEFAULT_EXPIRY_RULE } from '../../../core/points/expiry'

const key = (r: AccountRef) => `${r.kind}_${r.id}`
const PEOPLE: AccountRef[] = ['p1', 'p2', 'p3'].map((id) => ({ kind: 'person', id }))
const MERCHANT: AccountRef = { kind: 'merchant', id: 'm1' }
const POOL: AccountRef = { kind: 'pool', id: 'c1' }
const START = Date.UTC(2026, 0, 1)

type Step =
  | { op: 'earn'; who: number; amount: number; day: number }
  | { op: 'spend'; who: number; amount: number; toMerchant: boolean }
  | { op: 'refund'; pick: number }
  | { op: 'expire'; who: number; day: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('earn' as const),
    who: fc.nat(2),
    amount: fc.integer({ min: 1, max: 50 }),
    day: fc.nat(1500),
  }),
  fc.record({
    op: fc.constant('spend' as const),
    who: fc.nat(2),
    amount: fc.integer({ min: 1, max: 80 }),
    toMerchant: fc.boolean(),
  }),
  fc.record({ op: fc.constant('refund' as const), pick: fc.nat(20) }),
  fc.record({ op: fc.constant('expire' as const), who: fc.nat(2), day: fc.nat(1500) }),
)

it('keeps every balance equal to its legs, the total at zero, and lots with balances', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const held = new Map<string, Holding>()
      const legs: Leg[] = []
      const redeems: { from: AccountRef; to: AccountRef; amount: number; taken: Lot[]; refunded: boolean }[] = []
      const h = (r: AccountRef) => held.get(key(r)) ?? { balance: 0, lots: [] }
      const apply = (from: AccountRef, to: AccountRef, amount: number, credit: Lot[]) => {
        const res = post({ from, to, amount }, h(from), h(to), credit)
        if (!res.ok) return null
        held.set(key(from), res.from)
        held.set(key(to), res.to)
        legs.push(...legsOf(key(from), key(to), amount))
        return res
      }
      for (const s of steps) {
        if (s.op === 'earn') {
          const at = new Date(START + s.day * 86_400_000)
          apply(POOL, PEOPLE[s.who], s.amount, [{ expiresAt: expiresAt(at, DEFAULT_EXPIRY_RULE), amount: s.amount }])
        } else if (s.op === 'spend') {
          const to = s.toMerchant ? MERCHANT : POOL
          const before = h(PEOPLE[s.who]).balance
          const res = apply(PEOPLE[s.who], to, s.amount, [])
          // refused exactly when it would go below zero
          expect(res === null).toBe(before < s.amount)
          if (res) redeems.push({ from: PEOPLE[s.who], to, amount: s.amount, taken: res.taken, refunded: false })
        } else if (s.op === 'refund') {
          const r = redeems.filter((x) => !x.refunded)[s.pick % Math.max(1, redeems.length)]
          if (r && !r.refunded) {
            const res = apply(r.to, r.from, r.amount, r.taken)
            if (res) r.refunded = true
          }
        } else {
          const now = new Date(START + s.day * 86_400_000)
          const due = dueLots(h(PEOPLE[s.who]).lots, now).due.reduce((sum, l) => sum + l.amount, 0)
          if (due > 0) {
            apply(PEOPLE[s.who], POOL, due, [])
            // nothing past its date is left
            expect(dueLots(h(PEOPLE[s.who]).lots, now).due).toEqual([])
          }
        }
        // the invariants, after every step
        const sums = new Map<string, number>()
        for (const l of legs) sums.set(l.accountId, (sums.get(l.accountId) ?? 0) + l.amount)
        let total = 0
        for (const [id, acc] of held) {
          expect(acc.balance).toBe(sums.get(id) ?? 0)
          total += acc.balance
          if (!id.startsWith('pool_')) expect(acc.balance).toBeGreaterThanOrEqual(0)
          if (id.startsWith('person_')) expect(acc.lots.reduce((sum, l) => sum + l.amount, 0)).toBe(acc.balance)
        }
        expect(total).toBe(0)
        expect(legs.reduce((sum, l) => sum + l.amount, 0)).toBe(0)
      }
    }),
    { numRuns: 2000 },
  )
})
