import { filledOf, seatCountsOf, seatDrift } from '../../../core/duty/recount'

const seats = (...statuses: ('active' | 'cancelled' | 'earned' | 'absent')[]) => statuses.map((status) => ({ status }))

describe('a shift’s seat counts recounted from its sign-ups', () => {
  it.each([
    ['no seats', seats(), 0],
    ['active seats', seats('active', 'active'), 2],
    ['a cancelled seat is free again', seats('active', 'cancelled'), 1],
    ['confirmed seats (earned, absent) stay taken', seats('earned', 'absent', 'cancelled'), 2],
  ])('%s', (_name, s, filled) => {
    expect(filledOf(s)).toBe(filled)
    expect(seatCountsOf(3, s)).toEqual({ filled, free: 3 - filled })
  })

  it.each([
    [{ filled: 2, free: 1 }, { filled: 2, free: 1 }, null],
    [
      { filled: 3, free: 0 },
      { filled: 1, free: 2 },
      { filled: -2, free: 2 },
    ],
    // free alone wrong (written apart from filled)
    [
      { filled: 1, free: 1 },
      { filled: 1, free: 2 },
      { filled: 0, free: 1 },
    ],
  ])('held %j, recount %j → drift %j', (held, want, drift) => {
    expect(seatDrift(held, want)).toEqual(drift)
  })
})
