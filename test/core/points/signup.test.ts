import { cancelCountsAsNoShow, noShowBar, placeOf, signUpOpen } from '../../../core/points/signup'

const at = (iso: string) => new Date(iso)

describe('where a sign-up lands', () => {
  it.each([
    [{ quota: 2, filled: 0, waiting: 0 }, 'confirmed'],
    [{ quota: 2, filled: 1, waiting: 0 }, 'confirmed'],
    [{ quota: 2, filled: 2, waiting: 0 }, 'waiting'],
    [{ quota: 2, filled: 1, waiting: 1 }, 'waiting'],
  ])('%j → %s', (role, place) => expect(placeOf(role)).toBe(place))
})

describe('cancelling', () => {
  const start = at('2026-12-05T10:00:00Z')
  it.each([
    ['confirmed, 4 h before', 'confirmed', '2026-12-05T06:00:00Z', 3, false],
    ['confirmed, exactly 3 h before', 'confirmed', '2026-12-05T07:00:00Z', 3, false],
    ['confirmed, 2 h before', 'confirmed', '2026-12-05T08:00:00Z', 3, true],
    ['waiting, 2 h before', 'waiting', '2026-12-05T08:00:00Z', 3, false],
    ['confirmed, 2 h before, free until 1 h', 'confirmed', '2026-12-05T08:00:00Z', 1, false],
  ] as const)('%s: no-show %s', (_label, status, now, hours, noShow) => {
    expect(cancelCountsAsNoShow(status, start, hours, at(now))).toBe(noShow)
  })
})

describe('no-shows bar signing up', () => {
  const now = at('2026-12-05T00:00:00Z')
  it.each([
    ['none', [], null],
    ['one', ['2026-11-20T00:00:00Z'], null],
    [
      'two this year, last 15 days ago',
      ['2026-06-01T00:00:00Z', '2026-11-20T00:00:00Z'],
      { noShows: 2, until: at('2026-12-20T00:00:00Z') },
    ],
    ['two, last 40 days ago: the bar is over', ['2026-06-01T00:00:00Z', '2026-10-26T00:00:00Z'], null],
    ['two, one over a year old', ['2025-11-01T00:00:00Z', '2026-11-20T00:00:00Z'], null],
  ])('%s', (_label, dates, bar) => {
    expect(noShowBar((dates as string[]).map(at), now)).toEqual(bar)
  })
})

it('sign-up is open within its window', () => {
  const w = { signUpOpensAt: at('2026-12-01T00:00:00Z'), signUpClosesAt: at('2026-12-05T00:00:00Z') }
  expect(
    [at('2026-11-30T00:00:00Z'), at('2026-12-03T00:00:00Z'), at('2026-12-06T00:00:00Z')].map((d) => signUpOpen(w, d)),
  ).toEqual([false, true, false])
})
