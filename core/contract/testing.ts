/**
 * The `testing` function (错时采样, issue 12): staff or a grid chief set up a testing round over a community or a
 * grid (its sites and their workers), plan each building's slots (sequential from a start time), and assign the
 * households of every building to its slots (a resumable job). A household sees its slot and a code; the site's
 * worker calls the next slot and marks households done by scanning that code. Every booking and every done moves
 * the slot's capacity counter and the coverage counters in the same transaction (core/testing/coverage.ts).
 */
import { z } from 'zod'
import { displayName, recordId, unitId } from './fields'

/** What a round may hold and what one call may do (pages cap their inputs with these; the function enforces them). */
export const TESTING_LIMITS = {
  name: 30,
  place: 50,
  sites: 20,
  workersPerSite: 10,
  /** slots one building's plan may make in one call */
  slotsPerPlan: 24,
  slotMinutes: { min: 5, max: 60 },
  /** households per slot */
  capacity: { min: 1, max: 50 },
  /** households one call of the assignment job books at most */
  assignBatch: 60,
  pageSize: 20,
  /** the goal from calling a slot to its households done (分钟) */
  goalMinutes: 20,
} as const

const id = recordId
const tapId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不对')
/** A Beijing calendar day, YYYY-MM-DD. */
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式不对')
/** A Beijing time of day, HH:MM. */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式不对')
const cursor = z.string().min(1).max(200)

const site = z
  .object({
    name: z.string().trim().min(1).max(TESTING_LIMITS.name),
    place: z.string().trim().min(1).max(TESTING_LIMITS.place),
    /** people of the round's scope who work the site (they alone call and mark its households) */
    workerIds: z.array(id).min(1).max(TESTING_LIMITS.workersPerSite),
  })
  .strict()

export const testingPayloads = {
  /** A round over a community or a grid (the target): its name, day and sites. The same tapId creates once. */
  createRound: z
    .object({
      tapId,
      scopeUnitId: unitId,
      name: displayName,
      date: day,
      emergencyId: id.nullable().default(null),
      sites: z.array(site).min(1).max(TESTING_LIMITS.sites),
    })
    .strict(),
  /** One building's slots, sequential from `startTime` on the round's day, each `minutes` long for `capacity`
   * households, tested at site `siteIndex`. Repeating the same plan changes nothing; another plan for a building
   * already planned is refused. */
  planSlots: z
    .object({
      roundId: id,
      buildingId: unitId,
      siteIndex: z
        .number()
        .int()
        .min(0)
        .max(TESTING_LIMITS.sites - 1),
      startTime: timeOfDay,
      minutes: z.number().int().min(TESTING_LIMITS.slotMinutes.min).max(TESTING_LIMITS.slotMinutes.max),
      capacity: z.number().int().min(TESTING_LIMITS.capacity.min).max(TESTING_LIMITS.capacity.max),
      count: z.number().int().min(1).max(TESTING_LIMITS.slotsPerPlan),
    })
    .strict(),
  /** One step of the assignment job: books up to TESTING_LIMITS.assignBatch households of the planned buildings into
   * their building's first slot with room, and saves where it stopped. Call again until `finished`. */
  assign: z.object({ roundId: id }).strict(),
  /** The rounds over a unit or the units above and below it, newest day first (a page). */
  rounds: z.object({ unitId, cursor: cursor.optional() }).strict(),
  /** A round as its keepers see it: sites, workers and each planned building. */
  round: z.object({ roundId: id }).strict(),
  /** Coverage of a unit within the round (default its scope): households, booked, done, and a page of its children;
   * a building also gets its slots with door-to-done (called → done) against the goal. */
  coverage: z.object({ roundId: id, unitId: unitId.optional(), cursor: cursor.optional() }).strict(),
  /** 不落一户: the households of a building not yet done (booked or not), a page. */
  notDone: z.object({ roundId: id, buildingId: unitId, cursor: cursor.optional() }).strict(),
  /** A resident's slots: each round their household is booked in, with its code and the other slots with room. */
  mySlot: z.object({}).strict(),
  /** A resident books (or moves) their household to a slot of its building with room. */
  book: z.object({ slotId: id }).strict(),
  /** The sites the caller works (today and later). */
  mySites: z.object({}).strict(),
  /** A site as its worker sees it: its slots, and the households of one slot (default: the one to call next). */
  site: z.object({ roundId: id, siteIndex: z.number().int().min(0), slotId: id.optional() }).strict(),
  /** The worker calls a slot's households (叫号): the time is kept once. */
  call: z.object({ slotId: id }).strict(),
  /** The worker marks a household done: by its code (scanned or typed) or from the slot's list. Done once. */
  markDone: z
    .object({ roundId: id, code: z.string().trim().min(1).max(200).optional(), bookingId: id.optional() })
    .strict(),
}

