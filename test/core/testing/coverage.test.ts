import {
  countedUnitIds,
  deltaOf,
  countedOf,
  doorSeconds,
  doorToDone,
  recount,
  sumShards,
} from '../../../core/testing/coverage'

describe('countedUnitIds', () => {
  it.each([
    ['a community round', '/s/c/', '/s/c/g/b/h/', ['c', 'g', 'b']],
    ['a grid round', '/s/c/g/', '/s/c/g/b/h/', ['g', 'b']],
  ])('%s counts from the scope down to the building', (_label, scope, path, ids) => {
    expect(countedUnitIds(scope, path)).toEqual(ids)
  })
  it('refuses a household outside the scope', () => {
    expect(() => countedUnitIds('/s/c/g1/', '/s/c/g2/b/h/')).toThrow()
  })
})

describe('deltas', () => {
  const booked = { doneAt: null }
  const done = { doneAt: new Date() }
  it.each([
    ['a new booking', null, booked, { booked: 1, done: 0 }],
    ['a move', booked, booked, { booked: 0, done: 0 }],
    ['a done', booked, done, { booked: 0, done: 1 }],
    ['a done marked again', done, done, { booked: 0, done: 0 }],
  ])('%s', (_label, before, after, delta) => {
    expect(deltaOf(countedOf(before), countedOf(after))).toEqual(delta)
  })
})

it('recounts every unit and sums shards', () => {
  const at = new Date()
  const counted = recount('/s/c/', [
    { path: '/s/c/g1/b1/h1/', doneAt: at },
    { path: '/s/c/g1/b1/h2/', doneAt: null },
    { path: '/s/c/g2/b3/h3/', doneAt: null },
  ])
  expect(Object.fromEntries(counted)).toEqual({
    c: { booked: 3, done: 1 },
    g1: { booked: 2, done: 1 },
    b1: { booked: 2, done: 1 },
    g2: { booked: 1, done: 0 },
    b3: { booked: 1, done: 0 },
  })
  expect(
    sumShards([
      { booked: 2, done: 1 },
      { booked: 3, done: 0 },
    ]),
  ).toEqual({ booked: 5, done: 1 })
})

describe('door-to-done', () => {
  const start = new Date('2026-12-20T00:00:00Z')
  it.each([
    ['from the call', { calledAt: new Date(+start + 60_000), startAt: start }, new Date(+start + 11 * 60_000), 600],
    ['from the start when never called', { calledAt: null, startAt: start }, new Date(+start + 90_000), 90],
    ['never negative', { calledAt: new Date(+start + 60_000), startAt: start }, start, 0],
  ])('%s', (_label, slot, doneAt, seconds) => {
    expect(doorSeconds(slot, doneAt)).toBe(seconds)
  })
  it.each([
    ['none done', [], { medianMinutes: null, worstMinutes: null, withinGoal: null }],
    ['odd count', [60, 600, 120], { medianMinutes: 2, worstMinutes: 10, withinGoal: true }],
    ['even count', [60, 120, 180, 1260], { medianMinutes: 2.5, worstMinutes: 21, withinGoal: false }],
    ['exactly the goal', [1200], { medianMinutes: 20, worstMinutes: 20, withinGoal: true }],
  ])('%s', (_label, seconds, want) => {
    expect(doorToDone(seconds, 20)).toEqual(want)
  })
})
