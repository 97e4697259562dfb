/**
 * Database conformance of the local cloud, through the real wx-server-sdk 4.0.2 over HTTP: result shapes,
 * operators, limits, not-found, missing collections and transactions behave as on the real service.
 */
import fs from 'node:fs'
import path from 'node:path'
import { rejection, startTestCloud, type Loose, type LooseDb, type TestCloud } from './helpers'

let t: TestCloud
let db: LooseDb

const ITEMS = [
  { _id: 'a', n: 1, tags: ['x', 'y'], s: 'apple', o: { k: 1 }, arr: [{ v: 1 }, { v: 5 }], g: 'red' },
  { _id: 'b', n: 2, tags: ['y'], s: 'banana', arr: [{ v: 2 }], g: 'yellow' },
  { _id: 'c', n: 3, tags: [], s: 'cherry', o: { k: 2 }, g: 'red' },
  { _id: 'd', n: 4, tags: ['x', 'y', 'z'], s: 'Apricot', g: 'orange' },
]

beforeAll(async () => {
  t = await startTestCloud()
  db = t.db
  await db.createCollection('items')
  await db.createCollection('colors')
  for (const item of ITEMS) await db.collection('items').add({ data: item })
  for (const c of [
    { _id: 'red', zh: '红' },
    { _id: 'yellow', zh: '黄' },
  ])
    await db.collection('colors').add({ data: c })
})
afterAll(() => t.close())

const ids = (docs: Array<{ _id?: unknown }>): string[] => docs.map((d) => String(d._id)).sort()

describe('the SDK under test', () => {
  it('is the pinned wx-server-sdk 4.0.2 with the CloudBase packages whose wire protocol the local cloud speaks', () => {
    const version = (pkg: string): string =>
      (
        JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', pkg, 'package.json'), 'utf8')) as {
          version: string
        }
      ).version
    expect(version('wx-server-sdk')).toBe('4.0.2')
    expect(version('@cloudbase/node-sdk')).toBe('3.17.2')
    expect(version('@cloudbase/database')).toBe('1.4.3')
  })
})

