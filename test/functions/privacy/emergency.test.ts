/**
 * A person's emergency-mode records in privacy.exportMyData and privacy.requestDeletion, through the real
 * wx-server-sdk in the local cloud: their reserve registration, call-up answers, duty seats and handover notes, and
 * their household's testing slots are in their export (nobody else's); after their deletion the registration is
 * gone, their answers stay without name, phone or note (the call-up's counts equal a recount of its answers), their
 * seats on shifts to come are withdrawn (each shift's count equals its seats, their duty document holds nothing),
 * the seat they worked, their handover note and the rounds they worked at read 已注销居民, and no such record holds
 * their name or phone. A deletion cut off at any step of it and asked again ends as one that never stopped.
 */
import cloudSdk from 'wx-server-sdk'
import type { CheckpointCard, MyData } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { beijingDayOf } from '../../../core/duty/shifts'
import { recount } from '../../../core/emergency/reserve'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { dutyPersonId, shiftId, shiftSignupId, testingBookingId } from '../../../core/ids'
import type {
  CallUpAnswerDoc,
  CallUpDoc,
  DutyPersonDoc,
  PersonDoc,
  ReserveMemberDoc,
  ShiftDoc,
  ShiftSignupDoc,
  TestingBookingDoc,
  TestingRoundDoc,
} from '../../../core/model'
import { anonymise } from '../../../cloudfunctions/privacy/anonymise'
import { createData } from '../../../server/data'
import { startDutyCloud, type DutyCloud } from '../harness/duty-cloud'
import { dyingAt } from '../harness/dying-data'
import { data } from '../harness/functions-cloud'

jest.setTimeout(600_000)

const H = 3_600_000
let g: DutyCloud
let chief: PersonDoc
let taps = 0
const tap = () => `tap-privacy-${++taps}`

beforeAll(async () => {
  g = await startDutyCloud(['privacy'])
  chief = await g.newLeader('gridChief', 'g1')
})
afterAll(async () => {
  await g?.close()
})

const privacy = async <T>(p: PersonDoc, action: string, payload: unknown = {}) =>
  data((await g.cloud.callFunction('privacy', { action, payload }, { openid: p.openid! })).result as Envelope<T>)

interface Story {
  p: PersonDoc
  /** their seat on tomorrow's shift (to come) and the shift */
  coming: string
  comingShift: string
  /** the running shift they are checked in on, with their handover note */
  running: string
  callUp: string
  round: string
}

