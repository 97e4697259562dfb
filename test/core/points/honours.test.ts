import { nextStarHours, starOf } from '../../../core/points/honours'

describe('star levels by total hours (100/300/600/1000/1500)', () => {
  it.each([
    [0, 0, 100],
    [99 * 60 + 59, 0, 100],
    [100 * 60, 1, 300],
    [650 * 60, 3, 1000],
    [1500 * 60, 5, null],
  ])('%i minutes → %i stars, next at %s h', (minutes, star, next) => {
    expect(starOf(minutes)).toBe(star)
    expect(nextStarHours(minutes)).toBe(next)
  })
  it('takes other levels', () => expect(starOf(120, [1, 2, 3])).toBe(2))
})
