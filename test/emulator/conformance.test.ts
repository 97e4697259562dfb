/**
 * Where the local cloud once differed from the real CloudBase database, each case through the real
 * wx-server-sdk 4.0.2 over HTTP, written from the service's documentation and its SDK's own tests
 * (tcb-admin-node test/database/unit/transaction.test.ts: "冲突检测", "读偏", "事务提交后, 不能进行其它操作").
 */
import { rejection, startTestCloud, type Loose, type LooseDb, type TestCloud } from './helpers'

let t: TestCloud
let db: LooseDb
let _: Loose

beforeAll(async () => {
  t = await startTestCloud()
  db = t.db
  _ = db.command
  for (const c of ['tx_accounts', 'arrays', 'dates', 'places', 'unindexed', 'people_schema'])
    await db.createCollection(c)
})
afterAll(() => t.close())

const balance = async (id: string): Promise<number> => (await db.collection('tx_accounts').doc(id).get()).data.balance
const reset = async (id: string, value: number): Promise<void> => {
  await db
    .collection('tx_accounts')
    .doc(id)
    .set({ data: { balance: value } })
}

describe('transactions: a write-write conflict is refused at the write', () => {
  it('two transactions updating the same document: the second is refused at its update, not at commit', async () => {
    await reset('shared', 100)
    const first = await db.startTransaction()
    const second = await db.startTransaction()
    await first
      .collection('tx_accounts')
      .doc('shared')
      .update({ data: { balance: 90 } })
    const e = await rejection(
      second
        .collection('tx_accounts')
        .doc('shared')
        .update({ data: { balance: 80 } }),
    )
    expect(e.errMsg).toMatch(/\[ResourceUnavailable\.TransactionConflict\] Transaction is conflict/)
    await first.commit()
    expect(await balance('shared')).toBe(90)
    // the refused transaction is over: it can neither write nor commit
    const after = await rejection(second.commit())
    expect(after).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  })

  it('a document changed from outside since the transaction began is refused at the update', async () => {
    await reset('outside', 100)
    const tx = await db.startTransaction()
    expect((await tx.collection('tx_accounts').doc('outside').get()).data.balance).toBe(100)
    await db
      .collection('tx_accounts')
      .doc('outside')
      .update({ data: { balance: _.inc(1) } })
    expect((await tx.collection('tx_accounts').doc('outside').get()).data.balance).toBe(100) // snapshot read
    const e = await rejection(
      tx
        .collection('tx_accounts')
        .doc('outside')
        .update({ data: { balance: 110 } }),
    )
    expect(e.errMsg).toMatch(/TransactionConflict/)
    expect(await balance('outside')).toBe(101)
  })

  it('runTransaction stops at the conflicting update: the rest of the callback never runs, nothing is written', async () => {
    await reset('cb', 100)
    await reset('cb-other', 0)
    const steps: string[] = []
    const e = await rejection(
      db.runTransaction(async (tx: Loose) => {
        steps.push('read')
        const a = (await tx.collection('tx_accounts').doc('cb').get()).data
        await db
          .collection('tx_accounts')
          .doc('cb')
          .update({ data: { balance: _.inc(1) } })
        await tx
          .collection('tx_accounts')
          .doc('cb-other')
          .update({ data: { balance: 5 } })
        await tx
          .collection('tx_accounts')
          .doc('cb')
          .update({ data: { balance: a.balance - 5 } })
        steps.push('after the conflicting update') // a side effect that must not happen
      }),
    )
    expect(e.errMsg).toMatch(/TransactionConflict/)
    expect(steps).toEqual(['read'])
    expect([await balance('cb'), await balance('cb-other')]).toEqual([101, 0])
  })

  it('a retry after the refusal (as server/reach-ledger withRetry does) succeeds on fresh data', async () => {
    await reset('retry', 100)
    let attempts = 0
    const run = () =>
      db.runTransaction(async (tx: Loose) => {
        attempts++
        const a = (await tx.collection('tx_accounts').doc('retry').get()).data
        if (attempts === 1)
          await db
            .collection('tx_accounts')
            .doc('retry')
            .update({ data: { balance: _.inc(1) } })
        await tx
          .collection('tx_accounts')
          .doc('retry')
          .update({ data: { balance: a.balance + 10 } })
      }, 0)
    await run().catch((e: { errMsg?: string }) => {
      if (!/TransactionConflict/.test(String(e.errMsg))) throw e
      return run()
    })
    expect(attempts).toBe(2)
    expect(await balance('retry')).toBe(111) // the concurrent +1 is not lost
  })

  it('a write outside any transaction to a document a transaction has written waits for it to end', async () => {
    await reset('locked', 100)
    const tx = await db.startTransaction()
    await tx
      .collection('tx_accounts')
      .doc('locked')
      .update({ data: { balance: 50 } })
    let outsideDone = false
    const outside = db
      .collection('tx_accounts')
      .doc('locked')
      .update({ data: { balance: _.inc(1) } })
      .then(() => (outsideDone = true))
    // a read outside still sees the committed state, and the waiting write has not happened
    expect(await balance('locked')).toBe(100)
    expect(outsideDone).toBe(false)
    await tx.commit()
    await outside
    expect(await balance('locked')).toBe(51) // applied after the transaction, not lost and not refused
  })
})

