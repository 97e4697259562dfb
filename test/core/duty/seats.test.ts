/**
 * Seats: the table of decisions, then a model of many random sign-ups, assignments and cancellations over a few
 * shifts and people (the handler's transaction applies exactly these decisions to the documents it read): no shift
 * ever holds more than its capacity, its count is its active seats, and nobody holds two overlapping shifts.
 */
import fc from 'fast-check'
import {
  decideCancel,
  decideSignUp,
  MAX_HOLDS,
  overlapping,
  type Hold,
  type SeatShift,
  type SeatSignup,
} from '../../../core/duty/seats'

const H = 3_600_000
const NOW = new Date('2026-03-01T00:00:00Z')
const at = (hours: number) => new Date(+NOW + hours * H)
const shift = (id: string, from: number, to: number, capacity = 2, filled = 0): SeatShift => ({
  _id: id,
  startAt: at(from),
  endAt: at(to),
  capacity,
  filled,
  confirmedAt: null,
})
const hold = (s: SeatShift): Hold => ({ shiftId: s._id, startAt: s.startAt, endAt: s.endAt })
const active: SeatSignup = { status: 'active' }

describe('decideSignUp', () => {
  const a = shift('a', 8, 16)
  it.each([
    ['a free seat', a, null, [], 'self', NOW, { ok: true, change: 'seat', holds: [hold(a)], filled: 1 }],
    ['already on it', a, active, [hold(a)], 'self', NOW, { ok: true, change: 'none' }],
    ['full', shift('a', 8, 16, 2, 2), null, [], 'self', NOW, { ok: false, code: 'DUTY_SHIFT_FULL' }],
    ['started, by oneself', a, null, [], 'self', at(9), { ok: false, code: 'DUTY_SHIFT_STARTED' }],
    ['started, by a leader', a, null, [], 'leader', at(9), { ok: true, change: 'seat', holds: [hold(a)], filled: 1 }],
    ['ended, by a leader', a, null, [], 'leader', at(16), { ok: false, code: 'DUTY_SHIFT_STARTED' }],
    ['confirmed', { ...a, confirmedAt: NOW }, null, [], 'leader', NOW, { ok: false, code: 'DUTY_SHIFT_STARTED' }],
    [
      'an overlapping hold elsewhere',
      a,
      null,
      [hold(shift('x', 12, 20))],
      'self',
      NOW,
      { ok: false, code: 'DUTY_OVERLAP' },
    ],
    [
      'a back-to-back hold',
      a,
      { status: 'cancelled' },
      [hold(shift('x', 16, 24))],
      'self',
      NOW,
      { ok: true, change: 'seat', holds: [hold(shift('x', 16, 24)), hold(a)], filled: 1 },
    ],
    [
      'an ended hold is dropped',
      a,
      null,
      [hold(shift('old', -10, -2))],
      'self',
      NOW,
      { ok: true, change: 'seat', holds: [hold(a)], filled: 1 },
    ],
  ] as const)('%s', (_name, s, signup, holds, by, now, expected) => {
    expect(decideSignUp(s, signup, holds, by, now)).toEqual(expected)
  })

  it('refuses past MAX_HOLDS live holds', () => {
    const holds = Array.from({ length: MAX_HOLDS }, (_, i) => hold(shift(`h${i}`, 100 + i * 10, 105 + i * 10)))
    expect(decideSignUp(a, null, holds, 'self', NOW)).toEqual({ ok: false, code: 'DUTY_HOLDS_FULL' })
  })
})

describe('decideCancel', () => {
  const a = shift('a', 8, 16, 2, 1)
  it.each([
    [
      'one’s own before the start',
      a,
      active,
      [hold(a)],
      'self',
      NOW,
      { ok: true, change: 'seat', holds: [], filled: 0 },
    ],
    ['not on it', a, null, [], 'self', NOW, { ok: false, code: 'DUTY_NOT_SIGNED_UP' }],
    ['cancelled already', a, { status: 'cancelled' }, [], 'self', NOW, { ok: false, code: 'DUTY_NOT_SIGNED_UP' }],
    [
      'checked in',
      a,
      { status: 'active', checkInAt: at(8) },
      [hold(a)],
      'leader',
      at(9),
      { ok: false, code: 'DUTY_ALREADY_IN' },
    ],
    ['started, by oneself', a, active, [hold(a)], 'self', at(8), { ok: false, code: 'DUTY_SHIFT_STARTED' }],
    ['started, by a leader', a, active, [hold(a)], 'leader', at(8), { ok: true, change: 'seat', holds: [], filled: 0 }],
  ] as const)('%s', (_name, s, signup, holds, by, now, expected) => {
    expect(decideCancel(s, signup, holds, by, now)).toEqual(expected)
  })
})

it('overlapping: touching spans do not overlap', () => {
  expect(overlapping(shift('a', 0, 8), shift('b', 8, 16))).toBe(false)
  expect(overlapping(shift('a', 0, 9), shift('b', 8, 16))).toBe(true)
  expect(overlapping(shift('a', 9, 10), shift('b', 8, 16))).toBe(true)
})

// the model: shifts of varied lengths that overlap one another in many ways, three people
const SHIFTS: SeatShift[] = [
  shift('s0', 1, 9, 2),
  shift('s1', 5, 13, 1),
  shift('s2', 9, 17, 3),
  shift('s3', 12, 14, 2),
  shift('s4', 17, 25, 2),
  shift('s5', 2, 30, 1),
]
type Op = { kind: 'join' | 'leave'; who: number; shift: number; by: 'self' | 'leader'; hour: number }
const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('join' as const, 'leave' as const),
  who: fc.nat(2),
  shift: fc.nat(SHIFTS.length - 1),
  by: fc.constantFrom('self' as const, 'leader' as const),
  hour: fc.nat(3),
})

it('never seats past capacity, keeps counts equal to seats, and never gives one person overlapping shifts', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const shifts = new Map(SHIFTS.map((s) => [s._id, { ...s }]))
      const signups = new Map<string, SeatSignup>()
      const holds = new Map<number, Hold[]>()
      let clock = 0
      for (const o of ops) {
        clock = Math.max(clock, o.hour) // time only moves forward
        const s = shifts.get(SHIFTS[o.shift]._id) as SeatShift
        const key = `${s._id}_${o.who}`
        const decide = o.kind === 'join' ? decideSignUp : decideCancel
        const d = decide(s, signups.get(key) ?? null, holds.get(o.who) ?? [], o.by, at(clock))
        if (!d.ok || d.change === 'none') continue
        s.filled = d.filled
        holds.set(o.who, d.holds)
        signups.set(key, { status: o.kind === 'join' ? 'active' : 'cancelled' })
      }
      for (const s of shifts.values()) {
        expect(s.filled).toBeLessThanOrEqual(s.capacity)
        const seated = [0, 1, 2].filter((who) => signups.get(`${s._id}_${who}`)?.status === 'active').length
        expect(s.filled).toBe(seated)
      }
      for (const who of [0, 1, 2]) {
        const mine = SHIFTS.filter((s) => signups.get(`${s._id}_${who}`)?.status === 'active')
        for (let i = 0; i < mine.length; i++)
          for (let j = i + 1; j < mine.length; j++) expect(overlapping(mine[i], mine[j])).toBe(false)
      }
    }),
    { numRuns: 2000 },
  )
})
