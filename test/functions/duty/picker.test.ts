/**
 * 安排值守's picker (duty.findPeople) and 我的值守 in pages (duty.myShifts) through the real SDK in the local cloud,
 * over the demo's 和平里东门卡口 (for the demo emergency, whose call-up one neighbour answered 到岗):
 * - the reserve force called up and coming is suggested first, before any name is typed; a name search finds the
 *   community's people a page at a time (keyset: no one twice, no one missed), never another community's;
 * - phones are in full only for people whose home the caller leads over, masked for the rest, and a page that
 *   shows a phone in full is in the audit log; someone put on the shift is marked as on it;
 * - only keepers over the checkpoint may search (others are refused; bad input is a clear refusal);
 * - 我的值守 pages its upcoming (soonest first) and recent (latest first) shifts with cursors, cancelled seats left out.
 */
import type { DutyFound, MyShiftsPage } from '../../../core/contract'
import { shiftId, shiftSignupId } from '../../../core/ids'
import type { AuditDoc, CallUpAnswerDoc, CheckpointDoc, PersonDoc, ShiftDoc, ShiftSignupDoc } from '../../../core/model'
import { DEMO_CHECKPOINT_ID } from '../../../emulator/seed/duty'
import { exactly } from '../harness/functions-cloud'
import { startDutyCloud, type DutyCloud } from '../harness/duty-cloud'

jest.setTimeout(120_000)

const H = 3_600_000

let g: DutyCloud
let staff: PersonDoc
let chief: PersonDoc
let demoShift: ShiftDoc
let coming: CallUpAnswerDoc

beforeAll(async () => {
  g = await startDutyCloud()
  staff = await g.newLeader('communityStaff', 'c1')
  chief = await g.newLeader('gridChief', 'g1')
  const dump = await g.dump()
  coming = (dump.callUpAnswers as CallUpAnswerDoc[]).find((a) => a.answer === 'coming') as CallUpAnswerDoc
  // the first shift still to end that the reserve member who is coming is not on: the demo seats them on one of the
  // day's shifts, which one is the first to come depending on the hour the suite runs
  const theirs = new Set(
    (dump.shiftSignups as ShiftSignupDoc[]).filter((x) => x.personId === coming?.personId).map((x) => x.shiftId),
  )
  demoShift = (dump.shifts as ShiftDoc[])
    .filter((s) => s.checkpointId === DEMO_CHECKPOINT_ID && +s.endAt > Date.now() && !theirs.has(s._id))
    .sort((a, b) => +a.startAt - +b.startAt)[0]
  expect(demoShift && coming).toBeTruthy()
})
afterAll(async () => {
  await g?.close()
})

const find = (who: PersonDoc, payload: object) =>
  g.ok<DutyFound>(who, 'findPeople', { shiftId: demoShift._id, ...payload })
const auditOf = async (who: PersonDoc) =>
  ((await g.collections(['audit'])).audit as AuditDoc[]).filter(
    (a) => a.actorId === who._id && a.action === 'duty.findPeople',
  )

/** `n` residents of the community named 巡查员… in homes of the first grid (n ≥ 1). */
async function seedNamed(prefix: string, n: number, unitId: string): Promise<PersonDoc[]> {
  const homes = g.householdsUnder(unitId)
  const people: PersonDoc[] = Array.from({ length: n }, (_x, i) => ({
    _id: `picker_${prefix}_${String(i).padStart(2, '0')}`,
    openid: `o_picker_${prefix}_${i}`,
    name: `${prefix}${i}`,
    phone: `1370000${String(i).padStart(4, '0')}`,
    householdId: homes[i % homes.length]._id,
    homePath: homes[i % homes.length].path,
    roles: [{ role: 'resident', unitId: homes[i % homes.length]._id }],
    createdAt: new Date(),
  }))
  await g.cloud.seed({ people })
  return people
}