/** One person's emergency-mode story, each record as its function writes it (the duty ones through duty itself). */
async function story(n: number): Promise<Story> {
  const p = await g.newResident('g1', n)
  const home = p.householdId as string
  const cp = await g.ok<CheckpointCard>(chief, 'createCheckpoint', { tapId: tap(), unitId: 'g1', name: `东门卡口${n}` })
  const tomorrow = beijingDayOf(new Date(Date.now() + 24 * H))
  await g.ok(chief, 'addShifts', {
    checkpointId: cp.id,
    fromDay: tomorrow,
    toDay: tomorrow,
    template: [{ startHour: 8, hours: 8, capacity: 2 }],
  })
  const comingShift = shiftId(cp.id, new Date(Date.parse(`${tomorrow}T08:00:00+08:00`)))
  await g.ok(p, 'signUp', { shiftId: comingShift })
  // a running shift they checked in on and left the note of
  const start = new Date(Date.now() - 2 * H)
  const running: ShiftDoc = {
    _id: shiftId(cp.id, start),
    checkpointId: cp.id,
    unitPath: g.unit('g1').path,
    communityId: 'c1',
    startAt: start,
    endAt: new Date(Date.now() + 2 * H),
    capacity: 2,
    filled: 1,
    free: 1,
    handover: { note: '东侧栏杆松了，已报修', by: p._id, byName: p.name, at: new Date() },
    confirmedAt: null,
    createdAt: start,
  }
  const seat: ShiftSignupDoc = {
    _id: shiftSignupId(running._id, p._id),
    shiftId: running._id,
    checkpointId: cp.id,
    unitPath: running.unitPath,
    communityId: 'c1',
    personId: p._id,
    name: p.name,
    startAt: running.startAt,
    endAt: running.endAt,
    status: 'active',
    assignedBy: chief._id,
    checkInAt: new Date(Date.now() - H),
    createdAt: start,
    updatedAt: start,
  }
  await g.seedShift(running, [seat])
  // the reserve: their registration, a call-up they answered 到岗 and a neighbour 不能到
  const now = new Date()
  const callUp: CallUpDoc = {
    _id: `cu_privacy_${n}`,
    emergencyId: 'em_privacy',
    emergencyName: '寒潮防冻',
    unitId: 'g1',
    unitPath: g.unit('g1').path,
    unitName: '一网格',
    unitLevel: 'grid',
    kinds: ['volunteer'],
    skills: [],
    message: '请到东门集合',
    createdBy: chief._id,
    createdByName: chief.name,
    createdAt: now,
    coming: 1,
    cannot: 1,
    assigned: 1,
  }
  const answer = (personId: string, name: string, phone: string, a: 'coming' | 'cannot'): CallUpAnswerDoc => ({
    _id: `${callUp._id}_${personId}`,
    callUpId: callUp._id,
    emergencyId: callUp.emergencyId,
    personId,
    name,
    phone,
    kind: 'volunteer',
    answer: a,
    note: a === 'coming' ? '我开车过去' : '在外地',
    answeredAt: now,
    assignment:
      a === 'coming'
        ? {
            place: '东门卡口',
            unitId: 'g1',
            unitName: '一网格',
            unitLevel: 'grid',
            by: chief._id,
            byName: chief.name,
            at: now,
          }
        : null,
  })
  const member: ReserveMemberDoc = {
    _id: p._id,
    personId: p._id,
    name: p.name,
    phone: p.phone,
    kind: 'volunteer',
    skills: ['driving'],
    skillsNote: '有七座车',
    availability: '晚上和周末',
    unitId: home,
    path: p.homePath as string,
    registeredBy: p._id,
    registeredByName: p.name,
    registeredAt: now,
    updatedAt: now,
  }
  // a testing round they work at, and their household's slot in it, done
  const round: TestingRoundDoc = {
    _id: `tr_privacy_${n}`,
    name: '第一轮采样',
    date: beijingDayOf(now),
    emergencyId: null,
    scopeUnitId: 'g1',
    scopePath: g.unit('g1').path,
    communityId: 'c1',
    sites: [{ name: '东门采样点', place: '东门', workerIds: [chief._id, p._id], workerNames: [chief.name, p.name] }],
    workerIds: [chief._id, p._id],
    planned: [],
    secret: 'x'.repeat(64),
    assign: { index: 0, after: '', finished: true },
    createdBy: chief._id,
    createdByName: chief.name,
    createdAt: now,
  }
  const booking: TestingBookingDoc = {
    _id: testingBookingId(round._id, home),
    roundId: round._id,
    householdId: home,
    door: '101',
    buildingId: 'b',
    path: p.homePath as string,
    slotId: `${round._id}_slot`,
    siteIndex: 0,
    startAt: now,
    bookedAt: now,
    bookedBy: p._id,
    moves: 1,
    doneAt: now,
    doneBy: chief._id,
  }
  await g.cloud.seed({
    reserveMembers: [member],
    callUps: [callUp],
    callUpAnswers: [answer(p._id, p.name, p.phone, 'coming'), answer(`other_${n}`, '邻居', '13900009999', 'cannot')],
    testingRounds: [round],
    testingBookings: [booking],
  })
  return {
    p,
    coming: shiftSignupId(comingShift, p._id),
    comingShift,
    running: running._id,
    callUp: callUp._id,
    round: round._id,
  }
}

const stored = async () =>
  (await g.collections([
    'shifts',
    'shiftSignups',
    'dutyPeople',
    'reserveMembers',
    'callUps',
    'callUpAnswers',
    'testingRounds',
    'testingBookings',
  ])) as {
    shifts: ShiftDoc[]
    shiftSignups: ShiftSignupDoc[]
    dutyPeople: DutyPersonDoc[]
    reserveMembers: ReserveMemberDoc[]
    callUps: CallUpDoc[]
    callUpAnswers: CallUpAnswerDoc[]
    testingRounds: TestingRoundDoc[]
    testingBookings: TestingBookingDoc[]
  }

/** What a deletion of the story's person leaves, without ids and times: what two deletions must agree on. */
async function left(st: Story) {
  const s = await stored()
  const shift = (id: string) => s.shifts.find((x) => x._id === id) as ShiftDoc
  const seat = (id: string) => s.shiftSignups.find((x) => x._id === id) as ShiftSignupDoc
  const seats = (id: string) => s.shiftSignups.filter((x) => x.shiftId === id && x.status === 'active').length
  const callUp = s.callUps.find((c) => c._id === st.callUp) as CallUpDoc
  const answers = s.callUpAnswers.filter((a) => a.callUpId === st.callUp)
  const mine = answers.find((a) => a.personId === st.p._id) as CallUpAnswerDoc
  const round = s.testingRounds.find((r) => r._id === st.round) as TestingRoundDoc
  const text = JSON.stringify([s.shifts, s.shiftSignups, s.reserveMembers, s.callUpAnswers, s.testingRounds])
  return {
    coming: { status: seat(st.coming).status, name: seat(st.coming).name },
    comingShift: {
      filled: shift(st.comingShift).filled,
      free: shift(st.comingShift).free,
      seats: seats(st.comingShift),
    },
    holds: s.dutyPeople.find((d) => d._id === dutyPersonId(st.p._id))?.holds.length ?? 0,
    running: {
      seat: seat(shiftSignupId(st.running, st.p._id)).status,
      name: seat(shiftSignupId(st.running, st.p._id)).name,
      note: shift(st.running).handover?.note,
      by: shift(st.running).handover?.byName,
      filled: shift(st.running).filled,
    },
    reserve: s.reserveMembers.some((m) => m.personId === st.p._id),
    answer: { answer: mine.answer, name: mine.name, phone: mine.phone, note: mine.note, place: mine.assignment?.place },
    counts: { coming: callUp.coming, cannot: callUp.cannot, assigned: callUp.assigned },
    recount: recount(answers),
    workers: round.sites[0].workerNames,
    booking: !!s.testingBookings.find((b) => b.roundId === st.round)?.doneAt,
    traces: [st.p.name, st.p.phone].filter((x) => text.includes(x)),
  }
}

