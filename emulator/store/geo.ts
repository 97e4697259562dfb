/**
 * Geo queries as CloudBase answers them (MongoDB 2dsphere semantics): `geoNear` ($nearSphere), `geoWithin`
 * ($geometry Polygon/MultiPolygon or $centerSphere), `geoIntersects`, and the `$geoNear` stage. Geometry is
 * @turf's (point in polygon, intersection, great-circle distance); distances are on MongoDB's sphere
 * (radius 6378.1 km, the one its docs use to turn kilometres into the radians of $centerSphere).
 *
 * A 2dsphere index here is a grid of 0.1° cells: each indexed geometry sits in the cells of its bounding box, a
 * query reads only the cells of its own box, so a geo query never scans the collection.
 */
import { booleanIntersects } from '@turf/boolean-intersects'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { distance } from '@turf/distance'
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson'
import { StoreError } from './errors'
import { isDate, isRegExp, valuesAt, type Doc } from './values'

export const EARTH_RADIUS_M = 6378.1 * 1000
export const GEO_OPERATORS = ['$nearSphere', '$near', '$geoWithin', '$geoIntersects'] as const

const TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'])
const isObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v) && !isRegExp(v)
const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number'

/** A stored or queried value as GeoJSON geometry, or undefined when it is not one. */
export function asGeometry(v: unknown): Geometry | undefined {
  if (!isObject(v) || typeof v.type !== 'string' || !TYPES.has(v.type) || !Array.isArray(v.coordinates))
    return undefined
  return v as unknown as Geometry
}

function badGeometry(what: string): never {
  throw new StoreError('DATABASE_REQUEST_FAILED', `invalid geo query: ${what}`)
}

/** Every vertex of a geometry. */
export function positions(g: Geometry): Position[] {
  const out: Position[] = []
  const walk = (c: unknown): void => {
    if (isPosition(c)) out.push(c)
    else if (Array.isArray(c)) c.forEach(walk)
  }
  if ('coordinates' in g) walk(g.coordinates)
  return out
}

export const metersBetween = (a: Position, b: Position): number => distance(a, b, { units: 'radians' }) * EARTH_RADIUS_M

/** Distance from a point to a geometry: 0 inside a polygon, else to its nearest vertex. */
export function metersTo(center: Position, g: Geometry): number {
  if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && booleanPointInPolygon(center, g)) return 0
  let best = Infinity
  for (const p of positions(g)) best = Math.min(best, metersBetween(center, p))
  return best
}

// ---------- query operators (the value side of `{field: {$op: ...}}`) ----------

export interface NearSpec {
  center: Position
  min: number
  max: number
}

/** `$nearSphere`/`$near` with a GeoJSON point ($geometry), as the SDK's geoNear sends it; distances in metres. */
export function nearSpec(v: unknown): NearSpec {
  if (!isObject(v)) return badGeometry('$nearSphere needs {$geometry, $maxDistance?, $minDistance?}')
  const point = asGeometry(v.$geometry)
  if (!point || point.type !== 'Point') return badGeometry('$nearSphere needs a Point')
  const num = (x: unknown, dflt: number): number => {
    if (x === undefined || x === null) return dflt
    if (typeof x !== 'number' || x < 0) return badGeometry('distances must be non-negative numbers')
    return x
  }
  return { center: point.coordinates, min: num(v.$minDistance, 0), max: num(v.$maxDistance, Infinity) }
}

export type Region =
  | { kind: 'polygon'; shape: Polygon | MultiPolygon }
  | { kind: 'sphere'; center: Position; meters: number }

export function withinRegion(v: unknown): Region {
  if (!isObject(v)) return badGeometry('$geoWithin needs $geometry or $centerSphere')
  if (v.$centerSphere !== undefined) {
    const cs = v.$centerSphere
    if (!Array.isArray(cs) || !isPosition(cs[0]) || typeof cs[1] !== 'number' || cs[1] < 0)
      return badGeometry('$centerSphere is [[longitude, latitude], radians]')
    return { kind: 'sphere', center: cs[0], meters: cs[1] * EARTH_RADIUS_M }
  }
  const g = asGeometry(v.$geometry)
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
    return badGeometry('$geoWithin $geometry must be a Polygon or MultiPolygon')
  return { kind: 'polygon', shape: g }
}

/** Whether the whole geometry lies in the region (every vertex inside, as for the points and grid outlines stored). */
export function isWithin(g: Geometry, r: Region): boolean {
  const ps = positions(g)
  if (!ps.length) return false
  return r.kind === 'sphere'
    ? ps.every((p) => metersBetween(r.center, p) <= r.meters)
    : ps.every((p) => booleanPointInPolygon(p, r.shape))
}

