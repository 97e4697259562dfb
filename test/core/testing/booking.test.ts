import { decideBooking, firstWithRoom } from '../../../core/testing/booking'

const slot = (id: string, booked: number, capacity = 2, buildingId = 'b1') => ({
  _id: id,
  buildingId,
  capacity,
  booked,
})

describe('decideBooking', () => {
  const home = { buildingId: 'b1' }
  it.each([
    ['a first booking with room', null, slot('s1', 1), { kind: 'book' }],
    ['a first booking into a full slot', null, slot('s1', 2), { kind: 'refuse', code: 'TESTING_SLOT_FULL' }],
    ['the same slot again (even full)', { slotId: 's1', doneAt: null }, slot('s1', 2), { kind: 'same' }],
    ['a move with room', { slotId: 's1', doneAt: null }, slot('s2', 0), { kind: 'move', from: 's1' }],
    [
      'a move into a full slot',
      { slotId: 's1', doneAt: null },
      slot('s2', 2),
      { kind: 'refuse', code: 'TESTING_SLOT_FULL' },
    ],
    [
      'a move once done',
      { slotId: 's1', doneAt: new Date() },
      slot('s2', 0),
      { kind: 'refuse', code: 'TESTING_ALREADY_DONE' },
    ],
    ['another building', null, slot('s3', 0, 2, 'b2'), { kind: 'refuse', code: 'TESTING_BUILDING_INVALID' }],
  ])('%s', (_label, current, target, want) => {
    expect(decideBooking(current, target, home)).toEqual(want)
  })
})

it('firstWithRoom takes the earliest slot with room', () => {
  const slots = [
    { ...slot('s2', 0), index: 2 },
    { ...slot('s0', 2), index: 0 },
    { ...slot('s1', 1), index: 1 },
  ]
  expect(firstWithRoom(slots)?._id).toBe('s1')
  expect(firstWithRoom(slots.map((s) => ({ ...s, booked: 2 })))).toBeNull()
})