describe('a resident of the reserve force on duty', () => {
  let st: Story
  beforeAll(async () => {
    st = await story(1)
  })

  it('finds their registration, answers, seats, notes and household slots in their export, nobody else’s', async () => {
    const mine = await privacy<MyData>(st.p, 'exportMyData')
    expect(mine.emergency.reserve).toMatchObject({
      name: st.p.name,
      phone: st.p.phone,
      kind: 'volunteer',
      skills: ['driving'],
      availability: '晚上和周末',
    })
    expect(mine.emergency.answers).toEqual([
      {
        callUpId: st.callUp,
        emergencyName: '寒潮防冻',
        unitName: '一网格',
        answer: 'coming',
        note: '我开车过去',
        answeredAt: expect.any(String),
        assignment: { place: '东门卡口', unitName: '一网格', at: expect.any(String) },
      },
    ])
    expect(mine.emergency.shifts.map((s) => [s.shiftId, s.checkpoint, s.status, !!s.checkInAt])).toEqual([
      [st.comingShift, '东门卡口1', 'active', false],
      [st.running, '东门卡口1', 'active', true],
    ])
    expect(mine.emergency.handovers).toEqual([
      { shiftId: st.running, checkpoint: '东门卡口1', note: '东侧栏杆松了，已报修', at: expect.any(String) },
    ])
    // their household's slot in our round (the demo's round over the community has booked it too)
    expect(mine.emergency.testing).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          round: '第一轮采样',
          door: '101',
          bookedByMe: true,
          moves: 1,
          doneAt: expect.any(String),
        }),
      ]),
    )
    // the neighbour's answer and the chief's seats are not theirs
    expect(JSON.stringify(mine.emergency)).not.toContain('13900009999')
    const chiefs = await privacy<MyData>(chief, 'exportMyData')
    expect(chiefs.emergency).toMatchObject({ reserve: null, answers: [], shifts: [], handovers: [] })
  })

  it('after their deletion keeps the record honest and names them nowhere', async () => {
    expect(await privacy(st.p, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })
    expect(await left(st)).toEqual({
      coming: { status: 'cancelled', name: DELETED_NAME },
      comingShift: { filled: 0, free: 2, seats: 0 },
      holds: 0,
      running: { seat: 'active', name: DELETED_NAME, note: '东侧栏杆松了，已报修', by: DELETED_NAME, filled: 1 },
      reserve: false,
      answer: { answer: 'coming', name: DELETED_NAME, phone: '', note: '', place: '东门卡口' },
      counts: { coming: 1, cannot: 1, assigned: 1 },
      recount: { coming: 1, cannot: 1, assigned: 1 },
      workers: [chief.name, DELETED_NAME],
      booking: true,
      traces: [],
    })
  })
})

describe('a deletion cut off part way', () => {
  const stillRegistered = async (p: PersonDoc) =>
    ((await g.collections(['people'])).people as PersonDoc[]).find((x) => x._id === p._id) as PersonDoc

  it('ends as a deletion that never stopped, wherever in its emergency records it was cut off', async () => {
    const db = createData(cloudSdk.database())
    const ref = await story(100)
    const log: string[] = []
    await anonymise(dyingAt(0, db, log), await stillRegistered(ref.p), DELETED_NAME)
    const expected = await left(ref)
    expect(expected).toMatchObject({ reserve: false, holds: 0, traces: [] })

    const first = log.indexOf('data.shiftSignups.allOfPerson')
    const last = log.lastIndexOf('tx.testingRounds.update')
    expect(first).toBeGreaterThan(0)
    expect(last).toBeGreaterThan(first)
    const between = log.flatMap((op, i) => (i >= first - 1 && i <= last + 1 && !op.startsWith('tx.') ? [i] : []))
    // in the middle of the seat's withdrawal (its shift written, its sign-up not yet) and of the round's rename
    const midway = [log.indexOf('tx.dutyPeople.set', first), last]
    expect(midway.every((i) => i > first && i <= last)).toBe(true)
    const cuts = [...between, ...midway]
    for (const [i, at] of cuts.entries()) {
      const st = await story(200 + i)
      await expect(anonymise(dyingAt(at + 1, db, []), await stillRegistered(st.p), DELETED_NAME)).rejects.toThrow(
        `killed at ${log[at]}`,
      )
      expect(await privacy(st.p, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })
      expect({ cut: log[at], ...(await left(st)) }).toEqual({
        cut: log[at],
        ...expected,
        workers: [chief.name, DELETED_NAME],
      })
    }
  })
})
