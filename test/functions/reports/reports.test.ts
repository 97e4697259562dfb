/**
 * reports (周例会 / 月通报) over the local cloud and the demo: a community's month equals a count of the stored records
 * made here by hand; the 红黑榜 of seeded grids; a street of 525 grids within the function's time; regeneration keeps
 * the id; export opens as a workbook with the figures; publish once; who may and may not; bad input.
 */
import ExcelJS from 'exceljs'
import type { NoticeCard, ReportPage, ReportView } from '../../../core/contract'
import { monthKey, periodOf } from '../../../core/dashboard/stats'
import { withSiblingKey } from '../../../core/grid/siblings'
import { reportId, requestCounterId, unitStatsId } from '../../../core/ids'
import type {
  PatrolDoc,
  PersonDoc,
  ReceiptDoc,
  RequestCounterDoc,
  RequestDoc,
  UnitCounterDoc,
  UnitStatsDoc,
} from '../../../core/model'
import { momentOf, periodRange } from '../../../core/reports/period'
import { noFigures } from '../../../server/data/request-counters'
import { ancestorAt, childPath, isWithin, type Unit } from '../../../core/units'
import { exactly, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(240_000)

let g: FunctionsCloud
let communityStaff: PersonDoc
let streetStaff: PersonDoc
let chief: PersonDoc
let resident: PersonDoc
let communityId: string
let streetId: string

beforeAll(async () => {
  g = await startFunctionsCloud(['reports', 'notices'], { timers: false })
  communityStaff = g.persona('communityStaff')
  streetStaff = g.persona('streetStaff')
  chief = g.persona('gridChief')
  resident = g.persona('resident')
  communityId = communityStaff.roles.find((r) => r.role === 'communityStaff')?.unitId as string
  streetId = streetStaff.roles.find((r) => r.role === 'streetStaff')?.unitId as string
}, 300_000)
afterAll(() => g?.close())

const unit = (id: string): Unit => g.demo.units.find((u) => u._id === id) as Unit

async function call<T>(person: PersonDoc, action: string, payload: unknown) {
  return (await g.cloud.callFunction('reports', { action, payload }, { openid: person.openid as string })).result as {
    ok: boolean
    data: T
    code?: string
    message?: string
  }
}
async function ok<T>(person: PersonDoc, action: string, payload: unknown): Promise<T> {
  const res = await call<T>(person, action, payload)
  if (!res.ok) throw new Error(`reports.${action}: ${res.code} ${res.message}`)
  return res.data
}
const generate = (person: PersonDoc, unitId: string, kind: 'week' | 'month', period?: string) =>
  ok<ReportView>(person, 'generate', { unitId, kind, ...(period ? { period } : {}) })

const within = (d: Date | string, r: { start: Date; end: Date }) => +new Date(d) >= +r.start && +new Date(d) < +r.end

it("the demo's seeded reports are what generating them makes (same id, figures and boards)", async () => {
  const seeded = (await g.dump()).reports as { _id: string; unitId: string; kind: string }[]
  for (const id of [communityId, streetId])
    for (const kind of ['week', 'month'] as const) {
      const held = seeded.find((r) => r.unitId === id && r.kind === kind) as unknown as Record<string, unknown>
      expect(held).toBeDefined()
      const made = await generate(id === streetId ? streetStaff : communityStaff, id, kind)
      expect(made.id).toBe(held._id)
      expect({ id, kind, figures: made.figures, boards: made.boards }).toEqual({
        id,
        kind,
        figures: { ...(held.figures as object), unreachedUrgent: made.figures.unreachedUrgent },
        boards: held.boards,
      })
    }
})

it("a community's month equals a count of the records, grid by grid", async () => {
  const report = await generate(communityStaff, communityId, 'month')
  const now = new Date()
  expect(report).toMatchObject({ id: reportId(communityId, periodOf('month', now)), kind: 'month', published: false })
  expect(report.label).toMatch(/^\d{4}年\d{1,2}月$/)

  const dump = await g.dump()
  const range = periodRange(report.period) as { start: Date; end: Date }
  const month = monthKey(momentOf(report.period) as Date)
  const grids = g.demo.units.filter((u) => u.level === 'grid' && u.parentId === communityId && !u.retired)
  expect(report.grids).toBe(grids.length)
  const patrols = dump.patrols as PatrolDoc[]
  const requests = dump.requests as RequestDoc[]
  const receipts = dump.receipts as ReceiptDoc[]
  const counters = new Map((dump.unitCounters as UnitCounterDoc[]).map((c) => [c._id, c]))

  // counted by hand from the records: patrols begun in the month; the month's requests (merged and withdrawn ones
  // are not due anything); households with a 收到 in the month over those reachable
  const byHand = grids.map((grid) => {
    const mine = requests.filter(
      (r) => r.gridId === grid._id && r.month === month && r.state !== 'merged' && r.state !== 'withdrawn',
    )
    const ended = mine.filter((r) => r.group === 'closed')
    const late = mine.filter((r) => r.group === 'open' && r.overdue)
    const onTime = ended.filter((r) => r.resolvedAt !== undefined && r.resolvedOnTime === true)
    const rated = mine.filter((r) => r.rating !== undefined)
    const pleased = rated.filter((r) => r.rating === 'satisfied' || r.rating === 'basic')
    const reached = new Set(
      receipts.filter((x) => x.gridId === grid._id && within(x.at, range)).map((x) => x.householdId),
    ).size
    const reachable = counters.get(grid._id)?.reachable ?? 0
    return {
      gridId: grid._id,
      patrols: patrols.filter((p) => p.gridId === grid._id && within(p.startedAt, range)).length,
      onTime: ended.length + late.length ? onTime.length / (ended.length + late.length) : null,
      satisfaction: rated.length ? pleased.length / rated.length : null,
      reach: reachable ? Math.min(1, reached / reachable) : null,
      reported: requests.filter((r) => r.gridId === grid._id && r.month === month).length,
    }
  })
  expect(report.figures.patrols).toBe(byHand.reduce((n, x) => n + x.patrols, 0))
  expect(report.figures.requests.reported).toBe(byHand.reduce((n, x) => n + x.reported, 0))
  expect(report.figures.patrols).toBeGreaterThan(0)

  // every grid on a board stands there with its counted value; the others are said to have nothing to rank
  for (const b of report.boards) {
    const counted = byHand.filter((x) => x[b.measure] !== null)
    expect({ measure: b.measure, ranked: b.ranked, unranked: b.unranked }).toEqual({
      measure: b.measure,
      ranked: counted.length,
      unranked: grids.length - counted.length,
    })
    for (const row of [...b.top, ...b.bottom]) {
      const want = byHand.find((x) => x.gridId === row.gridId)?.[b.measure] as number
      expect({ measure: b.measure, grid: row.gridId, value: row.value }).toEqual({
        measure: b.measure,
        grid: row.gridId,
        value: expect.closeTo(want, 10),
      })
    }
  }
  // the dashboard shows the same figures of the same month
  const dashboard = (
    (await g.cloud.callFunction(
      'dashboard',
      { action: 'overview', payload: { unitId: communityId, period: 'month' } },
      { openid: communityStaff.openid as string },
    )) as unknown as { result: { ok: boolean; data?: { figures: unknown } } }
  ).result
  // (a report is read at a moment inside its period: this week's 未触达 is the dashboard's own, not a report's)
  expect(dashboard.ok).toBe(true)
  expect({ ...report.figures, unreachedUrgent: 0 }).toEqual({
    ...(dashboard.data?.figures as object),
    unreachedUrgent: 0,
  })
})

/** A community of 12 grids whose counters are seeded: grid i (1-based) has 2i patrols, and requests such that its
 * 按时办结率 is i/12 (grid 6 none ended), satisfaction 1 for even grids (none rated for odd), reach i/12. */
async function seedBoardCommunity(): Promise<{ community: Unit; grids: Unit[] }> {
  const street = unit(streetId)
  const now = new Date()
  const cur = periodOf('month', now)
  const m = monthKey(momentOf(cur) as Date)
  const community = withSiblingKey({
    _id: 'rc1',
    name: '红黑榜测试社区',
    level: 'community',
    parentId: street._id,
    path: childPath(street.path, 'rc1'),
  } as Unit)
  const grids = Array.from({ length: 12 }, (_, k) =>
    withSiblingKey({
      _id: `rc1g${k + 1}`,
      name: `第${k + 1}网格`,
      level: 'grid',
      parentId: community._id,
      path: childPath(community.path, `rc1g${k + 1}`),
    } as Unit),
  )
  const unitStats: UnitStatsDoc[] = grids.map((gr, k) => ({
    _id: unitStatsId(gr._id, cur),
    unitId: gr._id,
    period: cur,
    patrols: 2 * (k + 1),
    reached: k + 1,
    updatedAt: now,
  }))
  const unitCounters = grids.map((gr) => ({
    _id: gr._id,
    path: gr.path,
    households: 12,
    residents: 20,
    joined: 12,
    reachable: 12,
    pendingClaims: 0,
    care: 0,
    updatedAt: now,
  }))
  const requestCounters: RequestCounterDoc[] = grids.flatMap((gr, k) =>
    k + 1 === 6
      ? []
      : [
          {
            ...noFigures(),
            _id: requestCounterId(gr._id, m),
            scopeKey: gr._id,
            month: m,
            reported: 12,
            ended: 12,
            resolved: 12,
            resolvedOnTime: k + 1,
            ...((k + 1) % 2 === 0 ? { rated: 4, satisfied: 3, basic: 1 } : {}),
            updatedAt: now,
          },
        ],
  )
  await g.cloud.seed({ units: [community, ...grids], unitStats, unitCounters, requestCounters })
  return { community, grids }
}

it('ranks seeded grids: 红榜 the best five, 黑榜 the worst five, grids with nothing to rank left out', async () => {
  const { community } = await seedBoardCommunity()
  const report = await generate(streetStaff, community._id, 'month')
  const board = (m: string) => report.boards.find((b) => b.measure === m) as ReportView['boards'][number]
  const names = (rows: { name: string }[]) => rows.map((r) => r.name)
  expect(report.grids).toBe(12)
  expect(names(board('patrols').top)).toEqual(['第12网格', '第11网格', '第10网格', '第9网格', '第8网格'])
  expect(names(board('patrols').bottom)).toEqual(['第1网格', '第2网格', '第3网格', '第4网格', '第5网格'])
  expect(board('patrols').top[0]).toMatchObject({ value: 24, rank: 1, communityName: '红黑榜测试社区' })
  // 第6网格 has no request ended: out of 按时办结率, said so
  expect(board('onTime')).toMatchObject({ ranked: 11, unranked: 1 })
  expect(names(board('onTime').top)).toEqual(['第12网格', '第11网格', '第10网格', '第9网格', '第8网格'])
  expect(names(board('onTime').bottom)).toEqual(['第1网格', '第2网格', '第3网格', '第4网格', '第5网格'])
  // satisfaction: the six even grids rated (all 100 %), ties by grid order: 红榜 the first three, 黑榜 the last three
  expect(board('satisfaction')).toMatchObject({ ranked: 5, unranked: 7 })
  expect(names(board('satisfaction').top)).toEqual(['第2网格', '第4网格', '第8网格'])
  expect(names(board('satisfaction').bottom)).toEqual(['第12网格', '第10网格'])
  expect(board('reach').top[0]).toMatchObject({ name: '第12网格', value: 1 })
})

it('regenerating keeps the id and replaces the figures; the list pages newest first', async () => {
  const first = await generate(communityStaff, communityId, 'week')
  const again = await generate(communityStaff, communityId, 'week')
  expect(again.id).toBe(first.id)
  const dump = await g.dump()
  expect((dump.reports as { _id: string }[]).filter((r) => r._id === first.id)).toHaveLength(1)
  // three past weeks on demand: the list is newest first, in pages
  const now = new Date()
  const weeks = [7, 14, 21].map((d) => periodOf('week', new Date(+now - d * 86_400_000)))
  for (const p of weeks) await generate(communityStaff, communityId, 'week', p)
  const page = await ok<ReportPage>(communityStaff, 'list', { unitId: communityId, kind: 'week' })
  expect(page.rows.map((r) => r.period)).toEqual([first.period, ...weeks])
  const all = await ok<ReportPage>(communityStaff, 'list', { unitId: communityId })
  expect(all.rows.map((r) => r.kind)).toContain('month')
  expect(await call(communityStaff, 'list', { unitId: communityId, cursor: 'nonsense' })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
  })
})