describe('CRUD and result shapes', () => {
  it('add returns the new _id; doc().get returns the document with its types', async () => {
    const born = new Date('2020-01-02T03:04:05Z')
    const added = await db.collection('items').add({ data: { name: '张三', born, nested: { a: [1, 2] } } })
    expect(added).toMatchObject({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' })
    const got = await db.collection('items').doc(String(added._id)).get()
    expect(got.errMsg).toBe('document.get:ok')
    expect(got.data).toEqual({ _id: added._id, name: '张三', born, nested: { a: [1, 2] } })
    expect(got.data.born).toBeInstanceOf(Date)
    await db.collection('items').doc(String(added._id)).remove()
  })

  it('where().get(), count(), update(), set(), remove() answer with the SDK shapes', async () => {
    const col = db.collection('items')
    const got = await col.where({ g: 'red' }).orderBy('n', 'asc').get()
    expect(got).toEqual({ data: [ITEMS[0], ITEMS[2]], errMsg: 'collection.get:ok' })
    expect(await col.where({ g: 'red' }).count()).toEqual({ total: 2, errMsg: 'collection.count:ok' })

    await col.add({ data: { _id: 'tmp', n: 10 } })
    expect(await col.doc('tmp').update({ data: { n: 11 } })).toEqual({
      stats: { updated: 1 },
      errMsg: 'document.update:ok',
    })
    expect(await col.doc('tmp').set({ data: { whole: true } })).toEqual({
      _id: 'tmp',
      stats: { updated: 1, created: 0 },
      errMsg: 'document.set:ok',
    })
    expect((await col.doc('tmp').get()).data).toEqual({ _id: 'tmp', whole: true })
    expect(await col.doc('fresh').set({ data: { made: 1 } })).toMatchObject({ stats: { updated: 0, created: 1 } })
    expect(await col.where({ _id: db.command.in(['tmp', 'fresh']) }).update({ data: { seen: true } })).toEqual({
      stats: { updated: 2 },
      errMsg: 'collection.update:ok',
    })
    expect(await col.doc('fresh').remove()).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' })
    expect(await col.where({ _id: 'tmp' }).remove()).toEqual({ stats: { removed: 1 }, errMsg: 'collection.remove:ok' })
  })

  it('an update that changes nothing reports updated 0', async () => {
    expect(
      (
        await db
          .collection('items')
          .doc('a')
          .update({ data: { n: 1 } })
      ).stats.updated,
    ).toBe(0)
  })

  it('adding a duplicate _id fails', async () => {
    const e = await rejection(db.collection('items').add({ data: { _id: 'a' } }))
    expect(e.errCode).toBe(-502001)
    expect(e.errMsg).toMatch(/duplicate key/)
  })

  it('doc(id).get() of a missing document rejects like the real service', async () => {
    const e = await rejection(db.collection('items').doc('nope').get())
    expect(String(e.errMsg ?? e)).toMatch(/document with _id nope does not exist/)
  })

  it('serverDate() is stored as the server time, with its offset', async () => {
    const before = Date.now()
    const { _id } = await db
      .collection('items')
      .add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } })
    const { data } = await db.collection('items').doc(String(_id)).get()
    expect(data.at).toBeInstanceOf(Date)
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before - 5)
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000)
    await db
      .collection('items')
      .doc(String(_id))
      .update({ data: { touched: db.serverDate() } })
    const touched = (await db.collection('items').doc(String(_id)).get()).data.touched
    expect(touched).toBeInstanceOf(Date)
    expect(touched.getTime()).toBeGreaterThanOrEqual(data.at.getTime())
    await db.collection('items').doc(String(_id)).remove()
  })

  it('dates stay dates through updates, and date ranges match', async () => {
    const col = db.collection('items')
    await col.add({ data: { _id: 'dated', at: new Date('2025-06-01T00:00:00Z'), n: 0 } })
    await col.doc('dated').update({ data: { n: db.command.inc(1) } })
    const { data } = await col.doc('dated').get()
    expect(data.at).toEqual(new Date('2025-06-01T00:00:00Z'))
    const hits = await col
      .where({
        at: db.command.gte(new Date('2025-05-31T00:00:00Z')).and(db.command.lt(new Date('2025-06-02T00:00:00Z'))),
      })
      .get()
    expect(ids(hits.data)).toEqual(['dated'])
    await col.doc('dated').remove()
  })

  it('field() projects, skip() offsets, orderBy() sorts', async () => {
    const { data } = await db
      .collection('items')
      .where({ n: db.command.gte(1) })
      .orderBy('n', 'desc')
      .skip(1)
      .limit(2)
      .field({ s: true })
      .get()
    expect(data).toEqual([
      { _id: 'c', s: 'cherry' },
      { _id: 'b', s: 'banana' },
    ])
  })
})

describe('query operators', () => {
  const _ = () => db.command
  it.each([
    ['eq', () => ({ n: _().eq(2) }), ['b']],
    ['neq', () => ({ n: _().neq(2) }), ['a', 'c', 'd']],
    ['lt', () => ({ n: _().lt(2) }), ['a']],
    ['lte', () => ({ n: _().lte(2) }), ['a', 'b']],
    ['gt', () => ({ n: _().gt(3) }), ['d']],
    ['gte', () => ({ n: _().gte(3) }), ['c', 'd']],
    ['in', () => ({ n: _().in([1, 3]) }), ['a', 'c']],
    ['nin', () => ({ n: _().nin([1, 3]) }), ['b', 'd']],
    ['all', () => ({ tags: _().all(['x', 'y']) }), ['a', 'd']],
    ['elemMatch', () => ({ arr: _().elemMatch({ v: _().gt(4) }) }), ['a']],
    ['exists', () => ({ o: _().exists(true) }), ['a', 'c']],
    ['size', () => ({ tags: _().size(0) }), ['c']],
    ['and', () => _().and([{ n: _().gt(1) }, { n: _().lt(4) }]), ['b', 'c']],
    ['or', () => _().or([{ n: 1 }, { s: 'cherry' }]), ['a', 'c']],
    ['nor', () => _().nor([{ n: 1 }, { n: 2 }]), ['c', 'd']],
    ['not', () => ({ n: _().not(_().gt(2)) }), ['a', 'b']],
    ['field-level and', () => ({ n: _().gt(1).and(_().lt(3)) }), ['b']],
    ['dot path', () => ({ 'o.k': 2 }), ['c']],
    ['array contains', () => ({ tags: 'z' }), ['d']],
    ['RegExp', () => ({ s: db.RegExp({ regexp: '^ap', options: 'i' }) }), ['a', 'd']],
  ])('%s', async (_name, where, expected) => {
    const { data } = await db
      .collection('items')
      .where(where() as object)
      .get()
    expect(ids(data)).toEqual(expected)
  })
})

