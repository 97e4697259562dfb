/**
 * The countAcks timer's rule (server/ack-counting.ts) through the real wx-server-sdk against the local cloud, in
 * process: the 收到 a street's notice keeps uncounted are counted by THE LEDGER RULE, once per household, whatever
 * else reached the households meanwhile (a 收到 of a grid's notice at once, a visit), and a count killed at any
 * step and run again counts nothing twice.
 */
import fc from 'fast-check'
import { receiptId } from '../../core/ids'
import type { NoticeDoc, ReachCounterDoc, ReceiptDoc } from '../../core/model'
import { pathIds, type Unit } from '../../core/units'
import { countAcks } from '../../server/ack-counting'
import type { Database } from '../../server/cloud'
import { createData, type Data } from '../../server/data'
import { recordAck, recordReach } from '../../server/reach-ledger'
import { dyingAt } from '../functions/harness/dying-data'
import { startTestCloud, type TestCloud } from '../emulator/helpers'

let tc: TestCloud
let data: Data

// a street of 2 communities × 2 grids × 2 buildings × 3 households
const homes: Unit[] = Array.from({ length: 24 }, (_, i) => {
  const [c, g, b] = [Math.floor(i / 12), Math.floor(i / 6) % 2, Math.floor(i / 3) % 2]
  const id = `ah${i}`
  return {
    _id: id,
    name: `${i}室`,
    level: 'household',
    parentId: `ab${c}${g}${b}`,
    path: `/as/ac${c}/ag${c}${g}/ab${c}${g}${b}/${id}/`,
  } as Unit
})
const pathOf = new Map(homes.map((h) => [h._id, h.path]))

const notice = (id: string): NoticeDoc => ({
  _id: id,
  title: '全街道通知',
  body: '请回复收到',
  images: [],
  urgency: 'urgent',
  ackRequired: true,
  unitIds: ['as'],
  unitPaths: ['/as/'],
  publisherId: 'staff',
  origin: '街道',
  publishedAt: new Date(),
  expiresAt: new Date(Date.now() + 86_400_000),
  counting: 'batched',
})

beforeAll(async () => {
  tc = await startTestCloud()
  data = createData(tc.db as Database)
  await tc.cloud.seed({ units: homes })
})
afterAll(() => tc.close())

async function docs<T>(collection: string, noticeId: string): Promise<T[]> {
  return (await tc.db.collection(collection).where({ noticeId }).limit(1000).get()).data as T[]
}

/** Every unit's shards summed equal a recount of the receipts under it; one receipt per household. */
async function expectLedger(noticeId: string): Promise<ReceiptDoc[]> {
  const rs = await docs<ReceiptDoc>('receipts', noticeId)
  const cs = await docs<ReachCounterDoc>('reachCounters', noticeId)
  const recount = new Map<string, number>()
  for (const r of rs)
    for (const id of pathIds(pathOf.get(r.householdId) ?? '').slice(0, -1)) recount.set(id, (recount.get(id) ?? 0) + 1)
  const summed = new Map<string, number>()
  for (const c of cs) summed.set(c.unitId, (summed.get(c.unitId) ?? 0) + c.reached)
  expect(Object.fromEntries([...summed].sort())).toEqual(Object.fromEntries([...recount].sort()))
  expect(new Set(rs.map((r) => r.householdId)).size).toBe(rs.length)
  return rs
}

/** Runs countAcks until nothing waits (one run may leave work: a small page or budget). */
async function countAll(with_: Data = data): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const run = await countAcks(with_, { page: 7 })
    if (run.acks === 0 && !run.left) return
  }
  throw new Error('countAcks never finished')
}

const press = (noticeId: string, home: Unit, member: number) =>
  data.acks.markAcked(noticeId, `${home._id}-m${member}`, new Date(), home._id)

