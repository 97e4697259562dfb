import { dueLots, expiresAt, expiringSoon, parseExpiryRule } from '../../../core/points/expiry'

const d = (s: string) => new Date(s)

describe('parseExpiryRule', () => {
  it.each([
    [undefined, { kind: 'endOfYear', yearsAfter: 1 }],
    ['', { kind: 'endOfYear', yearsAfter: 1 }],
    ['end-of-year+0', { kind: 'endOfYear', yearsAfter: 0 }],
    ['end-of-year+2', { kind: 'endOfYear', yearsAfter: 2 }],
    ['days:365', { kind: 'days', days: 365 }],
    ['days:0', null],
    ['next year', null],
    ['end-of-year-1', null],
  ])('%p → %j', (text, rule) => {
    expect(parseExpiryRule(text)).toEqual(rule)
  })
})

describe('expiresAt', () => {
  it.each([
    // by default: the end of the year after the one earned in, Beijing time (2027-12-31 24:00 = 16:00 UTC)
    ['2026-03-05T02:00:00Z', 'end-of-year+1', '2027-12-31T16:00:00.000Z'],
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Beijing
    ['2026-12-31T20:00:00Z', 'end-of-year+1', '2028-12-31T16:00:00.000Z'],
    ['2026-12-31T15:59:59Z', 'end-of-year+0', '2026-12-31T16:00:00.000Z'],
    ['2026-03-05T00:00:00Z', 'days:30', '2026-04-04T00:00:00.000Z'],
  ])('earned %s under %s → %s', (at, rule, expected) => {
    expect(
      expiresAt(d(at), parseExpiryRule(rule) as NonNullable<ReturnType<typeof parseExpiryRule>>).toISOString(),
    ).toBe(expected)
  })
})

describe('due and soon', () => {
  const a = { expiresAt: d('2026-12-31T16:00:00Z'), amount: 5 }
  const b = { expiresAt: d('2027-12-31T16:00:00Z'), amount: 7 }
  it('dueLots splits at the moment', () => {
    expect(dueLots([a, b], d('2026-12-31T16:00:00Z'))).toEqual({ due: [a], kept: [b] })
    expect(dueLots([a, b], d('2026-12-31T15:59:59Z'))).toEqual({ due: [], kept: [a, b] })
  })
  it.each([
    ['2026-12-01T00:00:00Z', { amount: 5, at: a.expiresAt }],
    ['2026-10-01T00:00:00Z', null],
    ['2027-01-01T00:00:00Z', null],
    ['2027-11-15T00:00:00Z', { amount: 7, at: b.expiresAt }],
  ])('expiringSoon at %s (60 days ahead)', (now, expected) => {
    expect(expiringSoon([b, a], d(now))).toEqual(expected)
  })
})
