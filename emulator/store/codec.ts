/**
 * One value <-> one line of relaxed EJSON, the format of the journal and the snapshot. bson's EJSON.stringify /
 * EJSON.parse walk every value through a per-key callback; here JSON does the work and only the few values JSON
 * cannot carry (dates, regular expressions, non-finite numbers, bson types) go through EJSON, so a snapshot
 * writes and replays about twice as fast. The output is EJSON: `EJSON.parse` reads it, and `decodeLine` reads
 * whatever `EJSON.stringify` wrote (test/emulator/codec.test.ts checks both ways).
 */
import { EJSON } from 'bson'

const tag = (v: unknown): string => Object.prototype.toString.call(v)
/** Largest time EJSON's relaxed form writes as an ISO string (9999-12-31T23:59:59.999Z). */
const ISO_MAX = 253402300799999

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key]
  if (typeof raw === 'number') return Number.isFinite(raw) ? value : EJSON.serialize(raw, { relaxed: true })
  if (typeof raw !== 'object' || raw === null) return value
  const t = tag(raw)
  if (t === '[object Date]') {
    const ms = (raw as Date).getTime()
    if (ms >= 0 && ms <= ISO_MAX) return { $date: (raw as Date).toISOString() }
    if (ms === ms) return { $date: { $numberLong: String(ms) } }
    return EJSON.serialize(raw, { relaxed: true })
  }
  if (t === '[object RegExp]' || '_bsontype' in raw) return EJSON.serialize(raw, { relaxed: true })
  return value
}

export const encodeLine = (value: unknown): string => JSON.stringify(value, replacer)

/** An object with a `$` key is an EJSON value (`{$date}`, `{$numberDouble}`…): EJSON turns it back. */
function revive(v: Record<string, unknown> | unknown[]): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]
      if (typeof x === 'object' && x !== null) v[i] = revive(x as Record<string, unknown>)
    }
    return v
  }
  for (const k in v) {
    if (k.charCodeAt(0) === 36) return k === '$date' ? dateOf(v) : EJSON.deserialize(v, { relaxed: true })
    const x = v[k]
    if (typeof x === 'object' && x !== null) v[k] = revive(x as Record<string, unknown>)
  }
  return v
}

/** `{$date: ISO}` and `{$date: {$numberLong}}` (what documents hold most) without EJSON's general path. */
function dateOf(v: Record<string, unknown>): unknown {
  const d = v.$date as unknown
  for (const k in v) if (k !== '$date') return EJSON.deserialize(v, { relaxed: true })
  if (typeof d === 'string') return new Date(d)
  const long = typeof d === 'object' && d !== null ? (d as { $numberLong?: unknown }).$numberLong : undefined
  if (typeof long === 'string' && Object.keys(d as object).length === 1) return new Date(Number(long))
  return EJSON.deserialize(v, { relaxed: true })
}

export function decodeLine(line: string): unknown {
  const v: unknown = JSON.parse(line)
  return typeof v === 'object' && v !== null ? revive(v as Record<string, unknown>) : v
}