describe('duty.findPeople', () => {
  it('suggests the reserve force called up and coming first, before any name is typed', async () => {
    const found = await find(staff, {})
    expect(found.rows).toEqual([])
    expect(found.nextCursor).toBeNull()
    const s = found.suggestions.find((x) => x.personId === coming.personId)
    // community staff lead over the whole community: the phone in full, and the read is audited
    expect(s).toMatchObject({ name: coming.name, reserve: true, onShift: false, phone: coming.phone })
    expect(s?.where).toMatch(/\*\*\*$/)
    expect((await auditOf(staff)).flatMap((a) => a.subjectIds)).toContain(coming.personId)
    // typing the first character of their name keeps them first; a name that is not theirs drops them
    const named = await find(staff, { name: coming.name.slice(0, 1) })
    expect(named.suggestions.map((x) => x.personId)).toContain(coming.personId)
    expect(named.rows.map((x) => x.personId)).not.toContain(coming.personId)
    expect((await find(staff, { name: '不存在的名字' })).suggestions).toEqual([])
  })

  it('finds the community’s people by name a page at a time, each once, never another community’s', async () => {
    const mine = await seedNamed('巡查员', 27, 'c1')
    await seedNamed('巡查员外', 2, 'c2')
    const first = await find(staff, { name: '巡查员' })
    expect(first.rows).toHaveLength(20)
    expect(first.nextCursor).not.toBeNull()
    const second = await find(staff, { name: '巡查员', cursor: first.nextCursor })
    expect(second.suggestions).toEqual([])
    expect(second.nextCursor).toBeNull()
    const ids = [...first.rows, ...second.rows].map((r) => r.personId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.sort()).toEqual(mine.map((p) => p._id).sort())
    expect(first.rows.every((r) => r.where.endsWith('***') && !r.reserve)).toBe(true)
  })

  it('masks the phones of people outside the caller’s own grid, and audits only those shown in full', async () => {
    const [inGrid] = await seedNamed('网格内', 1, 'g1')
    const [outside] = await seedNamed('网格外', 1, 'g2')
    const a = (await find(chief, { name: '网格内' })).rows[0]
    const b = (await find(chief, { name: '网格外' })).rows[0]
    expect(a).toMatchObject({ personId: inGrid._id, phone: inGrid.phone })
    expect(b).toMatchObject({
      personId: outside._id,
      phone: `${outside.phone.slice(0, 3)}****${outside.phone.slice(7)}`,
    })
    const audited = (await auditOf(chief)).flatMap((x) => x.subjectIds)
    expect(audited).toContain(inGrid._id)
    expect(audited).not.toContain(outside._id)
  })

  it('marks someone put on the shift as on it', async () => {
    const [p] = await seedNamed('待安排', 1, 'g1')
    expect((await find(chief, { name: '待安排' })).rows[0]).toMatchObject({ personId: p._id, onShift: false })
    await g.ok(chief, 'assign', { shiftId: demoShift._id, personId: p._id })
    expect((await find(chief, { name: '待安排' })).rows[0]).toMatchObject({ personId: p._id, onShift: true })
  })

  it('lets only keepers over the checkpoint search; bad input is refused with a clear message', async () => {
    const otherChief = await g.newLeader('gridChief', 'g2')
    const otherStaff = await g.newLeader('communityStaff', 'c2')
    const resident = await g.newResident('g1')
    for (const who of [otherChief, otherStaff, resident])
      expect(await g.act(who, 'findPeople', { shiftId: demoShift._id, name: '巡查员' })).toEqual(exactly('FORBIDDEN'))
    expect(await g.act(staff, 'findPeople', { shiftId: 'no-such-shift', name: '巡' })).toEqual(exactly('NOT_FOUND'))
    for (const payload of [
      { shiftId: demoShift._id, name: '名'.repeat(21) },
      { shiftId: demoShift._id, name: '巡', phone: '1' },
      { shiftId: demoShift._id, name: '巡', cursor: '' },
    ])
      expect(await g.act(staff, 'findPeople', payload)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })
})

describe('duty.myShifts in pages', () => {
  it('pages upcoming shifts soonest first and recent ones latest first, without cancelled seats', async () => {
    const p = await g.newResident('g1', 3)
    // a checkpoint of its own, so the demo's shifts stay as they are
    const demoCp = ((await g.collections(['checkpoints'])).checkpoints as CheckpointDoc[]).find(
      (c) => c._id === DEMO_CHECKPOINT_ID,
    ) as CheckpointDoc
    const cpId = 'cp_picker_pages'
    await g.cloud.seed({ checkpoints: [{ ...demoCp, _id: cpId, name: '翻页卡口' }] })
    const now = Date.now()
    // 13 shifts to come (one cancelled), 12 of the last days: two hours each, a day apart, never overlapping
    const at = (k: number) => new Date(Math.floor(now / H) * H + k * 12 * H + 2 * H)
    const made = [...Array.from({ length: 14 }, (_x, i) => at(i)), ...Array.from({ length: 12 }, (_x, i) => at(-i - 1))]
    const shifts: ShiftDoc[] = made.map((start) => ({
      _id: shiftId(cpId, start),
      checkpointId: cpId,
      unitPath: g.unit('g1').path,
      communityId: 'c1',
      startAt: start,
      endAt: new Date(+start + 2 * H),
      capacity: 3,
      filled: 1,
      free: 2,
      handover: null,
      confirmedAt: null,
      createdAt: new Date(),
    }))
    const seats: ShiftSignupDoc[] = shifts.map((s, i) => ({
      _id: shiftSignupId(s._id, p._id),
      shiftId: s._id,
      checkpointId: s.checkpointId,
      unitPath: s.unitPath,
      communityId: 'c1',
      personId: p._id,
      name: p.name,
      startAt: s.startAt,
      endAt: s.endAt,
      status: i === 5 ? 'cancelled' : i >= 14 ? 'earned' : 'active',
      assignedBy: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    }))
    await g.cloud.seed({ shifts, shiftSignups: seats })

    const first = await g.ok<MyShiftsPage>(p, 'myShifts', {})
    expect(first.upcoming).toHaveLength(10)
    expect(first.recent).toHaveLength(10)
    const up2 = await g.ok<MyShiftsPage>(p, 'myShifts', { cursor: first.nextUpcoming })
    const re2 = await g.ok<MyShiftsPage>(p, 'myShifts', { cursor: first.nextRecent })
    // a cursor goes on with its own list alone
    expect(up2.recent).toEqual([])
    expect(re2.upcoming).toEqual([])
    expect([up2.nextUpcoming, re2.nextRecent]).toEqual([null, null])
    const upcoming = [...first.upcoming, ...up2.upcoming].map((m) => m.shift.startAt)
    const recent = [...first.recent, ...re2.recent].map((m) => m.shift.startAt)
    const iso = (d: Date) => d.toISOString()
    expect(upcoming).toEqual(
      made
        .slice(0, 14)
        .filter((_d, i) => i !== 5)
        .map(iso),
    )
    expect(recent).toEqual(made.slice(14).map(iso))
    expect(first.recent[0].shift.mine).toMatchObject({ status: 'earned' })
    expect(await g.act(p, 'myShifts', { cursor: 'nonsense' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(await g.act(p, 'myShifts', { pageSize: 51 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })
})
