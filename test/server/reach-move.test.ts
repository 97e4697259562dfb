/**
 * Reach counters follow a moved unit (server/reach-move.ts) through the real wx-server-sdk against the local cloud:
 * after a building moves to another grid or a grid to another community, every unit's shards summed equal a recount
 * of the receipts under it by where the households are now, also when the shift was interrupted and resumed.
 */
import fc from 'fast-check'
import type { ReachCounterDoc, ReceiptDoc } from '../../core/model'
import { pathIds } from '../../core/units'
import type { Database } from '../../server/cloud'
import { createData, type Data } from '../../server/data'
import { recordAck } from '../../server/reach-ledger'
import { shiftReach } from '../../server/reach-move'
import { startTestCloud, type TestCloud } from '../emulator/helpers'

jest.setTimeout(60_000)

let tc: TestCloud
let data: Data
beforeAll(async () => {
  tc = await startTestCloud()
  data = createData(tc.db as Database)
})
afterAll(() => tc.close())

async function docs<T>(collection: string, noticeId: string): Promise<T[]> {
  return (await tc.db.collection(collection).where({ noticeId }).limit(1000).get()).data as T[]
}

/** Each unit's shards summed, and a recount of the notice's receipts by the households' paths now. */
async function reachAndRecount(noticeId: string, pathOf: (householdId: string) => string) {
  const summed: Record<string, number> = {}
  for (const c of await docs<ReachCounterDoc>('reachCounters', noticeId))
    if (c.reached) summed[c.unitId] = (summed[c.unitId] ?? 0) + c.reached
  const recount: Record<string, number> = {}
  for (const r of await docs<ReceiptDoc>('receipts', noticeId))
    for (const id of pathIds(pathOf(r.householdId)).slice(0, -1)) recount[id] = (recount[id] ?? 0) + 1
  return { summed, recount }
}

/** A tree of units by id (path of each), with a move that rewrites the paths under the moved unit, as org does. */
function tree(paths: Record<string, string>) {
  const path = new Map(Object.entries(paths))
  return {
    path: (id: string) => path.get(id) as string,
    move(unitId: string, parentId: string) {
      const fromPath = path.get(unitId) as string
      const toPath = `${path.get(parentId)}${unitId}/`
      for (const [id, p] of path) if (p.startsWith(fromPath)) path.set(id, toPath + p.slice(fromPath.length))
      return { fromPath, toPath }
    },
  }
}

/** `data` whose transactions after the first `k` are killed before they commit (their writes staged, never made). */
function killedAfter(k: number): Data {
  let n = 0
  return {
    ...data,
    transaction: (work, precheck) =>
      data.transaction(async (tx) => {
        const out = await work(tx)
        if (n++ >= k) throw new Error('killed before commit')
        return out
      }, precheck),
  }
}

