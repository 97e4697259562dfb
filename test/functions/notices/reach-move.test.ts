/**
 * The reach of a notice follows a building or a grid that org.moveUnit moves: the 通知触达 figures of the old and
 * the new grid, community and street equal a recount of the receipts by where the households are now. Every
 * function runs in the local cloud.
 */
import type { NoticesApi } from '../../../core/contract'
import type { ReachCounterDoc, ReceiptDoc } from '../../../core/model'
import { pathIds, type Unit } from '../../../core/units'
import { buildFunctions } from '../../../scripts/build-functions'
import { inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

jest.setTimeout(120_000)

let c: NoticesCloud
beforeAll(async () => {
  await buildFunctions(['org'])
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())

const staff = () => c.holder('streetStaff', 's1')
type Reach = NoticesApi['reach']['result']

/** Every unit's reach as the counters say, and a recount of the receipts by the households' paths now. */
async function countersAndRecount(noticeId: string) {
  const dump = await c.dump()
  const pathOf = new Map((dump.units as Unit[]).map((u) => [u._id, u.path]))
  const counters: Record<string, number> = {}
  for (const k of dump.reachCounters as ReachCounterDoc[])
    if (k.noticeId === noticeId && k.reached) counters[k.unitId] = (counters[k.unitId] ?? 0) + k.reached
  const recount: Record<string, number> = {}
  for (const r of dump.receipts as ReceiptDoc[])
    if (r.noticeId === noticeId)
      for (const id of pathIds(pathOf.get(r.householdId) ?? '').slice(0, -1)) recount[id] = (recount[id] ?? 0) + 1
  return { counters, recount }
}

/** The 通知触达 rows of `unitId` (every page), by row id. */
async function rowsOf(noticeId: string, unitId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (let cursor: string | undefined; ; ) {
    const reach = await c.ok<Reach>(staff(), 'reach', { noticeId, unitId, ...(cursor ? { cursor } : {}) })
    for (const row of reach.rows) out[row.id] = row.reached
    if (!reach.nextCursor) return out
    cursor = reach.nextCursor
  }
}

async function rename(unitId: string, name: string) {
  const { result } = await c.cloud.callFunction(
    'org',
    { action: 'renameUnit', payload: { unitId, name } },
    { openid: staff().openid as string },
  )
  expect(result).toMatchObject({ ok: true })
}

async function move(unitId: string, newParentId: string) {
  const { result } = await c.cloud.callFunction(
    'org',
    { action: 'moveUnit', payload: { unitId, newParentId } },
    { openid: staff().openid as string },
  )
  const res = result as { ok: boolean; code?: string; message?: string }
  if (!res.ok) throw new Error(`moveUnit ${unitId} → ${newParentId}: ${res.code} ${res.message}`)
}

it('a building moved to another community, then a grid: old and new units reach what their receipts say', async () => {
  const { id: noticeId } = await c.ok<{ id: string }>(staff(), 'publish', {
    title: '全街道燃气安全检查',
    body: '请各户本周在家等候检查，并回复收到。',
    urgency: 'urgent',
    expiresAt: inDays(3),
    unitIds: ['s1'],
  })
  // every signed-up resident of building c1-b7 (grid g3 of 和平里社区) and of grid g2 presses 收到
  const residents = c.demo.people.filter(
    (p) =>
      p.openid &&
      p.householdId &&
      p.roles.every((r) => r.role === 'resident') &&
      (p.homePath?.includes('/c1-b7/') || p.homePath?.includes('/g2/')),
  )
  expect(residents.length).toBeGreaterThan(5)
  for (const p of residents) expect(await c.act(p, 'ack', { noticeId })).toMatchObject({ ok: true })
  // a street's notice: its 收到 are counted by the countAcks timer (core/notices/counting.ts)
  expect(await c.fireCountAcks()).toMatchObject({ ok: true, data: { left: false } })
  const before = await countersAndRecount(noticeId)
  expect(before.counters).toEqual(before.recount)
  const inBuilding = before.counters['c1-b7']
  expect(inBuilding).toBeGreaterThan(0)

  // the building to grid g5 of 春晖社区 (renamed first: 春晖社区 has a 7栋)
  await rename('c1-b7', '和平里7栋')
  await move('c1-b7', 'g5')
  const afterBuilding = await countersAndRecount(noticeId)
  expect(afterBuilding.counters).toEqual(afterBuilding.recount)
  expect(afterBuilding.counters.g5).toBe(inBuilding)
  expect(afterBuilding.counters.g3 ?? 0).toBe(0)
  const street = await rowsOf(noticeId, 's1')
  expect(street).toMatchObject({ c1: afterBuilding.recount.c1, c2: afterBuilding.recount.c2 })
  expect(await rowsOf(noticeId, 'c2')).toMatchObject({ g5: inBuilding })

  // then grid g2 to 春晖社区 too (renamed first: 春晖社区 has a 第2网格)
  await rename('g2', '第9网格')
  await move('g2', 'c2')
  const afterGrid = await countersAndRecount(noticeId)
  expect(afterGrid.counters).toEqual(afterGrid.recount)
  expect(afterGrid.counters.c1 ?? 0).toBe(0)
  expect(afterGrid.counters.c2).toBe(afterGrid.counters.s1)
  expect(await rowsOf(noticeId, 's1')).toMatchObject({ c2: afterGrid.counters.s1 })
})
