/**
 * The dashboard's period figures on the 收到 path (server/unit-stats.ts through server/reach-ledger.ts), with the
 * real wx-server-sdk against the local cloud in process: a first 收到 costs a bounded number of requests and
 * documents whatever the database holds and wherever the household sits, a household already reached this week and
 * month moves no figure, a marker created between the pre-read and the transaction is never counted twice, and
 * under random concurrent 收到 of two notices the figures equal a recount of the receipts (fast-check).
 */
import fc from 'fast-check'
import { statsFor, periodsOf, statsOf, addStats, type StatEvent } from '../../core/dashboard/stats'
import type { ReceiptDoc, UnitStatsDoc } from '../../core/model'
import type { Database } from '../../server/cloud'
import { createData, type Data } from '../../server/data'
import { recordAck } from '../../server/reach-ledger'
import { countInTx, receiptMarkIdsOf } from '../../server/unit-stats'
import { shardOf } from '../../core/notices/reach'
import { startTestCloud, type TestCloud } from '../emulator/helpers'

let tc: TestCloud
let data: Data
beforeAll(async () => {
  tc = await startTestCloud()
  data = createData(tc.db as Database)
})
afterAll(() => tc.close())

/** A moment in the middle of a Beijing week and month, whatever the time of day the test runs. */
const AT = new Date('2026-12-02T04:00:00Z')
const home = (s: string, c: number, g: number, b: number, n: number) => {
  const id = `${s}-h${c}${g}${b}-${n}`
  return { _id: id, path: `/${s}/${s}c${c}/${s}g${c}${g}/${s}b${c}${g}${b}/${id}/` }
}

async function all<T>(collection: string, where: Record<string, unknown>): Promise<T[]> {
  const out: T[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = (await tc.db.collection(collection).where(where).skip(offset).limit(1000).get()).data as T[]
    out.push(...page)
    if (page.length < 1000) return out
  }
}

/** A unit's figures of a period: its document and reach shards summed. */
async function figuresOf(unitId: string, period: string) {
  const docs = await all<UnitStatsDoc>('unitStats', { unitId, period })
  return docs.reduce((s, d) => addStats(s, statsOf(d)), statsOf(null))
}

/** Requests the engine answers during `run` (one per SDK round trip), by operation. */
async function requestsOf(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const engine = tc.cloud.engine as unknown as Record<string, (...a: unknown[]) => unknown>
  const counts: Record<string, number> = {}
  const real = new Map<string, (...a: unknown[]) => unknown>()
  let depth = 0
  for (const op of ['find', 'count', 'insert', 'update', 'remove', 'begin', 'commit', 'abort']) {
    real.set(op, engine[op])
    const f = engine[op].bind(tc.cloud.engine)
    engine[op] = (...args: unknown[]) => {
      if (depth === 0) counts[op] = (counts[op] ?? 0) + 1
      depth++
      try {
        return f(...args)
      } finally {
        depth--
      }
    }
  }
  try {
    await run()
  } finally {
    for (const [op, f] of real) engine[op] = f
  }
  return counts
}

/** One person's first 收到 of a household: its requests and the documents examined, per collection. */
async function costOfAck(noticeId: string, h: { _id: string; path: string }, urgent: boolean) {
  tc.cloud.queryStats({ reset: true })
  const requests = await requestsOf(() =>
    recordAck(data, { noticeId, household: h, personId: `${h._id}-p`, at: AT, urgent }),
  )
  const stats = tc.cloud.queryStats()
  const examined = Object.fromEntries(Object.entries(stats.byCollection).map(([c, v]) => [c, v.examined]))
  return { requests, examined, total: Object.values(requests).reduce((a, b) => a + b, 0) }
}