it('pages a long list by its cursor: every report once, newest first', async () => {
  const other = g.demo.units.find((u) => u.level === 'community' && u._id !== communityId && !u.retired) as Unit
  const now = new Date()
  const weeks = Array.from({ length: 13 }, (_, i) => periodOf('week', new Date(+now - i * 7 * 86_400_000)))
  for (const p of weeks) await generate(streetStaff, other._id, 'week', p)
  const first = await ok<ReportPage>(streetStaff, 'list', { unitId: other._id, kind: 'week' })
  expect(first.rows).toHaveLength(10)
  expect(first.nextCursor).toBeDefined()
  const second = await ok<ReportPage>(streetStaff, 'list', {
    unitId: other._id,
    kind: 'week',
    cursor: first.nextCursor,
  })
  expect(second.nextCursor).toBeUndefined()
  expect([...first.rows, ...second.rows].map((r) => r.period)).toEqual(weeks)
  // a cursor of another unit's list is refused
  expect(await call(streetStaff, 'list', { unitId: streetId, cursor: first.nextCursor })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
  })
})

it('exports the report as a workbook with its figures and boards', async () => {
  const report = await generate(communityStaff, communityId, 'month')
  const file = await ok<{ url: string; fileName: string; fileID: string }>(communityStaff, 'export', {
    reportId: report.id,
  })
  expect(file.fileName).toMatch(/月通报\.xlsx$/)
  const res = await fetch(file.url)
  expect(res.ok).toBe(true)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
  const summary = book.getWorksheet('概况') as ExcelJS.Worksheet
  const rows: Record<string, string> = {}
  summary.eachRow((row, n) => {
    if (n > 2) rows[row.getCell(1).text] = row.getCell(2).text
  })
  expect(rows['巡查']).toBe(String(report.figures.patrols))
  expect(rows['发布通知']).toBe(String(report.figures.notices))
  const boards = book.getWorksheet('红黑榜') as ExcelJS.Worksheet
  const red: string[] = []
  boards.eachRow((row) => {
    if (row.getCell(1).text === '巡查次数' && row.getCell(2).text === '红榜') red.push(row.getCell(4).text)
  })
  expect(red).toEqual(report.boards.find((b) => b.measure === 'patrols')?.top.map((r) => r.name))
  // recorded for the sweep: deleted an hour after
  const uploads = (await g.dump()).uploads as { fileID: string; purpose: string; expiresAt: string }[]
  const record = uploads.find((u) => u.fileID === file.fileID)
  expect(record?.purpose).toBe('reportExport')
  expect(+new Date(record?.expiresAt as string) - Date.now()).toBeLessThanOrEqual(3_600_000)
})