describe('countAcks', () => {
  it('counts each household once, in pages, names a member who pressed, and leaves nothing marked', async () => {
    await tc.cloud.seed({ notices: [notice('n1')] })
    for (const h of homes) for (const m of [0, 1, 2]) await press('n1', h, m)
    expect(await data.acks.uncountedOf('n1')).toBe(72)
    // a page of 7 at a time: a household's members fall on different pages, and are still counted once
    await countAll()
    const rs = await expectLedger('n1')
    expect(rs).toHaveLength(24)
    for (const r of rs) expect(r.by.startsWith(`${r.householdId}-m`)).toBe(true)
    expect(await data.acks.uncountedOf('n1')).toBe(0)
    // the persons' own 收到 stay as they were
    const acks = await docs<{ ackedAt?: Date; uncounted?: true }>('acks', 'n1')
    expect(acks.every((a) => a.ackedAt && a.uncounted === undefined)).toBe(true)
  })

  it('a household already reached (a visit) is not counted again; a missing household or notice is let go', async () => {
    await tc.cloud.seed({ notices: [notice('n2')] })
    await recordReach(data, { noticeId: 'n2', household: homes[0], via: 'visit', by: 'leader', method: 'door' })
    await press('n2', homes[0], 0)
    await press('n2', homes[1], 0)
    // a household unit gone (deleted), and a notice that does not exist
    await data.acks.markAcked('n2', 'ghost-m0', new Date(), 'ah-gone')
    await data.acks.markAcked('n-none', 'ah2-m0', new Date(), homes[2]._id)
    const run = await countAcks(data)
    expect(run).toMatchObject({ acks: 4, households: 1, left: false })
    const rs = await expectLedger('n2')
    expect(rs.map((r) => [r.householdId, r.via]).sort()).toEqual([
      ['ah0', 'visit'],
      ['ah1', 'ack'],
    ])
    expect(await docs('receipts', 'n-none')).toEqual([])
    expect(await data.acks.uncountedOf('n2')).toBe(0)
  })

  it('stops at its budget and says work is left; the next run goes on', async () => {
    await tc.cloud.seed({ notices: [notice('n3')] })
    for (const h of homes.slice(0, 10)) await press('n3', h, 0)
    const first = await countAcks(data, { page: 3, budgetMs: 0 })
    expect(first).toMatchObject({ acks: 3, left: true })
    await countAll()
    expect(await expectLedger('n3')).toHaveLength(10)
  })
})

describe('fast-check: batched 收到, 收到 at once, visits and counting killed at any step', () => {
  it('after a final count the shards at every level equal a recount of the receipts; each household once', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constantFrom('batched' as const, 'now' as const, 'visit' as const),
        home: fc.integer({ min: 0, max: homes.length - 1 }),
        member: fc.integer({ min: 0, max: 2 }),
      }),
      // a countAcks firing killed at its n-th data call (0: not killed)
      fc.record({ kind: fc.constant('count' as const), dieAt: fc.integer({ min: 0, max: 30 }) }),
    )
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const noticeId = `fc-count-${run++}`
        await tc.cloud.seed({ notices: [notice(noticeId)] })
        const reachedHomes = new Set<string>()
        for (const s of steps) {
          if (s.kind === 'count') {
            await countAcks(s.dieAt ? dyingAt(s.dieAt, data, []) : data, { page: 5 }).catch(() => undefined)
            continue
          }
          const h = homes[s.home]
          reachedHomes.add(h._id)
          const by = `${h._id}-m${s.member}`
          if (s.kind === 'batched') await press(noticeId, h, s.member)
          else if (s.kind === 'now') await recordAck(data, { noticeId, household: h, personId: by })
          else await recordReach(data, { noticeId, household: h, via: 'visit', by, method: 'door' })
        }
        await countAll()
        const rs = await expectLedger(noticeId)
        expect(rs.map((r) => r.householdId).sort()).toEqual([...reachedHomes].sort())
        expect(await data.acks.uncountedOf(noticeId)).toBe(0)
        for (const r of rs) expect(r._id).toBe(receiptId(noticeId, r.householdId))
      }),
      { numRuns: 30 },
    )
  }, 240_000)
})