describe('a transaction used after commit or abort', () => {
  const notExist =
    /\[ResourceUnavailable\.TransactionNotExist\] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds/

  it('commit after commit answers DATABASE_TRANSACTION_FAIL, TransactionNotExist', async () => {
    const tx = await db.startTransaction()
    await tx.commit()
    const e = (await rejection(tx.commit())) as { code?: string; message?: string }
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(e.message).toMatch(notExist)
  })

  it('a write after commit, and a read after abort, are refused the same way', async () => {
    await reset('late', 1)
    const committed = await db.startTransaction()
    await committed.commit()
    const w = await rejection(
      committed
        .collection('tx_accounts')
        .doc('late')
        .set({ data: { balance: 2 } }),
    )
    expect(w.errMsg).toMatch(notExist)
    const aborted = await db.startTransaction()
    await aborted.rollback()
    const r = await rejection(aborted.collection('tx_accounts').doc('late').get())
    expect(r.errMsg).toMatch(notExist)
    expect(await balance('late')).toBe(1)
  })
})

describe('elemMatch', () => {
  beforeAll(async () => {
    for (const d of [
      { _id: 'plain', value: [1, 2, 3] },
      { _id: 'objs', value: [{ v: 1 }, { v: -1 }] },
      { _id: 'neg', value: [-1, -2] },
      { _id: 'mixed', value: [5, { v: -3 }] },
      { _id: 'nested', value: [[1, 2]] },
    ])
      await db.collection('arrays').add({ data: d })
  })
  const match = async (cond: unknown): Promise<string[]> =>
    ((await db.collection('arrays').where({ value: cond }).get()).data as Array<{ _id: string }>)
      .map((d) => d._id)
      .sort()

  it.each([
    ['a field condition matches only elements that are objects', () => _.elemMatch({ v: _.gt(0) }), ['objs']],
    ['a field equality matches only objects', () => _.elemMatch({ v: 1 }), ['objs']],
    ['exists inside it: only objects that have the field', () => _.elemMatch({ v: _.exists(true) }), ['mixed', 'objs']],
    ['mod inside it: only objects whose field fits', () => _.elemMatch({ v: _.mod(2, 1) }), ['objs']],
    ['an operator condition tests each plain element', () => _.elemMatch(_.gt(0)), ['mixed', 'plain']],
    ['mod as an operator condition, never into a nested array', () => _.elemMatch(_.mod(2, 1)), ['mixed', 'plain']],
  ])('%s', async (_name, cond, expected) => {
    expect(await match(cond())).toEqual(expected)
  })
})