export type TestingPayloads = typeof testingPayloads

export interface TestingSiteView {
  name: string
  place: string
  workers: { id: string; name: string }[]
}

export interface TestingRoundRow {
  id: string
  name: string
  date: string
  scope: { unitId: string; name: string }
  /** the unit whose coverage the caller opens: the round's scope, or the caller's own unit when the round is over it
   * (a building head sees their building of the community's round) */
  coverUnitId: string
  households: number
  booked: number
  done: number
}

export interface TestingRoundView extends TestingRoundRow {
  emergencyId: string | null
  sites: TestingSiteView[]
  /** the buildings of the scope: planned ones with their site and slots */
  buildings: { id: string; name: string; households: number; siteIndex: number | null; slots: number }[]
  /** whether the assignment job has walked every planned building */
  assign: { finished: boolean }
}

export interface TestingSlotView {
  id: string
  buildingId: string
  buildingName: string
  siteIndex: number
  startAt: string
  endAt: string
  capacity: number
  booked: number
  done: number
  calledAt: string | null
}

/** Door-to-done of one slot: seconds from its call (else its start) to each household done. */
export interface TestingDoorToDone {
  slotId: string
  startAt: string
  done: number
  medianMinutes: number | null
  worstMinutes: number | null
  /** the worst within the goal */
  withinGoal: boolean | null
}

export interface TestingFigures {
  households: number
  booked: number
  done: number
}

export interface TestingCoverage {
  round: { id: string; name: string; date: string; goalMinutes: number }
  unit: { id: string; name: string; level: string } & TestingFigures
  children: ({ id: string; name: string; level: string } & TestingFigures)[]
  nextCursor: string | null
  /** a building only: its slots' door-to-done */
  slots: TestingDoorToDone[]
}

export interface TestingNotDoneRow {
  householdId: string
  door: string
  /** null: not booked yet */
  slotStartAt: string | null
  calledAt: string | null
}

export interface TestingMySlot {
  roundId: string
  roundName: string
  date: string
  door: string
  slot: { id: string; startAt: string; endAt: string }
  site: { name: string; place: string }
  done: boolean
  doneAt: string | null
  /** what the QR shows: a signed token of the booking (core/testing/token.ts) */
  code: string
  /** other slots of the building with room, to move to */
  choices: { id: string; startAt: string; endAt: string; left: number }[]
}

export interface TestingSiteWork {
  round: { id: string; name: string; date: string }
  siteIndex: number
  site: { name: string; place: string }
  slots: TestingSlotView[]
  /** the slot shown, with its households */
  slot: TestingSlotView | null
  households: { bookingId: string; door: string; done: boolean; doneAt: string | null }[]
}

export interface TestingMySite {
  roundId: string
  roundName: string
  date: string
  siteIndex: number
  name: string
  place: string
}

export interface TestingApi {
  createRound: { payload: z.input<TestingPayloads['createRound']>; result: { id: string } }
  planSlots: { payload: z.input<TestingPayloads['planSlots']>; result: { slots: TestingSlotView[] } }
  assign: {
    payload: z.input<TestingPayloads['assign']>
    /** noticeId: the round's notice once the job has finished (null before, or when none could go out) */
    result: { booked: number; unplaced: number; finished: boolean; noticeId: string | null }
  }
  rounds: {
    payload: z.input<TestingPayloads['rounds']>
    result: { rows: TestingRoundRow[]; nextCursor: string | null }
  }
  round: { payload: z.input<TestingPayloads['round']>; result: TestingRoundView }
  coverage: { payload: z.input<TestingPayloads['coverage']>; result: TestingCoverage }
  notDone: {
    payload: z.input<TestingPayloads['notDone']>
    result: { rows: TestingNotDoneRow[]; nextCursor: string | null }
  }
  mySlot: { payload: z.input<TestingPayloads['mySlot']>; result: { rows: TestingMySlot[] } }
  book: { payload: z.input<TestingPayloads['book']>; result: TestingMySlot }
  mySites: { payload: z.input<TestingPayloads['mySites']>; result: { rows: TestingMySite[] } }
  site: { payload: z.input<TestingPayloads['site']>; result: TestingSiteWork }
  call: { payload: z.input<TestingPayloads['call']>; result: TestingSlotView }
  markDone: {
    payload: z.input<TestingPayloads['markDone']>
    result: { bookingId: string; door: string; doneAt: string; already: boolean }
  }
}
