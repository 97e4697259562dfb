/** The words of a report (core/reports/summary.ts): its notice names the period, the figures against the last, each
 * 红黑榜 and the decisions, inside the notice's limits; changes read as people say them. */
import type { DashboardFigures } from '../../../core/contract/dashboard'
import { NOTICE_LIMITS } from '../../../core/contract/notices'
import { board, type GridStanding } from '../../../core/reports/ranking'
import { boardValueText, changeText, pctText, reportNotice } from '../../../core/reports/summary'

const figures = (f: Partial<DashboardFigures> = {}): DashboardFigures => ({
  notices: 3,
  urgentNotices: 1,
  reached: 40,
  reachable: 50,
  households: 60,
  reachRate: 0.8,
  unreachedUrgent: 0,
  volunteerHours: 12.5,
  activeVolunteers: 6,
  pointsEarned: 300,
  pointsRedeemed: 40,
  requests: {
    month: '2026-12',
    reported: 9,
    open: 2,
    ended: 7,
    resolved: 6,
    overdue: 1,
    rates: { response: 1, resolution: 0.75, satisfaction: 0.9 },
  },
  patrols: 14,
  careMissed: 2,
  decisionsOpen: 1,
  ...f,
})
const grid = (i: number, patrols: number): GridStanding => ({
  gridId: `g${i}`,
  name: `第${i}网格`,
  communityName: '和平里社区',
  order: i,
  onTime: null,
  satisfaction: null,
  reach: null,
  patrols,
})

it.each([
  ['week', 5, 3, '比上周+2'],
  ['month', 3, 5, '比上月−2'],
  ['week', 4, 4, '与上周持平'],
  ['month', 1.25, 1, '比上月+0.3'],
] as const)('%s %s against %s reads %s', (kind, now, before, words) => {
  expect(changeText(kind, now, before)).toBe(words)
})

it('rates and board values read in per cent, patrols in 次, nothing to divide as 暂无', () => {
  expect(pctText(0.8667)).toBe('86.7%')
  expect(pctText(null)).toBe('暂无')
  expect(boardValueText('patrols', 7)).toBe('7 次')
  expect(boardValueText('reach', 0.5)).toBe('50%')
})

it('a month bulletin as a notice: period, figures, boards, decisions', () => {
  const { title, body } = reportNotice({
    unitName: '和平里社区',
    kind: 'month',
    label: '2026年12月',
    figures: figures(),
    previous: figures({ patrols: 10 }),
    boards: [board([grid(1, 3), grid(2, 9), grid(3, 1)], 'patrols'), board([grid(1, 0)], 'onTime')],
    decisions: { count: 1, newest: [{ title: '楼间空地改建小花园', gridName: '第1网格', outcome: '通过' }] },
  })
  expect(title).toBe('和平里社区月通报（2026年12月）')
  expect(body).toContain('通知触达率 80%')
  expect(body).toContain('巡查 14 次（比上月+4）')
  expect(body).toContain('巡查次数 红榜：第2网格（9 次）、第1网格（3 次）；黑榜：第3网格（1 次）。')
  expect(body).toContain('按时办结率：暂无可排名的网格。')
  expect(body).toContain('本期三长议事作出决定 1 项：第1网格「楼间空地改建小花园」通过。')
})

it('stays inside the notice limits whatever the names', () => {
  const long = '很长的名字'.repeat(30)
  const grids = Array.from({ length: 12 }, (_, i) => ({ ...grid(i, i), name: long }))
  const { title, body } = reportNotice({
    unitName: long,
    kind: 'week',
    label: '11月30日–12月6日',
    figures: figures(),
    previous: figures(),
    boards: (['onTime', 'satisfaction', 'reach', 'patrols'] as const).map((m) => board(grids, m)),
    decisions: {
      count: 30,
      newest: Array.from({ length: 10 }, () => ({ title: long, gridName: long, outcome: '通过' })),
    },
  })
  expect([...title].length).toBeLessThanOrEqual(NOTICE_LIMITS.title)
  expect([...body].length).toBeLessThanOrEqual(NOTICE_LIMITS.body)
})
