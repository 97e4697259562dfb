/**
 * The emergency function's `repairCallUpCounts` timer through the real wx-server-sdk in the local cloud, over the
 * demo's call-up (its counts seeded as the recount of its answers) and 110 more of the same emergency:
 * - a walk finds nothing wrong in counts equal to the recount; each firing takes a bounded window and the next ones
 *   go on until every call-up came round;
 * - a call-up's counts made wrong on purpose are found, reported with their drift and mended, after which every
 *   call-up's counts equal core/emergency/reserve.ts recount of its answers;
 * - a call-up answered within the last two minutes is left for its next turn, then mended.
 */
import type { Envelope } from '../../../core/envelope'
import { recount } from '../../../core/emergency/reserve'
import { callUpAnswerId } from '../../../core/ids'
import type { CallUpAnswerDoc, CallUpDoc } from '../../../core/model'
import {
  QUIET_MS,
  REPAIR_CALLUPS,
  REPAIR_PERIOD_MS,
  type CallUpRepairReport,
} from '../../../cloudfunctions/emergency/repair-counts'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(300_000)

let g: FunctionsCloud
let demo: CallUpDoc
/** Firings are an hour ahead: the demo's answers (given this Beijing morning) are long quiet by then. */
const ahead = (k = 0) => new Date(Date.now() + 3_600_000 + k * REPAIR_PERIOD_MS)

beforeAll(async () => {
  g = await startFunctionsCloud(['emergency'], { timers: false })
  demo = ((await g.dump()).callUps as CallUpDoc[])[0]
  expect(demo.coming + demo.cannot).toBeGreaterThan(0)
  const more: CallUpDoc[] = Array.from({ length: 110 }, (_x, i) => ({
    ...demo,
    _id: `callup_walk_${String(i).padStart(3, '0')}`,
    createdAt: new Date(+demo.createdAt + (i + 1) * 60_000),
    coming: 0,
    cannot: 0,
    assigned: 0,
  }))
  await g.cloud.seed({ callUps: more })
})
afterAll(() => g?.close())

const fire = async (at: Date) =>
  data(
    (
      await g.cloud.callFunction(
        'emergency',
        { Type: 'Timer', TriggerName: 'repairCallUpCounts', Time: at.toISOString(), Message: '' },
        { openid: '' },
      )
    ).result as Envelope<CallUpRepairReport>,
  )

async function walk(at: Date): Promise<{ reports: CallUpRepairReport[]; mended: CallUpRepairReport['mended'] }> {
  const reports = [await fire(at)]
  while (reports.reduce((n, r) => n + r.steps, 0) < reports[0].of)
    reports.push(await fire(new Date(+at + reports.length * REPAIR_PERIOD_MS)))
  return { reports, mended: reports.flatMap((r) => r.mended) }
}

/** Every call-up whose counts are not the recount of its answers. */
async function drift(): Promise<string[]> {
  const dump = await g.dump()
  const answers = dump.callUpAnswers as CallUpAnswerDoc[]
  return (dump.callUps as CallUpDoc[]).flatMap((c) => {
    const want = recount(answers.filter((a) => a.callUpId === c._id))
    return want.coming === c.coming && want.cannot === c.cannot && want.assigned === c.assigned
      ? []
      : [`${c._id}: held ${c.coming}/${c.cannot}/${c.assigned}, recount ${JSON.stringify(want)}`]
  })
}

it('finds nothing wrong in counts equal to the recount, a bounded window a firing', async () => {
  expect(await drift()).toEqual([])
  const { reports, mended } = await walk(ahead())
  expect(mended).toEqual([])
  expect(reports[0].of).toBe(111)
  expect(reports.length).toBe(Math.ceil(111 / REPAIR_CALLUPS))
  for (const r of reports) expect(r.steps).toBeLessThanOrEqual(REPAIR_CALLUPS)
  expect(reports.reduce((n, r) => n + r.checked, 0)).toBeGreaterThanOrEqual(111)
})

it('finds counts made wrong on purpose, says by how much, and mends them', async () => {
  const want = recount(((await g.dump()).callUpAnswers as CallUpAnswerDoc[]).filter((a) => a.callUpId === demo._id))
  await g.cloud.seed({ callUps: [{ ...demo, coming: want.coming + 3, assigned: 0 }] })
  // a call-up nobody answered, showing answers
  const empty = ((await g.dump()).callUps as CallUpDoc[]).find((c) => c._id === 'callup_walk_077') as CallUpDoc
  await g.cloud.seed({ callUps: [{ ...empty, cannot: 2 }] })
  expect(await drift()).toHaveLength(2)

  const { reports, mended } = await walk(ahead(5))
  expect(mended).toEqual(
    expect.arrayContaining([
      {
        callUpId: demo._id,
        emergencyId: demo.emergencyId,
        held: { coming: want.coming + 3, cannot: want.cannot, assigned: 0 },
        recount: want,
        drift: { coming: -3, cannot: 0, assigned: want.assigned },
      },
      {
        callUpId: empty._id,
        emergencyId: empty.emergencyId,
        held: { coming: 0, cannot: 2, assigned: 0 },
        recount: { coming: 0, cannot: 0, assigned: 0 },
        drift: { coming: 0, cannot: -2, assigned: 0 },
      },
    ]),
  )
  expect(mended).toHaveLength(2)
  expect(reports.reduce((n, r) => n + r.wrong, 0)).toBe(2)
  expect(await drift()).toEqual([])
  expect((await walk(ahead(20))).mended).toEqual([])
})

/** The first firing time from `after` on whose window of the walk (`of` call-ups) takes the `index`-th one. */
function covering(index: number, of: number, after: Date): Date {
  for (let t = +after; ; t += REPAIR_PERIOD_MS) {
    const start = (Math.floor(t / REPAIR_PERIOD_MS) * REPAIR_CALLUPS) % of
    if ((index - start + of) % of < REPAIR_CALLUPS) return new Date(t)
  }
}

it('leaves a call-up answered in the last two minutes for its next turn, then mends it', async () => {
  const all = ((await g.dump()).callUps as CallUpDoc[]).sort(
    (a, b) => +a.createdAt - +b.createdAt || (a._id < b._id ? -1 : 1),
  )
  const index = all.findIndex((x) => x._id === 'callup_walk_005')
  const c = all[index]
  const at = covering(index, all.length, ahead(40))
  const answer: CallUpAnswerDoc = {
    _id: callUpAnswerId(c._id, 'walk_member'),
    callUpId: c._id,
    emergencyId: c.emergencyId,
    personId: 'walk_member',
    name: '应召队员',
    phone: '13700000000',
    kind: 'volunteer',
    answer: 'coming',
    note: '',
    answeredAt: new Date(+at - QUIET_MS / 4),
    assignment: null,
  }
  // the answer is written, its count not (yet): what a repair must not decide on
  await g.cloud.seed({ callUpAnswers: [answer] })
  const first = await fire(at)
  expect(first.mended).toEqual([])
  expect(first.busy).toBe(1)
  expect(await drift()).toHaveLength(1)
  // its next turn, once quiet: mended
  const later = await fire(covering(index, all.length, new Date(+at + QUIET_MS)))
  expect(later.mended).toEqual([
    {
      callUpId: c._id,
      emergencyId: c.emergencyId,
      held: { coming: 0, cannot: 0, assigned: 0 },
      recount: { coming: 1, cannot: 0, assigned: 0 },
      drift: { coming: 1, cannot: 0, assigned: 0 },
    },
  ])
  expect(await drift()).toEqual([])
})