describe('aggregation operators', () => {
  beforeAll(async () => {
    for (const [id, iso] of [
      ['sat-2022-01-01', '2022-01-01T12:00:00Z'], // a Saturday: before the year's first Sunday
      ['sun-2022-01-02', '2022-01-02T12:00:00Z'],
      ['sun-2023-01-01', '2023-01-01T12:00:00Z'], // the year starts on a Sunday
      ['tue-2024-12-31', '2024-12-31T12:00:00Z'],
    ] as const)
      await db.collection('dates').add({ data: { _id: id, at: new Date(iso), s: '网格通知😀通知' } })
  })
  const project = async (spec: Record<string, unknown>): Promise<Array<Record<string, unknown>>> =>
    (await db.collection('dates').aggregate().sort({ _id: 1 }).project(spec).end()).list

  it('$week counts weeks from Sunday; days before the first Sunday are week 0', async () => {
    const rows = await project({ w: { $week: '$at' } })
    expect(rows.map((r) => [r._id, r.w])).toEqual([
      ['sat-2022-01-01', 0],
      ['sun-2022-01-02', 1],
      ['sun-2023-01-01', 1],
      ['tue-2024-12-31', 52],
    ])
  })

  it('$indexOfCP finds code point positions', async () => {
    const [row] = await project({
      first: { $indexOfCP: ['$s', '通知'] },
      afterEmoji: { $indexOfCP: ['$s', '通知', 3] },
      missing: { $indexOfCP: ['$s', '社区'] },
    })
    expect(row).toMatchObject({ first: 2, afterEmoji: 5, missing: -1 })
  })

  it('$substr and $substrBytes with a negative length take the rest of the string', async () => {
    const [row] = await project({
      a: { $substr: ['$_id', 4, -1] },
      b: { $substrBytes: ['$_id', 4, -1] },
      c: { $substrBytes: ['$_id', 0, 3] },
    })
    expect(row).toMatchObject({ a: '2022-01-01', b: '2022-01-01', c: 'sat' })
  })

  it('$jsonSchema works in a query', async () => {
    await db.collection('people_schema').add({ data: { _id: 'ok', name: '张三', age: 30 } })
    await db.collection('people_schema').add({ data: { _id: 'young', name: '李四', age: 3 } })
    await db.collection('people_schema').add({ data: { _id: 'nameless', age: 40 } })
    const schema = {
      bsonType: 'object',
      required: ['name', 'age'],
      properties: { name: { bsonType: 'string' }, age: { bsonType: 'int', minimum: 18 } },
    }
    const { data } = await db.collection('people_schema').where(_.jsonSchema(schema)).get()
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['ok'])
  })
})

