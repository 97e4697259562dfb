import { beijingMonth, monthRange } from '../../../core/points/months'

it.each([
  ['2026-11-30T15:59:59Z', '2026-11'],
  ['2026-11-30T16:00:00Z', '2026-12'],
])('beijingMonth(%s) = %s', (at, month) => {
  expect(beijingMonth(new Date(at))).toBe(month)
})

it.each([
  ['2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ['2026-02', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
])('monthRange(%s)', (month, from, to) => {
  const r = monthRange(month)
  expect([r.from.toISOString(), r.to.toISOString()]).toEqual([from, to])
})