describe('update operators', () => {
  const _ = () => db.command
  beforeEach(async () => {
    await db
      .collection('items')
      .doc('u')
      .set({ data: { n: 5, list: [1, 2, 3, 2], set: ['a'], gone: 1, o: { p: 1 } } })
  })
  it.each([
    ['set', () => ({ o: _().set({ q: 2 }) }), { o: { q: 2 } }],
    ['remove', () => ({ gone: _().remove() }), { gone: undefined }],
    ['inc', () => ({ n: _().inc(2) }), { n: 7 }],
    ['mul', () => ({ n: _().mul(3) }), { n: 15 }],
    ['push', () => ({ list: _().push([9]) }), { list: [1, 2, 3, 2, 9] }],
    ['pull', () => ({ list: _().pull(2) }), { list: [1, 3] }],
    ['pullAll', () => ({ list: _().pullAll([1, 3]) }), { list: [2, 2] }],
    ['addToSet', () => ({ set: _().addToSet('b') }), { set: ['a', 'b'] }],
    ['addToSet existing', () => ({ set: _().addToSet('a') }), { set: ['a'] }],
    ['min', () => ({ n: _().min(3) }), { n: 3 }],
    ['max', () => ({ n: _().max(8) }), { n: 8 }],
    ['nested plain field', () => ({ o: { r: 3 } }), { o: { p: 1, r: 3 } }],
  ])('%s', async (_name, data, expected) => {
    await db
      .collection('items')
      .doc('u')
      .update({ data: data() as object })
    const { data: doc } = await db.collection('items').doc('u').get()
    for (const [k, v] of Object.entries(expected)) expect(doc[k]).toEqual(v)
  })
})

describe('aggregation stages', () => {
  const agg = () => db.collection('items').aggregate()
  const $ = () => db.command.aggregate
  const base = () => agg().match({ g: db.command.exists(true) })

  it('$match $group $sort', async () => {
    const { list } = await base()
      .group({ _id: '$g', total: $().sum('$n') })
      .sort({ total: -1, _id: 1 })
      .end()
    expect(list).toEqual([
      { _id: 'orange', total: 4 },
      { _id: 'red', total: 4 },
      { _id: 'yellow', total: 2 },
    ])
  })
  it('$lookup joins another collection', async () => {
    const { list } = await base()
      .match({ _id: 'a' })
      .lookup({ from: 'colors', localField: 'g', foreignField: '_id', as: 'color' })
      .project({ _id: 1, color: 1 })
      .end()
    expect(list).toEqual([{ _id: 'a', color: [{ _id: 'red', zh: '红' }] }])
  })
  it('$skip $limit $project', async () => {
    const { list } = await base().sort({ n: 1 }).skip(1).limit(2).project({ _id: 0, s: 1 }).end()
    expect(list).toEqual([{ s: 'banana' }, { s: 'cherry' }])
  })
  it('$unwind $count', async () => {
    const { list } = await base().unwind('$tags').count('n').end()
    expect(list).toEqual([{ n: 6 }])
  })
  it('$addFields', async () => {
    const { list } = await base()
      .match({ _id: 'b' })
      .addFields({ twice: $().multiply(['$n', 2]) })
      .project({ twice: 1 })
      .end()
    expect(list).toEqual([{ _id: 'b', twice: 4 }])
  })
  it('aggregation never changes stored documents', async () => {
    await base().addFields({ n: 100 }).end()
    expect((await db.collection('items').doc('b').get()).data.n).toBe(2)
  })
})

