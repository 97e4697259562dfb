/**
 * The storage engine on its own: group commit, writes chained from acknowledgements never stall, and the
 * equality indexes always give the same answers as a full scan.
 */
import fs from 'node:fs'
import { Query } from 'mingo'
import { Engine, type Doc, type Durability } from '../../emulator'
import { cloneDoc } from '../../emulator/store/equality-index'
import { tempDir } from './helpers'

const dirs: string[] = []
const open = (durability: Durability): Engine => {
  const dir = tempDir('engine')
  dirs.push(dir)
  return new Engine(dir, { durability })
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

describe.each(['fsync', 'write'] as const)('durability %s', (durability) => {
  it('acknowledges writes issued one after another, each from the previous acknowledgement', async () => {
    const e = open(durability)
    await e.createCollection('c')
    await e.insert('c', [{ _id: 'n', v: 0 }])
    for (let i = 0; i < 200; i++) await e.update('c', { _id: 'n' }, { $inc: { v: 1 } })
    expect(e.find('c', { _id: 'n' })[0].v).toBe(200)
    await e.close()
  })
})

it('concurrent writes share fdatasyncs (group commit) and all survive a reopen', async () => {
  const dir = tempDir('group')
  dirs.push(dir)
  const e = new Engine(dir, { durability: 'fsync' })
  await e.createCollection('c')
  const before = e.syncCount
  await Promise.all(Array.from({ length: 500 }, (_, i) => e.insert('c', [{ _id: `d${i}` }])))
  expect(e.syncCount - before).toBeLessThan(50)
  await e.close()
  const again = new Engine(dir, { durability: 'fsync' })
  expect(again.size('c')).toBe(500)
  await again.close()
})

describe('equality indexes', () => {
  const e = open('write')
  const all: Doc[] = []
  beforeAll(async () => {
    await e.createCollection('p')
    for (const f of ['openid', 'roles.unitId', 'tags', 'at']) e.ensureIndex('p', f)
    let seed = 7
    const rnd = (n: number): number => (seed = (seed * 16807) % 2147483647) % n
    for (let i = 0; i < 400; i++) {
      const d: Doc = { _id: `p${i}`, openid: rnd(5) ? `o${rnd(30)}` : rnd(30), tags: ['t' + rnd(4), 't' + rnd(4)] }
      if (rnd(3)) d.roles = [{ unitId: `u${rnd(10)}` }, { unitId: `u${rnd(10)}` }]
      if (rnd(2)) d.at = new Date(Date.UTC(2025, 0, 1 + rnd(3)))
      all.push(d)
    }
    await e.insert('p', cloneDoc(all))
    // changes after insert must move documents between buckets
    await e.update('p', { _id: 'p1' }, { $set: { openid: 'o-moved', roles: [{ unitId: 'u-new' }] } })
    await e.remove('p', { _id: 'p2' })
    Object.assign(all[1], { openid: 'o-moved', roles: [{ unitId: 'u-new' }] })
    all.splice(2, 1)
  })
  it.each([
    [{ openid: 'o3' }],
    [{ openid: 3 }],
    [{ openid: 'o-moved' }],
    [{ 'roles.unitId': 'u4' }],
    [{ 'roles.unitId': 'u-new' }],
    [{ 'roles.unitId': { $in: ['u1', 'u2'] } }],
    [{ tags: 't2' }],
    [{ tags: { $eq: 't1' }, openid: { $exists: true } }],
    [{ at: new Date(Date.UTC(2025, 0, 2)) }],
    [{ $and: [{ openid: 'o7' }, { tags: 't0' }] }],
    [{ _id: { $in: ['p1', 'p2', 'p3'] } }],
    [{ openid: null }],
  ])('%j finds what a full scan finds', (q) => {
    const expected = new Query(q)
      .find<Doc>(all)
      .all()
      .map((d) => d._id)
      .sort()
    expect(
      e
        .find('p', q)
        .map((d) => d._id)
        .sort(),
    ).toEqual(expected)
    expect(e.count('p', q)).toBe(expected.length)
  })
})
