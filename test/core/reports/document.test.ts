/** A report's document (core/reports/document.ts): what generate stores and the seed writes, from what was read. */
import { figuresFrom } from '../../../core/dashboard/figures'
import { reportId } from '../../../core/ids'
import { reportOf, standingOf } from '../../../core/reports/document'
import { zeroFigures } from '../../../core/requests/rates'
import type { Unit } from '../../../core/units'

const street = { _id: 's1', name: '和平街道', path: '/s1/', level: 'street' } as Unit
const none = figuresFrom({
  stats: undefined,
  week: undefined,
  urgentOver: 0,
  households: 10,
  reachable: 8,
  month: '2026-12',
  requests: zeroFigures(),
  decisionsOpen: 0,
})
const part = (order: number, patrols: number) =>
  standingOf(
    { _id: `g${order}`, name: '第3网格' },
    order % 2 ? '和平里社区' : '春晖社区',
    order,
    { ...none, patrols },
    null,
  )

it('stands a grid on its period figures, its community named', () => {
  expect(part(1, 4)).toEqual({
    gridId: 'g1',
    name: '第3网格',
    communityName: '和平里社区',
    order: 1,
    onTime: null,
    satisfaction: none.requests.rates.satisfaction,
    reach: none.reachRate,
    patrols: 4,
  })
})

it('makes the period’s document: its range, the period before, the boards of its grids', () => {
  const now = new Date('2026-12-03T10:00:00Z')
  const r = reportOf({
    unit: street,
    period: 'm2026-12',
    figures: none,
    previous: none,
    grids: 3,
    standings: [part(1, 4), part(2, 0)],
    decisions: { count: 0, newest: [] },
    by: { id: 'timer', name: '定时生成' },
    now,
  })
  expect(r).toMatchObject({
    _id: reportId('s1', 'm2026-12'),
    level: 'street',
    kind: 'month',
    previousPeriod: 'm2026-11',
    startsAt: new Date('2026-11-30T16:00:00Z'),
    endsAt: new Date('2026-12-31T16:00:00Z'),
    grids: 3,
    generatedByName: '定时生成',
    generatedAt: now,
  })
  const patrols = r?.boards.find((b) => b.measure === 'patrols')
  expect(patrols?.top.map((g) => g.gridId)).toEqual(['g1'])
  expect(patrols?.bottom.map((g) => g.gridId)).toEqual(['g2'])
})

it('makes nothing of a period key that is not one', () => {
  const input = { unit: street, figures: none, previous: none, grids: 0, standings: [], now: new Date() }
  const rest = { decisions: { count: 0, newest: [] }, by: { id: 'timer', name: '定时生成' } }
  expect(reportOf({ ...input, ...rest, period: 'm2026-13' })).toBeNull()
  expect(reportOf({ ...input, ...rest, period: 'x' })).toBeNull()
})