describe('limits', () => {
  beforeAll(async () => {
    await db.createCollection('many')
    await t.cloud.seed({ many: Array.from({ length: 1100 }, (_, i) => ({ _id: `m${String(i).padStart(4, '0')}`, i })) })
  })
  it('get() returns 100 documents by default', async () => {
    expect((await db.collection('many').get()).data).toHaveLength(100)
  })
  it('limit() is capped at 1000', async () => {
    expect((await db.collection('many').limit(1000).get()).data).toHaveLength(1000)
    expect((await db.collection('many').limit(5000).get()).data).toHaveLength(1000)
  })
  it('count() is not limited', async () => {
    expect((await db.collection('many').count()).total).toBe(1100)
  })
})

describe('collections', () => {
  it.each([
    ['get', () => db.collection('ghosts').get()],
    ['doc().get', () => db.collection('ghosts').doc('x').get()],
    ['count', () => db.collection('ghosts').count()],
    ['add', () => db.collection('ghosts').add({ data: { a: 1 } })],
    [
      'update',
      () =>
        db
          .collection('ghosts')
          .where({ a: 1 })
          .update({ data: { a: 2 } }),
    ],
    ['remove', () => db.collection('ghosts').where({ a: 1 }).remove()],
  ])('%s on a missing collection fails with -502005', async (_name, op) => {
    const e = await rejection(op())
    expect(e.errCode).toBe(-502005)
    expect(e.errMsg).toMatch(/Db or Table not exist: ghosts/)
  })
  it('aggregate on a missing collection fails too (this SDK version reports it as errCode -1)', async () => {
    const e = await rejection(db.collection('ghosts').aggregate().match({}).end())
    expect(String(e.message)).toMatch(/Db or Table not exist: ghosts/)
  })
  it('the collections of core/schema.ts exist from the start', async () => {
    expect((await db.collection('people').count()).total).toBe(0)
    expect((await db.collection('units').count()).total).toBe(0)
  })
  it('createCollection creates once, then reports that it exists', async () => {
    expect(await db.createCollection('fresh_coll')).toMatchObject({ errMsg: 'createCollection:ok' })
    expect((await db.collection('fresh_coll').count()).total).toBe(0)
    await rejection(db.createCollection('fresh_coll'))
  })
})

