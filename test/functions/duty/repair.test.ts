/**
 * The duty function's `repairCounters` timer through the real wx-server-sdk in the local cloud, over the demo's
 * shifts (their seat counts seeded as the seat transaction writes them) and a checkpoint of 90 more:
 * - a walk finds nothing wrong in counts equal to the recount of the sign-ups;
 * - a shift's `filled` and another's `free` made wrong on purpose are found, reported with their drift and mended;
 *   each firing takes a bounded window and the next ones go on until every shift came round;
 * - a repair firing while people sign up for a broken shift leaves it equal to its seats, never past capacity.
 */
import type { Envelope } from '../../../core/envelope'
import { shiftId, shiftSignupId } from '../../../core/ids'
import type { CheckpointDoc, ShiftDoc, ShiftSignupDoc } from '../../../core/model'
import { REPAIR_PERIOD_MS, REPAIR_SHIFTS, type DutyRepairReport } from '../../../cloudfunctions/duty/repair-counters'
import { DEMO_CHECKPOINT_ID } from '../../../emulator/seed/duty'
import { data } from '../harness/functions-cloud'
import { startDutyCloud, type DutyCloud } from '../harness/duty-cloud'

jest.setTimeout(300_000)

const H = 3_600_000
let g: DutyCloud
const CP = 'cp_repair_walk'

beforeAll(async () => {
  g = await startDutyCloud()
  const demo = ((await g.collections(['checkpoints'])).checkpoints as CheckpointDoc[]).find(
    (c) => c._id === DEMO_CHECKPOINT_ID,
  ) as CheckpointDoc
  // 90 more shifts of one seat ahead, a third of them taken (counts as the seat transaction writes them)
  const base = Math.floor(Date.now() / H) * H + 2 * 24 * H
  const shifts: ShiftDoc[] = []
  const seats: ShiftSignupDoc[] = []
  for (let i = 0; i < 90; i++) {
    const startAt = new Date(base + i * H)
    const s: ShiftDoc = {
      _id: shiftId(CP, startAt),
      checkpointId: CP,
      unitPath: demo.unitPath,
      communityId: demo.communityId,
      startAt,
      endAt: new Date(+startAt + H),
      capacity: 2,
      filled: i % 3 === 0 ? 1 : 0,
      free: i % 3 === 0 ? 1 : 2,
      handover: null,
      confirmedAt: null,
      createdAt: new Date(),
    }
    shifts.push(s)
    if (i % 3 === 0)
      seats.push({
        _id: shiftSignupId(s._id, `walker_${i}`),
        shiftId: s._id,
        checkpointId: CP,
        unitPath: s.unitPath,
        communityId: s.communityId,
        personId: `walker_${i}`,
        name: `巡逻${i}`,
        startAt: s.startAt,
        endAt: s.endAt,
        status: 'active',
        assignedBy: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      })
  }
  await g.cloud.seed({ checkpoints: [{ ...demo, _id: CP, name: '南门卡口' }], shifts, shiftSignups: seats })
})
afterAll(() => g?.close())

/** One firing of the timer at `at`. */
const fire = async (at: Date) =>
  data(
    (
      await g.cloud.callFunction(
        'duty',
        { Type: 'Timer', TriggerName: 'repairCounters', Time: at.toISOString(), Message: '' },
        { openid: '' },
      )
    ).result as Envelope<DutyRepairReport>,
  )

/** Fires from `at` on, one period apart, until every shift of the walk came round once. */
async function walk(at: Date): Promise<{ reports: DutyRepairReport[]; mended: DutyRepairReport['mended'] }> {
  const reports = [await fire(at)]
  while (reports.reduce((n, r) => n + r.steps, 0) < reports[0].of)
    reports.push(await fire(new Date(+at + reports.length * REPAIR_PERIOD_MS)))
  return { reports, mended: reports.flatMap((r) => r.mended) }
}

