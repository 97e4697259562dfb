/**
 * THE LEDGER RULE through the real wx-server-sdk against the local cloud, in process: a household counts once
 * per notice whoever reaches it and however often, and under concurrency the building counters equal the receipts.
 */
import type { AckDoc, ReachCounterDoc, ReceiptDoc } from '../../core/model'
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
const sumReached = (cs: ReachCounterDoc[]) => cs.reduce((n, c) => n + c.reached, 0)

describe('recordAck', () => {
  it('a double tap counts the household once and keeps the first ackedAt', async () => {
    const first = await recordAck(data, { noticeId: 'n1', household: household(1, 1), personId: 'p1' })
    const again = await recordAck(data, { noticeId: 'n1', household: household(1, 1), personId: 'p1' })
    expect(first).toMatchObject({ householdReached: true, counted: true })
    expect(again).toMatchObject({ householdReached: true, counted: false })
    expect(again.ack.ackedAt).toEqual(first.ack.ackedAt)
    expect(await counters('n1')).toEqual([
      { _id: 'n1_b1', noticeId: 'n1', microgridId: 'b1', gridId: 'g1', reached: 1 },
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

  it('an earlier read keeps its readAt when 收到 follows', async () => {
    const readAt = new Date('2026-01-01T00:00:00Z')
    await tc.db
      .collection('acks')
      .doc('n3_p3')
      .set({ data: { noticeId: 'n3', personId: 'p3', readAt } })
    const out = await recordAck(data, { noticeId: 'n3', household: household(3, 1), personId: 'p3' })
    expect(new Date(out.ack.readAt)).toEqual(readAt)
    expect(out.ack.ackedAt).toBeTruthy()
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
    const rs = await receipts('load')
    const cs = await counters('load')
    expect(rs).toHaveLength(80)
    expect(sumReached(cs)).toBe(80)
    expect(cs).toHaveLength(8)
    for (const c of cs) expect(c.reached).toBe(rs.filter((r) => r.microgridId === c.microgridId).length)
    const counted = outcomes.filter((o) => o.status === 'fulfilled' && (o.value as { counted: boolean }).counted)
    expect(counted).toHaveLength(80)
  }, 120_000)
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