it('publishes once as a notice to the unit, which its residents find in their feed', async () => {
  const report = await generate(communityStaff, communityId, 'month')
  const first = await ok<{ noticeId: string; created: boolean }>(communityStaff, 'publish', { reportId: report.id })
  const second = await ok<{ noticeId: string; created: boolean }>(communityStaff, 'publish', { reportId: report.id })
  expect(first.created).toBe(true)
  expect(second).toEqual({ noticeId: first.noticeId, created: false })
  const notices = ((await g.dump()).notices as { _id: string; title: string; body: string }[]).filter(
    (n) => n._id === first.noticeId,
  )
  expect(notices).toHaveLength(1)
  expect(notices[0].title).toContain('月通报')
  expect(notices[0].body).toContain('巡查次数 红榜')
  const seen = await ok<ReportView>(communityStaff, 'get', { reportId: report.id })
  expect(seen).toMatchObject({ published: true, notice: { id: first.noticeId, by: communityStaff.name } })
  // regenerating keeps the record of the notice
  expect((await generate(communityStaff, communityId, 'month')).notice?.id).toBe(first.noticeId)
  // a resident of the community finds it in their feed
  expect(isWithin(resident.homePath as string, unit(communityId).path)).toBe(true)
  const feed = (
    await g.cloud.callFunction('notices', { action: 'feed', payload: {} }, { openid: resident.openid as string })
  ).result as { ok: boolean; data: { rows: NoticeCard[] } }
  expect(feed.data.rows.map((r) => r.id)).toContain(first.noticeId)
})