describe('transactions', () => {
  beforeEach(async () => {
    await db
      .collection('items')
      .doc('acct1')
      .set({ data: { balance: 100 } })
    await db
      .collection('items')
      .doc('acct2')
      .set({ data: { balance: 0 } })
  })
  const balance = async (id: string): Promise<number> => (await db.collection('items').doc(id).get()).data.balance

  it('runTransaction commits every write together', async () => {
    const result = await db.runTransaction(async (tx: Loose) => {
      const a = (await tx.collection('items').doc('acct1').get()).data
      await tx
        .collection('items')
        .doc('acct1')
        .update({ data: { balance: a.balance - 30 } })
      await tx
        .collection('items')
        .doc('acct2')
        .update({ data: { balance: db.command.inc(30) } })
      await tx.collection('items').add({ data: { _id: 'receipt1', amount: 30 } })
      return 'done'
    })
    expect(result).toBe('done')
    expect([await balance('acct1'), await balance('acct2')]).toEqual([70, 30])
    expect((await db.collection('items').doc('receipt1').get()).data.amount).toBe(30)
    await db.collection('items').doc('receipt1').remove()
  })

  it('reads inside a transaction see its own writes and a snapshot of others', async () => {
    const seen = await db.runTransaction(async (tx: Loose) => {
      await tx
        .collection('items')
        .doc('acct2')
        .update({ data: { balance: 5 } })
      const own = (await tx.collection('items').doc('acct2').get()).data.balance
      await db
        .collection('items')
        .doc('acct1')
        .update({ data: { balance: 1 } }) // outside the transaction
      const snap = (await tx.collection('items').doc('acct1').get()).data.balance
      return { own, snap }
    })
    expect(seen).toEqual({ own: 5, snap: 100 })
  })

  it('a write-write conflict is refused at the update; runTransaction then rejects without retrying', async () => {
    // wx-server-sdk turns the refusal into {errCode: -501001, errMsg} without the `code` that @cloudbase/database's
    // retry looks for, so the callback is not run again (as on the platform): callers retry (server/reach-ledger)
    let attempts = 0
    const e = await rejection(
      db.runTransaction(async (tx: Loose) => {
        attempts++
        const a = (await tx.collection('items').doc('acct1').get()).data
        await db
          .collection('items')
          .doc('acct1')
          .update({ data: { balance: db.command.inc(1) } })
        await tx
          .collection('items')
          .doc('acct1')
          .update({ data: { balance: a.balance + 10 } })
      }),
    )
    expect(e.errMsg).toMatch(/TransactionConflict/)
    expect(attempts).toBe(1)
    expect(await balance('acct1')).toBe(101) // the concurrent +1 is kept, the refused +10 never written
  })

  it('concurrent transfers keep the total', async () => {
    const transfer = () =>
      db.runTransaction(async (tx: Loose) => {
        const a = (await tx.collection('items').doc('acct1').get()).data
        const b = (await tx.collection('items').doc('acct2').get()).data
        await tx
          .collection('items')
          .doc('acct1')
          .update({ data: { balance: a.balance - 1 } })
        await tx
          .collection('items')
          .doc('acct2')
          .update({ data: { balance: b.balance + 1 } })
      }, 20)
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, transfer))
    const done = outcomes.filter((o) => o.status === 'fulfilled').length
    expect(done).toBeGreaterThan(0)
    expect((await balance('acct1')) + (await balance('acct2'))).toBe(100)
    expect(await balance('acct2')).toBe(done)
  })

  it('throwing inside the callback rolls everything back', async () => {
    const e = await rejection(
      db.runTransaction(async (tx: Loose) => {
        await tx
          .collection('items')
          .doc('acct1')
          .update({ data: { balance: 0 } })
        throw new Error('changed my mind')
      }),
    )
    expect(String(e.message ?? e)).toMatch(/changed my mind/)
    expect(await balance('acct1')).toBe(100)
  })

  it('rollback() aborts with its reason', async () => {
    const e = await rejection(
      db.runTransaction(async (tx: Loose) => {
        await tx
          .collection('items')
          .doc('acct1')
          .update({ data: { balance: 0 } })
        await tx.rollback('insufficient')
      }),
    )
    expect(e).toBe('insufficient')
    expect(await balance('acct1')).toBe(100)
  })

  it('a get or update by id inside a transaction examines that one document, however many it wrote or others committed', async () => {
    const examined = () => t.cloud.queryStats().byCollection.items?.examined ?? 0
    const seen = await db.runTransaction(async (tx: Loose) => {
      for (let i = 0; i < 20; i++)
        await tx
          .collection('items')
          .doc(`txw${i}`)
          .set({ data: { n: i } })
      // committed by others while the transaction is open: it keeps their before-images
      for (let i = 0; i < 20; i++)
        await db
          .collection('items')
          .doc(`txo${i}`)
          .set({ data: { n: i } })
      t.cloud.queryStats({ reset: true })
      const own = (await tx.collection('items').doc('txw7').get()).data.n
      const snap = (await tx.collection('items').doc('acct1').get()).data.balance
      const before = examined()
      await tx
        .collection('items')
        .doc('acct2')
        .update({ data: { balance: db.command.inc(1) } })
      const missing = await tx
        .collection('items')
        .doc('txo3')
        .update({ data: { n: db.command.inc(1) } })
      return { own, snap, gets: before, updates: examined() - before, missing: missing.stats.updated }
    })
    // the snapshot still holds: a document committed since the transaction began is not there for it
    expect(seen).toEqual({ own: 7, snap: 100, gets: 2, updates: 1, missing: 0 })
    expect(await balance('acct2')).toBe(1)
    expect((await db.collection('items').doc('txo3').get()).data.n).toBe(3)
    for (let i = 0; i < 20; i++) {
      await db.collection('items').doc(`txw${i}`).remove()
      await db.collection('items').doc(`txo${i}`).remove()
    }
  })

  it('where() queries are refused inside a transaction (single-document operations only)', async () => {
    // NB: the SDK sends where().update()/remove() WITHOUT the transaction id, so those cannot be told apart
    // from a plain batch write and would run outside the transaction, as on the real service.
    const e = await rejection(
      db.runTransaction(async (tx: Loose) => {
        await tx
          .collection('items')
          .doc('acct1')
          .update({ data: { balance: 0 } })
        await tx.collection('items').where({ balance: 100 }).get()
      }),
    )
    expect(e.errCode).toBe(-501007)
    expect(e.errMsg).toMatch(/single document/)
    expect(await balance('acct1')).toBe(100)
  })
})
