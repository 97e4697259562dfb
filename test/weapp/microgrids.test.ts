/**
 * 战时网格's grid picker in the compiled weapp under miniprogram-simulate: street staff open their street, tap a
 * community, pick a grid — one org.tree call a step, never the street's grids all at once; a long list of grids pages
 * with 加载更多; 换一个 opens again at the grid's community, the grid open marked. A grid chief goes straight to their
 * grid, no tree read. wx.cloud.callFunction answers with envelopes shaped by core/contract.
 */
import type { EmergencyApi, OrgTreeResult, OrgUnit, UnitRef } from '../../core/contract'
import { ok } from '../../core/envelope'
import { bootApp, createWx, eventually, renderPage, route, tap, text, type CloudCall } from './harness'
import { chiefMe, staffMe } from './fixtures'

const LIST = 'emergency/microgrid/list/index'

type Handler = (call: CloudCall) => unknown
let answer: Handler = () => ok(chiefMe)
const wx = createWx((call) => answer(call))

beforeAll(() => bootApp(wx))
beforeEach(() => wx.cloud.callFunction.mockClear())

const calls = (action: string) =>
  wx.cloud.callFunction.mock.calls
    .map(([c]) => c as CloudCall)
    .filter((c) => c.data.action === action)
    .map((c) => c.data.payload)

const street = { id: 'st-1', name: '和平街道', level: 'street' as const }
const happy = { id: 'co-1', name: '幸福里社区', level: 'community' as const }
const spring = { id: 'co-2', name: '春晖社区', level: 'community' as const }
const grid = (n: number, fields: Partial<OrgUnit> = {}): OrgUnit => ({
  id: `g-${n}`,
  name: `第${n}网格`,
  level: 'grid',
  wartime: false,
  retired: false,
  households: 40,
  residents: 90,
  children: 3,
  ...fields,
})
const row = (ref: UnitRef, children: number): OrgUnit => ({
  ...ref,
  wartime: false,
  retired: false,
  households: 0,
  residents: 0,
  children,
})
const level = (ref: UnitRef, path: UnitRef[], children: OrgUnit[], nextCursor?: string): OrgTreeResult => ({
  unit: { ...ref, wartime: false, retired: false, households: 0, residents: 0, path },
  children,
  ...(nextCursor ? { nextCursor } : {}),
})

const streetMe = {
  ...staffMe,
  roles: [{ role: 'streetStaff' as const, unitId: 'st-1', unitName: '和平街道', level: 'street' as const }],
}

/** emergency.microGrids of a grid: the 寒潮 in force, nothing drawn yet. */
const microGrids = (p: Record<string, unknown>): EmergencyApi['microGrids']['result'] => ({
  grid: { id: p.gridId as string, name: `网格 ${p.gridId as string}`, level: 'grid' },
  emergency: { id: 'em-1', name: '寒潮防冻' },
  mayManage: false,
  buildings: [],
  rows: [],
  retired: [],
})

const targets = (page: Awaited<ReturnType<typeof renderPage>>) =>
  page.querySelectorAll('.microgrids-picker .org-move-target').map((n) => n.dom.textContent)
const opens = (page: Awaited<ReturnType<typeof renderPage>>) =>
  page.querySelectorAll('.microgrids-picker .org-move-open').map((n) => n.dom.textContent)