it('two taps at once publish one notice', async () => {
  const other = g.demo.units.find((u) => u.level === 'community' && u._id !== communityId && !u.retired) as Unit
  const report = await generate(streetStaff, other._id, 'week')
  const taps = await Promise.all(
    [0, 1, 2].map(() => ok<{ noticeId: string; created: boolean }>(streetStaff, 'publish', { reportId: report.id })),
  )
  expect(new Set(taps.map((t) => t.noticeId)).size).toBe(1)
  const notices = ((await g.dump()).notices as { _id: string }[]).filter((n) => n._id === taps[0].noticeId)
  expect(notices).toHaveLength(1)
  expect((await ok<ReportView>(streetStaff, 'get', { reportId: report.id })).notice?.id).toBe(taps[0].noticeId)
})

it('lets staff over the unit only, and refuses bad input with nothing written', async () => {
  const c1 = await generate(communityStaff, communityId, 'week')
  const otherCommunity = g.demo.units.find(
    (u) => u.level === 'community' && u._id !== communityId && !u.retired && isWithin(u.path, unit(streetId).path),
  ) as Unit
  // street staff: their street and its communities
  const street = await generate(streetStaff, streetId, 'month')
  expect(street.unit).toMatchObject({ id: streetId, level: 'street' })
  await ok(streetStaff, 'get', { reportId: c1.id })
  const other = await generate(streetStaff, otherCommunity._id, 'week')
  // community staff: not the street's, not another community's
  for (const [action, payload] of [
    ['generate', { unitId: streetId, kind: 'month' }],
    ['get', { reportId: street.id }],
    ['get', { reportId: other.id }],
    ['export', { reportId: other.id }],
    ['publish', { reportId: other.id }],
    ['list', { unitId: otherCommunity._id }],
  ] as const)
    expect({ action, res: await call(communityStaff, action, payload) }).toMatchObject({
      action,
      res: { ok: false, code: 'FORBIDDEN' },
    })
  // a grid chief and a resident: none
  const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  expect(ancestorAt(unit(gridId).path, 'community')).toBe(communityId)
  for (const person of [chief, resident]) {
    expect(await call(person, 'get', { reportId: c1.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(person, 'generate', { unitId: communityId, kind: 'week' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
  }
  // bad input
  const before = ((await g.dump()).reports as unknown[]).length
  expect(await call(communityStaff, 'generate', { unitId: gridId, kind: 'week' })).toEqual(exactly('REPORT_LEVEL'))
  const future = periodOf('week', new Date(Date.now() + 14 * 86_400_000))
  expect(await call(communityStaff, 'generate', { unitId: communityId, kind: 'week', period: future })).toEqual({
    ok: false,
    code: 'REPORT_PERIOD',
    message: '这个周期不能生成报告：这一周还没有开始',
  })
  expect(
    await call(communityStaff, 'generate', { unitId: communityId, kind: 'month', period: 'w2026-W01' }),
  ).toMatchObject({ ok: false, code: 'REPORT_PERIOD' })
  expect(await call(communityStaff, 'generate', { unitId: communityId, kind: 'year' })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
  })
  expect(await call(communityStaff, 'get', { reportId: 'rpt_nobody_m2026-01' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  })
  expect(await call(communityStaff, 'get', { reportId: '../etc' })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
  })
  expect(((await g.dump()).reports as unknown[]).length).toBe(before)
})

it('a street of 525 grids is reported inside the function timeout, its grids read in batches', async () => {
  const street = withSiblingKey({ _id: 'bigs', name: '大街道', level: 'street', path: '/bigs/' } as Unit)
  const units: Unit[] = [street]
  for (let c = 0; c < 25; c++) {
    const cid = `bigs_c${c}`
    const community = withSiblingKey({
      _id: cid,
      name: `第${c + 1}社区`,
      level: 'community',
      parentId: street._id,
      path: childPath(street.path, cid),
    } as Unit)
    units.push(community)
    for (let k = 0; k < 21; k++) {
      const id = `${cid}_g${k}`
      units.push(
        withSiblingKey({
          _id: id,
          name: `第${k + 1}网格`,
          level: 'grid',
          parentId: cid,
          path: childPath(community.path, id),
        } as Unit),
      )
    }
  }
  const now = new Date()
  const cur = periodOf('week', now)
  const grids = units.filter((u) => u.level === 'grid')
  const unitStats: UnitStatsDoc[] = grids.map((gr, i) => ({
    _id: unitStatsId(gr._id, cur),
    unitId: gr._id,
    period: cur,
    patrols: i % 17,
    updatedAt: now,
  }))
  await g.cloud.seed({ units, unitStats })
  const staff: PersonDoc = {
    _id: 'bigs_staff',
    openid: 'o_bigs_staff',
    name: '大街道干部',
    phone: '13900000099',
    roles: [{ role: 'streetStaff', unitId: street._id }],
    createdAt: now,
  }
  await g.cloud.seed({ people: [staff] })
  g.cloud.queryStats({ reset: true })
  const started = Date.now()
  const report = await generate(staff, street._id, 'week')
  const ms = Date.now() - started
  const { examined } = g.cloud.queryStats()
  console.log(`reports.generate, a street of 525 grids: ${ms} ms, ${examined} documents examined`)
  expect(report.grids).toBe(525)
  expect(report.boards.find((b) => b.measure === 'patrols')?.top[0].value).toBe(16)
  expect(ms).toBeLessThan(30_000)
})
