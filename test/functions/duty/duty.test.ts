/**
 * The duty function through the real SDK in the local cloud: a grid chief sets up a checkpoint and three shifts a
 * day; residents of the community sign up (never past capacity, never two overlapping shifts), cancel, are assigned;
 * on duty they check in and out with the code of the minute and leave a handover note the next shift reads; leaders
 * see who is on duty now and what is not covered; a finished shift is confirmed and pays each person once, however
 * often it is confirmed. Refusals: scope, role, the community, malformed payloads (nothing written).
 */
import type {
  CheckpointCard,
  DutyCheckCode,
  DutyWarnings,
  MyShift,
  Roster,
  ShiftDetail,
  ShiftRow,
} from '../../../core/contract'
import { beijingDayOf } from '../../../core/duty/shifts'
import { accountId, dutyEarnId, shiftId, shiftSignupId, volunteerId } from '../../../core/ids'
import type { PersonDoc, ShiftDoc, ShiftSignupDoc } from '../../../core/model'
import { exactly } from '../harness/functions-cloud'
import { startDutyCloud, type DutyCloud } from '../harness/duty-cloud'

/** A fresh tap id for each create (the same one is a retry). */
let taps = 0
const tap = (): string => `tap-${Date.now().toString(36)}-${++taps}`

jest.setTimeout(120_000)

const H = 3_600_000
const DAY = 24 * H

let g: DutyCloud
let chief: PersonDoc
let otherChief: PersonDoc
let staff: PersonDoc
let otherStaff: PersonDoc
let cp: CheckpointCard

beforeAll(async () => {
  g = await startDutyCloud()
  chief = await g.newLeader('gridChief', 'g1')
  otherChief = await g.newLeader('gridChief', 'g2')
  staff = await g.newLeader('communityStaff', 'c1')
  otherStaff = await g.newLeader('communityStaff', 'c2')
  cp = await g.ok<CheckpointCard>(chief, 'createCheckpoint', {
    tapId: tap(),
    unitId: 'g1',
    name: '东门卡口',
    place: '和平里东门',
  })
})
afterAll(async () => {
  await g?.close()
})

const tomorrow = () => beijingDayOf(new Date(Date.now() + DAY))
const THREE = [
  { startHour: 0, hours: 8, capacity: 2 },
  { startHour: 8, hours: 8, capacity: 2 },
  { startHour: 16, hours: 8, capacity: 2 },
]

/** A shift of the checkpoint at chosen times, as addShifts writes it. */
function shiftAt(checkpointId: string, startAt: Date, endAt: Date, capacity = 2): ShiftDoc {
  return {
    _id: shiftId(checkpointId, startAt),
    checkpointId,
    unitPath: g.unit('g1').path,
    communityId: 'c1',
    startAt,
    endAt,
    capacity,
    filled: 0,
    free: capacity,
    handover: null,
    confirmedAt: null,
    createdAt: new Date(),
  }
}