describe('shiftReach', () => {
  it('a building moved to a grid of another community: old and new grid and community equal a recount', async () => {
    const t = tree({
      s: '/s/',
      c1: '/s/c1/',
      c2: '/s/c2/',
      g1: '/s/c1/g1/',
      g2: '/s/c2/g2/',
      b1: '/s/c1/g1/b1/',
      b2: '/s/c1/g1/b2/',
      b3: '/s/c2/g2/b3/',
      ...Object.fromEntries(
        [1, 2, 3].flatMap((b) =>
          Array.from({ length: 6 }, (_, i) => [`h${b}-${i}`, `/s/${b < 3 ? 'c1/g1' : 'c2/g2'}/b${b}/h${b}-${i}/`]),
        ),
      ),
    })
    const ack = (noticeId: string, b: number, i: number, m = 0) =>
      recordAck(data, {
        noticeId,
        household: { _id: `h${b}-${i}`, path: t.path(`h${b}-${i}`) },
        personId: `p${b}-${i}-${m}`,
      })
    for (const noticeId of ['m1', 'm2'])
      await Promise.all([
        ...[0, 1, 2, 3, 4].map((i) => ack(noticeId, 1, i)),
        ack(noticeId, 1, 0, 1),
        ...[0, 1].map((i) => ack(noticeId, 2, i)),
        ...[0, 1, 2].map((i) => ack(noticeId, 3, i)),
      ])

    const move = t.move('b1', 'g2')
    expect(await shiftReach(data, 'b1', move)).toBeGreaterThan(0)
    for (const noticeId of ['m1', 'm2']) {
      const { summed, recount } = await reachAndRecount(noticeId, t.path)
      expect(summed).toEqual(recount)
      expect(summed).toMatchObject({ s: 10, c1: 2, g1: 2, c2: 8, g2: 8, b1: 5 })
    }
    // once more (a resumed move): nothing is shifted twice
    expect(await shiftReach(data, 'b1', move)).toBe(0)
    expect((await reachAndRecount('m1', t.path)).summed).toMatchObject({ c1: 2, c2: 8 })
  })

  it('killed in the middle and resumed, every shard is shifted exactly once', async () => {
    const t = tree({
      s: '/s/',
      k1: '/s/k1/',
      k2: '/s/k2/',
      kg1: '/s/k1/kg1/',
      kg2: '/s/k2/kg2/',
      kb: '/s/k1/kg1/kb/',
      ...Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`kh${i}`, `/s/k1/kg1/kb/kh${i}/`])),
    })
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        recordAck(data, { noticeId: 'k', household: { _id: `kh${i}`, path: t.path(`kh${i}`) }, personId: `kp${i}` }),
      ),
    )
    const move = t.move('kg1', 'k2')
    await expect(shiftReach(killedAfter(3), 'kg1', move)).rejects.toThrow('killed before commit')
    const halfway = await reachAndRecount('k', t.path)
    expect(halfway.summed.k1).toBeGreaterThan(0)
    expect(halfway.summed.k2).toBeGreaterThan(0)
    await shiftReach(data, 'kg1', move)
    const { summed, recount } = await reachAndRecount('k', t.path)
    expect(summed).toEqual(recount)
    expect(summed).toMatchObject({ s: 24, k2: 24, kg1: 24, kb: 24 })
    expect(summed.k1).toBeUndefined()
  })
})

describe('fast-check: acks and moves in random order, moves killed at random points and resumed', () => {
  it('every unit reads as a recount of the receipts by where the households are now', async () => {
    // a street of 2 communities × 2 grids × 2 buildings × 3 households
    const units: Record<string, string> = { fs: '/fs/' }
    for (let c = 0; c < 2; c++) {
      units[`fc${c}`] = `/fs/fc${c}/`
      for (let g = 0; g < 2; g++) {
        units[`fg${c}${g}`] = `/fs/fc${c}/fg${c}${g}/`
        for (let b = 0; b < 2; b++) {
          units[`fb${c}${g}${b}`] = `/fs/fc${c}/fg${c}${g}/fb${c}${g}${b}/`
          for (let h = 0; h < 3; h++)
            units[`fh${c}${g}${b}${h}`] = `/fs/fc${c}/fg${c}${g}/fb${c}${g}${b}/fh${c}${g}${b}${h}/`
        }
      }
    }
    const ids = (prefix: string) => Object.keys(units).filter((id) => id.startsWith(prefix))
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('ack' as const),
        home: fc.constantFrom(...ids('fh')),
        member: fc.integer({ min: 0, max: 1 }),
      }),
      fc.record({
        kind: fc.constant('moveBuilding' as const),
        unit: fc.constantFrom(...ids('fb')),
        to: fc.constantFrom(...ids('fg')),
        killAfter: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('moveGrid' as const),
        unit: fc.constantFrom(...ids('fg')),
        to: fc.constantFrom('fc0', 'fc1'),
        killAfter: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      }),
    )
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (steps) => {
        const noticeId = `fm${run++}`
        const t = tree(units)
        for (const s of steps) {
          if (s.kind === 'ack') {
            const household = { _id: s.home, path: t.path(s.home) }
            await recordAck(data, { noticeId, household, personId: `${s.home}-${s.member}` })
            continue
          }
          // a building moves to another grid, a grid to another community (org's rule); a move in place is none
          if (t.path(s.unit) === `${t.path(s.to)}${s.unit}/`) continue
          const move = t.move(s.unit, s.to)
          if (s.killAfter !== undefined)
            await shiftReach(killedAfter(s.killAfter), s.unit, move).catch((e: Error) => {
              if (e.message !== 'killed before commit') throw e
            })
          await shiftReach(data, s.unit, move)
        }
        const { summed, recount } = await reachAndRecount(noticeId, t.path)
        expect(summed).toEqual(recount)
      }),
      { numRuns: 20 },
    )
  }, 240_000)
})
