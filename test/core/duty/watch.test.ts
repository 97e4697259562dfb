import {
  dutyPoints,
  dutyPointsPerHour,
  onDutyNow,
  overlapsFound,
  uncovered,
  type WatchShift,
  type WatchSignup,
} from '../../../core/duty/watch'

const H = 3_600_000
const NOW = new Date('2026-03-01T10:00:00Z')
const at = (hours: number) => new Date(+NOW + hours * H)
const shift = (id: string, from: number, to: number, capacity: number, filled: number): WatchShift => ({
  _id: id,
  startAt: at(from),
  endAt: at(to),
  capacity,
  filled,
})
const seat = (id: string, personId: string, shiftId: string, from: number, to: number, extra = {}): WatchSignup => ({
  _id: id,
  shiftId,
  personId,
  name: personId,
  startAt: at(from),
  endAt: at(to),
  ...extra,
})

it('uncovered: shifts running or starting within 24 hours with free seats, soonest first', () => {
  const shifts = [
    shift('later', 30, 38, 2, 0),
    shift('soon', 6, 14, 2, 1),
    shift('running', -2, 6, 2, 0),
    shift('full', 2, 10, 2, 2),
    shift('ended', -10, -2, 2, 0),
    shift('edge', 23, 31, 1, 0),
  ]
  expect(uncovered(shifts, NOW).map((s) => s._id)).toEqual(['running', 'soon', 'edge'])
})

it('onDutyNow: checked in on a running shift and not yet out', () => {
  const seats = [
    seat('in', 'p1', 'a', -2, 6, { checkInAt: at(-2) }),
    seat('out', 'p2', 'a', -2, 6, { checkInAt: at(-2), checkOutAt: at(-1) }),
    seat('notYet', 'p3', 'a', -2, 6),
    seat('ended', 'p4', 'b', -10, -2, { checkInAt: at(-10) }),
  ]
  expect(onDutyNow(seats, NOW).map((s) => s._id)).toEqual(['in'])
})

it('overlapsFound: each overlapping pair of one person once; touching shifts and other people are fine', () => {
  const seats = [
    seat('a', 'p1', 's1', 0, 8),
    seat('b', 'p1', 's2', 4, 12),
    seat('c', 'p1', 's3', 12, 20),
    seat('d', 'p2', 's1', 0, 8),
    seat('e', 'p2', 's4', 8, 16),
  ]
  expect(overlapsFound(seats)).toEqual([{ personId: 'p1', name: 'p1', signupIds: ['a', 'b'] }])
})

it.each([
  [undefined, 10],
  [null, 10],
  [0, 0],
  [25, 25],
  [50, 50],
  [51, 10],
  [-1, 10],
  [2.5, 10],
])('dutyPointsPerHour(%p) = %p', (stored, rate) => {
  expect(dutyPointsPerHour(stored)).toBe(rate)
})

it.each([
  [480, 10, 80],
  [59, 10, 9],
  [0, 10, 0],
  [-5, 10, 0],
  [90, 7, 10],
])('dutyPoints(%p minutes, %p/h) = %p', (minutes, rate, points) => {
  expect(dutyPoints(minutes, rate)).toBe(points)
})
