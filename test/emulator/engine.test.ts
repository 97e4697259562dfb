/**
 * The storage engine on its own: group commit, writes chained from acknowledgements never stall, and the
 * equality indexes always give the same answers as a full scan.
 */
import fs from 'node:fs'
import { Query } from 'mingo'
import { Engine, type Doc, type Durability } from '../../emulator'
import { cloneDoc } from '../../emulator/store/values'
import { geometriesAt, intersects, isWithin, metersTo } from '../../emulator/store/geo'
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

describe('2dsphere index', () => {
  const e = open('write')
  const all: Doc[] = []
  const square = (lng: number, lat: number, half: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [lng - half, lat - half],
        [lng + half, lat - half],
        [lng + half, lat + half],
        [lng - half, lat + half],
        [lng - half, lat - half],
      ],
    ],
  })
  beforeAll(async () => {
    await e.createCollection('g')
    let seed = 11
    const rnd = (n: number): number => (seed = (seed * 16807) % 2147483647) % n
    for (let i = 0; i < 500; i++) {
      const lng = 121 + rnd(1000) / 1000
      const lat = 31 + rnd(1000) / 1000
      const d: Doc = { _id: `g${i}` }
      // mostly points, some micro-grid outlines (polygons), some with no place at all
      if (rnd(10) > 1) d.at = rnd(5) ? { type: 'Point', coordinates: [lng, lat] } : square(lng, lat, rnd(50) / 1000)
      all.push(d)
    }
    await e.insert('g', cloneDoc(all.slice(0, 250)))
    e.ensureIndex('g', 'at', '2dsphere') // built over existing documents, then kept up to date
    await e.insert('g', cloneDoc(all.slice(250)))
    await e.update('g', { _id: 'g1' }, { $set: { at: { type: 'Point', coordinates: [121.5, 31.5] } } })
    await e.remove('g', { _id: 'g2' })
    all[1].at = { type: 'Point', coordinates: [121.5, 31.5] }
    all.splice(2, 1)
  })
  const center = [121.5, 31.5]
  const geomOf = (d: Doc) => geometriesAt(d, ['at'])
  const region = square(121.3, 31.7, 0.08)
  it.each([
    [
      'near, 3 km',
      { at: { $nearSphere: { $geometry: { type: 'Point', coordinates: center }, $maxDistance: 3000 } } },
      (d: Doc) => geomOf(d).some((g) => metersTo(center, g) <= 3000),
    ],
    [
      'near, 2–8 km',
      {
        at: {
          $nearSphere: { $geometry: { type: 'Point', coordinates: center }, $minDistance: 2000, $maxDistance: 8000 },
        },
      },
      (d: Doc) => geomOf(d).some((g) => metersTo(center, g) >= 2000 && metersTo(center, g) <= 8000),
    ],
    [
      'within a polygon',
      { at: { $geoWithin: { $geometry: region } } },
      (d: Doc) => geomOf(d).some((g) => isWithin(g, { kind: 'polygon', shape: region as never })),
    ],
    [
      'within a centerSphere',
      { at: { $geoWithin: { $centerSphere: [center, 5 / 6378.1] } } },
      (d: Doc) => geomOf(d).some((g) => isWithin(g, { kind: 'sphere', center, meters: 5000 })),
    ],
    [
      'intersecting a polygon',
      { at: { $geoIntersects: { $geometry: region } } },
      (d: Doc) => geomOf(d).some((g) => intersects(g, region as never)),
    ],
  ] as const)('%s finds what a full scan finds, nearest first for near', (_name, q, pred) => {
    const expected = all.filter(pred)
    const found = e.find('g', q as unknown as Doc)
    expect(found.map((d) => d._id).sort()).toEqual(expected.map((d) => d._id).sort())
    expect(expected.length).toBeGreaterThan(0)
    if (_name.startsWith('near')) {
      const dists = found.map((d) => Math.min(...geomOf(d).map((g) => metersTo(center, g))))
      expect(dists).toEqual([...dists].sort((a, b) => a - b))
    }
    expect(e.count('g', q as unknown as Doc)).toBe(expected.length)
  })
})
