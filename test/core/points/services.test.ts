import { redeemRefusal, servedUnitsOf, serves, stockAfter, validUntilProblem } from '../../../core/points/services'

const now = new Date('2026-12-02T00:00:00Z')
const open = { status: 'open' as const, validUntil: new Date('2027-01-01T00:00:00Z'), stock: 3, perPersonLimit: 2 }

describe('who is served', () => {
  const home = '/s1/c1/g2/c1-b4/c1-b4-1-101/'
  it('a resident by their grid and community', () => {
    expect(servedUnitsOf(home)).toEqual(['g2', 'c1'])
    expect(servedUnitsOf(undefined)).toEqual([])
  })
  it.each([
    [['c1'], true],
    [['g2'], true],
    [['g1', 'g3'], false],
    [['c2'], false],
  ])('a service for %j serves them: %p', (unitIds, expected) => {
    expect(serves({ unitIds }, home)).toBe(expected)
  })
})

describe('redeemRefusal', () => {
  it.each([
    ['open, in stock, under the limit', open, 0, null],
    ['closed', { ...open, status: 'closed' as const }, 0, 'SERVICE_CLOSED'],
    ['past its date', { ...open, validUntil: now }, 0, 'SERVICE_CLOSED'],
    ['sold out', { ...open, stock: 0 }, 0, 'SERVICE_SOLD_OUT'],
    ['at the per-person limit', open, 2, 'SERVICE_LIMIT_REACHED'],
    ['one under the limit', open, 1, null],
  ])('%s', (_, s, held, expected) => {
    expect(redeemRefusal(s, held, now)).toBe(expected)
  })
})

describe('stock', () => {
  it.each([
    [3, -3, 0],
    [3, -4, null],
    [0, 5, 5],
  ])('%i + %i → %p', (stock, delta, expected) => {
    expect(stockAfter(stock, delta)).toBe(expected)
  })
  it('validUntil must be ahead, within two years', () => {
    expect(validUntilProblem(new Date('2027-01-01T00:00:00Z'), now)).toBeNull()
    expect(validUntilProblem(now, now)).toBe('兑换截止时间应晚于现在')
    expect(validUntilProblem(new Date('2029-12-02T00:00:00Z'), now)).toBe('兑换截止时间最多在 730 天以后')
    expect(validUntilProblem(new Date('x'), now)).toBe('兑换截止时间不对')
  })
})
