/**
 * Seats under contention, through the real SDK and the local cloud's transactions: many residents at once for the
 * last seats of one shift, and one person racing for two overlapping shifts at two checkpoints (and a leader
 * assigning them at the same time). Whatever the interleaving, no shift holds more than its capacity, its count is
 * its seats, and the person holds one of the two. A create double-tapped or retried (one request id) makes one checkpoint.
 */
import type { CheckpointCard } from '../../../core/contract'
import { beijingDayOf } from '../../../core/duty/shifts'
import { dutyPersonId, shiftId } from '../../../core/ids'
import type { CheckpointDoc, DutyPersonDoc, PersonDoc, ShiftDoc, ShiftSignupDoc } from '../../../core/model'
import { startDutyCloud, type DutyCloud } from '../harness/duty-cloud'

/** A fresh tap id for each create (the same one is a retry). */
let taps = 0
const tap = (): string => `tap-${Date.now().toString(36)}-${++taps}`

jest.setTimeout(180_000)

let g: DutyCloud
let chief: PersonDoc
let staff: PersonDoc
beforeAll(async () => {
  g = await startDutyCloud()
  chief = await g.newLeader('gridChief', 'g1')
  staff = await g.newLeader('communityStaff', 'c1')
})
afterAll(async () => {
  await g?.close()
})

const day = () => beijingDayOf(new Date(Date.now() + 24 * 3_600_000))
const startOf = (hour: number) => new Date(Date.parse(`${day()}T${String(hour).padStart(2, '0')}:00:00+08:00`))

async function read(shift: string): Promise<{ shift: ShiftDoc; seats: ShiftSignupDoc[] }> {
  const { shifts, shiftSignups } = await g.collections(['shifts', 'shiftSignups'])
  return {
    shift: (shifts as ShiftDoc[]).find((s) => s._id === shift) as ShiftDoc,
    seats: (shiftSignups as ShiftSignupDoc[]).filter((s) => s.shiftId === shift && s.status === 'active'),
  }
}

it('seats exactly the capacity of a shift when 40 residents sign up at once', async () => {
  const cp = await g.ok<CheckpointCard>(chief, 'createCheckpoint', { tapId: tap(), unitId: 'g1', name: '南门卡口' })
  await g.ok(chief, 'addShifts', {
    checkpointId: cp.id,
    fromDay: day(),
    toDay: day(),
    template: [{ startHour: 8, hours: 8, capacity: 3 }],
  })
  const id = shiftId(cp.id, startOf(8))
  const people = await Promise.all(Array.from({ length: 40 }, (_, i) => g.newResident('c1', i)))
  const results = await Promise.all(people.map((p) => g.act(p, 'signUp', { shiftId: id })))
  const codes = results.map((r) => (r.ok ? 'ok' : r.code))
  expect(codes.filter((c) => c === 'ok')).toHaveLength(3)
  expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['DUTY_SHIFT_FULL']))
  const { shift, seats } = await read(id)
  expect([shift.filled, shift.free, seats.length]).toEqual([3, 0, 3])
  const winners = people.filter((_, i) => results[i].ok).map((p) => p._id)
  expect(seats.map((s) => s.personId).sort()).toEqual(winners.sort())
})

it('never lets one person hold two overlapping shifts, however the sign-ups and assignments race', async () => {
  const east = await g.ok<CheckpointCard>(chief, 'createCheckpoint', { tapId: tap(), unitId: 'g1', name: '一号卡口' })
  const west = await g.ok<CheckpointCard>(staff, 'createCheckpoint', { tapId: tap(), unitId: 'c1', name: '二号卡口' })
  const template = (startHour: number) => [{ startHour, hours: 8, capacity: 10 }]
  await g.ok(chief, 'addShifts', { checkpointId: east.id, fromDay: day(), toDay: day(), template: template(8) })
  await g.ok(staff, 'addShifts', { checkpointId: west.id, fromDay: day(), toDay: day(), template: template(12) })
  const a = shiftId(east.id, startOf(8))
  const b = shiftId(west.id, startOf(12))
  for (let round = 0; round < 5; round++) {
    const p = await g.newResident('g1', 20 + round)
    const calls = [
      ...Array.from({ length: 4 }, (_, i) => g.act(p, 'signUp', { shiftId: i % 2 ? a : b })),
      g.act(chief, 'assign', { shiftId: a, personId: p._id }),
      g.act(staff, 'assign', { shiftId: b, personId: p._id }),
    ]
    const results = await Promise.all(calls)
    expect(results.some((r) => r.ok)).toBe(true)
    for (const r of results) if (!r.ok) expect(r.code).toBe('DUTY_OVERLAP')
    const [ra, rb] = [await read(a), await read(b)]
    const held = [...ra.seats, ...rb.seats].filter((s) => s.personId === p._id)
    expect(held).toHaveLength(1)
    const { dutyPeople } = await g.collections(['dutyPeople'])
    const doc = (dutyPeople as DutyPersonDoc[]).find((d) => d._id === dutyPersonId(p._id))
    expect(doc?.holds.map((h) => h.shiftId)).toEqual([held[0].shiftId])
    // the counts are the seats
    expect(ra.shift.filled).toBe(ra.seats.length)
    expect(rb.shift.filled).toBe(rb.seats.length)
  }
})

it('makes one checkpoint of a create double-tapped or retried with the same request id', async () => {
  const payload = { tapId: tap(), unitId: 'g1', name: '重试卡口', place: '北门外' }
  const twins = await Promise.all([
    g.act(chief, 'createCheckpoint', payload),
    g.act(chief, 'createCheckpoint', payload),
  ])
  const cards = twins.map((r) => (r.ok ? (r.data as CheckpointCard) : r.code))
  const retry = await g.ok<CheckpointCard>(chief, 'createCheckpoint', payload)
  expect(cards).toEqual([retry, retry])
  const { checkpoints } = await g.collections(['checkpoints'])
  expect((checkpoints as CheckpointDoc[]).filter((c) => c.name === '重试卡口').map((c) => c._id)).toEqual([retry.id])
  // the same tap id is another leader's own: theirs makes their own checkpoint
  const theirs = await g.ok<CheckpointCard>(staff, 'createCheckpoint', payload)
  expect(theirs.id).not.toBe(retry.id)
  // a new tap makes a new one
  const next = await g.ok<CheckpointCard>(chief, 'createCheckpoint', { ...payload, tapId: tap() })
  expect(next.id).not.toBe(retry.id)
})