describe('战时网格, picking the grid', () => {
  test('street staff open their street, tap a community and pick a grid: one org.tree call a step', async () => {
    const byUnit: Record<string, OrgTreeResult> = {
      'st-1': level(street, [], [row(happy, 3), row(spring, 1)]),
      'co-1': level(happy, [street], [grid(3), grid(4), grid(9, { name: '旧第九网格', retired: true })]),
      'co-2': level(spring, [street], [grid(21, { name: '春晖第1网格' })]),
    }
    answer = route({
      'grid.me': () => ok(streetMe),
      'org.tree': (p) => ok(byUnit[p.unitId as string]),
      'emergency.microGrids': (p) => ok(microGrids(p)),
    })
    const page = await renderPage(LIST)
    await eventually(() => expect(opens(page)).toEqual(['幸福里社区打开 ›', '春晖社区打开 ›']))
    expect(calls('tree')).toEqual([{ unitId: 'st-1' }])
    expect(calls('microGrids')).toEqual([])
    expect(page.dom.textContent).toContain('选一个网格，查看和划分它的战时网格')

    await tap(page, '.microgrids-picker .org-move-open')
    await eventually(() => expect(targets(page)).toEqual(['第3网格查看 ›', '第4网格查看 ›']))
    expect(calls('tree')).toEqual([{ unitId: 'st-1' }, { unitId: 'co-1' }])
    // the way back up to the street; the retired grid is not offered
    expect(text(page, '.microgrids-picker .org-crumbs--picker')).toContain('和平街道')
    expect(page.dom.textContent).not.toContain('旧第九网格')

    await tap(page, '.microgrids-picker .org-move-target', 1)
    await eventually(() => expect(calls('microGrids')).toEqual([{ gridId: 'g-4' }]))
    await eventually(() => expect(text(page, '.microgrids-grid-picker')).toContain('第4网格（幸福里社区）'))
    expect(page.querySelectorAll('.microgrids-picker')).toHaveLength(0)
    await eventually(() => expect(page.dom.textContent).toContain('寒潮防冻期间'))
    expect(calls('tree')).toHaveLength(2)

    // 换一个 opens again at that community, the grid open marked; its crumb leads to the other community's grids
    await tap(page, '.microgrids-grid-picker')
    await eventually(() => expect(text(page, '.microgrids-picker .org-move-target--here')).toContain('第4网格正在查看'))
    expect(calls('tree').at(-1)).toEqual({ unitId: 'co-1' })
    await tap(page, '.microgrids-picker .org-crumb')
    await eventually(() => expect(opens(page)).toHaveLength(2))
    expect(calls('tree').at(-1)).toEqual({ unitId: 'st-1' })
    await tap(page, '.microgrids-picker .org-move-open', 1)
    await eventually(() => expect(targets(page)).toEqual(['春晖第1网格查看 ›']))
    await tap(page, '.microgrids-picker .org-move-target')
    await eventually(() => expect(calls('microGrids').at(-1)).toEqual({ gridId: 'g-21' }))
    expect(text(page, '.microgrids-grid-picker')).toContain('春晖第1网格（春晖社区）')
    expect(calls('tree')).toHaveLength(5)
    page.detach()
  })

  test('community staff page a long list of grids with 加载更多 and pick one from the second page', async () => {
    const first = Array.from({ length: 20 }, (_, i) => grid(i + 1))
    answer = route({
      'grid.me': () => ok(staffMe),
      'org.tree': (p) =>
        ok(p.cursor ? level(happy, [street], [grid(21), grid(22)]) : level(happy, [street], first, 'co-1/x/第20网格')),
      'emergency.microGrids': (p) => ok(microGrids(p)),
    })
    const page = await renderPage(LIST)
    await eventually(() => expect(targets(page)).toHaveLength(20))
    expect(calls('tree')).toEqual([{ unitId: 'co-1' }])
    // their own community open: no crumbs above it
    expect(page.querySelectorAll('.microgrids-picker .org-crumbs')).toHaveLength(0)
    await tap(page, '.microgrids-picker .org-picker__more')
    expect(calls('tree').at(-1)).toEqual({ unitId: 'co-1', cursor: 'co-1/x/第20网格' })
    await eventually(() => expect(targets(page).at(-1)).toBe('第22网格查看 ›'))
    expect(page.querySelectorAll('.microgrids-picker .org-picker__more')).toHaveLength(0)
    await tap(page, '.microgrids-picker .org-move-target', 21)
    await eventually(() => expect(calls('microGrids')).toEqual([{ gridId: 'g-22' }]))
    // their own community is not repeated after the grid's name
    expect(text(page, '.microgrids-grid-picker')).toContain('第22网格')
    expect(text(page, '.microgrids-grid-picker')).not.toContain('幸福里社区')
    expect(calls('tree')).toHaveLength(2)
    page.detach()
  })

  test('a grid chief goes straight to their grid: no tree read, no picker', async () => {
    answer = route({ 'grid.me': () => ok(chiefMe), 'emergency.microGrids': (p) => ok(microGrids(p)) })
    const page = await renderPage(LIST)
    await eventually(() => expect(calls('microGrids')).toEqual([{ gridId: 'g-3' }]))
    await eventually(() => expect(page.dom.textContent).toContain('寒潮防冻期间'))
    expect(calls('tree')).toEqual([])
    expect(page.querySelectorAll('.microgrids-picker')).toHaveLength(0)
    expect(page.querySelectorAll('.microgrids-grid-picker')).toHaveLength(0)
    page.detach()
  })
})
