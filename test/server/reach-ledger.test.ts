/**
 * THE LEDGER RULE through the real wx-server-sdk against the local cloud, in process: a household counts once
 * per notice whoever reaches it and however often, and under concurrency the sharded counters of every level
 * (building, grid, community, street) summed equal the receipts under each unit.
 */
import fc from 'fast-check'
import type { AckDoc, ReachCounterDoc, ReceiptDoc } from '../../core/model'
import { REACH_SHARDS, shardOf } from '../../core/notices/reach'
import { pathIds } from '../../core/units'
import type { Database } from '../../server/cloud'
import { createData, type Data } from '../../server/data'
import { recordAck, recordReach } from '../../server/reach-ledger'
import { isConflict, withRetry } from '../../server/transaction'
import { startTestCloud, type TestCloud } from '../emulator/helpers'

let tc: TestCloud
let data: Data
beforeAll(async () => {
  tc = await startTestCloud()
  data = createData(tc.db as Database)
})
afterAll(() => tc.close())

/** households h<b>-<n> in buildings b<b> of grids g<b % 2> */
const household = (b: number, n: number) => ({ _id: `h${b}-${n}`, path: `/s/c/g${b % 2}/b${b}/h${b}-${n}/` })

async function docs<T>(collection: string, noticeId: string): Promise<T[]> {
  const out: T[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = (await tc.db.collection(collection).where({ noticeId }).skip(offset).limit(1000).get()).data as T[]
    out.push(...page)
    if (page.length < 1000) return out
  }
}
const counters = (noticeId: string) => docs<ReachCounterDoc>('reachCounters', noticeId)
const receipts = (noticeId: string) => docs<ReceiptDoc>('receipts', noticeId)
/** Households counted: the street's shards summed. */
const sumReached = (cs: ReachCounterDoc[]) => cs.filter((c) => c.level === 'street').reduce((n, c) => n + c.reached, 0)

/** Every unit's shards summed, against a recount of the receipts under it (paths by household id). */
async function expectLedger(noticeId: string, pathOf: (householdId: string) => string) {
  const rs = await receipts(noticeId)
  const cs = await counters(noticeId)
  const recount = new Map<string, number>()
  for (const r of rs)
    for (const id of pathIds(pathOf(r.householdId)).slice(0, -1)) recount.set(id, (recount.get(id) ?? 0) + 1)
  const summed = new Map<string, number>()
  for (const c of cs) summed.set(c.unitId, (summed.get(c.unitId) ?? 0) + c.reached)
  expect(Object.fromEntries([...summed].sort())).toEqual(Object.fromEntries([...recount].sort()))
  expect(new Set(rs.map((r) => r.householdId)).size).toBe(rs.length)
  return { receipts: rs, counters: cs }
}

