/**
 * The engine's field indexes: equality, anchored prefixes and ranges (strings, numbers, dates), for `_id` and
 * the first key of compound indexes, kept right through inserts, updates and removes — every answer equal to a
 * full scan by mingo (fast-check) — and how few documents a query examines; the unindexed-query advice, once
 * per shape.
 */
import fs from 'node:fs'
import fc from 'fast-check'
import { Query } from 'mingo'
import { Engine, type Doc } from '../../emulator'
import { literalPrefix } from '../../emulator/store/conditions'
import { SortedList } from '../../emulator/store/sorted-list'
import { cloneDoc } from '../../emulator/store/values'
import { startTestCloud, tempDir } from './helpers'

const dirs: string[] = []
const open = (opts: ConstructorParameters<typeof Engine>[1] = {}): Engine => {
  const dir = tempDir('indexes')
  dirs.push(dir)
  return new Engine(dir, { durability: 'write', ...opts })
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

/** What mingo answers over every document: the truth an index must reproduce. */
function scan(all: Doc[], q: Doc, sort?: Record<string, 1 | -1>, skip = 0, limit?: number): Doc[] {
  let c = new Query(q).find<Doc>(cloneDoc(all))
  if (sort) c = c.sort(sort)
  if (skip) c = c.skip(skip)
  if (limit !== undefined) c = c.limit(limit)
  return c.all()
}

describe('sorted list', () => {
  it('holds what a sorted set holds, in order, after random inserts and deletes, and answers ranges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3000 })), { maxLength: 4000 }),
        fc.integer({ min: -10, max: 3010 }),
        fc.integer({ min: -10, max: 3010 }),
        fc.boolean(),
        fc.boolean(),
        (ops, a, b, loIn, hiIn) => {
          const list = new SortedList<number>()
          const set = new Set<number>()
          for (const [add, v] of ops) {
            if (add) expect(list.insert(v)).toBe(!set.has(v))
            else expect(list.delete(v)).toBe(set.has(v))
            if (add) set.add(v)
            else set.delete(v)
          }
          const sorted = [...set].sort((x, y) => x - y)
          expect(list.size).toBe(sorted.length)
          expect([...list.range()]).toEqual(sorted)
          const lo = { value: Math.min(a, b), inclusive: loIn }
          const hi = { value: Math.max(a, b), inclusive: hiIn }
          const inside = sorted.filter(
            (v) => (lo.inclusive ? v >= lo.value : v > lo.value) && (hi.inclusive ? v <= hi.value : v < hi.value),
          )
          expect([...list.range(lo, hi)]).toEqual(inside)
          expect([...list.range(lo, hi, true)]).toEqual([...inside].reverse())
          expect([...list.range(undefined, hi)]).toEqual(
            sorted.filter((v) => (hi.inclusive ? v <= hi.value : v < hi.value)),
          )
          expect([...list.range(lo, undefined, true)]).toEqual(
            sorted.filter((v) => (lo.inclusive ? v >= lo.value : v > lo.value)).reverse(),
          )
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('anchored regex prefixes', () => {
  it.each([
    ['^/s/c/g1/', '', '/s/c/g1/'],
    ['^\\/s\\/c\\.1\\/', '', '/s/c.1/'],
    ['^abc', 's', 'abc'],
    ['^ab?c', '', 'a'],
    ['^ab*', '', 'a'],
    ['^ab+c', '', 'ab'],
    ['^ab{2}', '', 'a'],
    ['^a.c', '', 'a'],
    ['^a\\dc', '', 'a'],
    ['^(ab)', '', ''],
    ['^', '', ''],
    ['abc', '', undefined],
    ['^abc', 'i', undefined],
    ['^abc', 'm', undefined],
    ['^a|b', '', undefined],
  ])('%s (flags %s) starts every match with %j', (source, flags, prefix) => {
    expect(literalPrefix(source, flags)).toBe(prefix)
  })
})

describe('field indexes answer as a full scan does', () => {
  // values of every kind the index must keep apart or leave to the scan
  const scalar = fc.oneof(
    fc.integer({ min: -5, max: 20 }),
    fc.constantFrom(0.5, -0, NaN, 1e9),
    fc.constantFrom(
      'a',
      'b',
      'ab',
      'abc',
      'b/c',
      '/s/',
      '/s/c1/',
      '/s/c1/g1/',
      '/s/c1/g2/',
      '/s/c2/',
      '10',
      '',
      'é',
      '～',
    ),
    fc.integer({ min: 0, max: 6 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d))),
    fc.constant(new Date(NaN)),
    fc.boolean(),
    fc.constant(null),
  )
  const value = fc.oneof(
    { weight: 6, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.record({ x: scalar }) },
  )
  const doc = fc.record({
    v: value,
    path: fc.oneof(
      fc.constantFrom('/s/', '/s/c1/', '/s/c1/g1/', '/s/c1/g1/b1/', '/s/c1/g2/', '/s/c2/', '/s/c2/g3/', '/t/'),
      value,
    ),
    level: fc.constantFrom('grid', 'household', 'microgrid'),
    roles: fc.array(fc.record({ unitId: scalar }), { maxLength: 2 }),
  })
  const bound = fc.oneof(
    fc.integer({ min: -6, max: 21 }),
    fc.constantFrom('', 'a', 'ab', 'b', '/s/c1/', '10', '～'),
    fc.integer({ min: 0, max: 7 }).map((d) => new Date(Date.UTC(2025, 0, d))),
  )
  const cond = fc.oneof(
    scalar.map((v) => v),
    fc.record({ $gt: bound }),
    fc.record({ $gte: bound, $lt: bound }),
    fc.record({ $lte: bound }),
    fc.record({ $gt: bound, $lte: bound }),
    fc.array(scalar, { minLength: 1, maxLength: 3 }).map(($in) => ({ $in })),
    fc
      .constantFrom('', 'a', '/s/c1/', '/s/c1/g1/', '/s/c', '/t/', 'b/')
      .map((p) => new RegExp('^' + p.replace(/\//g, '\\/'))),
    fc.constantFrom('^/s/c1/', '^a', '^ab?', 'b').map(($regex) => ({ $regex })),
    fc.record({ $gt: bound, $ne: scalar }),
  )
  const field = fc.constantFrom('v', 'path', 'roles.unitId', 'level', '_id')
  const query = fc.oneof(
    fc.tuple(field, cond).map(([f, c]) => ({ [f]: c })),
    fc.tuple(field, cond, field, cond).map(([f, c, g, d]) => ({ $and: [{ [f]: c }, { [g]: d }] })),
    fc.tuple(cond, cond).map(([c, d]) => ({ path: c, level: d })),
  )
  const sort = fc.option(
    fc
      .tuple(fc.constantFrom('v', 'path', '_id', 'level'), fc.constantFrom<1 | -1>(1, -1))
      .map(([f, d]) => (f === '_id' ? { _id: d } : { [f]: d, _id: 1 as const })),
    { nil: undefined },
  )
  type Step = { kind: 'insert'; d: Doc } | { kind: 'update'; i: number; d: Doc } | { kind: 'remove'; i: number }
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 5, arbitrary: doc.map((d): Step => ({ kind: 'insert', d })) },
    { weight: 2, arbitrary: fc.tuple(fc.nat(), doc).map(([i, d]): Step => ({ kind: 'update', i, d })) },
    { weight: 1, arbitrary: fc.nat().map((i): Step => ({ kind: 'remove', i })) },
  )

  it.each([
    [
      'a range of two operators over an array, each bound met by another element',
      { v: [0.5, 1e9] },
      { v: { $gt: 1, $lte: 1 } },
    ],
    ['an array under two values of a range, found once', { v: ['a', 'ab'] }, { v: { $lte: 'b' } }],
    [
      'an array of a date and an invalid date, found once',
      { v: [new Date(0), new Date(NaN)] },
      { v: { $gt: new Date(-1) } },
    ],
  ])('%s', async (_name, d, q) => {
    const e = open()
    await e.createCollection('t')
    e.ensureIndex('t', 'v')
    await e.insert('t', [
      { _id: 'x', ...cloneDoc(d) },
      { _id: 'y', v: 7 },
    ])
    const expected = scan(
      [
        { _id: 'x', ...d },
        { _id: 'y', v: 7 },
      ],
      q,
    )
    expect(expected.map((x) => x._id)).toEqual(['x'])
    expect(e.find('t', q).map((x) => x._id)).toEqual(['x'])
    await e.close()
  })

  it('for equality, prefixes, ranges and orders, after inserts, updates and removes', async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(query, sort, fc.nat(5), fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (steps, queries) => {
          const e = open()
          const c = `c${n++}`
          await e.createCollection(c)
          for (const f of ['v', 'path', 'roles.unitId', 'level']) e.ensureIndex(c, f)
          const live = new Map<string, Doc>()
          let id = 0
          for (const s of steps) {
            const ids = [...live.keys()]
            if (s.kind === 'insert') {
              const d: Doc = { ...cloneDoc(s.d), _id: `d${String(id++).padStart(3, '0')}` }
              for (const k of Object.keys(d)) if (d[k] === undefined) delete d[k]
              await e.insert(c, [cloneDoc(d)])
              live.set(d._id as string, d)
            } else if (ids.length && s.kind === 'update') {
              const target = ids[s.i % ids.length]
              const d: Doc = { ...cloneDoc(s.d), _id: target }
              for (const k of Object.keys(d)) if (d[k] === undefined) delete d[k]
              await e.update(c, { _id: target }, cloneDoc(d), { replace: true })
              live.set(target, d)
            } else if (ids.length && s.kind === 'remove') {
              const target = ids[s.i % ids.length]
              await e.remove(c, { _id: target })
              live.delete(target)
            }
          }
          const all = [...live.values()]
          for (const [q, srt, skip, limit] of queries) {
            const expected = scan(all, q, srt, srt ? skip : 0, srt ? limit : undefined)
            const found = e.find(c, cloneDoc(q), { sort: srt, skip: srt ? skip : 0, limit: srt ? limit : undefined })
            if (srt) expect(found.map((d) => d._id)).toEqual(expected.map((d) => d._id))
            else expect(found.map((d) => d._id).sort()).toEqual(expected.map((d) => d._id).sort())
            expect(e.count(c, cloneDoc(q))).toBe(scan(all, q).length)
          }
          await e.close()
        },
      ),
      { numRuns: 400 },
    )
  }, 120_000)
})

describe('documents examined', () => {
  const warnings: string[] = []
  const e = open({ warn: (m) => warnings.push(m) })
  const N = 6_000
  beforeAll(async () => {
    await e.createCollection('units')
    for (const f of ['path', 'level', 'at']) e.ensureIndex('units', f)
    const docs: Doc[] = []
    for (let i = 0; i < N; i++) {
      const grid = `g${i % 60}`
      docs.push({
        _id: `u${String(i).padStart(5, '0')}`,
        level: i % 10 ? 'household' : 'microgrid',
        path: `/s/c${i % 3}/${grid}/u${i}/`,
        at: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
        n: i,
      })
    }
    await e.insert('units', docs)
  })

  it.each([
    ['a path prefix reads only the subtree', { path: /^\/s\/c0\/g3\// }, {}, 100, 'index path'],
    [
      'a prefix with an equality reads the smaller of the two',
      { level: 'household', path: /^\/s\/c0\/g3\// },
      {},
      100,
      'index path',
    ],
    [
      'a date range',
      { at: { $gte: new Date(Date.UTC(2025, 0, 1, 1)), $lt: new Date(Date.UTC(2025, 0, 1, 2)) } },
      {},
      60,
      'index at',
    ],
    [
      'an _id range in _id order, as a cursor pages',
      { _id: { $gt: 'u03000' } },
      { sort: { _id: 1 }, limit: 10 } as const,
      10,
      'order _id',
    ],
    ['an indexed order with a limit stops at the limit', {}, { sort: { at: -1 }, limit: 5 } as const, 5, 'order at'],
    ['skip + limit in index order', {}, { sort: { _id: 1 }, skip: 20, limit: 10 } as const, 30, 'order _id'],
    ['a pinned bucket, sorted', { path: /^\/s\/c1\/g4\// }, { sort: { at: -1 }, limit: 3 } as const, 100, 'index path'],
  ])('%s', (_name, q, opts, most, via) => {
    const plan = e.explain('units', q, opts)
    expect(plan.via).toBe(via)
    expect(plan.examined).toBeLessThanOrEqual(most)
    expect(plan.returned).toBeGreaterThan(0)
  })

  it("an aggregation's leading $match takes its candidates from an index", () => {
    e.resetStats()
    const groups = e.aggregate('units', [
      { $match: { level: 'household', path: /^\/s\/c0\/g3\// } },
      { $group: { _id: '$level', n: { $sum: 1 } } },
    ])
    expect(groups).toEqual([{ _id: 'household', n: 100 }])
    expect(e.stats()).toMatchObject({ queries: 1, indexed: 1, examined: 100 })
  })

  it('an unindexed filter examines the whole collection and says so', () => {
    const plan = e.explain('units', { n: { $lt: 5 } })
    expect(plan).toMatchObject({ via: 'scan', examined: N, returned: 5 })
    expect(warnings).toEqual([
      expect.stringMatching(/^\[local cloud\] no index serves units \{n:\$lt\} \(6000 documents/),
    ])
  })
})

describe('a page of an index-ordered range stops at its limit', () => {
  // a delivery shard's page: subscriptions under a path within an _id range, in _id order, 25 at a time
  const e = open()
  const N = 20_000
  const key = (i: number) => `k${String(i).padStart(6, '0')}`
  beforeAll(async () => {
    await e.createCollection('subs')
    e.ensureIndex('subs', 'homePath')
    const docs: Doc[] = []
    for (let i = 0; i < N; i++)
      docs.push({ _id: key(i), homePath: `/s/c${i % 3}/g${i % 30}/`, templateId: 't', remaining: i % 7 ? 1 : 0 })
    await e.insert('subs', docs)
  })
  const page = { sort: { _id: 1 as const }, limit: 25 }
  const under = { homePath: /^\/s\//, templateId: 't', remaining: { $gt: 0 } }

  it.each([
    ['an _id range of 500 in one object', { _id: { $gt: key(10_000), $lt: key(10_500) } }],
    [
      'an _id range of 1,250 as the SDK sends gt().and(lt())',
      { $and: [{ _id: { $gt: key(0) } }, { _id: { $lt: key(1_250) } }] },
    ],
    ['a cursor in the middle of the last shard', { $and: [{ _id: { $gt: key(19_000) } }, { _id: { $lt: key(N) } }] }],
    ['a cursor near the end of a shard', { $and: [{ _id: { $gt: key(1_100) } }, { _id: { $lt: key(1_250) } }] }],
  ])('%s, with conditions tested on the way', (_name, range) => {
    const q = { ...under, ...range }
    const plan = e.explain('subs', q, page)
    expect(plan.via).toBe('order _id')
    expect(plan.returned).toBe(25)
    // every 7th has no message left: 25 matches are met within 30 documents
    expect(plan.examined).toBeLessThanOrEqual(25 + 5)
    expect(e.find('subs', q, page).map((d) => d._id)).toEqual(
      scan(e.find('subs', q), q, page.sort, 0, 25).map((d) => d._id),
    )
  })

  it('skip + limit within a range, descending, stops at skip + limit', () => {
    const q = { _id: { $gte: key(5_000), $lt: key(6_000) } }
    const plan = e.explain('subs', q, { sort: { _id: -1 }, skip: 10, limit: 25 })
    expect(plan).toMatchObject({ via: 'order _id', examined: 35, returned: 25 })
    expect(e.find('subs', q, { sort: { _id: -1 }, skip: 10, limit: 25 })[0]._id).toBe(key(5_989))
  })

  it('answers as a full scan does for any range, order, skip and limit over _id and another field', async () => {
    const f = open()
    await f.createCollection('r')
    f.ensureIndex('r', 'n')
    const all: Doc[] = Array.from({ length: 400 }, (_, i) => ({ _id: key(i), n: (i * 37) % 101, odd: i % 2 === 1 }))
    await f.insert('r', cloneDoc(all))
    const at = fc.integer({ min: -5, max: 405 }).map(key)
    const bound = fc.oneof(
      fc.record({ $gt: at }),
      fc.record({ $gte: at, $lt: at }),
      fc.record({ $gt: at, $lte: at }),
      fc.record({ $lt: at }),
    )
    const other = fc.constantFrom({}, { odd: true }, { n: { $lt: 20 } }, { n: { $gte: 50, $lt: 52 } })
    fc.assert(
      fc.property(
        bound,
        at,
        other,
        fc.boolean(),
        fc.constantFrom<1 | -1>(1, -1),
        fc.nat(30),
        fc.integer({ min: 1, max: 40 }),
        (b, cursor, o, split, dir, skip, limit) => {
          const q = split ? { $and: [{ _id: b }, { _id: { $gt: cursor } }], ...o } : { _id: b, ...o }
          const sort = { _id: dir }
          const found = f.find('r', cloneDoc(q), { sort, skip, limit })
          expect(found.map((d) => d._id)).toEqual(scan(all, q, sort, skip, limit).map((d) => d._id))
          expect(f.count('r', cloneDoc(q))).toBe(scan(all, q).length)
        },
      ),
      { numRuns: 500 },
    )
    await f.close()
  })

  it('a range no wider than the page is read whole, once', () => {
    const plan = e.explain('subs', { _id: { $gt: key(300), $lte: key(310) } }, page)
    expect(plan.examined).toBeLessThanOrEqual(10)
    expect(plan.returned).toBe(10)
  })
})

describe('compound indexes', () => {
  it('a later key serves a query that conditions the keys before it, and only such a query', async () => {
    const e = open()
    await e.createCollection('claims')
    // status_1_householdPath_1, as core/schema.ts declares it and startLocalCloud applies it
    e.ensureIndex('claims', 'status')
    e.ensureIndex('claims', 'householdPath', 1, ['status'])
    await e.insert(
      'claims',
      Array.from({ length: 3_000 }, (_, i) => ({
        _id: `k${String(i).padStart(5, '0')}`,
        status: i % 3 ? 'decided' : 'pending',
        householdPath: `/s/c1/g${i % 100}/h${i}/`,
      })),
    )
    const under = { status: 'pending', householdPath: /^\/s\/c1\/g7\// }
    // 1,000 pending claims in all, 30 under the grid (10 of them pending): the path is looked up, not the status
    expect(e.explain('claims', under)).toMatchObject({ via: 'index householdPath', examined: 30, returned: 10 })
    expect(e.count('claims', under)).toBe(10)
    // without its leading key the service would not use the index: a scan, and advice
    expect(e.explain('claims', { householdPath: /^\/s\/c1\/g7\// })).toMatchObject({ via: 'scan', examined: 3_000 })
    expect(e.stats().unindexed.map((u) => u.shape)).toEqual(['{householdPath:prefix}'])
    // its order is never walked for a sort: the status bucket is sorted instead
    expect(e.explain('claims', { status: 'pending' }, { sort: { householdPath: 1 }, limit: 5 })).toMatchObject({
      via: 'index status',
      examined: 1_000,
      returned: 5,
    })
    // declared again as a first key, it serves alone
    e.ensureIndex('claims', 'householdPath')
    expect(e.explain('claims', { householdPath: /^\/s\/c1\/g7\// })).toMatchObject({
      via: 'index householdPath',
      examined: 30,
    })
    await e.close()
  })
})

describe('unindexed query advice', () => {
  it('warns once per query shape above the threshold, counts them, and refuses them with policy error', async () => {
    const warnings: string[] = []
    const e = open({ unindexedAbove: 100, warn: (m) => warnings.push(m) })
    await e.createCollection('people')
    e.ensureIndex('people', 'openid')
    await e.insert(
      'people',
      Array.from({ length: 50 }, (_, i) => ({ _id: `p${i}`, openid: `o${i}`, name: `n${i}` })),
    )
    e.find('people', { name: 'n1' })
    expect(warnings).toEqual([]) // 50 documents: a scan is fine
    await e.insert(
      'people',
      Array.from({ length: 100 }, (_, i) => ({ _id: `q${i}`, openid: `x${i}`, name: `m${i}` })),
    )
    for (let i = 0; i < 5; i++) e.find('people', { name: `n${i}` })
    e.count('people', { name: 'n1' }) // same shape
    e.find('people', { openid: 'o1', name: 'n1' }) // served by openid
    e.find('people', { name: { $gt: 'n' } }, { sort: { name: 1 } })
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/no index serves people \{name:eq\} \(150 documents/)
    expect(warnings[1]).toMatch(/people \{name:\$gt\} orderBy \{"name":1\}/)
    const stats = e.stats()
    expect(stats.unindexed).toEqual(
      expect.arrayContaining([
        { collection: 'people', shape: '{name:eq}', count: 6, examined: 900 },
        { collection: 'people', shape: '{name:$gt} orderBy {"name":1}', count: 1, examined: 150 },
      ]),
    )
    expect(stats.queries).toBe(9)
    expect(stats.indexed).toBe(1)

    e.unindexedPolicy = 'error'
    expect(() => e.find('people', { name: 'n2' })).toThrow(/no index serves this query on people: \{name:eq\}/)
    await expect(e.update('people', { name: 'n2' }, { $set: { x: 1 } })).rejects.toThrow(/no index serves/)
    expect(e.find('people', { openid: 'o2' })).toHaveLength(1)
    const tx = e.begin() // a transaction reads single documents by _id: always served
    expect(e.find('people', { _id: 'p3' }, { tx })).toHaveLength(1)
    await e.update('people', { _id: 'p3' }, { $set: { name: '改' } }, { tx })
    await e.commit(tx)
    e.resetStats()
    expect(e.stats()).toMatchObject({ queries: 0, examined: 0, unindexed: [] })
    expect(e.find('people', { _id: 'p3' })[0].name).toBe('改')
    await e.close()
  })
})

describe('through the local cloud', () => {
  it("walks a delivery page's _.gt().and(_.lt()) _id range in order and stops at the limit", async () => {
    const t = await startTestCloud()
    const subs = Array.from({ length: 5_000 }, (_, i) => ({
      _id: `s${String(i).padStart(5, '0')}`,
      homePath: `/s1/c${i % 3}/g${i % 30}/`,
      remaining: 1,
    }))
    await t.cloud.seed({ subscriptions: subs })
    t.cloud.engine.ensureIndex('subscriptions', 'homePath')
    const _ = t.db.command
    t.cloud.queryStats({ reset: true })
    const { data } = await t.db
      .collection('subscriptions')
      .where({
        homePath: t.db.RegExp({ regexp: '^\\/s1\\/', options: '' }),
        remaining: _.gt(0),
        _id: _.gt('s02000').and(_.lt('s02500')),
      })
      .orderBy('_id', 'asc')
      .limit(25)
      .get()
    expect(data.map((d: { _id: string }) => d._id)).toEqual(subs.slice(2001, 2026).map((d) => d._id))
    expect(t.cloud.queryStats()).toMatchObject({ queries: 1, indexed: 1, examined: 25 })
    await t.close()
  })

  it("serves the SDK's path prefix from the index and reports query costs over the admin API", async () => {
    const t = await startTestCloud()
    const units = Array.from({ length: 3_000 }, (_, i) => ({
      _id: `u${i}`,
      level: 'household',
      path: `/s1/c${i % 3}/g${i % 30}/u${i}/`,
    }))
    await t.cloud.seed({ units })
    const admin = async (body: object): Promise<{ data: { queries: number; examined: number; indexed: number } }> => {
      const res = await fetch(`${t.cloud.url}/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return (await res.json()) as { data: { queries: number; examined: number; indexed: number } }
    }
    await admin({ action: 'local.queryStats', reset: true })
    const { data } = await t.db
      .collection('units')
      .where({ path: t.db.RegExp({ regexp: '^\\/s1\\/c1\\/g4\\/', options: '' }) })
      .get()
    expect(data).toHaveLength(100)
    const { data: stats } = await admin({ action: 'local.queryStats', reset: true })
    expect(stats).toMatchObject({
      queries: 1,
      indexed: 1,
      examined: 100,
      byCollection: { units: { queries: 1, examined: 100 } },
    })
    expect((await admin({ action: 'local.queryStats' })).data).toMatchObject({ queries: 0, examined: 0 })
    expect(t.cloud.queryStats().queries).toBe(0)
    await t.close()
  })
})