describe('the cost of a first 收到 with the period figures', () => {
  it('is the same bounded number of requests and documents however much the database holds', async () => {
    const first = await costOfAck('cost1', home('cs', 0, 0, 0, 0), true)
    // the receipt's and the markers' pre-reads; begin, the receipt, 4 markers (reached and urgent, month and
    // week), 4 reach shards and 3 units × 2 periods each an increment finding nothing and a set, commit; the
    // person's ack (a write finding nothing, then a create)
    expect(first.requests).toEqual({ find: 2, begin: 1, insert: 1 + 4 + 1, update: 2 * (4 + 6) + 1, commit: 1 })
    // every document by id: nothing examined beyond what is read or written
    expect(first.total).toBe(31)

    // 160 households of other grids, communities and streets reached by other notices; the same cost after
    for (let k = 0; k < 160; k += 20)
      await Promise.all(
        Array.from({ length: 20 }, (_, j) => k + j).map((i) =>
          recordAck(data, {
            noticeId: `other${i % 3}`,
            household: home(`cs${i % 2}`, i % 3, i % 4, i % 5, i),
            personId: `x${i}`,
            at: AT,
            urgent: i % 2 === 0,
          }),
        ),
      )
    // a neighbour in the same shard (its shards and documents exist now): increments only, none created
    let n = 1
    while (shardOf(home('cs', 0, 0, 0, n)._id) !== shardOf(home('cs', 0, 0, 0, 0)._id)) n++
    const later = await costOfAck('cost1', home('cs', 0, 0, 0, n), true)
    expect(later.requests).toEqual({ find: 2, begin: 1, insert: 1 + 4 + 1, update: 4 + 6 + 1, commit: 1 })
    // examined: the documents it moves, each once (4 reach shards, 3 units × 2 periods), nothing else
    expect(later.examined).toEqual({ receipts: 0, statMarks: 0, reachCounters: 4, unitStats: 6, acks: 0 })
    expect(later.total).toBe(21)
  }, 120_000)

  it('a household reached by another notice this week and month moves no figure: no marker or figure written', async () => {
    const h = home('cq', 0, 0, 0, 1)
    await recordAck(data, { noticeId: 'q1', household: h, personId: 'q-a', at: AT, urgent: true })
    const before = await figuresOf('cqg00', periodsOf(AT)[1])
    const again = await costOfAck('q2', h, true)
    expect(again.examined.unitStats ?? 0).toBe(0)
    // the new notice's reach shards are created; the markers exist: no figure is touched
    expect(again.requests).toEqual({ find: 2, begin: 1, insert: 1 + 1, update: 2 * 4 + 1, commit: 1 })
    expect(await figuresOf('cqg00', periodsOf(AT)[1])).toEqual(before)
    expect(before.reached).toBe(1)
    expect(before.urgentReached).toBe(1)
  })

  it('a marker created after the pre-read sends the round again: the household counts once', async () => {
    const h = home('cm', 0, 0, 0, 1)
    const event: StatEvent = { kind: 'receipt', at: AT, householdPath: h.path, householdId: h._id, urgent: false }
    await data.transaction((tx) => countInTx(tx, event))
    let rounds = 0
    await data.transaction(
      async (tx) => {
        await countInTx(tx, event, { marks: rounds === 1 ? new Set() : new Set(receiptMarkIdsOf(event)) })
        return true
      },
      // the first round's pre-read is stale (it saw no marker), the next one's sees it
      async () => (rounds++, null),
    )
    expect(rounds).toBe(2)
    for (const unitId of ['cm', 'cmc0', 'cmg00'])
      for (const period of periodsOf(AT)) expect((await figuresOf(unitId, period)).reached).toBe(1)
  })
})

describe('fast-check: random concurrent 收到 of two notices (one urgent)', () => {
  it('the figures of every unit and period equal a recount of the receipts', async () => {
    let run = 0
    const step = fc.record({
      c: fc.integer({ min: 0, max: 1 }),
      g: fc.integer({ min: 0, max: 1 }),
      n: fc.integer({ min: 0, max: 5 }),
      member: fc.integer({ min: 0, max: 1 }),
      urgent: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const s = `fs${run++}`
        const notices = { urgent: `${s}-u`, plain: `${s}-p` }
        const outcomes = await Promise.allSettled(
          steps.map(({ c, g, n, member, urgent }) =>
            recordAck(data, {
              noticeId: urgent ? notices.urgent : notices.plain,
              household: home(s, c, g, 0, n),
              personId: `${s}-${c}${g}${n}-m${member}`,
              at: AT,
              urgent,
            }),
          ),
        )
        expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([])
        const receipts = [
          ...(await all<ReceiptDoc>('receipts', { noticeId: notices.urgent })).map((r) => ({ r, urgent: true })),
          ...(await all<ReceiptDoc>('receipts', { noticeId: notices.plain })).map((r) => ({ r, urgent: false })),
        ]
        const pathOf = (id: string) => {
          const [c, g, , n] = id.split('-h')[1].replace('-', '').split('').map(Number)
          return home(s, c, g, 0, n).path
        }
        const events: StatEvent[] = receipts.map(({ r, urgent }) => ({
          kind: 'receipt',
          at: AT,
          householdPath: pathOf(r.householdId),
          householdId: r.householdId,
          urgent,
        }))
        const recount = statsFor(events)
        const units = [s, `${s}c0`, `${s}c1`, `${s}g00`, `${s}g01`, `${s}g10`, `${s}g11`]
        for (const unitId of units)
          for (const period of periodsOf(AT)) {
            const held = await figuresOf(unitId, period)
            const want = statsOf(recount.get(`${unitId}_${period}`))
            expect({ unitId, period, reached: held.reached, urgentReached: held.urgentReached }).toEqual({
              unitId,
              period,
              reached: want.reached,
              urgentReached: want.urgentReached,
            })
          }
      }),
      { numRuns: 15 },
    )
  }, 240_000)
})
