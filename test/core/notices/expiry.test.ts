/** How long a notice is up (core/notices/expiry.ts). */
import { expiryProblem, isLive } from '../../../core/notices/expiry'

const now = new Date('2026-11-22T01:00:00Z')
const later = (ms: number) => new Date(+now + ms)
const DAY = 86_400_000

describe('isLive', () => {
  it.each([
    ['one millisecond before its 截止时间', later(1), true],
    ['a day before', later(DAY), true],
    ['at its 截止时间 exactly', now, false],
    ['after it', later(-1), false],
  ])('%s → %s', (_, expiresAt, live) => {
    expect(isLive({ expiresAt }, now)).toBe(live)
  })
  it('reads a stored date whatever form the wire gave it', () => {
    expect(isLive({ expiresAt: '2026-11-22T01:00:01Z' as unknown as Date }, now)).toBe(true)
    expect(isLive({ expiresAt: +now as unknown as Date }, now)).toBe(false)
  })
})

describe('expiryProblem', () => {
  it.each([
    ['now', now, '截止时间须晚于现在'],
    ['in the past', later(-DAY), '截止时间须晚于现在'],
    ['a minute ahead', later(60_000), null],
    ['exactly 90 days ahead', later(90 * DAY), null],
    ['90 days and a second ahead', later(90 * DAY + 1000), '截止时间最多在 90 天以后'],
  ])('%s → %s', (_, expiresAt, problem) => {
    expect(expiryProblem(expiresAt, now)).toBe(problem)
  })
})
