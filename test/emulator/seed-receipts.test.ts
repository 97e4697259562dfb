/**
 * The demo's 收到 (emulator/seed/receipts.ts): part of 和平里社区 has answered the demo's urgent notice, written as the
 * ledger writes a 收到, so a leader's 数据看板 shows a real reach rate and it agrees with 通知触达: every unit's reach
 * shards sum to the receipts under it, the dashboard's households reached are those receipts, and no persona's
 * household has answered yet (their own 收到 is theirs to press).
 */
import { eventsFrom, statRecordsOf } from '../../core/dashboard/events'
import { periodsOf, statsFor, statsOf } from '../../core/dashboard/stats'
import type { AckDoc, NoticeDoc, ReachCounterDoc, ReceiptDoc, UnitStatsDoc } from '../../core/model'
import { countedUnits } from '../../core/notices/reach'
import { buildDemoCommunity } from '../../emulator/seed'

const demo = buildDemoCommunity()
const r = demo.requests as unknown as {
  notices: NoticeDoc[]
  receipts: ReceiptDoc[]
  acks: AckDoc[]
  reachCounters: ReachCounterDoc[]
  unitStats: UnitStatsDoc[]
}
const household = (id: string) => demo.units.find((u) => u._id === id)

it('part of the community has pressed 收到 on the demo notice, each household once, by a member of it', () => {
  const [notice] = r.notices
  const households = demo.unitCounters.find((c) => c._id === 'c1')?.reachable ?? 0
  expect(r.receipts.length).toBeGreaterThan(households / 5)
  expect(r.receipts.length).toBeLessThan(households)
  expect(new Set(r.receipts.map((x) => x._id)).size).toBe(r.receipts.length)
  for (const x of r.receipts) {
    expect(x.noticeId).toBe(notice._id)
    const by = demo.people.find((p) => p._id === x.by)
    expect(by?.householdId).toBe(x.householdId)
    expect(r.acks).toContainEqual(expect.objectContaining({ noticeId: notice._id, personId: x.by, ackedAt: x.at }))
    expect(+x.at).toBeGreaterThanOrEqual(+new Date(notice.publishedAt))
    expect(+x.at).toBeLessThanOrEqual(Date.now())
  }
  // no persona's household has answered
  const personaHomes = new Set(
    demo.personas.map((p) => demo.people.find((x) => x.openid === p.openid)?.householdId).filter(Boolean),
  )
  expect(r.receipts.filter((x) => personaHomes.has(x.householdId))).toEqual([])
})

it("every unit's reach shards sum to the receipts under it, and the dashboard counts the same households", () => {
  const under = new Map<string, number>()
  for (const x of r.receipts)
    for (const { unitId } of countedUnits(household(x.householdId)?.path as string))
      under.set(unitId, (under.get(unitId) ?? 0) + 1)
  const shards = new Map<string, number>()
  for (const c of r.reachCounters) shards.set(c.unitId, (shards.get(c.unitId) ?? 0) + c.reached)
  expect(shards).toEqual(under)

  // 通知触达 of the community (its shards) = the community's 触达住户 this week and month on 数据看板
  const [notice] = r.notices
  for (const period of periodsOf(new Date(notice.publishedAt))) {
    const held = statsOf(r.unitStats.find((s) => s.unitId === 'c1' && s.period === period))
    expect(held.reached).toBe(shards.get('c1'))
    expect(held.urgentReached).toBe(shards.get('c1'))
  }
  // and the seeded figures are the recount of the seeded records
  const recounted = statsFor(eventsFrom(statRecordsOf(demo.units, demo.people, { ...demo.requests, ...demo.points })))
  for (const s of r.unitStats)
    if (s.period !== 'open') expect(statsOf(s)).toEqual(statsOf(recounted.get(`${s.unitId}_${s.period}`)))
})