describe('checkpoints and shifts', () => {
  it('a grid chief creates a checkpoint in their grid; it is listed for leaders and the community’s residents', async () => {
    expect(cp).toMatchObject({
      name: '东门卡口',
      place: '和平里东门',
      unit: { id: 'g1', name: '第1网格' },
      emergencyId: null,
    })
    const resident = await g.newResident('g3')
    for (const [who, unitId] of [
      [chief, 'g1'],
      [staff, 'c1'],
      [resident, 'c1'],
    ] as const) {
      const list = await g.ok<{ rows: CheckpointCard[] }>(who, 'checkpoints', { unitId })
      expect(list.rows.map((r) => r.id)).toContain(cp.id)
    }
    // a grid chief asking above their grid, with no home there, is not let in
    expect(await g.act(chief, 'checkpoints', { unitId: 'c1' })).toEqual(exactly('NOT_FOUND'))
    // another community's resident does not learn it exists
    const stranger = await g.newResident('c2')
    expect(await g.act(stranger, 'checkpoints', { unitId: 'c1' })).toEqual(exactly('NOT_FOUND'))
  })

  it('refuses a checkpoint outside the caller’s scope, at a building, or by a resident', async () => {
    expect(await g.act(otherChief, 'createCheckpoint', { tapId: tap(), unitId: 'g1', name: '越界卡口' })).toEqual(
      exactly('FORBIDDEN'),
    )
    expect(await g.act(chief, 'createCheckpoint', { tapId: tap(), unitId: 'c1', name: '越界卡口' })).toEqual(
      exactly('FORBIDDEN'),
    )
    expect(await g.act(otherStaff, 'createCheckpoint', { tapId: tap(), unitId: 'g1', name: '越界卡口' })).toEqual(
      exactly('FORBIDDEN'),
    )
    const building = g.demo.units.find((u) => u.level === 'microgrid' && u.parentId === 'g1') as { _id: string }
    expect(await g.act(chief, 'createCheckpoint', { tapId: tap(), unitId: building._id, name: '楼门' })).toEqual(
      exactly('DUTY_UNIT_LEVEL'),
    )
    const resident = await g.newResident('g1')
    expect(await g.act(resident, 'createCheckpoint', { tapId: tap(), unitId: 'g1', name: '卡口' })).toEqual(
      exactly('FORBIDDEN'),
    )
  })

  it('applies three 8-hour shifts to two days once; applying it again creates nothing', async () => {
    const day = tomorrow()
    const next = beijingDayOf(new Date(Date.now() + 2 * DAY))
    const payload = { checkpointId: cp.id, fromDay: day, toDay: next, template: THREE }
    expect(await g.ok(chief, 'addShifts', payload)).toEqual({ created: 6, kept: 0 })
    expect(await g.ok(staff, 'addShifts', payload)).toEqual({ created: 0, kept: 6 })
    expect(await g.act(otherChief, 'addShifts', payload)).toEqual(exactly('FORBIDDEN'))
    const roster = await g.ok<Roster>(chief, 'roster', { checkpointId: cp.id, day })
    expect(roster.shifts.map((s) => [s.startAt, s.endAt, s.capacity, s.filled])).toEqual(
      [0, 8, 16].map((h) => {
        const start = Date.parse(`${day}T00:00:00+08:00`) + h * H
        return [new Date(start).toISOString(), new Date(start + 8 * H).toISOString(), 2, 0]
      }),
    )
    expect(roster.leader).toBe(true)
    expect(roster.pointsPerHour).toBe(10)
  })

  it.each([
    [
      'overlapping shifts',
      [
        { startHour: 8, hours: 8, capacity: 2 },
        { startHour: 12, hours: 8, capacity: 2 },
      ],
      0,
    ],
    ['32 days', THREE, 31],
  ])('refuses a template of %s, and writes nothing', async (_name, template, extraDays) => {
    const before = (await g.collections(['shifts'])).shifts.length
    const from = tomorrow()
    const to = beijingDayOf(new Date(Date.parse(`${from}T12:00:00+08:00`) + extraDays * DAY))
    expect(await g.act(chief, 'addShifts', { checkpointId: cp.id, fromDay: from, toDay: to, template })).toEqual(
      exactly('DUTY_TEMPLATE_INVALID'),
    )
    expect((await g.collections(['shifts'])).shifts.length).toBe(before)
  })

  it.each([
    ['no template', { checkpointId: 'x', fromDay: '2026-03-01', toDay: '2026-03-01', template: [] }],
    [
      'an hour of 24',
      {
        checkpointId: 'x',
        fromDay: '2026-03-01',
        toDay: '2026-03-01',
        template: [{ startHour: 24, hours: 1, capacity: 1 }],
      },
    ],
    [
      'capacity 0',
      {
        checkpointId: 'x',
        fromDay: '2026-03-01',
        toDay: '2026-03-01',
        template: [{ startHour: 1, hours: 1, capacity: 0 }],
      },
    ],
    ['a bad day', { checkpointId: 'x', fromDay: '2026-3-1', toDay: '2026-03-01', template: THREE }],
    [
      'an unknown field',
      { checkpointId: 'x', fromDay: '2026-03-01', toDay: '2026-03-01', template: THREE, secret: 'x' },
    ],
  ])('addShifts with %s is an invalid payload', async (_name, payload) => {
    expect(await g.act(chief, 'addShifts', payload)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })

  it.each([
    ['createCheckpoint', { tapId: tap(), unitId: 'g1', name: '' }],
    ['createCheckpoint', { tapId: tap(), unitId: 'g1', name: '卡'.repeat(31) }],
    ['createCheckpoint', { unitId: 'g1', name: '无请求编号的卡口' }],
    ['createCheckpoint', { tapId: 'a b', unitId: 'g1', name: '请求编号不对的卡口' }],
    ['signUp', { shiftId: '' }],
    ['checkIn', { checkpointId: 'x', code: '123' }],
    ['handover', { shiftId: 'x', note: '   ' }],
    ['handover', { shiftId: 'x', note: '字'.repeat(301) }],
    ['updateSettings', { communityId: 'c1', pointsPerHour: 51 }],
    ['updateSettings', { communityId: 'c1', pointsPerHour: 2.5 }],
  ] as const)('%s with %j is an invalid payload', async (action, payload) => {
    expect(await g.act(staff, action, payload)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })
})

describe('seats', () => {
  const firstShift = () => shiftId(cp.id, new Date(Date.parse(`${tomorrow()}T00:00:00+08:00`)))
  const secondShift = () => shiftId(cp.id, new Date(Date.parse(`${tomorrow()}T08:00:00+08:00`)))

  it('fills a shift to capacity and no further; the full shift says so and writes nothing', async () => {
    const [a, b, c] = [await g.newResident('g1', 1), await g.newResident('g2', 2), await g.newResident('g3', 3)]
    const row = await g.ok<ShiftRow>(a, 'signUp', { shiftId: firstShift() })
    expect(row).toMatchObject({ filled: 1, people: null, mine: { name: a.name, status: 'active', assigned: false } })
    // a repeat of the same sign-up changes nothing
    expect(await g.ok<ShiftRow>(a, 'signUp', { shiftId: firstShift() })).toMatchObject({ filled: 1 })
    await g.ok(b, 'signUp', { shiftId: firstShift() })
    expect(await g.act(c, 'signUp', { shiftId: firstShift() })).toEqual(exactly('DUTY_SHIFT_FULL'))
    const { shiftSignups } = await g.collections(['shiftSignups'])
    expect((shiftSignups as ShiftSignupDoc[]).some((s) => s.personId === c._id)).toBe(false)
    const roster = await g.ok<Roster>(chief, 'roster', { checkpointId: cp.id, day: tomorrow() })
    expect(roster.shifts[0].people?.map((p) => p.name).sort()).toEqual([a.name, b.name].sort())
    // a volunteer sees the seats, not the names
    const seen = await g.ok<Roster>(c, 'roster', { checkpointId: cp.id, day: tomorrow() })
    expect(seen.shifts[0]).toMatchObject({ filled: 2, capacity: 2, people: null, mine: null })
    expect(seen).toMatchObject({ leader: false, onDutyNow: [], uncovered: [] })
  })

  it('refuses someone of another community, and a shift that does not exist', async () => {
    const stranger = await g.newResident('c2')
    expect(await g.act(stranger, 'signUp', { shiftId: secondShift() })).toEqual(exactly('DUTY_NOT_IN_COMMUNITY'))
    expect(await g.act(stranger, 'signUp', { shiftId: 'no-such-shift' })).toEqual(exactly('NOT_FOUND'))
  })

  it('never gives one person two overlapping shifts, even at another checkpoint', async () => {
    const other = await g.ok<CheckpointCard>(staff, 'createCheckpoint', {
      tapId: tap(),
      unitId: 'c1',
      name: '西门卡口',
    })
    await g.ok(staff, 'addShifts', {
      checkpointId: other.id,
      fromDay: tomorrow(),
      toDay: tomorrow(),
      template: [{ startHour: 12, hours: 8, capacity: 5 }],
    })
    const p = await g.newResident('g1', 4)
    await g.ok(p, 'signUp', { shiftId: secondShift() })
    const west = shiftId(other.id, new Date(Date.parse(`${tomorrow()}T12:00:00+08:00`)))
    expect(await g.act(p, 'signUp', { shiftId: west })).toEqual(exactly('DUTY_OVERLAP'))
    // given up, the other one may be taken
    const mine = await g.ok<{ upcoming: MyShift[] }>(p, 'myShifts', {})
    expect(mine.upcoming.map((m) => [m.checkpoint.name, m.shift.mine?.status])).toEqual([['东门卡口', 'active']])
    await g.ok(p, 'cancel', { signupId: shiftSignupId(secondShift(), p._id) })
    expect(await g.ok<ShiftRow>(p, 'signUp', { shiftId: west })).toMatchObject({ filled: 1 })
    // a leader cannot assign over it either
    expect(await g.act(chief, 'assign', { shiftId: secondShift(), personId: p._id })).toEqual(exactly('DUTY_OVERLAP'))
  })

  it('a leader assigns a person of the community; not someone of another community, not out of scope', async () => {
    const p = await g.newResident('g2', 5)
    const row = await g.ok<ShiftRow>(chief, 'assign', { shiftId: secondShift(), personId: p._id })
    expect(row.people?.find((x) => x.personId === p._id)).toMatchObject({ assigned: true, status: 'active' })
    const stranger = await g.newResident('c2', 1)
    expect(await g.act(chief, 'assign', { shiftId: secondShift(), personId: stranger._id })).toEqual(
      exactly('DUTY_NOT_IN_COMMUNITY'),
    )
    expect(await g.act(otherChief, 'assign', { shiftId: secondShift(), personId: p._id })).toEqual(exactly('FORBIDDEN'))
    // someone else's seat is not theirs to cancel
    const q = await g.newResident('g1', 6)
    expect(await g.act(q, 'cancel', { signupId: shiftSignupId(secondShift(), p._id) })).toEqual(exactly('NOT_FOUND'))
    // the leader removes them
    expect(
      (await g.ok<ShiftRow>(chief, 'cancel', { signupId: shiftSignupId(secondShift(), p._id) })).people?.some(
        (x) => x.personId === p._id,
      ),
    ).toBe(false)
  })

  it('refuses signing up for a shift that has started (a leader may still assign until it ends)', async () => {
    const start = new Date(Date.now() - H)
    const s = shiftAt(cp.id, start, new Date(+start + 2 * H))
    await g.seedShift(s)
    const p = await g.newResident('g1', 7)
    expect(await g.act(p, 'signUp', { shiftId: s._id })).toEqual(exactly('DUTY_SHIFT_STARTED'))
    expect(await g.ok<ShiftRow>(chief, 'assign', { shiftId: s._id, personId: p._id })).toMatchObject({ filled: 1 })
  })
})

describe('on duty', () => {
  it('checks in and out with the code of the minute, leaves a note the next shift reads, and shows who is on duty', async () => {
    const station = await g.ok<CheckpointCard>(chief, 'createCheckpoint', {
      tapId: tap(),
      unitId: 'g1',
      name: '北门卡口',
    })
    const now = Date.now()
    const running = shiftAt(station.id, new Date(now - 10 * 60_000), new Date(now + 10 * 60_000))
    const next = shiftAt(station.id, running.endAt, new Date(+running.endAt + 8 * H))
    await g.seedShift(running)
    await g.seedShift(next)
    const later = shiftAt(station.id, new Date(now + 3 * H), new Date(now + 5 * H))
    await g.seedShift(later)
    const p = await g.newResident('g1', 8)
    const q = await g.newResident('g1', 9)
    const z = await g.newResident('g1', 15)
    await g.ok(chief, 'assign', { shiftId: running._id, personId: p._id })
    await g.ok(q, 'signUp', { shiftId: next._id })
    await g.ok(z, 'signUp', { shiftId: later._id })

    const code = await g.ok<DutyCheckCode>(chief, 'checkCode', { checkpointId: station.id, kind: 'in' })
    expect(code.code).toMatch(/^\d{6}$/)
    expect(await g.act(otherChief, 'checkCode', { checkpointId: station.id, kind: 'in' })).toEqual(exactly('FORBIDDEN'))
    const wrong = code.code === '000000' ? '000001' : '000000'
    expect(await g.act(p, 'checkIn', { checkpointId: station.id, code: wrong })).toEqual(exactly('DUTY_CODE_WRONG'))
    // a later shift's person has nothing open yet
    expect(await g.act(z, 'checkIn', { checkpointId: station.id, code: code.code })).toEqual(
      exactly('DUTY_NO_OPEN_SHIFT'),
    )
    // the note is written by someone checked in
    expect(await g.act(p, 'handover', { shiftId: running._id, note: '东侧栏杆松了' })).toEqual(
      exactly('DUTY_NOT_CHECKED_IN'),
    )
    const inRow = await g.ok<ShiftRow>(p, 'checkIn', { checkpointId: station.id, code: code.qr })
    expect(inRow.mine?.checkInAt).not.toBeNull()
    expect(await g.act(p, 'cancel', { signupId: shiftSignupId(running._id, p._id) })).toEqual(
      exactly('DUTY_ALREADY_IN'),
    )

    const roster = await g.ok<Roster>(chief, 'roster', { checkpointId: station.id, day: beijingDayOf(new Date()) })
    expect(roster.onDutyNow.map((d) => d.name)).toEqual([p.name])
    expect(roster.uncovered.map((u) => u.shiftId)).toEqual(expect.arrayContaining([running._id, next._id]))

    await g.ok(p, 'handover', { shiftId: running._id, note: '东侧栏杆松了，已报物业' })
    const out = await g.ok<DutyCheckCode>(chief, 'checkCode', { checkpointId: station.id, kind: 'out' })
    const outRow = await g.ok<ShiftRow>(p, 'checkOut', { checkpointId: station.id, code: out.code })
    expect(outRow.mine?.checkOutAt).not.toBeNull()
    const after = await g.ok<Roster>(chief, 'roster', { checkpointId: station.id, day: beijingDayOf(new Date()) })
    expect(after.onDutyNow).toEqual([])

    // the one taking over reads the note; someone not on it does not
    const detail = await g.ok<ShiftDetail>(q, 'shift', { shiftId: next._id })
    expect(detail.previousHandover).toMatchObject({ note: '东侧栏杆松了，已报物业', by: p.name })
    const neighbour = await g.newResident('g2', 10)
    expect((await g.ok<ShiftDetail>(neighbour, 'shift', { shiftId: next._id })).previousHandover).toBeNull()
    const stranger = await g.newResident('c2', 2)
    expect(await g.act(stranger, 'shift', { shiftId: next._id })).toEqual(exactly('NOT_FOUND'))
  })

  it('warns of shifts not covered in the next 24 hours under a unit, for its leaders only', async () => {
    const w = await g.ok<DutyWarnings>(staff, 'warnings', { unitId: 'c1' })
    expect(w.uncovered.length).toBeGreaterThan(0)
    expect(w.uncovered.every((u) => u.free > 0 && Date.parse(u.startAt) < Date.now() + DAY)).toBe(true)
    expect(w.overlaps).toEqual([])
    expect(await g.act(otherStaff, 'warnings', { unitId: 'c1' })).toEqual(exactly('FORBIDDEN'))
  })

  it('shows a person found on two overlapping shifts, should the data ever say so', async () => {
    const p = await g.newResident('g1', 11)
    const start = new Date(Date.now() + 2 * H)
    const [a, b] = [
      shiftAt(cp.id, start, new Date(+start + 4 * H)),
      shiftAt(cp.id, new Date(+start + H), new Date(+start + 5 * H)),
    ]
    const seat = (s: ShiftDoc): ShiftSignupDoc => ({
      _id: shiftSignupId(s._id, p._id),
      shiftId: s._id,
      checkpointId: cp.id,
      unitPath: s.unitPath,
      communityId: 'c1',
      personId: p._id,
      name: p.name,
      startAt: s.startAt,
      endAt: s.endAt,
      status: 'active',
      assignedBy: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    await g.seedShift({ ...a, filled: 1, free: 1 }, [seat(a)])
    await g.seedShift({ ...b, filled: 1, free: 1 }, [seat(b)])
    const w = await g.ok<DutyWarnings>(chief, 'warnings', { unitId: 'g1' })
    expect(w.overlaps).toEqual([
      {
        personId: p._id,
        name: p.name,
        shifts: [a, b].map((s) => ({
          checkpoint: '东门卡口',
          startAt: s.startAt.toISOString(),
          endAt: s.endAt.toISOString(),
        })),
      },
    ])
  })
})

describe('points for confirmed hours', () => {
  it('pays each person checked in once at the community’s rate, however often and however many at once confirm', async () => {
    await g.ok(staff, 'updateSettings', { communityId: 'c1', pointsPerHour: 12 })
    expect(await g.act(chief, 'updateSettings', { communityId: 'c1', pointsPerHour: 12 })).toEqual(exactly('FORBIDDEN'))
    const end = new Date(Date.now() - H)
    const start = new Date(+end - 8 * H)
    const s = shiftAt(cp.id, start, end, 3)
    const [p, q, r] = [await g.newResident('g1', 12), await g.newResident('g1', 13), await g.newResident('g1', 14)]
    const seat = (who: PersonDoc, extra: Partial<ShiftSignupDoc>): ShiftSignupDoc => ({
      _id: shiftSignupId(s._id, who._id),
      shiftId: s._id,
      checkpointId: cp.id,
      unitPath: s.unitPath,
      communityId: 'c1',
      personId: who._id,
      name: who.name,
      startAt: start,
      endAt: end,
      status: 'active',
      assignedBy: null,
      createdAt: start,
      updatedAt: start,
      ...extra,
    })
    await g.seedShift({ ...s, filled: 3, free: 0 }, [
      // the whole shift: 480 minutes × 12/h = 96
      seat(p, { checkInAt: new Date(+start - 5 * 60_000), checkOutAt: new Date(+end + 5 * 60_000) }),
      // the second half: 240 minutes = 48
      seat(q, { checkInAt: new Date(+start + 4 * H), checkOutAt: end }),
      // never came
      seat(r, {}),
    ])
    // not before the end
    const later = shiftAt(cp.id, new Date(Date.now() + H), new Date(Date.now() + 2 * H))
    await g.seedShift(later)
    expect(await g.act(chief, 'confirmShift', { shiftId: later._id })).toEqual(exactly('DUTY_NOT_ENDED'))
    expect(await g.act(otherChief, 'confirmShift', { shiftId: s._id })).toEqual(exactly('FORBIDDEN'))

    const results = await Promise.all(Array.from({ length: 4 }, () => g.act(chief, 'confirmShift', { shiftId: s._id })))
    expect(results.every((x) => x.ok)).toBe(true)
    await g.ok(staff, 'confirmShift', { shiftId: s._id })

    const { transfers, accounts, volunteers, shiftSignups, shifts } = await g.collections([
      'transfers',
      'accounts',
      'volunteers',
      'shiftSignups',
      'shifts',
    ])
    const paid = (transfers as { _id: string; amount: number; ref: { kind: string } }[]).filter((t) =>
      [p, q, r].some((who) => t._id === dutyEarnId(shiftSignupId(s._id, who._id))),
    )
    expect(paid.map((t) => [t._id, t.amount, t.ref.kind]).sort()).toEqual(
      [
        [dutyEarnId(shiftSignupId(s._id, p._id)), 96, 'duty'],
        [dutyEarnId(shiftSignupId(s._id, q._id)), 48, 'duty'],
      ].sort(),
    )
    const balance = (who: PersonDoc) =>
      (accounts as { _id: string; balance: number }[]).find((a) => a._id === accountId({ kind: 'person', id: who._id }))
        ?.balance
    expect([balance(p), balance(q), balance(r)]).toEqual([96, 48, undefined])
    const hours = (who: PersonDoc) =>
      (volunteers as { _id: string; minutes: number; points: number; activities: number }[]).find(
        (v) => v._id === volunteerId(who._id),
      )
    expect(hours(p)).toMatchObject({ minutes: 480, points: 96, activities: 1 })
    expect(hours(q)).toMatchObject({ minutes: 240, points: 48, activities: 1 })
    expect(
      (shiftSignups as ShiftSignupDoc[])
        .filter((x) => x.shiftId === s._id)
        .map((x) => [x.personId, x.status, x.minutes ?? null, x.points ?? null])
        .sort(),
    ).toEqual(
      [
        [p._id, 'earned', 480, 96],
        [q._id, 'earned', 240, 48],
        [r._id, 'absent', null, null],
      ].sort(),
    )
    expect((shifts as ShiftDoc[]).find((x) => x._id === s._id)?.confirmedAt).not.toBeNull()
    // the shift is closed: no more seats change
    expect(await g.act(chief, 'assign', { shiftId: s._id, personId: r._id })).toEqual(exactly('DUTY_SHIFT_STARTED'))
  })
})