describe('geo', () => {
  // around 人民广场, Shanghai: the square, a shop 1 km east, a school 3 km north, a park 20 km away
  const P = (lng: number, lat: number): Loose => new db.Geo.Point(lng, lat)
  beforeAll(async () => {
    t.cloud.engine.ensureIndex('places', 'location', '2dsphere')
    for (const d of [
      { _id: 'square', location: P(121.4737, 31.2304) },
      { _id: 'shop', location: P(121.4842, 31.2304) },
      { _id: 'school', location: P(121.4737, 31.2574) },
      { _id: 'park', location: P(121.68, 31.2304) },
      { _id: 'no-place', name: 'x' },
    ])
      await db.collection('places').add({ data: d })
    await db.collection('unindexed').add({ data: { _id: 'u', location: P(121.4737, 31.2304) } })
  })
  const ids = (r: { data: Array<{ _id: string }> }): string[] => r.data.map((d) => d._id)

  it('geoNear answers nearest first, within min/max distance in metres', async () => {
    const near = (opts: Record<string, unknown>) =>
      db
        .collection('places')
        .where({ location: _.geoNear({ geometry: P(121.4737, 31.2304), ...opts }) })
        .get()
    expect(ids(await near({ maxDistance: 5000 }))).toEqual(['square', 'shop', 'school'])
    expect(ids(await near({ minDistance: 500, maxDistance: 2000 }))).toEqual(['shop'])
    expect(ids(await near({}))).toEqual(['square', 'shop', 'school', 'park'])
  })

  it('geoWithin a polygon, and within a centerSphere (radius in radians)', async () => {
    const box = new db.Geo.Polygon([
      new db.Geo.LineString([P(121.46, 31.22), P(121.49, 31.22), P(121.49, 31.24), P(121.46, 31.24), P(121.46, 31.22)]),
    ])
    const inBox = await db
      .collection('places')
      .where({ location: _.geoWithin({ geometry: box }) })
      .get()
    expect(ids(inBox).sort()).toEqual(['shop', 'square'])
    const circle = await db
      .collection('places')
      .where({ location: _.geoWithin({ centerSphere: [[121.4737, 31.2304], 4 / 6378.1] }) })
      .get()
    expect(ids(circle).sort()).toEqual(['school', 'shop', 'square'])
  })

  it('geoIntersects a line through the square and the shop', async () => {
    const line = new db.Geo.LineString([P(121.47, 31.2304), P(121.49, 31.2304)])
    const r = await db
      .collection('places')
      .where({ location: _.geoIntersects({ geometry: line }) })
      .get()
    expect(ids(r).sort()).toEqual(['shop', 'square'])
  })

  it('the $geoNear stage adds the distance and filters by query', async () => {
    const { list } = await db
      .collection('places')
      .aggregate()
      .geoNear({
        near: P(121.4737, 31.2304),
        distanceField: 'meters',
        maxDistance: 5000,
        query: { _id: _.neq('square') },
        spherical: true,
      })
      .end()
    expect(list.map((d: { _id: string }) => d._id)).toEqual(['shop', 'school'])
    expect(list[0].meters).toBeGreaterThan(950)
    expect(list[0].meters).toBeLessThan(1050)
    expect(list[1].meters).toBeGreaterThan(2900)
    expect(list[1].meters).toBeLessThan(3100)
  })

  it('a geo query on a field without a 2dsphere index is refused, as the service requires the index', async () => {
    const e = await rejection(
      db
        .collection('unindexed')
        .where({ location: _.geoNear({ geometry: P(121.4737, 31.2304), maxDistance: 100 }) })
        .get(),
    )
    expect(e.errCode).toBe(-502001)
    expect(e.errMsg).toMatch(/2dsphere/)
  })

  it('an indexed geo query reads only nearby index cells, not the collection', async () => {
    const far = Array.from({ length: 300 }, (_v, i) => ({
      _id: `far${i}`,
      location: { type: 'Point', coordinates: [100 + i * 0.2, 20] },
    }))
    await t.cloud.engine.put('places', far)
    const engine = t.cloud.engine as unknown as { coll(name: string): { docs: Map<string, unknown> } }
    const docs = engine.coll('places').docs
    let reads = 0
    const get = docs.get.bind(docs)
    const values = docs.values.bind(docs)
    docs.get = (k: string) => (reads++, get(k))
    docs.values = () => {
      reads += docs.size
      return values()
    }
    try {
      const r = await db
        .collection('places')
        .where({ location: _.geoNear({ geometry: P(121.4737, 31.2304), maxDistance: 2000 }) })
        .get()
      expect(ids(r)).toEqual(['square', 'shop'])
    } finally {
      docs.get = get
      docs.values = values
    }
    expect(reads).toBeLessThan(10)
  })
})

describe('doc.set()', () => {
  it('reports updated 1 when the document exists, even with the same content (the service counts the match)', async () => {
    await reset('same', 7)
    expect(
      await db
        .collection('tx_accounts')
        .doc('same')
        .set({ data: { balance: 7 } }),
    ).toMatchObject({ _id: 'same', stats: { updated: 1, created: 0 } })
    expect(await balance('same')).toBe(7)
  })
})