export function intersectsGeometry(v: unknown): Geometry {
  const g = isObject(v) ? asGeometry(v.$geometry) : undefined
  return g ?? badGeometry('$geoIntersects needs a $geometry')
}

export const intersects = (a: Geometry, b: Geometry): boolean => booleanIntersects(a, b)

// ---------- the 2dsphere index ----------

export interface Box {
  minLng: number
  minLat: number
  maxLng: number
  maxLat: number
}

const CELL = 0.1
/** a geometry whose box covers more cells than this is kept in one list every query reads */
const MAX_CELLS = 4096

export function boxOf(ps: Position[]): Box {
  const b = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity }
  for (const [lng, lat] of ps) {
    b.minLng = Math.min(b.minLng, lng)
    b.maxLng = Math.max(b.maxLng, lng)
    b.minLat = Math.min(b.minLat, lat)
    b.maxLat = Math.max(b.maxLat, lat)
  }
  return b
}

/** The box around a circle of `meters` (the whole band of longitudes near a pole). */
export function boxAround([lng, lat]: Position, meters: number): Box {
  const dLat = ((meters / EARTH_RADIUS_M) * 180) / Math.PI
  const minLat = Math.max(-90, lat - dLat)
  const maxLat = Math.min(90, lat + dLat)
  const cos = Math.min(Math.cos((minLat * Math.PI) / 180), Math.cos((maxLat * Math.PI) / 180))
  const dLng = cos <= 1e-9 ? 360 : dLat / cos
  if (dLng >= 180) return { minLng: -180, maxLng: 180, minLat, maxLat }
  return { minLng: lng - dLng, maxLng: lng + dLng, minLat, maxLat }
}

const cell = (x: number): number => Math.floor(x / CELL)

function cellsOf(b: Box): string[] | undefined {
  const [x0, x1, y0, y1] = [cell(b.minLng), cell(b.maxLng), cell(b.minLat), cell(b.maxLat)]
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) return undefined
  const out: string[] = []
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(`${x}:${y}`)
  return out
}

/** The geometries stored at a (possibly dotted) path: GeoJSON objects, also inside arrays. */
export function geometriesAt(doc: Doc, path: string[]): Geometry[] {
  return valuesAt(doc, path).flatMap((v) => asGeometry(v) ?? [])
}

export class GeoIndex {
  private readonly cells = new Map<string, Set<string>>()
  private readonly wide = new Set<string>()
  private readonly members = new Set<string>()
  private readonly path: string[]

  constructor(readonly field: string) {
    this.path = field.split('.')
  }

  private placesOf(doc: Doc): { cells: string[]; wide: boolean } | undefined {
    const gs = geometriesAt(doc, this.path)
    if (!gs.length) return undefined
    const cs = cellsOf(boxOf(gs.flatMap(positions)))
    return cs ? { cells: cs, wide: false } : { cells: [], wide: true }
  }

  add(id: string, doc: Doc): void {
    const at = this.placesOf(doc)
    if (!at) return
    this.members.add(id)
    if (at.wide) this.wide.add(id)
    for (const c of at.cells) {
      let s = this.cells.get(c)
      if (!s) this.cells.set(c, (s = new Set()))
      s.add(id)
    }
  }

  remove(id: string, doc: Doc): void {
    const at = this.placesOf(doc)
    if (!at) return
    this.members.delete(id)
    this.wide.delete(id)
    for (const c of at.cells) {
      const s = this.cells.get(c)
      if (!s) continue
      s.delete(id)
      if (!s.size) this.cells.delete(c)
    }
  }

  /** Ids whose geometry may touch the box (all indexed ids when the box is unbounded or huge). */
  lookup(b: Box | undefined): Set<string> {
    const cs = b && cellsOf(b)
    if (!cs) return new Set(this.members)
    const out = new Set(this.wide)
    for (const c of cs) for (const id of this.cells.get(c) ?? []) out.add(id)
    return out
  }
}

/** The box a geo query condition can only match inside, or undefined when it is unbounded. */
export function queryBox(op: string, v: unknown): Box | undefined {
  if (op === '$nearSphere' || op === '$near') {
    const n = nearSpec(v)
    return Number.isFinite(n.max) ? boxAround(n.center, n.max) : undefined
  }
  if (op === '$geoWithin') {
    const r = withinRegion(v)
    return r.kind === 'sphere' ? boxAround(r.center, r.meters) : boxOf(positions(r.shape))
  }
  return boxOf(positions(intersectsGeometry(v)))
}