describe('recordAck', () => {
  it('a double tap counts the household once and keeps the first ackedAt', async () => {
    const first = await recordAck(data, { noticeId: 'n1', household: household(1, 1), personId: 'p1' })
    expect(first).toMatchObject({ householdReached: true, counted: true, acked: true })
    const [stored] = await docs<AckDoc>('acks', 'n1')
    const again = await recordAck(data, { noticeId: 'n1', household: household(1, 1), personId: 'p1' })
    expect(again).toMatchObject({ householdReached: true, counted: false, acked: false })
    expect(await docs<AckDoc>('acks', 'n1')).toEqual([stored])
    const shard = shardOf('h1-1')
    expect((await counters('n1')).sort((a, b) => a.level.localeCompare(b.level))).toEqual([
      { _id: `n1_c_${shard}`, noticeId: 'n1', unitId: 'c', level: 'community', shard, reached: 1 },
      { _id: `n1_g1_${shard}`, noticeId: 'n1', unitId: 'g1', level: 'grid', shard, reached: 1 },
      { _id: `n1_b1_${shard}`, noticeId: 'n1', unitId: 'b1', level: 'microgrid', shard, reached: 1 },
      { _id: `n1_s_${shard}`, noticeId: 'n1', unitId: 's', level: 'street', shard, reached: 1 },
    ])
    const [receipt] = await receipts('n1')
    expect(receipt).toMatchObject({ _id: 'n1_h1-1', householdId: 'h1-1', via: 'ack', by: 'p1', microgridId: 'b1' })
  })

  it('two members of one household: both acked, the household counted once', async () => {
    const [a, b] = await Promise.all([
      recordAck(data, { noticeId: 'n2', household: household(2, 1), personId: 'pa' }),
      recordAck(data, { noticeId: 'n2', household: household(2, 1), personId: 'pb' }),
    ])
    expect([a.counted, b.counted].sort()).toEqual([false, true])
    expect([a.householdReached, b.householdReached].filter(Boolean)).toHaveLength(1)
    expect(await receipts('n2')).toHaveLength(1)
    expect(sumReached(await counters('n2'))).toBe(1)
    const acks = await docs<AckDoc>('acks', 'n2')
    expect(acks.map((x) => x._id).sort()).toEqual(['n2_pa', 'n2_pb'])
    expect(acks.every((x) => x.ackedAt && x.readAt)).toBe(true)
  })

  it("a later member's 收到 reads the household's receipt and writes their ack: no counter is read or written", async () => {
    await recordAck(data, { noticeId: 'n6', household: household(6, 1), personId: 'p6a' })
    tc.cloud.queryStats({ reset: true })
    const later = await recordAck(data, { noticeId: 'n6', household: household(6, 1), personId: 'p6b' })
    expect(later).toMatchObject({ householdReached: false, counted: false })
    const stats = tc.cloud.queryStats()
    expect(Object.keys(stats.byCollection).sort()).toEqual(['acks', 'receipts'])
    expect(stats.byCollection.receipts.queries).toBe(1)
    expect(sumReached(await counters('n6'))).toBe(1)
  })

  it('an earlier read keeps its readAt when 收到 follows', async () => {
    const readAt = new Date('2026-01-01T00:00:00Z')
    await tc.db
      .collection('acks')
      .doc('n3_p3')
      .set({ data: { noticeId: 'n3', personId: 'p3', readAt } })
    const out = await recordAck(data, { noticeId: 'n3', household: household(3, 1), personId: 'p3' })
    expect(out.acked).toBe(true)
    const [ack] = await docs<AckDoc>('acks', 'n3')
    expect(new Date(ack.readAt)).toEqual(readAt)
    expect(ack.ackedAt).toBeTruthy()
  })
})

describe('recordReach (visits)', () => {
  it('a visit then an ack counts once; the receipt says who visited, how and when', async () => {
    const at = new Date('2026-11-22T01:00:00Z')
    const visit = await recordReach(data, {
      noticeId: 'n4',
      household: household(4, 1),
      via: 'visit',
      by: 'leader',
      method: 'door',
      note: '老人在家，已当面告知',
      at,
    })
    expect(visit).toMatchObject({ householdReached: true, counted: true })
    const ack = await recordAck(data, { noticeId: 'n4', household: household(4, 1), personId: 'p4' })
    expect(ack).toMatchObject({ householdReached: false, counted: false })
    const again = await recordReach(data, { noticeId: 'n4', household: household(4, 1), via: 'visit', by: 'other' })
    expect(again.counted).toBe(false)
    expect(await receipts('n4')).toEqual([
      expect.objectContaining({ via: 'visit', by: 'leader', method: 'door', note: '老人在家，已当面告知', at }),
    ])
    expect(sumReached(await counters('n4'))).toBe(1)
  })

  it('refuses a unit that is not a household', async () => {
    await expect(
      recordReach(data, { noticeId: 'n5', household: { _id: 'b1', path: '/s/c/g1/b1/' }, via: 'visit', by: 'x' }),
    ).rejects.toThrow(/not a household/)
  })
})

