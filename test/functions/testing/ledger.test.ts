/**
 * THE SLOT RULE through the real wx-server-sdk against the local cloud, in process (cloudfunctions/testing/ledger.ts
 * and assign.ts over server/data): under 200 racing bookings and moves against slots of small capacity no slot
 * is ever overbooked and each household holds one booking; over random concurrent bookings, moves and dones
 * (fast-check) every slot's counters and every unit's coverage shards equal a recount of the bookings; the
 * assignment job killed midway (a transaction that never returns) and run again books every household once.
 */
import fc from 'fast-check'
import { testingSlotId } from '../../../core/ids'
import type { TestingBookingDoc, TestingCounterDoc, TestingRoundDoc, TestingSlotDoc } from '../../../core/model'
import { recount, sumShards } from '../../../core/testing/coverage'
import type { Unit } from '../../../core/units'
import { assignStep } from '../../../cloudfunctions/testing/assign'
import { bookHousehold, markHouseholdDone, type HouseholdRef } from '../../../cloudfunctions/testing/ledger'
import { eachBounded } from '../../../server/bounded'
import type { Database } from '../../../server/cloud'
import { createData, type Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { startTestCloud, type TestCloud } from '../../emulator/helpers'

jest.setTimeout(600_000)

let tc: TestCloud
let data: Data
beforeAll(async () => {
  tc = await startTestCloud()
  data = createData(tc.db as Database)
})
afterAll(() => tc.close())

const SCOPE = '/s/c/'
/** households h<b>-<n> in buildings b<b> of grids g<b % 2> of community c */
const household = (b: number, n: number): HouseholdRef => ({
  id: `h${b}-${n}`,
  path: `/s/c/g${b % 2}/b${b}/h${b}-${n}/`,
  door: `${b}栋${n}室`,
  buildingId: `b${b}`,
})

let serial = 0
/** A round with `perBuilding` slots of `capacity` in each of `buildings` buildings. */
async function seedRound(buildings: number, perBuilding: number, capacity: number): Promise<TestingRoundDoc> {
  const round: TestingRoundDoc = {
    _id: `round${++serial}`,
    name: '测试轮',
    date: '2026-12-20',
    emergencyId: null,
    scopeUnitId: 'c',
    scopePath: SCOPE,
    communityId: 'c',
    sites: [{ name: '点', place: '门口', workerIds: ['w'], workerNames: ['工作人员'] }],
    workerIds: ['w'],
    planned: Array.from({ length: buildings }, (_, b) => ({ buildingId: `b${b}`, siteIndex: 0, slots: perBuilding })),
    secret: 'secret',
    assign: { index: 0, after: '', finished: false },
    createdBy: 'staff',
    createdByName: '社区',
    createdAt: new Date(),
  }
  const { _id, ...rest } = round
  await tc.db.collection('testingRounds').doc(_id).set({ data: rest })
  for (let b = 0; b < buildings; b++)
    for (let i = 0; i < perBuilding; i++) {
      const slot: Omit<TestingSlotDoc, '_id'> = {
        roundId: round._id,
        buildingId: `b${b}`,
        buildingName: `${b}栋`,
        siteIndex: 0,
        index: i,
        startAt: new Date(Date.UTC(2026, 11, 20, 0, 20 * i)),
        endAt: new Date(Date.UTC(2026, 11, 20, 0, 20 * (i + 1))),
        capacity,
        booked: 0,
        done: 0,
        calledAt: null,
        calledBy: null,
        doneSeconds: [],
      }
      await tc.db
        .collection('testingSlots')
        .doc(testingSlotId(round._id, `b${b}`, i))
        .set({ data: slot })
    }
  return round
}

async function docs<T>(collection: string, roundId: string): Promise<T[]> {
  const out: T[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = (await tc.db.collection(collection).where({ roundId }).skip(offset).limit(1000).get()).data as T[]
    out.push(...page)
    if (page.length < 1000) return out
  }
}

/** Every slot's booked and done equal its bookings, none over capacity; every unit's shards equal the recount. */
async function expectLedger(roundId: string) {
  const [bookings, slots, counters] = await Promise.all([
    docs<TestingBookingDoc>('testingBookings', roundId),
    docs<TestingSlotDoc>('testingSlots', roundId),
    docs<TestingCounterDoc>('testingCounters', roundId),
  ])
  for (const s of slots) {
    const held = bookings.filter((b) => b.slotId === s._id)
    expect({ slot: s._id, booked: s.booked, done: s.done, seconds: s.doneSeconds.length }).toEqual({
      slot: s._id,
      booked: held.length,
      done: held.filter((b) => b.doneAt).length,
      seconds: held.filter((b) => b.doneAt).length,
    })
    expect(s.booked).toBeLessThanOrEqual(s.capacity)
  }
  expect(new Set(bookings.map((b) => b.householdId)).size).toBe(bookings.length)
  const summed = new Map<string, { booked: number; done: number }>()
  for (const id of new Set(counters.map((x) => x.unitId)))
    summed.set(id, sumShards(counters.filter((x) => x.unitId === id)))
  const want = [...recount(SCOPE, bookings)].filter(([, v]) => v.booked || v.done)
  const held = [...summed].filter(([, v]) => v.booked || v.done)
  expect(Object.fromEntries(held.sort())).toEqual(Object.fromEntries(want.sort()))
  return { bookings, slots }
}

const refusal = async (p: Promise<unknown>): Promise<string | null> => {
  try {
    await p
    return null
  } catch (e) {
    if (e instanceof AppError) return e.code
    throw e
  }
}

it('200 bookings and moves racing, 16 in flight, against small slots: never overbooked, each household once', async () => {
  // 2 buildings × 3 slots × 4 places = 24 places for 60 households, each booking then moving; 16 in flight, as many
  // as one function instance writes at once (the 200 at once through the function: races.test.ts)
  const round = await seedRound(2, 3, 4)
  const now = new Date()
  const ops = Array.from({ length: 200 }, (_, i) => {
    const b = i % 2
    return {
      h: household(b, Math.floor(i / 2) % 30),
      slot: testingSlotId(round._id, `b${b}`, (i * 7) % 3),
      by: `p${i}`,
    }
  })
  const codes: (string | null)[] = []
  await eachBounded(ops, 16, async (o) => {
    codes.push(await refusal(bookHousehold(data, round, o.h, o.slot, o.by, now)))
  })
  const { bookings, slots } = await expectLedger(round._id)
  expect(slots.every((s) => s.booked === s.capacity)).toBe(true)
  expect(bookings).toHaveLength(24)
  // every refusal is a plain full slot, never an error
  expect(new Set(codes.filter((c) => c !== null))).toEqual(new Set(['TESTING_SLOT_FULL']))
})

it('counters equal a recount over random concurrent bookings, moves and dones', async () => {
  const op = fc.record({
    kind: fc.constantFrom('book', 'book', 'done'),
    building: fc.integer({ min: 0, max: 2 }),
    n: fc.integer({ min: 0, max: 7 }),
    slot: fc.integer({ min: 0, max: 2 }),
  })
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(op, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
      async (rounds) => {
        const round = await seedRound(3, 3, 3)
        for (const batch of rounds) {
          await Promise.all(
            batch.map((o) => {
              const h = household(o.building, o.n)
              return refusal(
                o.kind === 'book'
                  ? bookHousehold(data, round, h, testingSlotId(round._id, `b${o.building}`, o.slot), 'p', new Date())
                  : markHouseholdDone(data, round, `${round._id}_${h.id}`, 'w', new Date()),
              )
            }),
          )
        }
        await expectLedger(round._id)
      },
    ),
    { numRuns: 12 },
  )
})