/** Every shift whose counts are not what its seats say. */
async function drift(): Promise<string[]> {
  const { shifts, shiftSignups } = await g.collections(['shifts', 'shiftSignups'])
  const seats = shiftSignups as ShiftSignupDoc[]
  return (shifts as ShiftDoc[]).flatMap((s) => {
    const filled = seats.filter((x) => x.shiftId === s._id && x.status !== 'cancelled').length
    return s.filled === filled && s.free === s.capacity - filled
      ? []
      : [`${s._id}: ${s.filled}/${s.free}, seats ${filled}`]
  })
}

const shiftNo = async (i: number) =>
  ((await g.collections(['shifts'])).shifts as ShiftDoc[])
    .filter((s) => s.checkpointId === CP)
    .sort((a, b) => +a.startAt - +b.startAt)[i]

it('finds nothing wrong in counts equal to the recount, a bounded window a firing', async () => {
  expect(await drift()).toEqual([])
  const { reports, mended } = await walk(new Date())
  expect(mended).toEqual([])
  expect(reports.length).toBeGreaterThan(1)
  for (const r of reports) expect(r.steps).toBeLessThanOrEqual(REPAIR_SHIFTS)
  expect(reports[0].of).toBeGreaterThanOrEqual(96)
  expect(reports.reduce((n, r) => n + r.checked, 0)).toBeGreaterThanOrEqual(reports[0].of)
})

it('finds a shift’s filled and another’s free made wrong on purpose, says by how much, and mends them', async () => {
  const taken = await shiftNo(3) // one seat taken
  const empty = await shiftNo(80) // none taken, near the walk's end
  await g.seedShift({ ...taken, filled: 2, free: 0 })
  await g.seedShift({ ...empty, free: 1 })
  expect(await drift()).toHaveLength(2)

  const { reports, mended } = await walk(new Date(Date.now() + 7 * REPAIR_PERIOD_MS))
  expect(mended).toEqual(
    expect.arrayContaining([
      {
        shiftId: taken._id,
        checkpointId: CP,
        held: { filled: 2, free: 0 },
        recount: { filled: 1, free: 1 },
        drift: { filled: -1, free: 1 },
      },
      {
        shiftId: empty._id,
        checkpointId: CP,
        held: { filled: 0, free: 1 },
        recount: { filled: 0, free: 2 },
        drift: { filled: 0, free: 1 },
      },
    ]),
  )
  expect(mended).toHaveLength(2)
  expect(reports.reduce((n, r) => n + r.wrong, 0)).toBe(2)
  expect(await drift()).toEqual([])
  // a full shift showed as full: mended, it takes a sign-up again
  const p = await g.newResident('g1', 11)
  expect(await g.ok(p, 'signUp', { shiftId: taken._id })).toMatchObject({ filled: 2, capacity: 2 })
  expect((await walk(new Date(Date.now() + 20 * REPAIR_PERIOD_MS))).mended).toEqual([])
})

it('a repair firing while people sign up for a broken shift leaves it equal to its seats, never past capacity', async () => {
  const s = await shiftNo(10) // none taken
  await g.seedShift({ ...s, filled: 1, free: 1 }) // shows a seat taken that nobody holds
  const people = await Promise.all([1, 2, 3].map((n) => g.newResident('g1', 20 + n)))
  const at = new Date(Date.now() + 40 * REPAIR_PERIOD_MS)
  const results = await Promise.all([
    ...people.map((p) => g.act(p, 'signUp', { shiftId: s._id })),
    ...[0, 1, 2, 3, 4].map((k) => fire(new Date(+at + k * REPAIR_PERIOD_MS))),
  ])
  const seated = results.slice(0, 3).filter((r) => (r as { ok: boolean }).ok).length
  // then the walk comes round once more: whatever the race left is mended
  await walk(new Date(+at + 10 * REPAIR_PERIOD_MS))
  expect(await drift()).toEqual([])
  const after = (await shiftNo(10)) as ShiftDoc
  const seats = ((await g.collections(['shiftSignups'])).shiftSignups as ShiftSignupDoc[]).filter(
    (x) => x.shiftId === s._id && x.status === 'active',
  )
  expect(after.filled).toBe(seats.length)
  expect(seats.length).toBeLessThanOrEqual(2)
  expect(seats.length).toBeGreaterThanOrEqual(seated)
})