describe('under concurrency', () => {
  it('240 concurrent acks and visits over 80 households in 8 buildings: counters == receipts exactly', async () => {
    const calls: Promise<unknown>[] = []
    for (let b = 0; b < 8; b++)
      for (let n = 0; n < 10; n++)
        for (let m = 0; m < 3; m++) {
          const h = household(10 + b, n)
          calls.push(
            m === 2 && n % 5 === 0
              ? recordReach(data, { noticeId: 'load', household: h, via: 'visit', by: 'leader', method: 'phone' })
              : recordAck(data, { noticeId: 'load', household: h, personId: `${h._id}-m${m}` }),
          )
        }
    const outcomes = await Promise.allSettled(calls)
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([])
    const { receipts: rs, counters: cs } = await expectLedger('load', (id) => {
      const [b, n] = id.slice(1).split('-').map(Number)
      return household(b, n).path
    })
    expect(rs).toHaveLength(80)
    expect(sumReached(cs)).toBe(80)
    // no hot document: the 10 households of one building spread over several shards of it
    for (let b = 0; b < 8; b++) expect(cs.filter((c) => c.unitId === `b${10 + b}`).length).toBeGreaterThan(2)
    const counted = outcomes.filter((o) => o.status === 'fulfilled' && (o.value as { counted: boolean }).counted)
    expect(counted).toHaveLength(80)
  }, 120_000)
})

describe('fast-check: random concurrent acks, visits and reads', () => {
  it('the shards summed at every level equal a recount of the receipts; each household once', async () => {
    // a street of 2 communities × 2 grids × 2 buildings × 4 households
    const homes = Array.from({ length: 32 }, (_, i) => {
      const [c, g, b] = [i >> 4, (i >> 3) & 1, (i >> 2) & 1]
      const id = `fh${i}`
      return { _id: id, path: `/fs/fc${c}/fg${c}${g}/fb${c}${g}${b}/${id}/` }
    })
    const pathOf = new Map(homes.map((h) => [h._id, h.path]))
    const step = fc.record({
      home: fc.integer({ min: 0, max: homes.length - 1 }),
      member: fc.integer({ min: 0, max: 2 }),
      via: fc.constantFrom('ack' as const, 'visit' as const, 'read' as const),
    })
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const noticeId = `fc${run++}`
        const outcomes = await Promise.all(
          steps.map(({ home, member, via }) => {
            const h = homes[home]
            const by = `${h._id}-m${member}`
            return via === 'ack'
              ? recordAck(data, { noticeId, household: h, personId: by })
              : recordReach(data, { noticeId, household: h, via, by, ...(via === 'visit' ? { method: 'door' } : {}) })
          }),
        )
        const { receipts: rs } = await expectLedger(noticeId, (id) => pathOf.get(id) ?? '')
        expect(rs.length).toBe(new Set(steps.map((s) => s.home)).size)
        expect(outcomes.filter((o) => o.counted)).toHaveLength(rs.length)
        const shards = (await counters(noticeId)).map((c) => c.shard)
        expect(shards.every((x) => x >= 0 && x < REACH_SHARDS)).toBe(true)
      }),
      { numRuns: 25 },
    )
  }, 180_000)
})

describe('withRetry', () => {
  it('retries conflicts (bounded) and nothing else', async () => {
    let n = 0
    const conflict = { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'database transaction conflict' }
    await expect(withRetry(async () => (++n < 3 ? Promise.reject(conflict) : 'ok'), 5)).resolves.toBe('ok')
    n = 0
    await expect(withRetry(async () => (++n, Promise.reject(conflict)), 4)).rejects.toBe(conflict)
    expect(n).toBe(4)
    n = 0
    await expect(withRetry(async () => (++n, Promise.reject(new Error('boom'))), 4)).rejects.toThrow('boom')
    expect(n).toBe(1)
    expect(isConflict({ errCode: -502001, errMsg: 'database transaction conflict' })).toBe(true)
    expect(isConflict({ errCode: -1, errMsg: '[ResourceUnavailable.TransactionConflict] conflict' })).toBe(true)
    expect(isConflict(new Error('document with _id x does not exist'))).toBe(false)
  })
})