it('the assignment job killed midway and run again books every household once', async () => {
  const round = await seedRound(2, 3, 5)
  // the tree the job reads: 2 buildings of 12 households (24 for 30 places)
  const units: Unit[] = []
  for (let b = 0; b < 2; b++)
    for (let n = 0; n < 12; n++) {
      const h = household(b, n)
      units.push({ _id: h.id, level: 'household', name: h.door, parentId: `b${b}`, path: h.path, room: h.door })
    }
  for (const u of units) {
    const { _id, ...rest } = u
    await tc.db.collection('units').doc(_id).set({ data: rest })
  }
  // a call that dies after 7 transactions (as kill -9 would: nothing after it runs, its cursor is never saved)
  let left = 7
  const dying: Data = {
    ...data,
    transaction: (work, precheck) => {
      if (left-- <= 0) return new Promise(() => undefined)
      return data.transaction(work, precheck)
    },
  }
  const killed = await Promise.race([
    assignStep(dying, round, new Date(), 10).then(() => 'finished'),
    new Promise<string>((resolve) => setTimeout(resolve, 3000, 'killed')),
  ])
  expect(killed).toBe('killed')
  expect((await docs<TestingBookingDoc>('testingBookings', round._id)).length).toBe(7)
  for (let i = 0; i < 10; i++) {
    const fresh = (await data.testingRounds.get(round._id)) as TestingRoundDoc
    const step = await assignStep(data, fresh, new Date(), 10)
    if (step.finished) break
  }
  const { bookings } = await expectLedger(round._id)
  expect(bookings).toHaveLength(24)
  expect(((await data.testingRounds.get(round._id)) as TestingRoundDoc).assign.finished).toBe(true)
})
