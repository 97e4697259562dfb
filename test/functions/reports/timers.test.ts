/**
 * The weeklyReports / monthlyReports timers over the local cloud and the demo, fired with a chosen moment (independent
 * of when the test runs): each reports on the period just ended for every community and street, UNITS_PER_FIRING a
 * firing, resuming where the last stopped (or was killed), and a finished period costs nothing more; report ids keep
 * it to one report per unit and period. Also: the decisions of the period are in the street's bulletin.
 */
import type { ReportView } from '../../../core/contract'
import { reportId, reportRunId } from '../../../core/ids'
import type { PersonDoc, ProposalDoc, ReportDoc, ReportRunDoc } from '../../../core/model'
import { periodJustEnded, periodRange } from '../../../core/reports/period'
import { withSiblingKey } from '../../../core/grid/siblings'
import { childPath, type Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(240_000)

let g: FunctionsCloud
beforeAll(async () => {
  g = await startFunctionsCloud(['reports'], { timers: false })
}, 300_000)
afterAll(() => g?.close())

const fire = async (name: string, at: Date) =>
  (
    (
      await g.cloud.callFunction(
        'reports',
        { Type: 'Timer', TriggerName: name, Time: at.toISOString() },
        { openid: '' },
      )
    ).result as { ok: boolean; data: { period: string; generated: number; done: boolean; failed: string[] } }
  ).data

const reportsOf = async (period: string) => ((await g.dump()).reports as ReportDoc[]).filter((r) => r.period === period)

it('weeklyReports: last week of every community and street, ten a firing, resumed, once', async () => {
  // twelve more communities under the demo street: 2 demo communities + 12 + 1 street = 15 units to report on
  const street = g.demo.units.find((u) => u.level === 'street') as Unit
  const more = Array.from({ length: 12 }, (_, i) =>
    withSiblingKey({
      _id: `tc${String(i).padStart(2, '0')}`,
      name: `定时测试社区${i + 1}`,
      level: 'community',
      parentId: street._id,
      path: childPath(street.path, `tc${String(i).padStart(2, '0')}`),
    } as Unit),
  )
  await g.cloud.seed({ units: more })
  const units = [...g.demo.units, ...more].filter(
    (u) => (u.level === 'community' || u.level === 'street') && !u.retired,
  )
  // a Monday morning, Beijing (Sunday 22:30 UTC): the week just ended
  const firedAt = new Date('2026-11-29T22:30:00Z')
  const period = periodJustEnded('week', firedAt)
  expect(period).toBe('w2026-W48')

  const first = await fire('weeklyReports', firedAt)
  expect(first).toEqual({ period, generated: 10, done: false, failed: [] })
  expect(await reportsOf(period)).toHaveLength(10)

  // the firing was killed after its last report but before its cursor moved: the next one does that unit again,
  // under the same id
  const run = ((await g.dump()).reportRuns as ReportRunDoc[]).find((r) => r._id === reportRunId(period)) as ReportRunDoc
  const ordered = units.filter((u) => u.level === run.level).sort((a, b) => (a._id < b._id ? -1 : 1))
  const back = ordered[ordered.findIndex((u) => u._id === run.after) - 1]
  await g.cloud.seed({ reportRuns: [{ ...run, after: back._id }] })

  const second = await fire('weeklyReports', new Date(+firedAt + 10 * 60_000))
  expect(second.done).toBe(true)
  expect(second.generated).toBe(units.length - 10 + 1)
  const made = await reportsOf(period)
  expect(made.map((r) => r._id).sort()).toEqual(units.map((u) => reportId(u._id, period)).sort())
  expect(made.every((r) => r.generatedByName === '定时生成' && r.kind === 'week')).toBe(true)
  const range = periodRange(period) as { start: Date; end: Date }
  expect(made.every((r) => +new Date(r.endsAt) === +range.end)).toBe(true)

  // finished: a later firing of the same Monday reports nothing more
  expect(await fire('weeklyReports', new Date(+firedAt + 20 * 60_000))).toEqual({
    period,
    generated: 0,
    done: true,
    failed: [],
  })
  expect(await reportsOf(period)).toHaveLength(units.length)
})

it('monthlyReports: on the 1st, last month of every community and street', async () => {
  const firedAt = new Date('2026-11-30T16:05:00Z') // 1 December 00:05, Beijing
  const period = periodJustEnded('month', firedAt)
  expect(period).toBe('m2026-11')
  let done = false
  for (let i = 0; i < 5 && !done; i++) done = (await fire('monthlyReports', new Date(+firedAt + i * 600_000))).done
  expect(done).toBe(true)
  const made = await reportsOf(period)
  const units = ((await g.dump()).units as Unit[]).filter(
    (u) => (u.level === 'community' || u.level === 'street') && !u.retired,
  )
  expect(made).toHaveLength(units.length)
  expect(new Set(made.map((r) => r._id)).size).toBe(made.length)
})

it("the street's monthly bulletin names the council decisions taken under it that month", async () => {
  const staff = g.persona('streetStaff')
  const streetId = staff.roles.find((r) => r.role === 'streetStaff')?.unitId as string
  const grid = g.demo.units.find((u) => u.level === 'grid' && !u.retired) as Unit
  const now = new Date()
  const decided = (n: number, at: Date, outcome: 'passed' | 'rejected'): ProposalDoc => ({
    _id: `prop_report_${n}`,
    gridId: grid._id,
    gridPath: grid.path,
    communityId: grid.parentId as string,
    title: `报告测试议题${n}`,
    text: '',
    photos: [],
    requestId: null,
    proposerId: 'p_report',
    proposerName: '居民 测试',
    status: 'decided',
    stage: 'closed',
    stageAt: at,
    supports: 3,
    agendaBy: 'threshold',
    declineReason: '',
    history: [],
    meetingId: null,
    decision: { outcome, reason: '测试', at, meetingId: null, noticeId: null, taskId: null },
    createdAt: at,
    updatedAt: at,
  })
  const thisMonth = periodRange(`m${new Date(+now + 8 * 3_600_000).toISOString().slice(0, 7)}`) as {
    start: Date
    end: Date
  }
  await g.cloud.seed({
    proposals: [
      decided(1, new Date(+thisMonth.start + 1_000), 'passed'),
      decided(2, now, 'rejected'),
      // last month's: not this month's
      decided(3, new Date(+thisMonth.start - 60_000), 'passed'),
    ],
  })
  const res = (
    await g.cloud.callFunction(
      'reports',
      { action: 'generate', payload: { unitId: streetId, kind: 'month' } },
      { openid: (staff as PersonDoc).openid as string },
    )
  ).result as { ok: boolean; data: ReportView }
  expect(res.ok).toBe(true)
  expect(res.data.decisions.count).toBe(2)
  expect(res.data.decisions.newest.map((d) => [d.title, d.gridName, d.outcome])).toEqual([
    ['报告测试议题2', grid.name, '不通过'],
    ['报告测试议题1', grid.name, '通过'],
  ])
})
